// The guest-order takeover, end to end through the real app: an attacker places a real guest order at the store under
// the victim's email (the store attaches it to the victim's account by email), then verifies in chat with it. Chat
// verification proves that order only: the victim's other orders, their loyalty account and their basket stay shut,
// whatever the model calls. A shopper signed in through the storefront token keeps the whole account; one verified in
// chat adds another order by its number with the same email, each try counted.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, MARCUS_SHIPPED_ORDER, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import {
  appsPerTest,
  countOf,
  deliverApplied,
  freshSession,
  json,
  lastToolResult,
  type SecApp,
  WEBHOOK_SECRET,
  mcpAs,
  call,
  chatAs,
  toolPuppet,
} from './support.js';
import { order } from './shopify-bodies.js';

const open = appsPerTest('fake');
const marcus = DEMO_SHOPPERS.marcus;
/** The attacker's own guest order, placed under Marcus's email. */
const GUEST = '9901';
const NEW_ADDRESS = { name: 'Mallory', line1: '1 Drop Street', city: 'Reno', state: 'NV', zip: '89501', country: 'US' };

/** A store taking webhooks, with the attacker's guest order under Marcus's email attached to his account. */
async function storeWithGuestOrder(): Promise<SecApp> {
  const s = await open({ model: 'fake', config: { shopifyWebhookSecret: WEBHOOK_SECRET } });
  toolPuppet(s);
  await deliverApplied(s, 'orders/create', order({ id: 5500009901, name: `#${GUEST}`, email: marcus.email, customer: null }));
  expect(countOf(s, `select count(*) n from orders where number = ? and customer_id = ?`, GUEST, marcus.id)).toBe(1);
  return s;
}

