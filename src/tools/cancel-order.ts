import {
  addressLine,
  cancelOrder,
  changeRefusal,
  dollars,
  findOwnedOrder,
  itemLabel,
  refundExpectedAt,
  isoDate,
  type OwnedOrder,
} from '../shop/index.js';
import { formatMoney } from '../core/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { approvedProposal, clearProposal, proposalView, proposedText, proposeWithText } from './proposals.js';
import { fail, ok, ownOrder } from './results.js';
import type { ResultOf, ToolContext } from './types.js';

const ACTION = 'cancel_order';

function cancelledView(owned: OwnedOrder) {
  const { order } = owned;
  return {
    orderNumber: order.number,
    status: 'cancelled' as const,
    cancelled: isoDate(order.cancelledAt),
    refund: { amount: dollars(order.totalCents), to: 'the original payment method' },
  };
}

async function act(ctx: ToolContext, owned: OwnedOrder, reason: string): Promise<ResultOf<'cancel_order'>> {
  const now = ctx.now();
  const refundId = ctx.ids('rf');
  const done = await cancelOrder(ctx.db, ctx.atomic, {
    owned,
    reason,
    refundId,
    conversationId: ctx.conversationId,
    now,
    alongWith: [clearProposal(ctx)],
    record: (id) => [
      ctx.record({
        type: 'order_cancelled',
        data: { orderNumber: owned.order.number, refundId: id, amount: dollars(owned.order.totalCents), reason, turn: ctx.turn },
      }),
    ],
  });
  const after = (await findOwnedOrder(ctx.db, owned.order.customerId, owned.order.number)) ?? owned;
  if (after.order.status !== 'cancelled')
    return fail(
      'refused',
      `Order #${owned.order.number} could not be cancelled: ${changeRefusal(after, 'cancel') ?? 'it changed meanwhile'}.`,
    );
  return ok({
    cancelled: done,
    ...(done ? {} : { alreadyCancelled: true }),
    order: {
      ...cancelledView(after),
      refund: {
        amount: dollars(after.order.totalCents),
        expectedBy: isoDate(refundExpectedAt('cancellation', after.order.cancelledAt ?? now)),
        to: 'the original payment method',
      },
    },
  });
}

export const cancelOrderTool = defineTool({
  name: 'cancel_order',
  description: 'Cancel an order still processing (not shipped); full refund.',
  schema: toolSchemas.cancel_order,
  async run(args, ctx): Promise<ResultOf<'cancel_order'>> {
    const mine = await ownOrder(ctx, args.orderNumber);
    if (!mine.ok) return mine.result;
    const { owned } = mine;
    // Idempotent: a cancelled order is the answer to a repeated cancellation.
    if (owned.order.status === 'cancelled' && owned.order.cancelledAt != null)
      return ok({ cancelled: false, alreadyCancelled: true, order: cancelledView(owned) });
    const refusal = changeRefusal(owned, 'cancel');
    if (refusal) return fail('refused', `Cannot cancel: ${refusal}.`, 'orderNumber');

    const payload = { orderNumber: owned.order.number };
    const decision = await approvedProposal(
      ctx,
      ACTION,
      args.confirm,
      (p) => p.orderNumber === payload.orderNumber,
      (p) => `cancelling order #${String(p.payload.orderNumber)}`,
    );
    // The reason is the proposal's: a confirming call's own words were never shown to the shopper.
    if (decision.act) return act(ctx, owned, proposedText(decision.proposal, 'reason') ?? 'not given');
    if (!decision.act && decision.refused) return decision.refused;

    // Stated by the server beside a hosted model's reply (chat/run.ts): which order, what, and the refund.
    const summary = `Cancel order #${owned.order.number} (${owned.items.map(itemLabel).join(', ')}); ${formatMoney(owned.order.totalCents, { exact: true })} refunded to the original payment method.`;
    const reason = { field: 'reason', label: 'Reason sent to the store', text: args.reason, max: 200 };
    const proposed = await proposeWithText(ctx, ACTION, payload, summary, reason);
    return ok({
      needsConfirmation: true,
      proposal: {
        ...proposalView(proposed),
        action: 'cancel the order',
        orderNumber: owned.order.number,
        items: owned.items.map(itemLabel),
        shipTo: addressLine(owned.order.shipTo),
        refund: dollars(owned.order.totalCents),
      },
      instruction:
        'Ask the shopper to confirm the cancellation (yes, or the Confirm button). Only after their yes, call again with confirm:true and the same order.',
    });
  },
});
