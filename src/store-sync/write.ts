// Store records → SQL upserts, keyed by the store's own keys (product handle, customer email,
// order number), so a re-import or a repeated webhook updates rows instead of adding them.
// Plain statements with bound values: the same list runs through the atomic seam (Node, D1)
// or is rendered as a SQL file for `wrangler d1 execute --file`. Nothing is read first: order
// lines find their variant and customer by subqueries, and a line whose product the store no
// longer sells gets an archived stand-in so the order's history stays whole.
import { sqlLiteral as literal, type Statement } from '../db/index.js';
import type { CustomerRecord, OrderLine, OrderRecord, ProductRecord, StoreRecord } from './records.js';
import { keyDigest, mapCategory, mapColour, searchWords, storeId } from './vocab.js';

export const st = (sql: string, ...params: unknown[]): Statement => ({ sql, params });

/**
 * The store may send a record's updates out of order (a late retry), and a signed one can be replayed within its fresh
 * minutes: a record older than the stored row (by the store's own updated-at) never overwrites it. A time unknown on
 * either side (a CSV import, the demo seed) does not hold it back, and an update without one keeps the stored time.
 */
const notOlder = (table: string) => `coalesce(${table}.external_updated_at <= excluded.external_updated_at, 1)`;
const keepNewest = (table: string) => `external_updated_at = coalesce(excluded.external_updated_at, ${table}.external_updated_at)`;
/** Whether a record's parent row (a product's, an order's) took this update: what its variants or lines then follow. */
const parentTook = (table: 'products' | 'orders', key: 'slug' | 'number') =>
  `coalesce((SELECT external_updated_at FROM ${table} WHERE ${key} = ?) <= ?, 1)`;
/**
 * Whether a product's update may apply after the store deleted it: only one newer than the delete (the store made it
 * again); an older one, or one with no time, arriving after the delete (a late retry, a replay) never brings it back.
 */
const notDeleted = (p: ProductRecord) => ({
  sql: `NOT EXISTS (SELECT 1 FROM store_tombstones WHERE kind = 'product' AND external_id = ? AND coalesce(deleted_at >= ?, 1))`,
  params: [p.externalId, p.updatedAt],
});

export function recordStatements(r: StoreRecord, now: number): Statement[] {
  switch (r.type) {
    case 'product':
      return productStatements(r, now);
    case 'customer':
      return customerStatements(r, now);
    case 'order':
      return orderStatements(r, now);
  }
}

function productStatements(p: ProductRecord, now: number): Statement[] {
  // JSON Lines records come in the store's own words: the same vocabulary mapping as the CSV's.
  const colour = mapColour(p.variants.find((v) => v.colour)?.colour);
  const category = mapCategory([p.category, p.title, p.tags.join(' ')]);
  const tags = searchWords(p.tags, p.vendor);
  const live = notDeleted(p);
  const out = [
    st(
      `INSERT INTO products (id, slug, name, category, colour, description, price_cents, tags, created_at, image_url, url, vendor, external_id, status, external_updated_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${live.sql}
       ON CONFLICT(slug) DO UPDATE SET name = excluded.name, category = excluded.category, colour = excluded.colour, description = excluded.description,
         price_cents = excluded.price_cents, tags = excluded.tags, image_url = excluded.image_url, url = coalesce(excluded.url, products.url),
         vendor = excluded.vendor, external_id = coalesce(excluded.external_id, products.external_id), status = excluded.status, ${keepNewest('products')}
       WHERE ${notOlder('products')}`,
      storeId('prod', p.handle),
      p.handle,
      p.title,
      category,
      colour,
      p.description,
      p.price,
      tags,
      p.createdAt ?? now,
      p.imageUrl,
      p.url,
      p.vendor,
      p.externalId,
      p.status,
      p.updatedAt,
      ...live.params,
    ),
  ];
  return [...out, ...variantStatements(p)];
}

