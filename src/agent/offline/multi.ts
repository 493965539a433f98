// Several requests in one message ("two things: where's my parcel, and do you have a rain jacket
// in L"): the message is cut at sentence ends and at connectives that start a new request, each
// piece is understood on its own, and pieces that are not a request of their own (a greeting, a
// "thanks", a low-confidence fragment, a second sentence about the same thing) go back to their
// neighbour. Two or more distinct requests remain → each is planned and answered, in order.
import type { Memory } from './memory.js';
import { classify, isConfident, type Intent } from './classify.js';
import type { Entities } from './entities.js';
import { tellsPastPurchase } from './frame-cues.js';

const MAX_PARTS = 3;
/** Questions about products: a pointer at one and the words that name it are one question (adding it is another request). */
const PRODUCT: ReadonlySet<string> = new Set(['search', 'stock', 'compare']);

// Where a new request may start. Strong: a sentence end, or a word that says another request
// follows ("also", "another thing", "then", "btw"). Weak: a comma, or "and"/"but" between clauses.
const STRONG =
  /(?<=[.?!;:\n])\s+|\s*,?\s+(?:and also|also|plus|oh and|and then|then|another thing|secondly|separately|btw|by the way|anyway|while i'?m (?:here|at it)|or at least)\s+/i;
// Only before words that open a request: "…, I ordered the wrong thing" gives a reason, "…, can I…" asks again.
const WEAK =
  /\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?=(?:can|could|would|do|does|did|is|are|will|where|what|when|how|which|please|tell|show|check|find|add|remove|put|take|cancel|change|make|give|send|connect|reorder|i want|i'?d like|i would like|i need|just)\b)/i;
const LEAD =
  /^(?:two things|2 things|a couple of things|first(?:ly)?|1\)|2\)|and|also|plus|oh|so|then|but|anyway|if so|if yes|if not)\b[\s,:.-]*/i;

/** Intents that are not a request on their own: they join a neighbouring piece. */
const NOT_A_REQUEST: ReadonlySet<Intent> = new Set(['greeting', 'thanks', 'goodbye', 'confirm', 'deny', 'out_of_scope', 'unanswerable']);
/** What a person handed the chat takes care of anyway: it goes with a request for one. */
const FOR_A_PERSON: ReadonlySet<Intent> = new Set(['human', 'frustrated', 'complaint', 'report_problem']);
/** Product and basket requests name what they are about: a piece that names nothing ("I have been more than patient", "sort it out") is not one. */
const NEEDS_A_PIECE: ReadonlySet<Intent> = new Set(['search', 'stock', 'add_to_cart', 'update_cart']);
const namesAPiece = (text: string, e: Entities, shown: boolean): boolean =>
  !!(e.category || e.colour || e.size || e.quantity !== null || e.maxPrice !== null || e.minPrice !== null || e.definite) ||
  ((e.ordinal !== null || e.pronoun) && shown) ||
  /\b(basket|cart|bag)\b/i.test(text);
/** How sure (a probability × 10) the words must be of a piece's intent to make it a request of its own: after a weak cut, surer. */
const OWN = { strong: 3.5, weak: 8 } as const;

interface Piece {
  text: string;
  /** Where it was cut from the piece before. */
  cut: 'strong' | 'weak' | 'start';
}

/** The message cut at every place a request may start: sentence ends and connectives, then commas and "and" inside those. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  text.split(STRONG).forEach((sentence, i) => {
    (sentence ?? '').split(WEAK).forEach((clause, j) => {
      const t = (clause ?? '').replace(LEAD, '').trim();
      if (t) out.push({ text: t, cut: out.length === 0 ? 'start' : j === 0 && i > 0 ? 'strong' : 'weak' });
    });
  });
  return out;
}

/**
 * The requests in one message, each with its own words, in order. Every piece is classified on its
 * own; a piece becomes a request of its own only when the words are sure of an intent that differs
 * from the request before it (surer after a comma or "and" than after a sentence end or "also");
 * anything else (a greeting, "thanks", a fragment such as "size L", more about the same thing) goes
 * with the request before it, or the one after when it comes first.
 */
/** What a shopper may want done about an item already bought. */
const AFTER_SALE = new Set<string>(['return', 'exchange', 'report_problem']);

