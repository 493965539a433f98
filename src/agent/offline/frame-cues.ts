// The word patterns a turn is read by (frame.ts): basket cues, questions, size steps, other
// colours, and messages in another language.
import { PLACES_ABROAD } from './lexicon.js';

export const CART_QUANTITY =
  /\b(make (?:it|that|them)|change (?:it|that|the quantity) to)\s+(10|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:dollars|bucks|usd|\$))/i;
export const ADD_MORE = /\b(?:(\d{1,2}|one|two|three|four|five|another)\s+more|another one|one more)\b/i;
export const SHOW_WORDS = /\b(show|see|options|others)\b/i;
export const QUESTIONISH = /\?|^\s*(how|what|which|is|are|does|do|can|could|would|will|tell me|more about|show me)\b/i;
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

// "yes if it still arrives by Friday", "ok as long as it's free": agreement on a condition the
// assistant cannot check is no yes (core/consent decides; this only reads it as an answer to the proposal).
export const CONDITIONAL_YES =
  /^\W*(?:yes|yeah|yep|yup|ok(?:ay)?|sure|fine|go ahead|do it)\b[^.?!]*?\b(?:if|as long as|so long as|provided(?: that)?|only if|assuming|on condition|unless)\b/i;

export const WHICH_COLOURS =
  /\b(what|which|other|different|another|any|more|all the) colou?rs?\b|\bcolou?rs? (does|do|is|are|can|options?|available)\b/i;

// "I bought the navy one and loved it": a past purchase told, not a piece to put in the basket
// (unless the same words ask for one: "I got the tee, can you add another?").
const PAST_PURCHASE = /\b(i|we)\s+(already\s+|once\s+|recently\s+)?(bought|got|ordered|purchased|had)\b/i;
const ASKS_TO_ADD = /\b(add|put|take|want|would like|'d like|'ll have|'ll take|get me|grab|buy|order me|another|again|more)\b|\?/i;
export const tellsPastPurchase = (text: string) => PAST_PURCHASE.test(text) && !ASKS_TO_ADD.test(text);

// "can you send it with DHL instead", "switch my order to express", "could the parcel go by UPS":
// a change of carrier or delivery speed for an order already placed, which no tool makes. A
// question about the options ("do you ship with DHL?", "do you offer express?") is not one.
const CARRIER = String.raw`(?:dhl|ups|fedex|usps|royal mail|dpd|evri|hermes|parcelforce|gls|(?:a|another|a different) (?:courier|carrier)|express|next[- ]day|overnight)`;
const SENT_BY = new RegExp(
  String.raw`\b(?:send|ship|deliver|post|dispatch|go|come)\w*\s+(?:(?:it|them|that|this|my \w+|the \w+)\s+)?(?:\w+\s+)?(?:with|by|via|using|through)\s+${CARRIER}\b`,
  'i',
);
const FOR_AN_ORDER = /\b(instead|my (order|parcel|package|delivery)|the (order|parcel|package|delivery)|order #?\d{4,10})\b/i;
const CHANGES_CARRIER = new RegExp(
  String.raw`\b(?:change|switch|swap|upgrade|move)\w*\s+(?:\w+\s+){0,4}?(?:carrier|courier|shipping (?:method|speed|service|company)|delivery (?:method|speed|service|company)|to ${CARRIER})\b|\b(?:with|via|by|use)\s+${CARRIER}\s+instead\b`,
  'i',
);
// "can I upgrade to faster shipping at checkout": an order still to place, whose options the policy gives.
const NOT_PLACED_YET = /\b(checkout|check out|when (i|we) (order|buy|pay)|before (i|we) (order|buy|pay)|if (i|we) (order|buy))\b/i;
export const asksCarrierChange = (text: string) =>
  ((SENT_BY.test(text) && FOR_AN_ORDER.test(text)) || CHANGES_CARRIER.test(text)) && !NOT_PLACED_YET.test(text);

// "and when will they get here?", "so when's it arriving": a follow-up pointing back at what the
// previous reply was about (with an order just shown, that order).
export const POINTS_BACK =
  /^\s*(and|so|ok(ay)?( so| and)?|cool( so| and)?|right( so| and)?)\b|\b(it|its|they|them|that|this|those|these|my (order|parcel|package|delivery|stuff|things)|the (order|parcel|package|delivery))\b/i;

// "if they don't fit can he send them back?", "how do I return it once it arrives", "in case it's
// too small": a return imagined, not asked for: what the policy allows.
export const HYPOTHETICAL =
  /\b(if(?! (possible|you can|you could|so|that'?s? (ok|okay|alright|fine)))|in case|what if|suppose|supposing|should (it|they|the \w+) not|(?:once|after) (it|they|the \w+|my \w+) (arrives?|comes?|gets? here|is delivered|are delivered|turns? up)|(?:once|after|when) i(?:'ve| have)? (have|get|got|receive|received) (it|them|the \w+|my \w+)|when (it|they|the \w+|my \w+) (arrives?|comes?|gets? here|turns? up))\b/i;

// "I cancelled my last order", "we already sent them back": something done, told, not asked for
// (unless the same words ask: "I returned it, can you check the refund?" is still no new action).
const TELLS_DONE = /\b(i|we)\s+(already\s+|just\s+|have\s+|'ve\s+)?(cancell?ed|returned|sent (\w+ ){0,3}?back)\b/i;
const ASKS_TO_ACT = /\b(please|can|could|would|will|want|need|like|help|how|cancel|return)\b|\?/i;
export const tellsDone = (text: string) => TELLS_DONE.test(text) && !ASKS_TO_ACT.test(text.replace(TELLS_DONE, ' '));
