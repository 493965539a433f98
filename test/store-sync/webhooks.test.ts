// POST /api/webhooks/shopify on the real app over a real SQLite file with an imported store:
// signatures over the raw body, replays, queue-then-apply, and what the shopper then sees.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/index.js';
import { createApp, type AppConfig } from '../../src/http/index.js';
import { signIdentityToken } from '../../src/http/identity.js';
import { createTailor, type Tailor } from '../../src/http/compose.js';
import { createOfflineProvider } from '../../src/agent/offline/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createDbSink, enqueueWebhook, pendingWebhooks, processWebhooks, signShopifyBody } from '../../src/store-sync/index.js';
import { importFiles } from '../../src/cli/store-import-files.js';
import { repoRoot } from '../support/server.js';
import { tempDb, type TempDb } from '../support/db.js';

const SECRET = 'shopify-webhook-secret-for-tests';
const IDENTITY = 'test-identity-secret-0123456789';
const STORE = 'https://northwind.example';

let db: TempDb;
let tailor: Tailor;
let app: ReturnType<typeof createApp>;

async function build(overrides: Partial<AppConfig> = {}) {
  const logger = createLogger('silent');
  const config: AppConfig = {
    identitySecret: IDENTITY,
    adminToken: null,
    demo: false,
    demoShoppers: [],
    allowedOrigins: [],
    rate: { sessionPerMin: 0, ipPerMin: 0 },
    shopifyWebhookSecret: SECRET,
    checkout: { storeUrl: STORE },
    ...overrides,
  };
  return createApp({
    config,
    chat: tailor.chat,
    db: db.db,
    atomic: db.atomic,
    now: tailor.now,
    ids: tailor.ids,
    modelName: 'offline',
    personas: tailor.personas,
    logger,
  });
}

beforeEach(async () => {
  db = tempDb();
  await importFiles([join(import.meta.dirname, 'fixtures/shopify')], {
    format: 'shopify',
    sink: createDbSink(db.db, db.atomic, Date.now),
    storeUrl: STORE,
  });
  tailor = await createTailor({
    db: db.db,
    atomic: db.atomic,
    rules: loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml')),
    personaSource: nodePersonaSource(join(repoRoot, 'prompts')),
    provider: createOfflineProvider(),
    watchPersonas: false,
    checkout: { storeUrl: STORE, template: null, demo: false },
  });
  app = await build();
});

afterEach(async () => {
  tailor.close();
  await db.dispose();
});

const orderUpdate = (over: Record<string, unknown> = {}) => ({
  id: 5500000002,
  name: '#1002',
  email: 'ines.okafor@example.test',
  created_at: '2026-11-20T10:58:02-07:00',
  updated_at: '2026-11-22T09:00:00-07:00',
  cancelled_at: null,
  cancel_reason: null,
  financial_status: 'paid',
  fulfillment_status: 'fulfilled',
  total_price: '30.00',
  line_items: [
    {
      id: 1,
      variant_id: 41000000301,
      sku: 'ACM-1',
      name: 'Alder Ceramic Mug',
      title: 'Alder Ceramic Mug',
      variant_title: null,
      quantity: 1,
      price: '24.00',
    },
  ],
  fulfillments: [
    {
      status: 'success',
      tracking_company: 'UPS',
      tracking_number: '1Z999AA10123456784',
      shipment_status: 'in_transit',
      created_at: '2026-11-21T08:00:00-07:00',
      updated_at: '2026-11-21T08:00:00-07:00',
    },
  ],
  shipping_address: {
    name: 'Ines Okafor',
    address1: '12 Birch Lane',
    address2: null,
    city: 'Portland',
    province_code: 'OR',
    zip: '97201',
    country_code: 'US',
  },
  ...over,
});

async function deliver(topic: string, body: string, opts: { id?: string; hmac?: string | null } = {}) {
  const hmac = opts.hmac === undefined ? await signShopifyBody(body, SECRET) : opts.hmac;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': topic,
    'X-Shopify-Webhook-Id': opts.id ?? crypto.randomUUID(),
    'X-Shopify-Triggered-At': new Date().toISOString(),
    'X-Shopify-Shop-Domain': 'northwind.myshopify.com',
  };
  if (hmac !== null) headers['X-Shopify-Hmac-Sha256'] = hmac;
  return app.request('/api/webhooks/shopify', {
    method: 'POST',
    headers,
    body,
  });
}

