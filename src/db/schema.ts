// One schema for both drivers (better-sqlite3 on Node, D1 on Workers).
// Times are integer milliseconds since the epoch; money is integer cents;
// JSON columns hold small structured values (answers, items, tool calls).
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

export const customers = sqliteTable('customers', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  loyaltyTier: text('loyalty_tier').notNull().default('none'), // none | silver | gold | platinum
  loyaltyPoints: integer('loyalty_points').notNull().default(0),
  answers: text('answers', { mode: 'json' }).$type<Record<string, string>>().notNull().default({}),
  // Set when the store blocks the account: its identity tokens are refused from that moment.
  blockedAt: integer('blocked_at'),
  createdAt: integer('created_at').notNull(),
  // Imported from the store (src/store-sync): its own tags, marketing consent and customer id.
  tags: text('tags').notNull().default(''), // comma-separated, as the store writes them
  acceptsMarketing: integer('accepts_marketing', { mode: 'boolean' }).notNull().default(false),
  externalId: text('external_id'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').references(() => customers.id),
    startedAt: integer('started_at').notNull(),
    pagesSeen: integer('pages_seen').notNull().default(1),
  },
  (t) => [index('sessions_customer_started').on(t.customerId, t.startedAt)],
);

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    category: text('category').notNull(), // dresses | tops | trousers | shoes | outerwear | accessories
    colour: text('colour').notNull(),
    description: text('description').notNull(),
    priceCents: integer('price_cents').notNull(),
    tags: text('tags').notNull().default(''), // space-separated words for search
    createdAt: integer('created_at').notNull(),
    // Imported from the store (src/store-sync); null for the demo catalog.
    imageUrl: text('image_url'),
    url: text('url'), // the product's page on the store
    vendor: text('vendor'),
    externalId: text('external_id'), // the store's product id (a Shopify product may become one row per colour)
    // 'active' products are searched and recommended; 'draft'/'archived' ones stay for order history.
    status: text('status').$type<'active' | 'draft' | 'archived'>().notNull().default('active'),
  },
  (t) => [index('products_category').on(t.category), index('products_external').on(t.externalId)],
);

export const variants = sqliteTable(
  'variants',
  {
    id: text('id').primaryKey(),
    productId: text('product_id').notNull().references(() => products.id),
    size: text('size').notNull(),
    sku: text('sku').notNull().unique(),
    stock: integer('stock').notNull(),
    externalId: text('external_id'), // the store's variant id: what its cart permalink takes
  },
  (t) => [uniqueIndex('variants_product_size').on(t.productId, t.size), index('variants_external').on(t.externalId)],
);

export const ORDER_STATUSES = ['processing', 'shipped', 'delivered', 'returned', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Where an order ships (US only, like the store). */
export interface ShippingAddress {
  name?: string;
  line1: string;
  line2?: string;
  city: string;
  state: string; // two-letter code
  zip: string;
  country: 'US';
}

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    customerId: text('customer_id').notNull().references(() => customers.id),
    status: text('status').$type<OrderStatus>().notNull(),
    totalCents: integer('total_cents').notNull(),
    createdAt: integer('created_at').notNull(),
    shippedAt: integer('shipped_at'),
    deliveredAt: integer('delivered_at'),
    carrier: text('carrier'),
    trackingCode: text('tracking_code'),
    shipTo: text('ship_to', { mode: 'json' }).$type<ShippingAddress>(),
    cancelledAt: integer('cancelled_at'),
    cancelReason: text('cancel_reason'),
    // Imported from the store (src/store-sync): its order id, payment state and when it last changed
    // there (an older webhook never overwrites a newer state).
    externalId: text('external_id'),
    financialStatus: text('financial_status'),
    externalUpdatedAt: integer('external_updated_at'),
  },
  // The segment profile aggregates a customer's orders, optionally within a time frame:
  // this covering index answers count/sum/min/max without touching the table.
  (t) => [index('orders_customer_created').on(t.customerId, t.createdAt, t.totalCents, t.status), index('orders_external').on(t.externalId)],
);

export const orderItems = sqliteTable(
  'order_items',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
    productId: text('product_id').notNull().references(() => products.id),
    variantId: text('variant_id').notNull().references(() => variants.id),
    name: text('name').notNull(),
    size: text('size').notNull(),
    colour: text('colour').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
  },
  (t) => [index('order_items_order').on(t.orderId)],
);

export const carts = sqliteTable('carts', {
  id: text('id').primaryKey(),
  // 'c:<customerId>' or 's:<sessionId>': one cart per owner, enforced by the unique key.
  ownerKey: text('owner_key').notNull().unique(),
  customerId: text('customer_id'),
  sessionId: text('session_id'),
  updatedAt: integer('updated_at').notNull(),
});

