// A vague message the conversation gives an intent (frame.ts's first step): "more" or "none of these" after a
// list is its next page, "when do they expire?" after the points is the points, "does it have pockets?" with a
// piece in view is that piece.
import type { Draft, Reading } from './frame-answer.js';
import { MORE_ONLY, REJECTS_SHOWN } from './frame-search.js';
import { asksAboutPage } from './product-facts.js';

/** A vague message the conversation gives an intent: more of a list, the points, a product in view. */
export function intentFromState(r: Reading, d: Draft): void {
  const { text, mem, vague } = r;
  // "more" on its own, or "none of these", after a list.
  if (MORE_ONLY.test(text) && mem.lastSearch && vague) d.intent = 'search';
  if (
    REJECTS_SHOWN.test(text) &&
    mem.lastSearch &&
    (vague || ((d.intent === 'deny' || d.intent === 'view_cart') && !mem.pendingReturn && !mem.offeredHuman))
  )
    d.intent = 'search';
  // "when do they expire?" right after the points: they are the points.
  if (
    (vague || d.intent === 'capabilities' || d.intent === 'policy_payment') &&
    /\b(they|them|those|it)\b/i.test(text) &&
    /\bloyalty points\b/i.test(mem.prevReply)
  )
    d.intent = 'loyalty';
  // "how long is it?", "does it have pockets?" about a product in view (a length read as a delivery time too, unless
  // the reply before answered from the shipping policy: memory's subject, never the reply's wording).
  const lengthAsTime = d.intent === 'delivery_time' && !mem.orders.length && !mem.subject.policy.includes('shipping');
  if ((vague || lengthAsTime) && mem.products.length && asksAboutPage(text)) d.intent = 'stock';
}
