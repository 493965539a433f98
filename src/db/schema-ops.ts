// Operations: manual segment lists, failed secret checks, store webhooks (see schema.ts).
import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { customers } from './schema-store.js';

export const segmentMemberships = sqliteTable(
  'segment_memberships',
  {
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    segment: text('segment').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.segment] })],
);

/**
 * Failed secret checks (in-chat verification, admin token, demo token) per key — a target email,
 * an order number, a session, a client address — with a lock-out that grows each time it trips.
 * In the database so it holds across conversations, restarts and Workers isolates.
 */
export const authFailures = sqliteTable('auth_failures', {
  key: text('key').primaryKey(), // e.g. 'verify:email:<sha256>', 'verify:session:<id>', 'admin:ip:<digest>'
  failures: integer('failures').notNull().default(0), // within the current window
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until').notNull().default(0),
  locks: integer('locks').notNull().default(0), // lock-outs so far: each one lasts twice the last
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Store webhooks (src/store-sync): one row per delivery id — the table of ids already seen (a
 * redelivery is answered 200 and not processed again) and the queue of work (processedAt null
 * until applied; a crash leaves the row for the next start). The digest of topic and body de-duplicates the same signed
 * body replayed under a new delivery id; the trigger time is what a delete is dated by.
 */
export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    id: text('id').primaryKey(), // '<source>:<delivery id>', e.g. 'shopify:b54557e4-…'
    source: text('source').notNull(), // shopify
    topic: text('topic').notNull(), // orders/updated, products/create, …
    payload: text('payload').notNull(), // the raw JSON body
    receivedAt: integer('received_at').notNull(),
    processedAt: integer('processed_at'),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    triggeredAt: integer('triggered_at'), // X-Shopify-Triggered-At, ms
    digest: text('digest'), // SHA-256 of topic and raw body
  },
  (t) => [index('webhook_events_pending').on(t.processedAt, t.receivedAt), uniqueIndex('webhook_events_digest').on(t.source, t.digest)],
);

/**
 * What the store deleted, and when (the delete delivery's trigger time): a record's update older than its delete, arriving
 * after it (a late retry, a replay), never brings it back; a newer one (the store made it again) may.
 */
export const storeTombstones = sqliteTable(
  'store_tombstones',
  {
    kind: text('kind').notNull(), // product
    externalId: text('external_id').notNull(),
    deletedAt: integer('deleted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.externalId] })],
);
