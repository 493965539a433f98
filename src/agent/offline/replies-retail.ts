// Answers from the retail action tools (cancel_order, change_shipping_address, exchange_items,
// report_problem, refund_status): a proposal read back with a plain question, or what was done.
// Every fact comes from the tool's result.
import type { Exchange } from './conversation.js';
import { isRec, str } from './results.js';
import { ASK_MARKERS } from './phrases.js';
import type { Reply } from './voice.js';

/** A money amount as the tools give it (dollars as a number, or already written out). */
const money = (v: unknown): string | null => (typeof v === 'number' ? `$${v.toFixed(2)}` : (str(v) ?? null));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const joined = (xs: readonly string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}` : (xs[0] ?? ''));

export function retailReply(ex: Exchange): Reply {
  const d = ex.result!.data;
  if (d.needsConfirmation === true && isRec(d.proposal))
    return { kind: 'ask', body: `${proposalText(ex.name, d.proposal)} ${ASK_MARKERS.confirmShort}` };
  switch (ex.name) {
    case 'cancel_order': {
      const o = isRec(d.order) ? d.order : {};
      const refund = isRec(o.refund) ? o.refund : {};
      if (d.alreadyCancelled === true) return { kind: 'fact', body: `Order #${str(o.orderNumber) ?? ''} is already cancelled.` };
      return {
        kind: 'fact',
        body: `Done: order #${str(o.orderNumber) ?? ''} is cancelled. ${money(refund.amount) ? `Your refund of ${money(refund.amount)} goes back to ${str(refund.to) ?? 'the original payment method'}${str(refund.expectedBy) ? ` by ${str(refund.expectedBy)}` : ''}.` : ''}`.trim(),
      };
    }
    case 'change_shipping_address': {
      if (str(d.shipsTo))
        return { kind: 'ask', body: `Order #${str(d.orderNumber) ?? ''} ships to ${str(d.shipsTo)}. ${ASK_MARKERS.address}` };
      const o = isRec(d.order) ? d.order : {};
      return {
        kind: 'fact',
        body:
          d.alreadyThere === true
            ? `Order #${str(o.orderNumber) ?? ''} already ships to that address.`
            : `Done: order #${str(o.orderNumber) ?? ''} will ship to ${str(o.shipTo) ?? str(o.shipsTo) ?? 'the new address'}.`,
      };
    }
    case 'exchange_items': {
      const x = isRec(d.exchange) ? d.exchange : {};
      const label = isRec(x.returnLabel) ? x.returnLabel : {};
      const repl = isRec(x.replacement) ? x.replacement : {};
      return {
        kind: 'fact',
        body: `Done: ${joined(list(repl.items))} ${list(repl.items).length > 1 ? 'are' : 'is'} on the way for order #${str(x.orderNumber) ?? ''}, and the return label${str(label.trackingCode) ? ` (${str(label.trackingCode)})` : ''} for ${joined(list(label.items))} was emailed to ${str(label.emailedTo) ?? 'you'}. ${str(x.next) ?? ''}`.trim(),
      };
    }
    case 'report_problem': {
      const c = isRec(d.claim) ? d.claim : {};
      if (d.alreadyReported === true)
        return {
          kind: 'fact',
          body: `That problem with order #${str(c.orderNumber) ?? ''} is already reported. ${str(c.next) ?? ''}`.trim(),
        };
      return { kind: 'fact', body: `Done: I've reported the problem with order #${str(c.orderNumber) ?? ''}. ${str(c.next) ?? ''}`.trim() };
    }
    case 'refund_status':
      return refundsReply(d);
    default:
      return { kind: 'fact', body: 'Done.' };
  }
}

function proposalText(tool: string, p: Record<string, unknown>): string {
  const order = str(p.orderNumber) ?? '';
  switch (tool) {
    case 'cancel_order':
      return `I can cancel order #${order} (${joined(list(p.items))}); ${money(p.refund) ?? 'the full amount'} would be refunded to your original payment method.`;
    case 'change_shipping_address':
      return `I can change the delivery address of order #${order} from ${str(p.from) ?? 'the current one'} to ${str(p.to) ?? 'the new one'}.`;
    case 'exchange_items': {
      const swaps = Array.isArray(p.swap) ? p.swap.filter(isRec).map((s) => `${str(s.send)} for ${str(s.get)}`) : [];
      return `I can swap ${joined(swaps)} on order #${order}: the replacement ships now and a free return label is emailed to ${str(p.labelEmailedTo) ?? 'you'}.`;
    }
    case 'report_problem':
      return `I'm sorry about that. I can report the ${String(p.problem ?? 'problem').replace('_', ' ')} (${joined(list(p.items))}) on order #${order}: ${str(p.next) ?? str(p.outcome) ?? 'a colleague will follow up'}.`;
    default:
      return `I can do that for order #${order}.`;
  }
}

function refundsReply(d: Record<string, unknown>): Reply {
  const refunds = Array.isArray(d.refunds) ? d.refunds.filter(isRec) : [];
  if (!refunds.length) return { kind: 'fact', body: str(d.note) ?? 'No refund is recorded yet.' };
  const lines = refunds.map(
    (r) =>
      `Order #${str(r.orderNumber) ?? ''}: ${money(r.amount) ?? ''} (${str(r.for) ?? 'refund'}), ${str(r.meaning) ?? str(r.state) ?? ''}${str(r.expectedBy) ? `, expected by ${str(r.expectedBy)}` : ''}.${str(r.note) ? ` ${str(r.note)}` : ''}`,
  );
  return { kind: 'fact', body: lines.join('\n') };
}
