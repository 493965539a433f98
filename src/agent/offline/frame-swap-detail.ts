// A swap asked without the size or colour wanted ("could I change them for another size?", a colour the words do not
// read) is proposed as that piece's return (plan.ts asReturn): the swap is not said in full. The size or colour said
// next, while that return waits ("the bigger one, large I think?", "oh ok the green one then"), is the swap now said in
// full: that piece swapped (exchange_items, proposed), never a search for the words nor a person offered for them.
import { classify, type Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { isClearNo } from '../../core/index.js';

/** Readings of a size or colour said alone, with no request of its own (a piece looked for, the basket, the chart, a yes). */
const DETAIL_READS: ReadonlySet<Intent> = new Set([
  'search',
  'stock',
  'exchange',
  'add_to_cart',
  'update_cart',
  'policy_sizing',
  'recommend',
  'compare',
  'confirm',
  'out_of_scope',
  'unanswerable',
]);

/** The shopper's message the return waiting was proposed for, if it is still in view. */
function requestOfReturn(r: Reading): string | null {
  const { mem } = r;
  return mem.pendingAge >= 1 ? (mem.recentUsers[mem.pendingAge - 1] ?? null) : null;
}

/** The return waiting was proposed for a swap the shopper asked (the words of that request read as one). */
function returnStandsForSwap(r: Reading): boolean {
  const asked = requestOfReturn(r);
  return asked !== null && classify(asked).intent === 'exchange';
}

/** The waiting return's single piece is what the message names, or it names none. */
function samePiece(r: Reading, d: Draft): boolean {
  const ids = r.mem.pendingReturn?.items;
  if (Array.isArray(ids) && ids.length > 1) return false;
  return d.e.categoryWord === null || d.e.pronoun;
}

/** "the bigger one, large I think?" while the return of a swap not said in full waits: that swap, with the size or colour. */
export function swapDetailForReturn(r: Reading, d: Draft): void {
  const { mem, text } = r;
  if (!mem.pendingReturn || mem.pendingAction || d.settledByState || r.injection) return;
  if ((d.e.size === null && d.e.colour === null) || d.e.orderNumbers.length || d.e.email) return;
  if (!DETAIL_READS.has(d.intent) || isClearNo(text) || !samePiece(r, d) || !returnStandsForSwap(r)) return;
  d.intent = 'exchange';
  d.settledByState = true;
}
