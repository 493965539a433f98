// Details said in passing that the conversation places (frame.ts): a size or colour said with a
// feeling ("ugh, fine, M then"), a size said to be "the same as last time" for the piece in view, and
// a clear yes (core/consent) to the proposal waiting, whatever its words lean to.
import type { Memory } from './memory.js';
import type { Draft, Reading } from './frame-answer.js';
import { ACTION_ECHO, isClearYes } from '../../core/index.js';

/**
 * A detail said with a feeling ("ugh, fine, the large then", "no, green, not blue, come on") about what is in view:
 * the words read as annoyance or chat, but what they carry is a size, colour or price for the search,
 * list or question before, so the conversation places it like a bare detail (the feeling's words are no product words).
 */
export function feltDetail(u: Reading['u'], mem: Memory): boolean {
  const e = u.entities;
  const detail = e.size !== null || e.colour !== null || e.exclude.length > 0 || e.maxPrice !== null;
  const inView = mem.lastSearch !== null || mem.products.length > 0 || mem.asked === 'size' || mem.asked === 'product';
  return (u.intent === 'frustrated' || u.intent === 'smalltalk') && detail && inView && !e.orderNumbers.length && !e.email && !e.category;
}

/**
 * "43, same as my last pair" with one piece in view that comes in that size: the size is what was the same, so
 * that piece, not the last order again ("my last pair" is the purchase before, not the last of a list).
 */
export function sameSizeAsBefore(r: Reading, d: Draft): void {
  const { mem } = r;
  const e = d.e;
  const inView = mem.products.length === 1 ? mem.products[0]! : d.product;
  if (d.intent !== 'reorder' || !e.size || !inView || e.orderNumbers.length) return;
  if (!inView.stock.some((x) => x.size === e.size && x.units > 0)) return;
  d.intent = 'add_to_cart';
  d.product = inView;
}

/**
 * "yes cancel it" to a proposed cancellation, "Very well, please proceed. Regards, M. Reid" to a proposed return:
 * a yes, whatever the words lean to (core/consent decides, as on the server). A return asked for again in words
 * ("ok, please return it") stays that request (frame.ts pendingAnswers reads it right after the proposal).
 */
export function clearYesToProposal(r: Reading, d: Draft): void {
  const { mem, text } = r;
  const echo = mem.pendingAction
    ? ACTION_ECHO[mem.pendingAction.action]
    : mem.pendingReturn && d.intent !== 'return'
      ? ACTION_ECHO.return_label
      : null;
  if (!echo || !isClearYes(text, { echo })) return;
  d.intent = 'confirm';
  d.settledByState = true;
}
