import { refundsOf, refundView, returnEligibility } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { inScope, mustVerify, ok, ownOrder, SCOPED_NOTE, shopperScope } from './results.js';

export const refundStatusTool = defineTool({
  name: 'refund_status',
  description: 'Refunds (cancellations, returns, claims): amount, state, expected date. No number: all recent.',
  schema: toolSchemas.refund_status,
  async run(args, ctx) {
    const now = ctx.now();
    if (args.orderNumber === undefined) {
      const scope = shopperScope(ctx);
      if (!scope) return mustVerify();
      const all = (await refundsOf(ctx.db, scope.customerId)).filter((r) => inScope(scope, r.orderId));
      if (scope.orders !== 'all') return ok({ refunds: all.map((r) => refundView(r, now)), note: SCOPED_NOTE });
      return ok({
        refunds: all.map((r) => refundView(r, now)),
        ...(all.length ? {} : { note: 'No refunds are recorded for this shopper.' }),
      });
    }
    const mine = await ownOrder(ctx, args.orderNumber);
    if (!mine.ok) return mine.result;
    const { customerId, owned } = mine;
    const rows = await refundsOf(ctx.db, customerId, owned.order.id);
    if (rows.length) return ok({ orderNumber: owned.order.number, refunds: rows.map((r) => refundView(r, now)) });
    // No refund yet: say why, and what would start one.
    const check = returnEligibility(owned, now);
    const why =
      owned.order.status === 'returned'
        ? 'This order was returned before refunds were tracked in chat; a colleague can confirm the payment.'
        : `No refund has been started for order #${owned.order.number} (status: ${owned.order.status}).${check.eligible ? ' It can still be returned (create_return_label).' : ''}`;
    return ok({ orderNumber: owned.order.number, refunds: [], note: why });
  },
});