export function splitRequests(text: string, memory: Memory): string[] {
  // An answer to a question or a proposal is read whole: "yes, and …" is not two requests.
  // An identity claim ("I am sarah@…, list my orders") is read whole: verification comes first.
  if (memory.pendingReturn || memory.asked || text.length > 600 || /@/.test(text)) return [text];
  const cut = pieces(text);
  if (cut.length < 2) return [text];
  const ctx = { shownProducts: memory.products.length, shownOrders: memory.orders.length };
  // "it" may point at a piece shown before, or one named earlier in this message.
  let shown = memory.products.length > 0 || !!memory.cart?.length;
  const shownBefore = shown;
  const parts: Array<{ text: string; intent: Intent | null; score: number; pointer?: boolean }> = [];
  for (const piece of cut) {
    const u = classify(piece.text, ctx);
    const pointsBack = shown;
    shown ||= !!(u.entities.category || u.entities.colour || u.entities.definite);
    const last = parts[parts.length - 1];
    // After a comma or "and", both sides must be requests in their own right, and the second must not
    // point back ("the sneakers are the wrong size, can I swap them?" is one request).
    const weak = piece.cut === 'weak';
    const sure = weak ? u.score >= OWN.weak && (last?.score ?? 0) >= OWN.weak && !u.entities.pronoun : u.score >= OWN.strong;
    const own =
      isConfident(u) &&
      sure &&
      !NOT_A_REQUEST.has(u.intent) &&
      !(u.intent === 'add_to_cart' && tellsPastPurchase(piece.text)) &&
      (!NEEDS_A_PIECE.has(u.intent) || namesAPiece(piece.text, u.entities, pointsBack))
        ? u.intent
        : null;
    // "do you have this in stock? the red wrap dress in XXL": a pointer and the piece it points at are one request.
    const samePiece =
      last !== undefined && PRODUCT.has(own ?? '') && PRODUCT.has(last.intent ?? '') && u.entities.pronoun !== (last.pointer ?? false);
    // "The jumper from 28473 is too big. Can I swap it for a medium?": what to do about an item bought,
    // said of the piece the clause before named ("it", nothing shown before): one request, read whole.
    const pointsAtLast =
      last !== undefined &&
      !shownBefore &&
      u.entities.pronoun &&
      !u.entities.category &&
      AFTER_SALE.has(own ?? '') &&
      AFTER_SALE.has(last.intent ?? '');
    // Not a request of its own, or more about the same thing: it belongs with the piece before.
    if (last && (own === null || own === last.intent || last.intent === null || samePiece || pointsAtLast)) {
      last.text = /[.?!,;:]$/.test(last.text)
        ? `${last.text} ${piece.text}`
        : `${last.text}${piece.cut === 'weak' ? ',' : '.'} ${piece.text}`;
      last.intent ??= own;
    } else parts.push({ text: piece.text, intent: own, score: u.score, pointer: u.entities.pronoun && !u.entities.category });
  }
  // A person asked for takes what a person handles anyway with them ("it arrived damaged and I want to speak to somebody").
  const human = parts.some((p) => p.intent === 'human');
  const requests = parts.filter((p) => p.intent !== null && !(human && FOR_A_PERSON.has(p.intent) && p.intent !== 'human'));
  if (requests.length < 2) return [text];
  return requests.slice(0, MAX_PARTS).map((p) => p.text);
}

// "both", "all of them", "do both", "yes to both": every option of the question just asked.
const BOTH =
  /^\W*(?:(?:yes|yeah|ok|okay|sure)[\s,]+)?(?:(?:please|pls)\s+)?(?:do\s+|to\s+|help with\s+)?(?:both|all of (?:them|those|it)|all three|all|the two of them|either|both of them)(?:\s+(?:please|pls|thanks|of them))*\W*$/i;
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
  const options = body
    .split(/\s*,\s*(?:or\s+)?|\s+or\s+|\s+and\s+/i)
    .map((o) => o.trim())
    .filter((o) => o.length > 1);
  if (options.length < 2 || options.length > MAX_PARTS) return null;
  const helpWith = /help/i.test(question);
  return options.map((o) => (helpWith ? `help with ${o}` : o));
}
