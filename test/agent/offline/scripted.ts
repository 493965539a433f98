// Scripted tool results for driving the offline model without a database (behaviour tests and
// the bench's realistic call mix): each one what the real tool returns, and every success, a
// test's own override included, checked with the tool's output schema before the model sees it.
import type { ToolResult } from '../../../src/tools/types.js';
import type { Executor } from './driver.js';
import {
  addedToCart,
  card,
  cart,
  checkedResult,
  escalated,
  labelCreated,
  listedOrder,
  loyalty,
  orderDetail,
  orderList,
  policy,
  productDetail,
  recommendations,
  reordered,
  returnProposed,
  searchResult,
  verified,
  viewCart,
} from './tool-results.js';
import type { PolicyTopic } from '../../../src/shop/index.js';

const dress = (id: string, name: string, colour: string, price: number, stock: Record<string, number>) =>
  card({ id, name, category: 'dresses', colour, price, description: 'A dress.', stock });
export const MATCHES = [
  dress('p_red', 'Red Linen Wrap Dress', 'red', 119, { S: 2, M: 0, L: 4 }),
  dress('p_blue', 'Blue Floral Tea Dress', 'blue', 89, { S: 1, M: 3 }),
];

const teaDress = (size: string, quantity: number) => ({
  productId: 'p_blue',
  name: 'Blue Floral Tea Dress',
  category: 'dresses',
  colour: 'blue',
  size,
  quantity,
  unitPrice: 89,
});
const jumper = { name: 'Navy Merino Jumper', size: 'L' };

export function scripted(
  overrides: Record<string, (args: Record<string, unknown>) => ToolResult> = {},
): Executor & { log: Array<{ name: string; args: Record<string, unknown> }> } {
  const log: Array<{ name: string; args: Record<string, unknown> }> = [];
  const run = (name: string, args: Record<string, unknown>): ToolResult => {
    const o = overrides[name];
    if (o) return o(args);
    const ok = (data: unknown): ToolResult => ({ ok: true, data: data as Record<string, unknown> });
    switch (name) {
      case 'search_products':
        return ok(searchResult(MATCHES));
      case 'get_product':
        return ok(productDetail(MATCHES.find((m) => m.id === args.productId) ?? MATCHES[0]!));
      case 'add_to_cart': {
        const size = String(args.size);
        const quantity = Number(args.quantity ?? 1);
        return ok(addedToCart({ productId: 'p_blue', name: 'Blue Floral Tea Dress', size, quantity }, cart([teaDress(size, quantity)])));
      }
      case 'view_cart':
        return ok(viewCart(cart([teaDress('M', 1)])));
      case 'create_return_label': {
        const orderNumber = String(args.orderNumber);
        const items = [`${jumper.name} (${jumper.size})`];
        return args.confirm
          ? ok(labelCreated({ orderNumber, trackingCode: 'RET123ABC456', items, emailedTo: 'm***@example.com', created: '2025-03-05' }))
          : ok(returnProposed({ orderNumber, items, returnWindowEnds: '2025-03-27', labelEmailedTo: 'm***@example.com' }));
      }
      case 'lookup_order':
        return args.orderNumber
          ? ok(
              orderDetail({
                orderNumber: String(args.orderNumber),
                status: 'shipped',
                placed: '2025-03-01',
                shipped: '2025-03-02',
                carrier: 'UPS',
                tracking: '1Z999AA10123456784',
                total: 129,
                items: [{ id: 'oi_jumper', ...jumper, colour: 'navy', quantity: 1, price: 129 }],
                return: {
                  possible: false,
                  reason: 'this order has not been delivered yet (status: shipped); returns open once it arrives',
                },
              }),
            )
          : ok(
              orderList([
                listedOrder({
                  orderNumber: '28473',
                  status: 'delivered',
                  placed: '2025-02-20',
                  delivered: '2025-02-25',
                  total: 129,
                  items: ['Navy Merino Jumper (L)'],
                  returnableUntil: '2025-03-27',
                }),
                listedOrder({
                  orderNumber: '28502',
                  status: 'shipped',
                  placed: '2025-03-01',
                  total: 69,
                  items: ['White Canvas Sneakers (43)'],
                }),
              ]),
            );
      case 'reorder': {
        const back = { productId: 'p_jumper', ...jumper, category: 'tops', colour: 'navy', quantity: 1, unitPrice: 129 };
        return ok(reordered(String(args.orderNumber), [{ ...jumper, quantity: 1 }], cart([back])));
      }
      case 'loyalty_status':
        return ok(
          loyalty({
            tier: 'gold',
            points: 1240,
            pointsValue: '100 points = $5 off, redeemable at checkout',
            perks: ['free express shipping'],
            nextTier: { tier: 'platinum', pointsNeeded: 3760 },
          }),
        );
      case 'recommend_products':
        return ok(
          recommendations(
            'purchase_history',
            MATCHES.map((m) => ({ ...m, because: 'goes with your coat' })),
          ),
        );
      case 'store_policy':
        return ok(policy(args.topic as PolicyTopic));
      case 'verify_customer':
        return ok(verified('Marcus'));
      case 'escalate_to_human':
        return ok(escalated({ priority: 'normal', expectedWaitMinutes: 10 }));
      default:
        return { ok: false, error: { code: 'failed', message: 'not scripted' } };
    }
  };
  const fn = (name: string, args: Record<string, unknown>): ToolResult => {
    log.push({ name, args });
    return checkedResult(name, run(name, args));
  };
  return Object.assign(fn, { log });
}
