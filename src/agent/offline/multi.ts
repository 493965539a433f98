// Several requests in one message ("two things: where's my parcel, and do you have a rain jacket
// in L"): the message is cut at sentence ends and at connectives that start a new request, each
// piece is understood on its own, and pieces that are not a request of their own (a greeting, a
// "thanks", a low-confidence fragment, a second sentence about the same thing) go back to their
// neighbour. Two or more distinct requests remain → each is planned and answered, in order.
import type { Memory } from './memory.js';
import { classify, isConfident, type Intent } from './classify.js';

const MAX_PARTS = 3;
const PRODUCT: ReadonlySet<string> = new Set(['search', 'stock', 'compare', 'add_to_cart']);

// Where a new request may start: a sentence end, or a connective before a question or request.
// Where a new request may start: a sentence end, or a connective before a question or request.
const BOUNDARY =
  /(?<=[.?!;:\n])\s+|\s*,?\s+(?:and also|also|plus|oh and|and then|another thing|secondly)\s+|\s*,?\s+and\s+(?=(?:can|could|would|do|does|did|is|are|will|where|what|when|how|which|i'?d|i would|i want|i need|please|tell|show|check|find)\b)/i;
const LEAD = /^(?:two things|2 things|a couple of things|first(?:ly)?|1\)|2\)|and|also|plus|oh|so|then)\b[\s,:.-]*/i;

/** Intents that are not a request on their own: they join a neighbouring piece. */
const NOT_A_REQUEST: ReadonlySet<Intent> = new Set(['greeting', 'thanks', 'goodbye', 'confirm', 'deny', 'out_of_scope', 'unanswerable']);

export function splitRequests(text: string, memory: Memory): string[] {
  // An answer to a question or a proposal is read whole: "yes, and …" is not two requests.
  // An identity claim ("I am sarah@…, list my orders") is read whole: verification comes first.
  if (memory.pendingReturn || memory.asked || text.length > 600 || /@/.test(text)) return [text];
  const pieces = text
    .split(BOUNDARY)
    .map((p) => p?.replace(LEAD, '').trim() ?? '')
    .filter((p) => p.length > 0);
  if (pieces.length < 2) return [text];
  const ctx = { shownProducts: memory.products.length, shownOrders: memory.orders.length };
  const parts: Array<{ text: string; intent: Intent | null; pointer?: boolean }> = [];
  for (const piece of pieces) {
    const u = classify(piece, ctx);
    const own = isConfident(u) && !NOT_A_REQUEST.has(u.intent) ? u.intent : null;
    const last = parts[parts.length - 1];
    // "do you have this in stock? the red wrap dress in XXL": a pointer and the piece it points at are one request.
    const samePiece = last !== undefined && PRODUCT.has(own ?? '') && PRODUCT.has(last.intent ?? '') && (u.entities.pronoun !== (last.pointer ?? false));
    // Not a request of its own, or more about the same thing: it belongs with the piece before.
    if (last && (own === null || own === last.intent || last.intent === null || samePiece)) {
      last.text = `${last.text} ${piece}`;
      last.intent ??= own;
    } else parts.push({ text: piece, intent: own, pointer: u.entities.pronoun && !u.entities.category });
  }
  const requests = parts.filter((p) => p.intent !== null);
  // A person asked for takes the whole message with them ("it arrived damaged and I want to speak to somebody").
  if (requests.length < 2 || requests.some((p) => p.intent === 'human')) return [text];
  return requests.slice(0, MAX_PARTS).map((p) => p.text);
}

// "both", "all of them", "do both", "yes to both": every option of the question just asked.
const BOTH = /^\W*(?:(?:yes|yeah|ok|okay|sure)[\s,]+)?(?:(?:please|pls)\s+)?(?:do\s+|to\s+|help with\s+)?(?:both|all of (?:them|those|it)|all three|all|the two of them|either|both of them)(?:\s+(?:please|pls|thanks|of them))*\W*$/i;
const OFFER_LEAD = /^(?:would you like|do you want|shall i|should i|can i|want)\s+(?:me\s+to\s+)?(?:help\s+(?:you\s+)?with\s+|to\s+)?/i;

/**
 * The options of the question that ended the previous reply ("Would you like help with sizing or
 * delivery times?" → ["help with sizing", "help with delivery times"]), when this message takes them all.
 */
export function takesAllOptions(text: string, prevReply: string): string[] | null {
  if (!BOTH.test(text)) return null;
  const question = /([^.?!\n]*)\?\s*$/.exec(prevReply)?.[1]?.trim();
  if (!question || !OFFER_LEAD.test(question)) return null;
  const body = question.replace(OFFER_LEAD, '');
  const options = body.split(/\s*,\s*(?:or\s+)?|\s+or\s+|\s+and\s+/i).map((o) => o.trim()).filter((o) => o.length > 1);
  if (options.length < 2 || options.length > MAX_PARTS) return null;
  const helpWith = /help/i.test(question);
  return options.map((o) => (helpWith ? `help with ${o}` : o));
}
