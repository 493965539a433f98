// Answers from the retail action tools (cancel_order, change_shipping_address, exchange_items,
// report_problem, refund_status): a proposal read back with a plain question, or what was done.
// Every fact comes from the tool's result.
import type { RefundDetail } from '../../tools/index.js';
import type { Exchange } from './conversation.js';
import { outputOf, proposalIn } from './results.js';
import { ASK_MARKERS, PHRASES } from './phrases.js';
import type { Reply } from './voice.js';

/** Dollars as the tools give them. */
const money = (v: number): string => `$${v.toFixed(2)}`;
const joined = (xs: readonly string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : (xs[0] ?? ''));
const asked = (proposal: string): Reply => ({ kind: 'ask', body: `${proposal} ${ASK_MARKERS.confirmShort}` });
const done = (body: string): Reply => ({ kind: 'fact', body: body.trim() });

function cancelReply(ex: Exchange): Reply | null {
  const p = proposalIn(ex, 'cancel_order');
  if (p)
    return asked(
      `I can cancel order #${p.orderNumber} (${joined(p.items)}); ${money(p.refund)} would be refunded to your original payment method.`,
    );
  const out = outputOf(ex, 'cancel_order');
  if (!out || !('order' in out)) return null;
  const { orderNumber, refund } = out.order;
  if (out.alreadyCancelled) return done(`Order #${orderNumber} is already cancelled.`);
  return done(
    `Done: order #${orderNumber} is cancelled. Your refund of ${money(refund.amount)} goes back to ${refund.to}${refund.expectedBy ? ` by ${refund.expectedBy}` : ''}.`,
  );
}

function addressReply(ex: Exchange): Reply | null {
  const p = proposalIn(ex, 'change_shipping_address');
  if (p) return asked(`I can change the delivery address of order #${p.orderNumber} from ${p.from} to ${p.to}.`);
  const out = outputOf(ex, 'change_shipping_address');
  if (!out) return null;
  if ('shipsTo' in out) return { kind: 'ask', body: `Order #${out.orderNumber} ships to ${out.shipsTo}. ${ASK_MARKERS.address}` };
  if (!('order' in out)) return null;
  return done(
    out.alreadyThere
      ? `Order #${out.order.orderNumber} already ships to that address.`
      : `Done: order #${out.order.orderNumber} will ship to ${out.order.shipTo}.`,
  );
}

function exchangeReply(ex: Exchange): Reply | null {
  const p = proposalIn(ex, 'exchange_items');
  if (p)
    return asked(
      `I can swap ${joined(p.swap.map((s) => `${s.send} for ${s.get}`))} on order #${p.orderNumber}: the replacement ships now and a free return label is emailed to ${p.labelEmailedTo}.`,
    );
  const out = outputOf(ex, 'exchange_items');
  if (!out || !('exchange' in out)) return null;
  const { orderNumber, returnLabel: label, replacement, next } = out.exchange;
  return done(
    `Done: ${joined(replacement.items)} ${replacement.items.length > 1 ? 'are' : 'is'} on the way for order #${orderNumber}, and the return label (${label.trackingCode}) for ${joined(label.items)} was emailed to ${label.emailedTo}. ${next}`,
  );
}

function problemReply(ex: Exchange): Reply | null {
  const p = proposalIn(ex, 'report_problem');
  if (p)
    return asked(
      `I'm sorry about that. I can report the ${p.problem.replace('_', ' ')} (${joined(p.items)}) on order #${p.orderNumber}: ${p.next.replace(/\.\s*$/, '')}.`,
    );
  const out = outputOf(ex, 'report_problem');
  if (!out || !('claim' in out)) return null;
  const c = out.claim;
  return done(
    out.alreadyReported
      ? `That problem with order #${c.orderNumber} is already reported. ${c.next}`
      : `Done: I've reported the problem with order #${c.orderNumber}. ${c.next}`,
  );
}

/** One refund as the shopper reads it (from refund_status, or the refunds lookup_order shows with an order). */
export const refundLine = (r: RefundDetail): string =>
  `Order #${r.orderNumber}: ${money(r.amount)} (${r.for}), ${r.meaning}${r.expectedBy ? `, expected by ${r.expectedBy}` : ''}.${r.note ? ` ${r.note}` : ''}`;

function refundsReply(ex: Exchange): Reply | null {
  const out = outputOf(ex, 'refund_status');
  if (!out) return null;
  if (!out.refunds.length) return done(out.note ?? 'No refund is recorded yet.');
  return done(out.refunds.map(refundLine).join('\n'));
}

const RETAIL: Record<string, (ex: Exchange) => Reply | null> = {
  cancel_order: cancelReply,
  change_shipping_address: addressReply,
  exchange_items: exchangeReply,
  report_problem: problemReply,
  refund_status: refundsReply,
};

export function retailReply(ex: Exchange): Reply {
  return RETAIL[ex.name]?.(ex) ?? { kind: 'fact', body: PHRASES.toolFailed };
}