describe('a guest order under the victim’s email opens that order only', () => {
  const ACTIONS: Array<[string, Record<string, unknown>]> = [
    ['lookup_order', { orderNumber: marcus.returnableOrder }],
    ['lookup_order', { orderNumber: PROCESSING_ORDERS.marcus }],
    ['create_return_label', { orderNumber: marcus.returnableOrder }],
    ['cancel_order', { orderNumber: PROCESSING_ORDERS.marcus }],
    ['change_shipping_address', { orderNumber: PROCESSING_ORDERS.marcus, address: NEW_ADDRESS }],
    ['exchange_items', { orderNumber: marcus.returnableOrder, items: [{ item: 'jumper', size: 'XL' }] }],
    ['report_problem', { orderNumber: MARCUS_SHIPPED_ORDER, problem: 'damaged', note: 'torn' }],
    ['refund_status', { orderNumber: marcus.returnableOrder }],
    ['reorder', { orderNumber: marcus.returnableOrder }],
  ];

  it.each(ACTIONS)('over MCP: %s on another of the victim’s orders is refused', async (tool, args) => {
    const s = await storeWithGuestOrder();
    const mcp = mcpAs(s);
    expect((await mcp('verify_customer', { email: marcus.email, orderNumber: GUEST })).verified).toBe(true);
    const r = await mcp(tool, args);
    expect(r.error?.code, JSON.stringify(r)).toBe('must_verify');
    expect(countOf(s, `select count(*) n from return_labels`)).toBe(0);
    expect((await mcp('lookup_order', { orderNumber: GUEST })).order.orderNumber).toBe(GUEST);
  });

  it('over MCP: the refund list holds the proven orders’ refunds only', async () => {
    const s = await storeWithGuestOrder();
    s.sql
      .prepare(
        `insert into refunds (id, order_id, customer_id, kind, source_id, amount_cents, status, expected_at, created_at)
         select 'rf_victim', id, customer_id, 'cancellation', id, 9900, 'pending', 0, 0 from orders where number = ?`,
      )
      .run(PROCESSING_ORDERS.marcus);
    const mcp = mcpAs(s);
    await mcp('verify_customer', { email: marcus.email, orderNumber: GUEST });
    const list = await mcp('refund_status', {});
    expect(list.refunds).toEqual([]);
    expect(list.note).toMatch(/sign in at the store/);
    expect((await mcp('lookup_order', {})).orders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual([GUEST]);
  });

  /** The order tools the chat persona serving Marcus offers (the chat refuses the others before any tool runs). */
  const IN_CHAT = ACTIONS.filter(([tool]) => !['refund_status', 'report_problem'].includes(tool));

  it.each(IN_CHAT)('%s on another of the victim’s orders is refused, saying nothing of it', async (tool, args) => {
    const s = await storeWithGuestOrder();
    const say = chatAs(s);
    expect((await say(`VERIFY ${marcus.email} ${GUEST}`)).ok).toBe(true);
    const r = await say(call(tool, args));
    expect(r.ok, JSON.stringify(r)).toBe(false);
    expect(r.error.code, JSON.stringify(r)).toBe('must_verify');
    // One answer whether the order is the victim's or no one's: no oracle for which numbers are theirs.
    const none = await say(call(tool, { ...args, orderNumber: '99999' }));
    expect(none.error.message).toBe(r.error.message.replaceAll(String(args.orderNumber), '99999'));
    expect(countOf(s, `select count(*) n from return_labels`)).toBe(0);
    expect(countOf(s, `select count(*) n from orders where number = ? and status = 'processing'`, PROCESSING_ORDERS.marcus)).toBe(1);
    expect(countOf(s, `select count(*) n from orders where json_extract(ship_to, '$.line1') = '1 Drop Street'`)).toBe(0);
  });

  it('the order list shows the proven order only and says how to see the others', async () => {
    const s = await storeWithGuestOrder();
    const say = chatAs(s);
    await say(`VERIFY ${marcus.email} ${GUEST}`);
    const list = await say(call('lookup_order'));
    expect(list.ok).toBe(true);
    expect(list.data.orders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual([GUEST]);
    expect(list.data.onlyVerified).toBe(true);
    expect(list.data.note).toMatch(/sign in at the store/);
    // The proven order itself is served.
    const own = await say(call('lookup_order', { orderNumber: GUEST }));
    expect(own.ok).toBe(true);
    expect(own.data.order.orderNumber).toBe(GUEST);
  });

  it('loyalty and purchase history stay shut; the basket is the session’s, not the account’s', async () => {
    const s = await storeWithGuestOrder();
    // Marcus, signed in, puts a jacket in his account's basket.
    const { id: productId } = s.sql.prepare(`select id from products where slug = 'navy-merino-crew-neck-jumper'`).get() as { id: string };
    const token = await s.token(marcus.id);
    const added = await chatAs(s, freshSession(), token)(call('add_to_cart', { productId, size: 'L' }));
    expect(added.ok, JSON.stringify(added)).toBe(true);

    const say = chatAs(s);
    await say(`VERIFY ${marcus.email} ${GUEST}`);
    const loyalty = await say(call('loyalty_status'));
    expect(loyalty.ok).toBe(false);
    expect(JSON.stringify(loyalty)).not.toMatch(/185/);
    expect((await say(call('recommend_products'))).ok).toBe(false);
    const cart = await say(call('view_cart'));
    expect(cart.ok).toBe(true);
    expect(cart.data.cart.items).toEqual([]);
    const merged = await say(call('view_cart', { mergeGuestCart: true }));
    expect(merged.data.cart.items).toEqual([]);
  });

  it('the proof outlives the server: a new app on the same store keeps the scope', async () => {
    const s = await storeWithGuestOrder();
    const session = freshSession();
    const first = await json(await s.chat({ message: `VERIFY ${marcus.email} ${GUEST}` }, { session }));
    expect(countOf(s, `select count(*) n from verified_orders where conversation_id = ?`, first.conversationId)).toBe(1);
    const again = await open({ model: 'fake', file: s.db.file });
    toolPuppet(again);
    const msg = (m: string) => again.chat({ message: m, conversationId: first.conversationId }, { session });
    await json(await msg(call('lookup_order')));
    expect(lastToolResult(again.fake!)!.data.orders.map((o: { orderNumber: string }) => o.orderNumber)).toEqual([GUEST]);
    await json(await msg(call('cancel_order', { orderNumber: PROCESSING_ORDERS.marcus })));
    expect(lastToolResult(again.fake!)!.error.code).toBe('must_verify');
  });
});

describe('the legitimate flows', () => {
  it('a shopper signed in through the storefront token sees every order of the account', async () => {
    const s = await storeWithGuestOrder();
    const say = chatAs(s, freshSession(), await s.token(marcus.id));
    const list = await say(call('lookup_order'));
    expect(list.data.orders.length).toBeGreaterThan(2);
    expect(list.data.onlyVerified).toBeUndefined();
    expect((await say(call('loyalty_status'))).data.points).toBe(185);
    expect((await say(call('cancel_order', { orderNumber: PROCESSING_ORDERS.marcus }))).ok).toBe(true);
  });

  it('verified in chat, another order joins by its number with the same email, and counts an attempt', async () => {
    const s = await storeWithGuestOrder();
    const say = chatAs(s);
    const attempts = () => countOf(s, `select max(verify_attempts) n from conversations`);
    const first = await say(`VERIFY ${marcus.email} ${marcus.returnableOrder}`);
    expect(first.data.verifiedOrders).toEqual([marcus.returnableOrder]);
    expect(attempts()).toBe(1);
    expect((await say(call('cancel_order', { orderNumber: PROCESSING_ORDERS.marcus }))).error.code).toBe('must_verify');
    const second = await say(`VERIFY ${marcus.email} ${PROCESSING_ORDERS.marcus}`);
    expect(second.ok).toBe(true);
    expect([...second.data.verifiedOrders].sort()).toEqual([marcus.returnableOrder, PROCESSING_ORDERS.marcus].sort());
    expect(attempts()).toBe(2);
    expect((await say(call('cancel_order', { orderNumber: PROCESSING_ORDERS.marcus }))).ok).toBe(true);
    const list = await say(call('lookup_order'));
    expect(list.data.orders.map((o: { orderNumber: string }) => o.orderNumber).sort()).toEqual(
      [marcus.returnableOrder, PROCESSING_ORDERS.marcus].sort(),
    );
  });

  it('a wrong number counts an attempt; an order of another email never joins', async () => {
    const s = await storeWithGuestOrder();
    const say = chatAs(s);
    await say(`VERIFY ${marcus.email} ${GUEST}`);
    const wrong = await say(`VERIFY ${marcus.email} 12345`);
    expect(wrong.error.code).toBe('not_found');
    expect(countOf(s, `select max(verify_attempts) n from conversations`)).toBe(2);
    // Sarah's order, with Sarah's own email, in Marcus's verified chat: refused, and still not served.
    const other = await say(`VERIFY ${DEMO_SHOPPERS.sarah.email} ${PROCESSING_ORDERS.sarah}`);
    expect(other.ok).toBe(false);
    expect((await say(call('lookup_order', { orderNumber: PROCESSING_ORDERS.sarah }))).ok).toBe(false);
    expect(countOf(s, `select count(*) n from verified_orders`)).toBe(1);
  });
});

describe('the offline model reads the scope', () => {
  /** One conversation with the offline model: each message's reply and the tools it called. */
  function offlineChat(s: SecApp) {
    const session = freshSession();
    let conversationId: string | undefined;
    return async (message: string): Promise<{ reply: string; tools: string[] }> => {
      const body = await json(await s.chat({ message, ...(conversationId ? { conversationId } : {}) }, { session }));
      conversationId ??= body.conversationId;
      return { reply: String(body.reply), tools: (body.toolCalls ?? []).map((t: { name: string }) => t.name) };
    };
  }

  it('asking about another order by its number checks it with the email given, counted, then answers', async () => {
    const s = await open('offline');
    const say = offlineChat(s);
    await say('where is my order?');
    await say(`${marcus.email}, order ${marcus.returnableOrder}`);
    const other = await say(`and what about order ${MARCUS_SHIPPED_ORDER}?`);
    expect(other.tools).toEqual(['lookup_order', 'verify_customer', 'lookup_order']);
    expect(other.reply).toMatch(/shipped|on its way|FedEx/i);
    expect(countOf(s, `select max(verify_attempts) n from conversations`)).toBe(2);
    // A number that is not theirs: checked, refused, nothing said about it.
    const wrong = await say('and order 12345?');
    expect(wrong.tools).toEqual(['lookup_order', 'verify_customer']);
    expect(wrong.reply).toMatch(/couldn't match/);
    expect(countOf(s, `select max(verify_attempts) n from conversations`)).toBe(3);
  });

  it('asked for the account’s points after verifying in chat, says to sign in at the store (not a hand-over)', async () => {
    const s = await open('offline');
    const say = offlineChat(s);
    await say(`hi, ${marcus.email}, order ${marcus.returnableOrder}`);
    const points = await say('how many loyalty points do I have?');
    expect(points.reply).toMatch(/sign in at the store/);
    expect(points.reply).not.toMatch(/colleague|\d+ points/i);
  });
});