/** A product's sizes, as this update lists them: none changed when the product row refused it as older or deleted. */
function variantStatements(p: ProductRecord): Statement[] {
  const out: Statement[] = [];
  const live = notDeleted(p);
  const took = [p.handle, p.updatedAt, ...live.params];
  const sizes: string[] = [];
  for (const v of p.variants) {
    sizes.push(v.size);
    const sku = v.sku ?? `${p.handle}-${v.size}`.toUpperCase().replace(/[^A-Z0-9]+/g, '-');
    // A SKU another product already uses is left alone rather than failing the whole file.
    out.push(
      st(
        `INSERT INTO variants (id, product_id, size, sku, stock, external_id)
         SELECT ?, (SELECT id FROM products WHERE slug = ?), ?, ?, ?, ? WHERE ${parentTook('products', 'slug')} AND ${live.sql}
         ON CONFLICT(product_id, size) DO UPDATE SET sku = excluded.sku, stock = excluded.stock, external_id = coalesce(excluded.external_id, variants.external_id)
         ON CONFLICT DO NOTHING`,
        storeId('var', `${p.handle}\u0000${v.size}`),
        p.handle,
        v.size,
        sku,
        v.stock,
        v.externalId,
        ...took,
      ),
    );
  }
  // Sizes the store no longer lists are sold out, not deleted: carts and orders still point at them.
  out.push(
    st(
      `UPDATE variants SET stock = 0 WHERE product_id = (SELECT id FROM products WHERE slug = ?) AND size NOT IN (${sizes.map(() => '?').join(', ')})
         AND ${parentTook('products', 'slug')} AND ${live.sql}`,
      p.handle,
      ...sizes,
      ...took,
    ),
  );
  return out;
}

/**
 * A customer's id, derived from their email; when a customer the store has since given a new email still holds that id,
 * one derived from the email and `other` (the store's id, or the order), so whoever uses the email next has a row too.
 */
const customerId = (email: string, other: string): { sql: string; params: string[] } => ({
  sql: `coalesce((SELECT ? WHERE NOT EXISTS (SELECT 1 FROM customers WHERE id = ?)), ?)`,
  params: [storeId('cus', email), storeId('cus', email), storeId('cus', `${email}\u0000${other}`)],
});

function customerStatements(c: CustomerRecord, now: number): Statement[] {
  return [
    ...(c.externalId ? [...bareHolderStatements(c, c.externalId, now), emailChangeStatement(c, c.externalId)] : []),
    customerStatement(c, now),
  ];
}

/** Every table that ties something of a person's to a customer row: orders, chats, carts, after-sale records, lists. */
const HELD_BY_CUSTOMER = [
  'orders',
  'conversations',
  'sessions',
  'carts',
  'events',
  'return_labels',
  'refunds',
  'claims',
  'replacements',
  'tickets',
  'segment_memberships',
] as const;

/**
 * When the store moves its customer onto an email a bare row holds (no store id: a CSV or seed row, or one a guest order
 * made), that row makes way, and nothing of it reaches the store's customer, nor anything of theirs it: a row holding
 * nothing (no orders, chats, carts, after-sale records, lists, points) is dropped; any other is retired (its email set
 * aside, blocked), its orders kept for the store's staff and reachable in chat by no one, since whoever typed that
 * email at a guest checkout need not be the person the store now gives it to. Not when the change itself does not
 * apply (older than the customer's row, or the customer already has that email).
 */
function bareHolderStatements(c: CustomerRecord, externalId: string, now: number): Statement[] {
  const changes = `EXISTS (SELECT 1 FROM customers m WHERE m.external_id = ? AND m.email <> ? AND coalesce(m.external_updated_at <= ?, 1))`;
  const holder = `customers.email = ? AND customers.external_id IS NULL AND ${changes}`;
  const params = [c.email, externalId, c.email, c.updatedAt];
  const holds = HELD_BY_CUSTOMER.map((t) => `EXISTS (SELECT 1 FROM ${t} WHERE ${t}.customer_id = customers.id)`).join(' OR ');
  return [
    st(`DELETE FROM customers WHERE ${holder} AND customers.loyalty_points = 0 AND NOT (${holds})`, ...params),
    st(`UPDATE customers SET email = email || '#superseded-' || id, blocked_at = ? WHERE ${holder}`, now, ...params),
  ];
}

