// The store: customers and their sessions, the catalog, orders and carts (see schema.ts).
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
  // When it last changed in the store: an older webhook never overwrites a newer state.
  externalUpdatedAt: integer('external_updated_at'),
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
    // When it last changed in the store: an older webhook never overwrites a newer state (nor its variants').
    externalUpdatedAt: integer('external_updated_at'),
  },
  (t) => [index('products_category').on(t.category), index('products_external').on(t.externalId)],
);

export const variants = sqliteTable(
  'variants',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
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
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
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
  (t) => [
    index('orders_customer_created').on(t.customerId, t.createdAt, t.totalCents, t.status),
    index('orders_external').on(t.externalId),
  ],
);

export const orderItems = sqliteTable(
  'order_items',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id')
      .notNull()
      .references(() => orders.id),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    variantId: text('variant_id')
      .notNull()
      .references(() => variants.id),
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
    cartId: text('cart_id')
      .notNull()
      .references(() => carts.id),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    variantId: text('variant_id')
      .notNull()
      .references(() => variants.id),
    quantity: integer('quantity').notNull(),
    addedAt: integer('added_at').notNull(),
  },
  (t) => [uniqueIndex('cart_items_cart_variant').on(t.cartId, t.variantId)],
);
