import { addressLine, orderSummary, orderView, recentOrders, refundsOf, refundView } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { mustVerify, ok, ownOrder, SCOPED_NOTE, shopperScope } from './results.js';

export const lookupOrderTool = defineTool({
  name: 'lookup_order',
  description:
    'The shopper’s order by number: status, dates, tracking, address, items with ids, return window, refunds. No number: recent orders.',
  schema: toolSchemas.lookup_order,
  async run(args, ctx) {
    const now = ctx.now();
    if (args.orderNumber === undefined) {
      const scope = shopperScope(ctx);
      if (!scope) return mustVerify();
      const list = await recentOrders(ctx.db, scope.customerId, 5, scope.orders === 'all' ? undefined : scope.orders);
      if (scope.orders !== 'all')
        return ok({ orders: list.map((o) => orderSummary(o, now)), onlyVerified: true as const, note: SCOPED_NOTE });
      return ok({
        orders: list.map((o) => orderSummary(o, now)),
        ...(list.length === 0 ? { note: 'This shopper has no orders yet.' } : {}),
      });
    }
    const mine = await ownOrder(ctx, args.orderNumber);
    if (!mine.ok) return mine.result;
    const { customerId, owned } = mine;
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