export const cartItems = sqliteTable(
  'cart_items',
  {
    id: text('id').primaryKey(),
    cartId: text('cart_id').notNull().references(() => carts.id),
    productId: text('product_id').notNull().references(() => products.id),
    variantId: text('variant_id').notNull().references(() => variants.id),
    quantity: integer('quantity').notNull(),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [uniqueIndex('cart_items_cart_variant').on(t.cartId, t.variantId)],
);

// One label per return: an order's items can go back in several returns, each item in one.
export const returnLabels = sqliteTable(
  'return_labels',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
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
    orderId: text('order_id').notNull().references(() => orders.id),
    customerId: text('customer_id').notNull(),
    kind: text('kind').$type<RefundKind>().notNull(),
    sourceId: text('source_id').notNull(), // the order (cancellation), label (return) or claim
    amountCents: integer('amount_cents').notNull(),
    status: text('status').$type<'pending' | 'awaiting_return' | 'issued'>().notNull(),
    expectedAt: integer('expected_at').notNull(),
    conversationId: text('conversation_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('refunds_source').on(t.kind, t.sourceId), index('refunds_customer_created').on(t.customerId, t.createdAt), index('refunds_order').on(t.orderId)],
);

export const CLAIM_KINDS = ['damaged', 'missing', 'wrong_item'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

// A damaged, missing or wrong item reported by the shopper, with what the policy gave for it.
export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().references(() => orders.id),
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
    orderId: text('order_id').notNull().references(() => orders.id),
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
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('tickets_conversation').on(t.conversationId),
    index('tickets_status').on(t.status, t.priority),
    index('tickets_session_created').on(t.sessionId, t.createdAt),
    index('tickets_customer_created').on(t.customerId, t.createdAt),
    index('tickets_client_created').on(t.clientKey, t.createdAt),
  ],
);

export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id').notNull(),
    customerId: text('customer_id'), // from the token, or bound by verify_customer
    verifiedBy: text('verified_by'), // 'token' | 'verify_customer' | null
    segmentId: text('segment_id').notNull(),
    ruleId: text('rule_id').notNull(),
    personaId: text('persona_id').notNull(),
    personaVersion: text('persona_version').notNull(),
    variant: text('variant'),
    experimentId: text('experiment_id'),
    model: text('model').notNull(),
    optOut: integer('opt_out', { mode: 'boolean' }).notNull().default(false),
    verifyAttempts: integer('verify_attempts').notNull().default(0),
    // A proposed action awaiting the shopper's yes (e.g. a return label), with the turn it was proposed in.
    pending: text('pending', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    summary: text('summary').notNull().default(''), // rolling summary of turns that left the verbatim window
    turnCount: integer('turn_count').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('conversations_session').on(t.sessionId), index('conversations_segment').on(t.segmentId, t.personaId)],
);

export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    turn: integer('turn').notNull(),
    seq: integer('seq').notNull(),
    role: text('role').$type<'user' | 'assistant' | 'tool'>().notNull(),
    content: text('content').notNull(),
    toolCalls: text('tool_calls', { mode: 'json' }).$type<Array<{ id: string; name: string; args: Record<string, unknown> }> | null>(),
    toolCallId: text('tool_call_id'),
    toolName: text('tool_name'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('messages_conversation_seq').on(t.conversationId, t.seq)],
);

export const turns = sqliteTable(
  'turns',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    turn: integer('turn').notNull(),
    segmentId: text('segment_id').notNull(),
    personaId: text('persona_id').notNull(),
    variant: text('variant'),
    model: text('model').notNull(),
    modelCalls: integer('model_calls').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    outcome: text('outcome').notNull(), // reply | step_limit | error
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('turns_conversation_turn').on(t.conversationId, t.turn), index('turns_persona').on(t.personaId, t.variant)],
);

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id'),
    customerId: text('customer_id'),
    sessionId: text('session_id'),
    type: text('type').notNull(), // add_to_cart | return_label_created | return_label_emailed | escalated | verified | ...
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('events_conversation').on(t.conversationId), index('events_type').on(t.type)],
);

export const feedback = sqliteTable(
  'feedback',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id),
    messageId: text('message_id').notNull(),
    rating: integer('rating').notNull(), // 1 = thumbs up, -1 = thumbs down
    comment: text('comment'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('feedback_message').on(t.messageId)],
);

export const segmentMemberships = sqliteTable(
  'segment_memberships',
  {
    customerId: text('customer_id').notNull().references(() => customers.id),
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
 * until applied; a crash leaves the row for the next start).
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
  },
  (t) => [index('webhook_events_pending').on(t.processedAt, t.receivedAt)],
);
