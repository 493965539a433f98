// After "I can only cancel a whole order, not one piece of it" (plan-cancel.ts someCancelledStep), a yes that narrows to
// a piece of that order ("yes just the tee", "ok only the chinos then") is no yes to the person offered under it, nor to
// the whole order: it asks again for the piece alone, so the reply says again what can be done (plan-service.ts
// someCancelled). Consent stays core/consent's: nothing is proposed here.
import type { Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { cancelsSome } from './plan-cancel.js';
import { PHRASES } from './phrases.js';

/** Readings of a narrowing said after that reply: a yes, a no, the cancellation again, or words read as a basket's. */
const NARROWING: ReadonlySet<Intent> = new Set(['confirm', 'deny', 'cancel_order', 'human', 'update_cart', 'out_of_scope']);

export function narrowsWholeOrderOnly(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem, text } = r;
  if (!NARROWING.has(d.intent)) return orderNumber;
  const n = new RegExp(`${PHRASES.wholeOrderOnly} order #(\\d{4,10})`).exec(mem.prevReply)?.[1];
  const order = n ? mem.orders.find((o) => o.orderNumber === n) : undefined;
  if (!order || (orderNumber && orderNumber !== n) || !cancelsSome(order, { text, e: d.e })) return orderNumber;
  d.intent = 'cancel_order';
  d.settledByState = true;
  return order.orderNumber;
}