/**
 * A customer whose email the store changed (the same store id, a new email) keeps their row, orders and history under
 * the new email, and the old one stops naming them: it no longer verifies anyone (say the old inbox was taken over).
 * Not when the update is older than the row, nor when another customer already has the new email.
 */
function emailChangeStatement(c: CustomerRecord, externalId: string): Statement {
  return st(
    `UPDATE customers SET email = ? WHERE external_id = ? AND email <> ? AND NOT EXISTS (SELECT 1 FROM customers WHERE email = ?)
       AND coalesce(external_updated_at <= ?, 1)`,
    c.email,
    externalId,
    c.email,
    c.email,
    c.updatedAt,
  );
}

/** The customer's row, by email; nothing when the store's customer now lives here under another email (a late, older record). */
function customerStatement(c: CustomerRecord, now: number): Statement {
  const id = customerId(c.email, c.externalId ?? '');
  return st(
    `INSERT INTO customers (id, email, first_name, last_name, created_at, tags, accepts_marketing, external_id, external_updated_at)
     SELECT ${id.sql}, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM customers WHERE external_id = ? AND email <> ?)
     ON CONFLICT(email) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name, tags = excluded.tags,
       accepts_marketing = excluded.accepts_marketing, external_id = coalesce(excluded.external_id, customers.external_id), ${keepNewest('customers')}
     WHERE ${notOlder('customers')}`,
    ...id.params,
    c.email,
    c.firstName,
    c.lastName,
    c.createdAt ?? now,
    c.tags.join(', '),
    c.acceptsMarketing ? 1 : 0,
    c.externalId,
    c.updatedAt,
    c.externalId,
    c.email,
  );
}

/** How an order line finds its variant: the store's variant id, else its SKU, else its name. */
function lineKey(l: OrderLine): {
  where: string;
  params: unknown[];
  key: string;
  sku: string;
} {
  const byName = `LINE-${keyDigest(l.name).slice(0, 12).toUpperCase()}`;
  const sku = l.sku ?? byName;
  if (l.variantExternalId)
    return {
      where: '(external_id = ? OR sku = ?)',
      params: [l.variantExternalId, sku],
      key: `v:${l.variantExternalId}`,
      sku,
    };
  return { where: 'sku = ?', params: [sku], key: `s:${sku}`, sku };
}

function orderStatements(o: OrderRecord, _now: number): Statement[] {
  const id = customerId(o.email, `order:${o.number}`);
  const out = [
    // An order may come before (or without) its customer's row: a bare one, filled in by a customers import. An order
    // placed before its customer's email changed keeps the old email in the store's updates: it stays that customer's.
    st(
      `INSERT INTO customers (id, email, first_name, last_name, created_at)
       SELECT ${id.sql}, ?, '', '', ? WHERE NOT EXISTS (SELECT 1 FROM orders WHERE number = ?)
       ON CONFLICT(email) DO NOTHING`,
      ...id.params,
      o.email,
      o.createdAt,
      o.number,
    ),
    st(
      `INSERT INTO orders (id, number, customer_id, status, total_cents, created_at, shipped_at, delivered_at, carrier, tracking_code, ship_to, cancelled_at, cancel_reason, external_id, financial_status, external_updated_at)
       VALUES (?, ?, coalesce((SELECT id FROM customers WHERE email = ?), (SELECT customer_id FROM orders WHERE number = ?)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(number) DO UPDATE SET status = excluded.status, total_cents = excluded.total_cents, shipped_at = coalesce(excluded.shipped_at, orders.shipped_at),
         delivered_at = coalesce(excluded.delivered_at, orders.delivered_at), carrier = coalesce(excluded.carrier, orders.carrier),
         tracking_code = coalesce(excluded.tracking_code, orders.tracking_code), ship_to = coalesce(excluded.ship_to, orders.ship_to),
         cancelled_at = coalesce(excluded.cancelled_at, orders.cancelled_at), cancel_reason = coalesce(excluded.cancel_reason, orders.cancel_reason),
         external_id = coalesce(excluded.external_id, orders.external_id), financial_status = excluded.financial_status, ${keepNewest('orders')}
       WHERE ${notOlder('orders')}`,
      storeId('ord', o.number),
      o.number,
      o.email,
      o.number,
      o.status,
      o.total,
      o.createdAt,
      o.shippedAt,
      o.deliveredAt,
      o.carrier,
      o.trackingCode,
      o.shipTo ? JSON.stringify(o.shipTo) : null,
      o.cancelledAt,
      o.cancelReason,
      o.externalId,
      o.financialStatus,
      o.updatedAt,
    ),
  ];
  o.lines.forEach((l, i) => out.push(...lineStatements(o, l, i)));
  return out;
}

