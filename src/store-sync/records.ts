// The store's data as Tailor keeps it, independent of any platform: what the Shopify mappings
// produce and what the JSON Lines format holds (one object per line, `type` first). Money is in
// cents, times in epoch milliseconds (the JSON Lines format also takes ISO dates and dollars).
import { z } from 'zod';

const ORDER_STATUSES = ['processing', 'shipped', 'delivered', 'returned', 'cancelled'] as const;

/** ISO date-time or epoch milliseconds → epoch milliseconds. */
const time = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date')
    .transform((s) => Date.parse(s)),
]);
/** When the record last changed in the store (null when the source does not say): an older one never overwrites it. */
const updatedAt = time.nullish().transform((v) => v ?? null);
/** Dollars (12.5 or "12.50") → cents. */
const money = z.union([z.number(), z.string()], { error: 'must be an amount like 12.50' }).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : /^\d+(\.\d{1,2})?$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isFinite(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: 'must be an amount like 12.50' });
    return z.NEVER;
  }
  return Math.round(n * 100);
});
const url = z
  .string()
  .url('must be a URL')
  .nullish()
  .transform((v) => v ?? null);

export const VariantRecordSchema = z.object({
  /** The store's variant id (Shopify's numeric id): what its cart permalink takes. */
  externalId: z
    .string()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  sku: z
    .string()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  size: z.string().default('ONE'),
  colour: z.string().default(''),
  stock: z.number().int().default(0),
  price: money.optional(),
  imageUrl: url,
});

export const ProductRecordSchema = z.object({
  type: z.literal('product'),
  /** The store's stable key for the product (Shopify's handle): a re-import updates by it. */
  handle: z
    .string()
    .min(1, 'handle is required')
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'handle must be letters, digits, dots, dashes or underscores'),
  externalId: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  title: z.string().min(1, 'title is required'),
  description: z.string().default(''),
  vendor: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  /** Any words naming what it is ("Dresses", "Apparel & Accessories > Clothing > Dresses"): mapped onto the store's categories, kept when unknown. */
  category: z.string().default(''),
  tags: z.array(z.string()).default([]),
  status: z.enum(['active', 'draft', 'archived']).default('active'),
  price: money,
  url,
  imageUrl: url,
  variants: z.array(VariantRecordSchema).min(1, 'a product needs at least one variant'),
  createdAt: time.optional(),
  updatedAt,
});

export const CustomerRecordSchema = z.object({
  type: z.literal('customer'),
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  externalId: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  firstName: z.string().default(''),
  lastName: z.string().default(''),
  tags: z.array(z.string()).default([]),
  acceptsMarketing: z.boolean().default(false),
  createdAt: time.optional(),
  updatedAt,
});

export const OrderLineSchema = z.object({
  sku: z
    .string()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  variantExternalId: z
    .string()
    .min(1)
    .nullish()
    .transform((v) => v ?? null),
  name: z.string().min(1, 'line name is required'),
  size: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  colour: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  quantity: z.number().int().positive('quantity must be at least 1'),
  price: money,
});

export const ShipToSchema = z.object({
  name: z.string().optional(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  country: z.literal('US'),
});

export const OrderRecordSchema = z.object({
  type: z.literal('order'),
  /** The order number shoppers quote ("1001"; a leading # is dropped). */
  number: z
    .string()
    .trim()
    .min(1, 'order number is required')
    .transform((s) => s.replace(/^#/, '')),
  externalId: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  status: z.enum(ORDER_STATUSES),
  financialStatus: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  total: money,
  createdAt: time,
  updatedAt,
  shippedAt: time.nullish().transform((v) => v ?? null),
  deliveredAt: time.nullish().transform((v) => v ?? null),
  cancelledAt: time.nullish().transform((v) => v ?? null),
  cancelReason: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  carrier: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  trackingCode: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  shipTo: ShipToSchema.nullish().transform((v) => v ?? null),
  lines: z.array(OrderLineSchema).min(1, 'an order needs at least one line'),
});

export const StoreRecordSchema = z.discriminatedUnion('type', [ProductRecordSchema, CustomerRecordSchema, OrderRecordSchema]);

export type ProductRecord = z.output<typeof ProductRecordSchema>;
export type CustomerRecord = z.output<typeof CustomerRecordSchema>;
export type OrderRecord = z.output<typeof OrderRecordSchema>;
export type OrderLine = z.output<typeof OrderLineSchema>;
export type StoreRecord = z.output<typeof StoreRecordSchema>;
/** What a mapping hands over: a record (or its input, validated by the schema) from a line of the source. */
export type StoreRecordInput = z.input<typeof StoreRecordSchema>;

/** The first problem with a record, in words for the report ("price: must be an amount like 12.50"). */
export function recordProblem(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.filter((p) => typeof p !== 'symbol').join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
