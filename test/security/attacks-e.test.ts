// Round E — what the last round reported and left open, and what this attacker found on top:
// - a product the store deleted came back when an update older than the delete arrived after it (a late retry, or a
//   captured body replayed within its fresh minutes): the delete stored no time;
// - a customer the store moved onto an email a bare row held (a guest order's, a CSV or seed row) kept the old email,
//   so whoever held the old inbox still verified as them;
// - the same signed body replayed under a new delivery id was applied again: an orders/create replayed after the
//   shopper cancelled in chat made the order processing again (a second cancellation, a second refund);
// - the per-client limits keyed an IPv6 /64, so whoever holds a /48 had 65,536 clients' budgets.
import { describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { NETWORK_SHARE } from '../../src/shop/index.js';
import {
  appsPerTest,
  countOf,
  deliverApplied,
  deliverShopify,
  freshSession,
  json,
  lastToolResult,
  puppet,
  type SecApp,
  verifyFrom,
  verifyPuppet,
  WEBHOOK_SECRET,
  webhooksSettled,
} from './support.js';
import { customer, NEWER, OLDER, order, product } from './shopify-bodies.js';

const open = appsPerTest('fake');
const withWebhooks = (model: 'offline' | 'fake' = 'offline') => open({ model, config: { shopifyWebhookSecret: WEBHOOK_SECRET } });

const JACKET = `select p.status, v.stock from products p join variants v on v.product_id = p.id where p.slug = 'tern-field-jacket'`;
/** A store time just after now: later than a delete triggered now. */
const soon = () => new Date(Date.now() + 60_000).toISOString();

describe('a product the store deleted stays deleted against any older update', () => {
  const CASES = [
    {
      what: 'an update older than the delete, arriving after it',
      before: [product({ updated_at: OLDER })],
      after: product({
        updated_at: NEWER,
        variants: [{ id: 42000000077, sku: 'TFJ-M', price: '90.00', option1: 'M', inventory_quantity: 9 }],
      }),
      read: { status: 'archived', stock: 4 },
    },
    {
      what: 'the product’s own create, arriving after its delete',
      before: [],
      after: product({ updated_at: OLDER }),
      read: undefined,
    },
    {
      what: 'an update that carries no time',
      before: [product({ updated_at: OLDER })],
      after: product({}),
      read: { status: 'archived', stock: 4 },
    },
  ];
  it.each(CASES)('$what', async ({ before, after, read }) => {
    const s = await withWebhooks();
    for (const b of before) await deliverApplied(s, 'products/update', b);
    await deliverApplied(s, 'products/delete', { id: 8800000077 });
    await deliverApplied(s, 'products/update', after);
    expect(s.sql.prepare(JACKET).get()).toEqual(read);
    expect(countOf(s, `select count(*) n from webhook_events where error is not null`)).toBe(0);
  });

  it('one newer than the delete (the store made it again) applies', async () => {
    const s = await withWebhooks();
    await deliverApplied(s, 'products/update', product({ updated_at: OLDER }));
    await deliverApplied(s, 'products/delete', { id: 8800000077 });
    await deliverApplied(s, 'products/update', product({ updated_at: soon() }));
    expect(s.sql.prepare(JACKET).get()).toEqual({ status: 'active', stock: 4 });
  });
});

describe('a customer the store moves onto an email a bare row holds', () => {
  /** The store's customer Wren, with order 7707, then moved onto ash@example.test. */
  async function moveWrenOntoAsh(s: SecApp): Promise<void> {
    await deliverApplied(s, 'customers/create', customer({ updated_at: OLDER }));
    await deliverApplied(s, 'orders/create', order({ updated_at: OLDER }));
    await deliverApplied(s, 'customers/update', customer({ updated_at: NEWER, email: 'ash@example.test' }));
  }
  const wren = `select id from customers where external_id = '7100000077'`;

  it('a guest’s: the old email stops verifying, the new one opens Wren’s own orders only, the guest’s reach no one', async () => {
    const s = await withWebhooks('fake');
    verifyPuppet(s);
    // Someone typed ash@example.test at a guest checkout: a bare row with their order.
    await deliverApplied(s, 'orders/create', order({ id: 5500000088, name: '#7788', email: 'ash@example.test', updated_at: OLDER }));
    await moveWrenOntoAsh(s);
    expect(await verifyFrom(s, '192.0.2.91', 'wren.hale@example.test', '7707')).toBe('not_found');
    expect(await verifyFrom(s, '192.0.2.92', 'ash@example.test', '7707')).toBe('ok');
    expect(await verifyFrom(s, '192.0.2.93', 'ash@example.test', '7788')).toBe('not_found');
    const { id } = s.sql.prepare(wren).get() as { id: string };
    expect(countOf(s, `select count(*) n from orders where customer_id = ?`, id)).toBe(1);
    expect(countOf(s, `select count(*) n from customers where email = 'ash@example.test'`)).toBe(1);
  });

  it('a row holding nothing (a CSV or seed row): it makes way, Wren has the email', async () => {
    const s = await withWebhooks('fake');
    verifyPuppet(s);
    s.sql
      .prepare(
        `insert into customers (id, email, first_name, last_name, created_at) values ('c_csv_ash', 'ash@example.test', 'Ash', '', 0)`,
      )
      .run();
    await moveWrenOntoAsh(s);
    expect(s.sql.prepare(`select external_id from customers where email = 'ash@example.test'`).get()).toEqual({
      external_id: '7100000077',
    });
    expect(await verifyFrom(s, '192.0.2.94', 'ash@example.test', '7707')).toBe('ok');
    expect(await verifyFrom(s, '192.0.2.95', 'wren.hale@example.test', '7707')).toBe('not_found');
  });
});

describe('the same signed body replayed under a new delivery id is not applied again', () => {
  const NEW_ADDRESS = { name: 'Marcus Reid', line1: '9 Harbor Road', city: 'Portland', state: 'OR', zip: '97209', country: 'US' };
  const CASES = [
    {
      what: 'orders/create replayed after the shopper cancelled in chat: the order stays cancelled',
      call: { name: 'cancel_order', arguments: { orderNumber: '7707' } },
      yes: 'yes, cancel it',
      read: `select status from orders where number = '7707'`,
      kept: { status: 'cancelled' },
    },
    {
      what: 'orders/create replayed after the shopper changed the address in chat: the parcel still goes to the new one',
      call: { name: 'change_shipping_address', arguments: { orderNumber: '7707', address: NEW_ADDRESS } },
      yes: 'yes, change it',
      read: `select json_extract(ship_to, '$.line1') as line1 from orders where number = '7707'`,
      kept: { line1: '9 Harbor Road' },
    },
  ];
  it.each(CASES)('$what', async ({ call, yes, read, kept }) => {
    const s = await withWebhooks('fake');
    const shipTo = {
      first_name: 'Marcus',
      last_name: 'Reid',
      address1: '48 Elm Street',
      city: 'Portland',
      province_code: 'OR',
      zip: '97205',
      country_code: 'US',
    };
    const body = JSON.stringify(order({ email: DEMO_SHOPPERS.marcus.email, updated_at: OLDER, shipping_address: shipTo }));
    const send = () => deliverShopify(s, body, { 'X-Shopify-Topic': 'orders/create' });
    expect(await json(await send())).toMatchObject({ queued: true });
    await webhooksSettled(s);
    puppet(s.fake!, (msg, step) => (step > 0 ? null : [{ name: call.name, arguments: { ...call.arguments, confirm: msg === yes } }]));
    const token = await s.token(DEMO_SHOPPERS.marcus.id);
    const first = await json(await s.chat({ message: 'PROPOSE' }, { token }));
    await json(await s.chat({ message: yes, conversationId: first.conversationId }, { token }));
    expect(lastToolResult(s.fake!)!.ok).toBe(true);
    expect(s.sql.prepare(read).get()).toEqual(kept);
    // The captured body, replayed under a new id within its fresh minutes.
    const replay = await json(await send());
    await webhooksSettled(s);
    expect(s.sql.prepare(read).get()).toEqual(kept);
    expect(replay).toMatchObject({ ok: true, queued: false, duplicate: true });
  });
});

describe('a site’s IPv6 /48 counts as a few clients, however many /64s it rotates through', () => {
  /** The n-th client (/64) of one site (/48), each used once. */
  const inSite = (site: string, n: number) => `2001:db8:${site}:${n.toString(16)}::1`;
  const demoToken = (s: SecApp, ip: string) =>
    s.app.request('/api/demo/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-test-client-ip': ip },
      body: JSON.stringify({ email: DEMO_SHOPPERS.marcus.email }),
    });
  const CASES = [
    {
      what: 'chat messages (3 a minute per client)',
      open: async () => {
        const s = await open({ model: 'fake', config: { rate: { sessionPerMin: 0, ipPerMin: 3 } } });
        puppet(s.fake!, () => null);
        return s;
      },
      perClient: 3,
      allowed: async (s: SecApp, ip: string) => (await s.chat({ message: 'hello' }, { session: freshSession(), ip })).status === 200,
    },
    {
      what: 'demo tokens (20 per 10 minutes per client)',
      open: () => open('fake'),
      perClient: 20,
      allowed: async (s: SecApp, ip: string) => (await demoToken(s, ip)).status === 200,
    },
    {
      what: 'admin token guesses (10 per 5 minutes per client)',
      open: () => open('fake'),
      perClient: 10,
      allowed: async (s: SecApp, ip: string) =>
        (await s.app.request('/api/admin/metrics', { headers: { Authorization: 'Bearer wrong', 'x-test-client-ip': ip } })).status !== 429,
    },
    {
      what: 'hand-over tickets (10 an hour per client)',
      open: async () => {
        const s = await open('fake');
        puppet(s.fake!, (_m, step) => (step === 0 ? [{ name: 'escalate_to_human', arguments: { reason: 'asked for a person' } }] : null));
        return s;
      },
      perClient: 10,
      allowed: async (s: SecApp, ip: string) => {
        const before = countOf(s, 'select count(*) n from tickets');
        await json(await s.chat({ message: 'a human please' }, { session: freshSession(), ip }));
        return countOf(s, 'select count(*) n from tickets') > before;
      },
    },
  ];
  it.each(CASES)('$what', async ({ open: start, perClient, allowed }) => {
    const s = await start();
    let granted = 0;
    for (let n = 0; n < perClient * NETWORK_SHARE + 5; n++) if (await allowed(s, inSite('aa', n))) granted++;
    expect(granted).toBe(perClient * NETWORK_SHARE);
    // Another site, and an IPv4 address (one NAT: no wider stage), keep their own budgets.
    expect(await allowed(s, inSite('bb', 0))).toBe(true);
    expect(await allowed(s, '192.0.2.140')).toBe(true);
  });

  it('verification: a site meets one client’s budget at any one account, so it cannot lock the owner out', async () => {
    const s = await open('fake');
    verifyPuppet(s);
    const marcus = DEMO_SHOPPERS.marcus;
    for (let n = 0; n < 5; n++) expect(await verifyFrom(s, inSite('cc', n), marcus.email, '10000')).toBe('not_found');
    // A sixth /64 of the same site, even with the right details, is locked; the owner elsewhere verifies.
    expect(await verifyFrom(s, inSite('cc', 5), marcus.email, marcus.returnableOrder)).toBe('locked');
    expect(await verifyFrom(s, '192.0.2.141', marcus.email, marcus.returnableOrder)).toBe('ok');
  });
});

