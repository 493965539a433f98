// After the sale: return labels, refunds, claims, replacements and the tickets that hand a case to a person (see schema.ts).
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { orders } from './schema-store.js';

// One label per return: an order's items can go back in several returns, each item in one.
export const returnLabels = sqliteTable(
  'return_labels',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: text('customer_id').notNull(),
    items: text('items', { mode: 'json' }).$type<string[]>().notNull(), // order item ids
    reason: text('reason'),
    trackingCode: text('tracking_code').notNull(),
    emailedTo: text('emailed_to').notNull(), // masked address
    conversationId: text('conversation_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('return_labels_order').on(t.orderId, t.createdAt)],
);

export const REFUND_KINDS = ['cancellation', 'return', 'claim'] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];

// Money going back to a shopper, one row per cause (a cancellation, a return label, a claim):
// the unique key makes a repeated or racing action record one refund.
export const refunds = sqliteTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: text('customer_id').notNull(),
    kind: text('kind').$type<RefundKind>().notNull(),
    sourceId: text('source_id').notNull(), // the order (cancellation), label (return) or claim
    amountCents: integer('amount_cents').notNull(),
    status: text('status').$type<'pending' | 'awaiting_return' | 'issued'>().notNull(),
    expectedAt: integer('expected_at').notNull(),
    conversationId: text('conversation_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('refunds_source').on(t.kind, t.sourceId),
    index('refunds_customer_created').on(t.customerId, t.createdAt),
    index('refunds_order').on(t.orderId),
  ],
);

export const CLAIM_KINDS = ['damaged', 'missing', 'wrong_item'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

// A damaged, missing or wrong item reported by the shopper, with what the policy gave for it.
export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: text('customer_id').notNull(),
    kind: text('kind').$type<ClaimKind>().notNull(),
    items: text('items', { mode: 'json' }).$type<string[]>().notNull(), // order item ids
    note: text('note').notNull(),
    resolution: text('resolution').$type<'replacement' | 'refund' | 'review'>().notNull(),
    status: text('status').$type<'approved' | 'review'>().notNull(),
    amountCents: integer('amount_cents').notNull(),
    conversationId: text('conversation_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('claims_order').on(t.orderId), index('claims_customer_created').on(t.customerId, t.createdAt)],
);

export interface ReplacementItem {
  orderItemId: string;
  productId: string;
  variantId: string;
  name: string;
  size: string;
  colour: string;
  quantity: number;
}

// Items sent out again at no charge: for an exchange (against its return label) or a claim.
export const replacements = sqliteTable(
  'replacements',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    customerId: text('customer_id').notNull(),
    source: text('source').$type<'exchange' | 'claim'>().notNull(),
    sourceId: text('source_id').notNull(), // return label id or claim id
    items: text('items', { mode: 'json' }).$type<ReplacementItem[]>().notNull(),
    status: text('status').notNull().default('processing'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('replacements_source').on(t.source, t.sourceId), index('replacements_order').on(t.orderId)],
);

export const tickets = sqliteTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull(),
    customerId: text('customer_id'),
    sessionId: text('session_id').notNull(),
    segment: text('segment').notNull(),
    priority: text('priority').notNull(), // high | normal | low
    summary: text('summary').notNull(),
    status: text('status').notNull().default('open'),
    // A one-way digest of the client address, so tickets per address can be capped without storing it.
    clientKey: text('client_key'),
    // The same of the client's site (an IPv6 /48), which counts as a few clients.
    networkKey: text('network_key'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('tickets_conversation').on(t.conversationId),
    index('tickets_status').on(t.status, t.priority),
    index('tickets_session_created').on(t.sessionId, t.createdAt),
    index('tickets_customer_created').on(t.customerId, t.createdAt),
    index('tickets_client_created').on(t.clientKey, t.createdAt),
    index('tickets_network_created').on(t.networkKey, t.createdAt),
  ],
);