/** An order line: a stand-in product and variant when the catalog lacks it, then the line itself. */
function lineStatements(o: OrderRecord, l: OrderLine, i: number): Statement[] {
  const k = lineKey(l);
  const variant = `(SELECT id FROM variants WHERE ${k.where} LIMIT 1)`;
  const missing = `NOT EXISTS (SELECT 1 FROM variants WHERE ${k.where})`;
  const standIn = `line\u0000${k.key}`;
  return [
    st(
      `INSERT INTO products (id, slug, name, category, colour, description, price_cents, tags, created_at, status)
       SELECT ?, ?, ?, 'other', ?, '', ?, '', ?, 'archived' WHERE ${missing} ON CONFLICT DO NOTHING`,
      storeId('prod', standIn),
      `archived-${k.sku.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      l.name.replace(/ - [^-]*$/, ''),
      l.colour ?? '',
      l.price,
      o.createdAt,
      ...k.params,
    ),
    st(
      `INSERT INTO variants (id, product_id, size, sku, stock, external_id)
       SELECT ?, ?, ?, ?, 0, ? WHERE ${missing} ON CONFLICT DO NOTHING`,
      storeId('var', standIn),
      storeId('prod', standIn),
      l.size ?? 'ONE',
      k.sku,
      l.variantExternalId,
      ...k.params,
    ),
    // Lines follow their order: an older update the order row refused changes none of them either.
    st(
      `INSERT INTO order_items (id, order_id, product_id, variant_id, name, size, colour, quantity, unit_price_cents, status)
       SELECT ?, (SELECT id FROM orders WHERE number = ?), (SELECT product_id FROM variants WHERE id = ${variant}), ${variant},
         ?, coalesce(?, (SELECT size FROM variants WHERE id = ${variant}), 'ONE'),
         coalesce(?, (SELECT colour FROM products WHERE id = (SELECT product_id FROM variants WHERE id = ${variant})), ''), ?, ?, ?
       WHERE ${parentTook('orders', 'number')}
       ON CONFLICT(id) DO UPDATE SET quantity = excluded.quantity, unit_price_cents = excluded.unit_price_cents,
         status = CASE WHEN order_items.status = 'returned' THEN 'returned' ELSE excluded.status END`,
      storeId('oi', `${o.number}\u0000${i}`),
      o.number,
      ...k.params,
      ...k.params,
      l.name.replace(/ - [^-]*$/, ''),
      l.size,
      ...k.params,
      l.colour,
      ...k.params,
      l.quantity,
      l.price,
      o.status,
      o.number,
      o.updatedAt,
    ),
  ];
}

/** A statement as literal SQL text (for a `wrangler d1 execute --file` script). */
export function renderStatement(s: Statement): string {
  let i = 0;
  const text = s.sql.replace(/\?/g, () => literal(s.params[i++]));
  return `${text.replace(/\s*\n\s*/g, ' ').trim()};`;
}
