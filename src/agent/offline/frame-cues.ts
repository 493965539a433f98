// The word patterns a turn is read by (frame.ts): basket cues, questions, size steps, other
// colours, and messages in another language; and what the message does with its words (asks,
// imagines, tells, agrees on a condition), which is learned, not patterned (the act head, below).
import { PLACES_ABROAD } from './lexicon.js';
import { classifyAct, type Act } from './nlu/index.js';

export const CART_QUANTITY =
  /\b(make (?:it|that|them)|change (?:it|that|the quantity) to)\s+(10|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:dollars|bucks|usd|\$))/i;
export const ADD_MORE = /\b(?:(\d{1,2}|one|two|three|four|five|another)\s+more|another one|one more)\b/i;
/** An add asked as "how" ("how can I buy one of them"): how buying works (frame.ts `buying`, multi.ts `ofBuying`). */
export const HOW_ASKED = /\bhow (do|can|to|would|should)\b/i;
export const SHOW_WORDS = /\b(show|see|options|others)\b/i;
// A question opens after any emoji or symbols before it ("😍 how much").
export const QUESTIONISH =
  /\?|^[\s\p{Extended_Pictographic}\p{S}\p{P}]*(how|what|which|is|are|does|do|can|could|would|will|tell me|more about|show me)\b/iu;
const SIZE_UP = /\b(bigger|larger) (one|size)|\bsize (up|bigger|larger)\b|\bone size (up|bigger|larger)\b|\bsize up\b/i;
const SIZE_DOWN = /\bsmaller (one|size)|\bsize (down|smaller)\b|\bone size (down|smaller)\b/i;

/** +1 for "a bigger size", -1 for "a smaller one", null when the message asks neither. */
export function sizeStep(text: string): 1 | -1 | null {
  if (SIZE_UP.test(text)) return 1;
  if (SIZE_DOWN.test(text)) return -1;
  return null;
}

export const OTHER_COLOURS = /\b(other|different|another) colou?rs?\b/i;
// Everyday words of other languages that are no English word: two of them and the message is
// not English ("Hallo, haben Sie rote Kleider?", "hola, tienen vestidos rojos?").
const FOREIGN_WORDS = new Set(
  (
    'haben habt ich nicht bitte danke und ein eine einen kleid kleider schuhe jacke rote roten blaue schwarze wo meine bestellung gibt ' +
    'hola tienen tiene quiero gracias vestido vestidos zapatos rojo roja rojos azul donde pedido busco necesito ' +
    'bonjour merci avez vous voudrais chaussures rouge rouges bleu noir commande je suis cherche ' +
    'ciao grazie vorrei avete vestiti scarpe rosso rossi nero dove ordine cerco'
  ).split(' '),
);
export const isForeign = (text: string) => (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => FOREIGN_WORDS.has(w)).length >= 2;
// An address written out abroad ("10 Downing Street, London SW1A 2AA", "5 rue Cler, Paris"): a street
// with a UK or Canadian postcode, or with a country or city outside the US.
const STREET =
  /\b\d+[a-z]?\s+(?:[a-z'-]+\s+){0,3}(?:street|st|road|rd|avenue|ave|lane|ln|way|drive|dr|place|square|terrace|close|crescent|strasse|straße|gasse)\b|\b\d*\s*(?:rue|calle|via|avenida)\s+[a-z]/i;
const POSTCODE_ABROAD = /\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b|\b[a-z]\d[a-z]\s?\d[a-z]\d\b/i;
const PLACE_ABROAD = new RegExp(String.raw`\b(${PLACES_ABROAD.join('|')})\b`, 'i');
export const addressAbroad = (text: string) => STREET.test(text) && (POSTCODE_ABROAD.test(text) || PLACE_ABROAD.test(text));
/** A country or city outside the US named ("what about ireland?"). */
export const namesPlaceAbroad = (text: string) => PLACE_ABROAD.test(text);

export const WHICH_COLOURS =
  /\b(what|which|other|different|another|any|more|all the) colou?rs?\b|\bcolou?rs? (does|do|is|are|can|options?|available)\b/i;

// "and when will they get here?", "so when's it arriving": a follow-up pointing back at what the
// previous reply was about (with an order just shown, that order).
export const POINTS_BACK =
  /^\s*(and|so|ok(ay)?( so| and)?|cool( so| and)?|right( so| and)?)\b|\b(it|its|they|them|that|this|those|these|my (order|parcel|package|delivery|stuff|things)|the (order|parcel|package|delivery))\b/i;

// What a message does with its words, read by the act head of the learned classifier (trained from
// data/nlu/acts/train, see data/nlu/README.md), not by word patterns: whatever its intent, a message
// may ask for something now, only imagine it, tell what was done, or agree on a condition.

/** The act, when the head finds it more likely than all the others together: a reading that changes what is done must be clear. */
function reads(text: string, act: Act): boolean {
  const p = classifyAct(text);
  return p.act === act && p.confidence >= 0.5;
}

/** "if they don't fit can he send them back?", "once it arrives, how do I return it": imagined, not asked for. */
export const imagines = (text: string): boolean => reads(text, 'hypothetical');

/**
 * Imagined is the likeliest act, if not a clear one: enough only where nothing concrete is named
 * (no piece, order, size or colour), so that asking which piece would answer a question not asked.
 */
export const leansImagined = (text: string): boolean => {
  const p = classifyAct(text);
  return p.act === 'hypothetical' && p.confidence >= 0.4;
};

/**
 * "I already sent them back", "I cancelled my last order", "I bought the navy one and loved it":
 * done and told, nothing asked ("I returned it, can you check the refund?" asks).
 */
export const tellsDone = (text: string): boolean => reads(text, 'told');

/** Only courtesy ("ok, thanks, bye", "hope you are well"): nothing asked or agreed to. */
export const onlyCourtesy = (text: string): boolean => reads(text, 'courtesy');

/** A purchase told ("I got the linen shirt last summer") is no piece to put in the basket: the same act. */
export const tellsPastPurchase = tellsDone;

/**
 * "yes if it still arrives by Friday", "ok as long as it's free": agreement on a condition the
 * assistant cannot check, which is no yes (core/consent decides; this only reads it as an answer to the proposal).
 */
export const agreesOnCondition = (text: string): boolean => reads(text, 'conditional_yes');

/** "both", "all of them", "do both", "yes to both": every option of the question just asked (multi.ts), or every proposal made together (frame-detail.ts). */
export const ALL_OFFERED =
  /^\W*(?:(?:yes|yeah|ok|okay|sure)[\s,]+)?(?:(?:please|pls)\s+)?(?:do\s+|to\s+|help with\s+)?(?:both|all of (?:them|those|it)|all three|all|the two of them|either|both of them)(?:\s+(?:please|pls|thanks|of them))*\W*$/i;

/** Some of the pieces, not all: "only the trousers", "just the jumper". */
export const ONLY_SOME = /\b(only|just)\b/i;

/** A piece that takes back or narrows what was just said ("Sorry, not just the tee, I mean the whole order"): more of the request before it. */
export const CORRECTS = /^(?:sorry|i mean|i meant|no wait|or rather|correction)\b/i;
/** A detail kept as it was, said on its own ("same size?", "in the same colour please"): nothing of its own to ask. */
export const SAME_AS_BEFORE =
  /^(?:and\s+|but\s+)?(?:in\s+)?(?:the\s+)?same\s+(?:size|colou?r|fit|style|one)\b\W*(?:please|pls|again|as before|as last time)?\W*$/i;