/** The work runs after the response: wait until the queue is empty. */
async function settled() {
  for (let i = 0; i < 200 && (await pendingWebhooks(db.db)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await pendingWebhooks(db.db)).toBe(0);
}

const order = (number: string) =>
  db.sqlite.prepare(`select status, carrier, tracking_code, shipped_at is not null as shipped from orders where number = ?`).get(number);

describe('Shopify webhook signature', () => {
  it('accepts a delivery signed over its raw body and applies it after answering', async () => {
    const res = await deliver('orders/updated', JSON.stringify(orderUpdate()));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      queued: true,
      duplicate: false,
    });
    await settled();
    expect(order('1002')).toEqual({
      status: 'shipped',
      carrier: 'UPS',
      tracking_code: '1Z999AA10123456784',
      shipped: 1,
    });
  });

  it('refuses a bad, a missing or a tampered signature with 401 and queues nothing', async () => {
    const body = JSON.stringify(orderUpdate());
    const bad = await deliver('orders/updated', body, {
      hmac: await signShopifyBody(body, 'some-other-secret-entirely'),
    });
    const missing = await deliver('orders/updated', body, { hmac: null });
    const garbage = await deliver('orders/updated', body, {
      hmac: 'not base64 at all!',
    });
    // Signed, then changed on the way: one character of the body.
    const tampered = await deliver('orders/updated', body.replace('"fulfilled"', '"unfulfilled"'), {
      hmac: await signShopifyBody(body, SECRET),
    });
    for (const res of [bad, missing, garbage, tampered]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect(db.sqlite.prepare('select count(*) n from webhook_events').get()).toEqual({ n: 0 });
    expect(order('1002')).toEqual({
      status: 'processing',
      carrier: null,
      tracking_code: null,
      shipped: 0,
    });
  });

  it('does not exist without TAILOR_SHOPIFY_WEBHOOK_SECRET', async () => {
    app = await build({ shopifyWebhookSecret: null });
    const res = await deliver('orders/updated', JSON.stringify(orderUpdate()));
    expect(res.status).toBe(404);
  });
});

