// Several requests in one message ("two things: where's my parcel, and do you have a rain jacket
// in L"): the message is cut at sentence ends and at connectives that start a new request, each
// piece is understood on its own, and pieces that are not a request of their own (a greeting, a
// "thanks", a low-confidence fragment, a second sentence about the same thing) go back to their
// neighbour. Two or more distinct requests remain → each is planned and answered, in order.
import type { Memory } from './memory.js';
import { classify, isConfident, type Intent } from './classify.js';

const MAX_PARTS = 3;

// Where a new request may start: a sentence end, or a connective before a question or request.
const BOUNDARY =
  /(?<=[.?!;:\n])\s+|\s*,?\s+(?:and also|also|plus|oh and|and then|another thing|secondly)\s+|\s*,?\s+and\s+(?=(?:can|could|would|do|does|did|is|are|will|where|what|when|how|which|i'?d|i would|i want|i need|please|tell|show|check|find)\b)/i;
const LEAD = /^(?:two things|2 things|a couple of things|first(?:ly)?|1\)|2\)|and|also|plus|oh|so|then)\b[\s,:.-]*/i;

/** Intents that are not a request on their own: they join a neighbouring piece. */
const NOT_A_REQUEST: ReadonlySet<Intent> = new Set(['greeting', 'thanks', 'goodbye', 'confirm', 'deny', 'out_of_scope', 'unanswerable']);

export function splitRequests(text: string, memory: Memory): string[] {
  // An answer to a question or a proposal is read whole: "yes, and …" is not two requests.
  if (memory.pendingReturn || memory.asked || text.length > 600) return [text];
  const pieces = text
    .split(BOUNDARY)
    .map((p) => p?.replace(LEAD, '').trim() ?? '')
    .filter((p) => p.length > 0);
  if (pieces.length < 2) return [text];
  const ctx = { shownProducts: memory.products.length, shownOrders: memory.orders.length };
  const parts: Array<{ text: string; intent: Intent | null }> = [];
  for (const piece of pieces) {
    const u = classify(piece, ctx);
    const own = isConfident(u) && !NOT_A_REQUEST.has(u.intent) ? u.intent : null;
    const last = parts[parts.length - 1];
    // Not a request of its own, or more about the same thing: it belongs with the piece before.
    if (last && (own === null || own === last.intent || last.intent === null)) {
      last.text = `${last.text} ${piece}`;
      last.intent ??= own;
    } else parts.push({ text: piece, intent: own });
  }
  const requests = parts.filter((p) => p.intent !== null);
  if (requests.length < 2) return [text];
  return requests.slice(0, MAX_PARTS).map((p) => p.text);
}