describe('a hosted model’s proposing reply that names another order or amount than the proposal', () => {
  // The server states the proposal under the model's reply, but the model's own question may name other numbers (its
  // digits were read as part of any proposal): "Shall I cancel order 28473?" over a proposal for 28511 drew a bare yes
  // meant for the order the model named.
  const marcus = DEMO_SHOPPERS.marcus;
  const CASES = [
    { reply: `Shall I cancel order ${marcus.returnableOrder} for you?`, bareYesActs: false },
    { reply: 'I can cancel it and refund $500.00 to your card. Shall I go ahead?', bareYesActs: false },
    { reply: `Shall I cancel order ${PROCESSING_ORDERS.marcus} for you?`, bareYesActs: true },
  ];
  it.each(CASES)('"$reply": a bare yes cancels only when the reply names the proposal’s own', async ({ reply, bareYesActs }) => {
    const s = await open('fake');
    const token = await s.token(marcus.id);
    puppet(s.fake!, (msg, step) => {
      if (step > 0) return /^cancel/.test(msg) ? reply : 'Done.';
      return [{ name: 'cancel_order', arguments: { orderNumber: PROCESSING_ORDERS.marcus, confirm: !/^cancel/.test(msg) } }];
    });
    const cancelled = () => countOf(s, "select count(*) n from events where type = 'order_cancelled'");
    const first = await json(await s.chat({ message: 'cancel my order please' }, { token }));
    expect(first.reply).toContain(`Cancel order #${PROCESSING_ORDERS.marcus}`);
    await json(await s.chat({ message: 'yes', conversationId: first.conversationId }, { token }));
    expect(cancelled()).toBe(bareYesActs ? 1 : 0);
    if (bareYesActs) return;
    expect(first.reply).toContain('Reply "yes, cancel it"');
    await json(await s.chat({ message: 'yes, cancel it', conversationId: first.conversationId }, { token }));
    expect(cancelled()).toBe(1);
  });
});

describe('a cancellation of part of an order, told by count, is no yes to cancel all of it (offline model)', () => {
  // "Cancel only one item from order 28511" read as the whole order: the reply put the whole cancellation, and a
  // hurried bare yes cancelled every piece. The cancel tool cancels whole orders only, so nothing is proposed.
  const order = PROCESSING_ORDERS.marcus;
  const ASKS = [
    `cancel only one item from order ${order}`,
    `can you cancel one of the items in order ${order}`,
    `pls remove a single thing from my order ${order}`,
    `I only want part of order ${order} cancelled`,
  ];
  it.each(ASKS)('"%s", then "yes": nothing cancelled, the options said plainly', async (ask) => {
    const s = await open('offline');
    const token = await s.token(DEMO_SHOPPERS.marcus.id);
    const first = await json(await s.chat({ message: ask }, { token }));
    expect(first.reply).toMatch(/only cancel a whole order/);
    await json(await s.chat({ message: 'yes', conversationId: first.conversationId }, { token }));
    expect(countOf(s, "select count(*) n from events where type = 'order_cancelled'")).toBe(0);
    expect(s.sql.prepare('select status from orders where number = ?').get(order)).toEqual({ status: 'processing' });
  });
});
