// The word patterns a turn is read by (frame.ts): basket cues, questions, size steps, other
// colours, and messages in another language.

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
export const WHICH_COLOURS =
  /\b(what|which|other|different|another|any|more|all the) colou?rs?\b|\bcolou?rs? (does|do|is|are|can|options?|available)\b/i;

// "I bought the navy one and loved it": a past purchase told, not a piece to put in the basket
// (unless the same words ask for one: "I got the tee, can you add another?").
const PAST_PURCHASE = /\b(i|we)\s+(already\s+|once\s+|recently\s+)?(bought|got|ordered|purchased|had)\b/i;
const ASKS_TO_ADD = /\b(add|put|take|want|would like|'d like|'ll have|'ll take|get me|grab|buy|order me|another|again|more)\b|\?/i;
export const tellsPastPurchase = (text: string) => PAST_PURCHASE.test(text) && !ASKS_TO_ADD.test(text);
