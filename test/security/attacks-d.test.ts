// Round D — what this attacker found open: a store webhook that arrives (or is replayed, under a new id within the
// five fresh minutes) after a newer one of the same record overwrote the newer data. Only the order row itself was
// guarded by its updated_at; its lines, the product (price, description, status, stock) and the customer (tags that
// choose the segment, marketing consent) took whatever came last. And a customer whose email the store changed (say,
// after their old inbox was taken over) stayed verifiable by the old email: the update made a second, empty customer
// under the new one, so the owner could not verify with it while whoever held the old inbox still could.
import { describe, expect, it } from 'vitest';
import { appsPerTest, deliverApplied, verifyFrom, verifyPuppet, WEBHOOK_SECRET } from './support.js';
import { customer, LATEST, NEWER, OLDER, order, product } from './shopify-bodies.js';

const open = appsPerTest('offline');

interface Case {
  what: string;
  topic: string;
  /** The newer state of the record, and an older one that arrives after it. */
  newer: unknown;
  older: unknown;
  read: string;
  /** What `read` gives after the newer delivery alone. */
  kept: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    what: 'a product’s price, description and stock',
    topic: 'products/update',
    newer: product({
      updated_at: NEWER,
      body_html: '<p>Waxed cotton, reproofed.</p>',
      variants: [{ id: 42000000077, sku: 'TFJ-M', price: '150.00', option1: 'M', option2: null, option3: null, inventory_quantity: 0 }],
    }),
    older: product({ updated_at: OLDER }),
    read: `select p.price_cents, p.description, v.stock from products p join variants v on v.product_id = p.id where p.slug = 'tern-field-jacket'`,
    kept: { price_cents: 15000, description: 'Waxed cotton, reproofed.', stock: 0 },
  },
  {
    what: 'a product the store took off sale (draft)',
    topic: 'products/update',
    newer: product({ updated_at: NEWER, status: 'draft' }),
    older: product({ updated_at: OLDER }),
    read: `select status from products where slug = 'tern-field-jacket'`,
    kept: { status: 'draft' },
  },
  {
    what: 'a customer’s withdrawn marketing consent and tags',
    topic: 'customers/update',
    newer: customer({ updated_at: NEWER, tags: '', email_marketing_consent: { state: 'unsubscribed' } }),
    older: customer({ updated_at: OLDER, tags: 'vip, wholesale', email_marketing_consent: { state: 'subscribed' } }),
    read: `select tags, accepts_marketing from customers where email = 'wren.hale@example.test'`,
    kept: { tags: '', accepts_marketing: 0 },
  },
  {
    what: 'an order’s lines (quantity, price, status) beside its guarded row',
    topic: 'orders/updated',
    newer: order({ updated_at: NEWER, cancelled_at: NEWER, total_price: '30.00' }, { quantity: 1 }),
    older: order({ updated_at: OLDER }),
    read: `select o.status as order_status, i.status as item_status, i.quantity from orders o join order_items i on i.order_id = o.id where o.number = '7707'`,
    kept: { order_status: 'cancelled', item_status: 'cancelled', quantity: 1 },
  },
];

const deliver = deliverApplied;

describe('an older store webhook never overwrites a newer one, whatever the record', () => {
  it.each(CASES)('$what', async ({ topic, newer, older, read, kept }) => {
    const s = await open({ model: 'offline', config: { shopifyWebhookSecret: WEBHOOK_SECRET } });
    await deliver(s, topic, newer);
    expect(s.sql.prepare(read).get()).toEqual(kept);
    // Shopify's own late delivery, or a captured older body replayed under a new id within the fresh minutes.
    await deliver(s, topic, older);
    expect(s.sql.prepare(read).get()).toEqual(kept);
    expect(s.sql.prepare(`select count(*) n from webhook_events where error is not null`).get()).toEqual({ n: 0 });
  });

  it('an update as new as the stored one, or newer, still applies', async () => {
    const s = await open({ model: 'offline', config: { shopifyWebhookSecret: WEBHOOK_SECRET } });
    await deliver(s, 'customers/update', customer({ updated_at: OLDER, tags: 'vip' }));
    await deliver(s, 'customers/update', customer({ updated_at: OLDER, tags: 'vip, press' }));
    expect(s.sql.prepare(`select tags from customers where email = 'wren.hale@example.test'`).get()).toEqual({ tags: 'vip, press' });
    await deliver(s, 'products/update', product({ updated_at: OLDER }));
    await deliver(s, 'products/update', product({ updated_at: NEWER, status: 'archived' }));
    expect(s.sql.prepare(`select status from products where slug = 'tern-field-jacket'`).get()).toEqual({ status: 'archived' });
  });
});

describe('a customer whose email the store changed verifies by the new email only', () => {
  it('the old email no longer opens the account; the new one does, with the same orders', async () => {
    const s = await open({ model: 'fake', config: { shopifyWebhookSecret: WEBHOOK_SECRET } });
    verifyPuppet(s);
    await deliver(s, 'customers/create', customer({ updated_at: OLDER }));
    await deliver(s, 'orders/create', order({ updated_at: OLDER }));
    await deliver(s, 'customers/update', customer({ updated_at: NEWER, email: 'Wren.Hale@Mail.Example.test' }));
    expect(await verifyFrom(s, '192.0.2.81', 'wren.hale@example.test', '7707')).toBe('not_found');
    expect(await verifyFrom(s, '192.0.2.82', 'wren.hale@mail.example.test', '7707')).toBe('ok');
    expect(s.sql.prepare(`select count(*) n from customers where external_id = '7100000077'`).get()).toEqual({ n: 1 });
    // An older update carrying the old email, arriving late, does not bring it back; the order's own later updates,
    // which keep the email it was placed with, still apply to it and leave it the customer's.
    await deliver(s, 'customers/update', customer({ updated_at: OLDER }));
    await deliver(s, 'orders/updated', order({ updated_at: LATEST, cancelled_at: LATEST }));
    expect(await verifyFrom(s, '192.0.2.83', 'wren.hale@example.test', '7707')).toBe('not_found');
    expect(
      s.sql.prepare(`select o.status, c.email from orders o join customers c on c.id = o.customer_id where o.number = '7707'`).get(),
    ).toEqual({ status: 'cancelled', email: 'wren.hale@mail.example.test' });
    expect(s.sql.prepare(`select count(*) n from customers where external_id = '7100000077'`).get()).toEqual({ n: 1 });
    // Whoever the store gives the old email next is a customer of their own, with their own orders.
    await deliver(s, 'customers/create', customer({ id: 7100000099, first_name: 'Ash', updated_at: LATEST }));
    await deliver(s, 'orders/create', order({ id: 5500000099, name: '#7799', updated_at: LATEST }));
    expect(await verifyFrom(s, '192.0.2.84', 'wren.hale@example.test', '7799')).toBe('ok');
    expect(await verifyFrom(s, '192.0.2.85', 'wren.hale@example.test', '7707')).toBe('not_found');
  });
});
