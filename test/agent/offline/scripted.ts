// Scripted tool results shaped like the real tools' results, for driving the offline model
// without a database (behaviour tests and the bench's realistic call mix).
import type { ToolResult } from '../../../src/tools/types.js';
import type { Executor } from './driver.js';

const dress = (id: string, name: string, colour: string, price: number, stock: Record<string, number>) => ({
  id,
  name,
  category: 'dresses',
  colour,
  price,
  description: 'A dress.',
  stock,
});
export const MATCHES = [
  dress('p_red', 'Red Linen Wrap Dress', 'red', 119, { S: 2, M: 0, L: 4 }),
  dress('p_blue', 'Blue Floral Tea Dress', 'blue', 89, { S: 1, M: 3 }),
];

export function scripted(
  overrides: Record<string, (args: Record<string, unknown>) => ToolResult> = {},
): Executor & { log: Array<{ name: string; args: Record<string, unknown> }> } {
  const log: Array<{ name: string; args: Record<string, unknown> }> = [];
  const fn = (name: string, args: Record<string, unknown>): ToolResult => {
    log.push({ name, args });
    const o = overrides[name];
    if (o) return o(args);
    switch (name) {
      case 'search_products':
        return { ok: true, data: { understood: { words: [] }, matches: MATCHES } };
      case 'get_product':
        return { ok: true, data: { product: MATCHES.find((m) => m.id === args.productId) ?? MATCHES[0] } };
      case 'add_to_cart':
        return {
          ok: true,
          data: {
            added: { name: 'Blue Floral Tea Dress', size: args.size, quantity: args.quantity },
            cart: { itemCount: 1, subtotal: 89, shipping: 'free standard shipping on orders over $75' },
          },
        };
      case 'view_cart':
        return {
          ok: true,
          data: {
            items: [{ name: 'Blue Floral Tea Dress', size: 'M', quantity: 1, lineTotal: 89, unitPrice: 89, inStock: true }],
            itemCount: 1,
            subtotal: 89,
            shipping: 'free standard shipping',
          },
        };
      case 'create_return_label':
        return args.confirm
          ? { ok: true, data: { created: true, label: { trackingCode: 'RET123ABC456', emailedTo: 'm***@example.com' } } }
          : {
              ok: true,
              data: { orderNumber: args.orderNumber, items: [{ name: 'Navy Merino Jumper', size: 'L' }], emailTo: 'm***@example.com' },
            };
      case 'lookup_order':
        return args.orderNumber
          ? {
              ok: true,
              data: {
                orderNumber: args.orderNumber,
                status: 'shipped',
                placed: '2025-03-01',
                shipped: '2025-03-02',
                carrier: 'UPS',
                tracking: '1Z999AA10123456784',
                total: 129,
                items: [{ name: 'Navy Merino Jumper', size: 'L', quantity: 1, price: 129 }],
                return: { possible: false, reason: 'this order has not been delivered yet' },
              },
            }
          : {
              ok: true,
              data: {
                orders: [
                  {
                    orderNumber: '28473',
                    status: 'delivered',
                    placed: '2025-02-20',
                    delivered: '2025-02-25',
                    total: 129,
                    items: ['Navy Merino Jumper (L)'],
                    returnableUntil: '2025-03-27',
                  },
                  { orderNumber: '28502', status: 'shipped', placed: '2025-03-01', total: 69, items: ['White Canvas Sneakers (43)'] },
                ],
              },
            };
      case 'reorder':
        return {
          ok: true,
          data: { added: [{ name: 'Navy Merino Jumper', size: 'L' }], unavailable: [], cart: { itemCount: 1, subtotal: 129 } },
        };
      case 'loyalty_status':
        return {
          ok: true,
          data: {
            tier: 'gold',
            points: 1240,
            pointsValue: '100 points = $5 off, redeemable at checkout',
            perks: ['free express shipping'],
            nextTier: { tier: 'platinum', pointsNeeded: 3760 },
          },
        };
      case 'recommend_products':
        return { ok: true, data: { basis: 'purchase_history', picks: MATCHES.map((m) => ({ ...m, because: 'goes with your coat' })) } };
      case 'store_policy':
        return {
          ok: true,
          data: {
            topic: args.topic,
            policy: {
              standard: { time: '3–5 business days', price: 'free on orders over $75, otherwise $5.95' },
              express: { time: '1–2 business days', price: '$14.95' },
              window: 'within 30 days of delivery',
              condition: 'unworn, with tags attached',
              assistant: 'This assistant is an AI, not a person.',
              methods: 'Visa, Mastercard and PayPal.',
              clothing: 'Sizes XS–XXL.',
              support: 'Human support answers every day, 8 am–8 pm ET.',
            },
          },
        };
      case 'verify_customer':
        return { ok: true, data: { verified: true, firstName: 'Marcus' } };
      case 'escalate_to_human':
        return { ok: true, data: { priority: 'normal', expectedWaitMinutes: 10 } };
      default:
        return { ok: false, error: { code: 'failed', message: 'not scripted' } };
    }
  };
  return Object.assign(fn, { log });
}