describe('Shopify webhook delivery', () => {
  it('processes a replayed webhook id once: the second delivery is acknowledged and ignored', async () => {
    const first = await deliver('orders/updated', JSON.stringify(orderUpdate()), { id: 'dup-1' });
    expect(first.status).toBe(200);
    await settled();
    // Same id, different content (a replay must never apply twice, even if it differs).
    const replay = await deliver(
      'orders/updated',
      JSON.stringify(
        orderUpdate({
          cancelled_at: '2026-11-23T09:00:00-07:00',
          updated_at: '2026-11-23T09:00:00-07:00',
        }),
      ),
      { id: 'dup-1' },
    );
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({
      ok: true,
      queued: false,
      duplicate: true,
    });
    await settled();
    expect(order('1002')).toMatchObject({ status: 'shipped' });
    expect(db.sqlite.prepare(`select attempts, processed_at is not null as done, error from webhook_events`).all()).toEqual([
      { attempts: 1, done: 1, error: null },
    ]);
  });

  it('never lets an older update overwrite a newer one', async () => {
    await deliver(
      'orders/updated',
      JSON.stringify(
        orderUpdate({
          cancelled_at: '2026-11-23T09:00:00-07:00',
          updated_at: '2026-11-23T09:00:00-07:00',
        }),
      ),
    );
    await settled();
    await deliver('orders/updated', JSON.stringify(orderUpdate()));
    await settled();
    expect(order('1002')).toMatchObject({ status: 'cancelled' });
  });

  it('applies what a crash left queued at the next start', async () => {
    // Recorded, answered, then the process died before applying it.
    expect(
      await enqueueWebhook(db.db, {
        source: 'shopify',
        deliveryId: 'crash-1',
        topic: 'orders/updated',
        payload: JSON.stringify(orderUpdate()),
        now: Date.now(),
      }),
    ).toBe(true);
    expect(await pendingWebhooks(db.db)).toBe(1);
    expect(
      await processWebhooks({
        db: db.db,
        atomic: db.atomic,
        now: Date.now,
        storeUrl: STORE,
      }),
    ).toBe(1);
    expect(order('1002')).toMatchObject({
      status: 'shipped',
      tracking_code: '1Z999AA10123456784',
    });
  });

  it('applies products, customers, cancellations and refunds with the importer mapping', async () => {
    const product = {
      id: 8800000001,
      title: 'Cove Rain Jacket',
      handle: 'cove-rain-jacket',
      body_html: '<p>Waterproof shell.</p>',
      vendor: 'Northwind Atelier',
      product_type: 'Jackets',
      tags: 'rain, waterproof',
      status: 'active',
      created_at: '2026-11-30T10:00:00-07:00',
      options: [{ name: 'Colour' }, { name: 'Size' }],
      variants: [
        {
          id: 42000000001,
          sku: 'CRJ-OLIVE-M',
          price: '140.00',
          option1: 'Olive',
          option2: 'M',
          option3: null,
          inventory_quantity: 6,
          image_id: 1,
        },
      ],
      images: [{ id: 1, src: 'https://cdn.example.test/cove-olive.jpg', position: 1 }],
    };
    const customer = {
      id: 7100000001,
      email: 'ines.okafor@example.test',
      first_name: 'Ines',
      last_name: 'Okafor-Ruiz',
      tags: 'vip',
      email_marketing_consent: { state: 'unsubscribed' },
    };
    const refund = {
      id: 990001,
      order_id: 5500000001,
      created_at: '2026-11-25T10:00:00-07:00',
      transactions: [{ amount: '58.00', kind: 'refund', status: 'success' }],
    };
    for (const [topic, body] of [
      ['products/create', product],
      ['customers/update', customer],
      ['refunds/create', refund],
      ['refunds/create', refund],
    ] as const) {
      expect((await deliver(topic, JSON.stringify(body))).status).toBe(200);
    }
    await settled();
    expect(
      db.sqlite
        .prepare(`select name, category, colour, price_cents, image_url, url, status from products where slug = 'cove-rain-jacket'`)
        .get(),
    ).toEqual({
      name: 'Cove Rain Jacket',
      category: 'outerwear',
      colour: 'olive',
      price_cents: 14000,
      image_url: 'https://cdn.example.test/cove-olive.jpg',
      url: `${STORE}/products/cove-rain-jacket`,
      status: 'active',
    });
    expect(
      db.sqlite.prepare(`select last_name, tags, accepts_marketing from customers where email = 'ines.okafor@example.test'`).get(),
    ).toEqual({
      last_name: 'Okafor-Ruiz',
      tags: 'vip',
      accepts_marketing: 0,
    });
    // Two deliveries of one refund (different webhook ids): one refund row.
    expect(db.sqlite.prepare(`select kind, amount_cents, status from refunds`).all()).toEqual([
      { kind: 'return', amount_cents: 5800, status: 'issued' },
    ]);
    await deliver('products/delete', JSON.stringify({ id: 8800000001 }));
    await settled();
    expect(db.sqlite.prepare(`select status from products where slug = 'cove-rain-jacket'`).get()).toEqual({ status: 'archived' });
  });

  it('shows an order update that arrived by webhook to the shopper through lookup_order', async () => {
    await deliver('orders/fulfilled', JSON.stringify(orderUpdate()));
    await settled();
    const { id } = db.sqlite.prepare(`select id from customers where email = 'ines.okafor@example.test'`).get() as { id: string };
    // A returning shopper (an earlier visit): the repeat-buyer persona, whose tools include lookup_order.
    db.sqlite
      .prepare(`insert into sessions (id, customer_id, started_at) values ('s_earlier_visit', ?, ?)`)
      .run(id, Date.now() - 7 * 86_400_000);
    const { token } = await signIdentityToken(id, IDENTITY, Date.now(), 3600);
    const res = await app.request('/api/chat', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        Accept: 'text/event-stream',
      },
      body: JSON.stringify({ message: 'where is my order 1002?' }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const lookup = text.split('\n\n').find((b) => b.includes('event: tool_result') && b.includes('"lookup_order"'));
    expect(lookup, text).toBeDefined();
    expect(lookup).toContain('1Z999AA10123456784');
    expect(lookup).toContain('"status":"shipped"');
  });
});

describe('a purchase after a chat', () => {
  const customerId = (email: string) => (db.sqlite.prepare(`select id from customers where email = ?`).get(email) as { id: string }).id;
  async function chatAs(email: string, message: string): Promise<string> {
    const { token } = await signIdentityToken(customerId(email), IDENTITY, Date.now(), 3600);
    const res = await app.request('/api/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ message }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { conversationId: string }).conversationId;
  }
  const newOrder = (number: string, email: string, at: number) =>
    JSON.stringify(
      orderUpdate({
        id: 5500000000 + Number(number),
        name: `#${number}`,
        email,
        created_at: new Date(at).toISOString(),
        updated_at: new Date(at).toISOString(),
        fulfillment_status: null,
        fulfillments: [],
      }),
    );
  const purchases = () => db.sqlite.prepare(`select conversation_id, data from events where type = 'purchase' order by created_at`).all();

  it('is recorded once on the shopper’s latest conversation, so A/B conversion counts orders, not carts', async () => {
    const conv = await chatAs('ines.okafor@example.test', 'do you have a rain jacket?');
    await deliver('orders/create', newOrder('1050', 'ines.okafor@example.test', Date.now() + 60_000));
    // Shopify may deliver the same order again (a retry with a new id, or an update): still one purchase.
    await deliver('orders/create', newOrder('1050', 'ines.okafor@example.test', Date.now() + 60_000));
    await deliver('orders/updated', newOrder('1050', 'ines.okafor@example.test', Date.now() + 60_000));
    await settled();
    expect(purchases()).toEqual([{ conversation_id: conv, data: JSON.stringify({ orderNumber: '1050', total: 30 }) }]);
  });

  it('is not attributed to a chat more than a week before the order, nor to a shopper who never chatted', async () => {
    const conv = await chatAs('ines.okafor@example.test', 'hello');
    db.sqlite.prepare(`update conversations set updated_at = ? where id = ?`).run(Date.now() - 8 * 86_400_000, conv);
    await deliver('orders/create', newOrder('1051', 'ines.okafor@example.test', Date.now()));
    await deliver('orders/create', newOrder('1052', 'someone.new@example.test', Date.now()));
    await settled();
    expect(purchases()).toEqual([]);
    expect(db.sqlite.prepare(`select count(*) n from orders where number in ('1051', '1052')`).get()).toEqual({ n: 2 });
  });
});
