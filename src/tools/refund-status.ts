import { findOwnedOrder, refundsOf, refundView, returnEligibility } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { mustVerify, ok, orderNotFound, verifiedCustomerId } from './results.js';

export const refundStatusTool = defineTool({
  name: 'refund_status',
  description: 'Refunds (cancellations, returns, claims): amount, state, expected date. No number: all recent.',
  schema: toolSchemas.refund_status,
  async run(args, ctx) {
    const customerId = verifiedCustomerId(ctx);
    if (!customerId) return mustVerify();
    const now = ctx.now();
    if (args.orderNumber === undefined) {
      const all = await refundsOf(ctx.db, customerId);
      return ok({
        refunds: all.map((r) => refundView(r, now)),
        ...(all.length ? {} : { note: 'No refunds are recorded for this shopper.' }),
      });
    }
    const owned = await findOwnedOrder(ctx.db, customerId, args.orderNumber);
    if (!owned) return orderNotFound(args.orderNumber);
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
