import { addressLine, findOwnedOrder, orderSummary, orderView, recentOrders, refundsOf, refundView } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { mustVerify, ok, orderNotFound, verifiedCustomerId } from './results.js';

export const lookupOrderTool = defineTool({
  name: 'lookup_order',
  description:
    'The shopper’s order by number: status, dates, tracking, address, items with ids, return window, refunds. No number: recent orders.',
  schema: toolSchemas.lookup_order,
  async run(args, ctx) {
    const customerId = verifiedCustomerId(ctx);
    if (!customerId) return mustVerify();
    const now = ctx.now();
    if (args.orderNumber === undefined) {
      const list = await recentOrders(ctx.db, customerId, 5);
      return ok({
        orders: list.map((o) => orderSummary(o, now)),
        ...(list.length === 0 ? { note: 'This shopper has no orders yet.' } : {}),
      });
    }
    const owned = await findOwnedOrder(ctx.db, customerId, args.orderNumber);
    if (!owned) return orderNotFound(args.orderNumber);
    // Refunds and the delivery address ride along, so a persona without refund_status can still answer "where is my refund?".
    const refunds = await refundsOf(ctx.db, customerId, owned.order.id);
    // Added to the view rather than spread into a new object with them (V8 builds a slow object
    // for fields added after a spread); the fields keep their order.
    const order: ReturnType<typeof orderView> & { shipTo?: string; refunds?: Array<ReturnType<typeof refundView>> } = orderView(owned, now);
    if (owned.order.shipTo) order.shipTo = addressLine(owned.order.shipTo);
    if (refunds.length) order.refunds = refunds.map((r) => refundView(r, now));
    return ok({ order });
  },
});
