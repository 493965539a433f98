import { findOwnedOrder, orderSummary, orderView, recentOrders } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { mustVerify, ok, orderNotFound, verifiedCustomerId } from './results.js';

export const lookupOrderTool = defineTool({
  name: 'lookup_order',
  description:
    'The shopper’s order by number: status, dates, tracking, items (with ids), whether and until when it can be returned. Without a number: recent orders. Needs a signed-in or verified shopper.',
  schema: toolSchemas.lookup_order,
  async run(args, ctx) {
    const customerId = verifiedCustomerId(ctx);
    if (!customerId) return mustVerify();
    const now = ctx.now();
    if (args.orderNumber === undefined) {
      const list = await recentOrders(ctx.db, customerId, 5);
      return ok({ orders: list.map((o) => orderSummary(o, now)), ...(list.length === 0 ? { note: 'This shopper has no orders yet.' } : {}) });
    }
    const owned = await findOwnedOrder(ctx.db, customerId, args.orderNumber);
    if (!owned) return orderNotFound(args.orderNumber);
    return ok({ order: orderView(owned, now) });
  },
});
