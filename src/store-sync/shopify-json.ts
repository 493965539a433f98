// Shopify's webhook payloads (the Admin API's JSON resources) → the same store records as the
// CSV import, through the same mapping: a product's options become colour and size the same way.
import { z } from 'zod';
import { productRecords, type Mapped, type ProductRow, type Row } from './shopify-csv.js';
import { orderStatus } from './shopify-orders.js';
import { mapColour, parseStoreDate } from './vocab.js';
import type { StoreRecordInput } from './records.js';

const id = z.union([z.number(), z.string()]).transform(String);
const str = z
  .string()
  .nullish()
  .transform((v) => v ?? '');
const money = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v == null ? '0' : String(v)));

const ProductPayload = z.object({
  id,
  title: z.string(),
  handle: z.string(),
  body_html: str,
  vendor: str,
  product_type: str,
  tags: z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .transform((v) => (Array.isArray(v) ? v.join(', ') : (v ?? ''))),
  status: str,
  created_at: str,
  updated_at: str,
  options: z.array(z.object({ name: z.string(), position: z.number().optional() })).default([]),
  variants: z
    .array(
      z.object({
        id,
        sku: str,
        price: money,
        option1: str,
        option2: str,
        option3: str,
        inventory_quantity: z.number().nullish(),
        image_id: id.nullish(),
      }),
    )
    .default([]),
  images: z.array(z.object({ id, src: z.string(), position: z.number().optional() })).default([]),
});

/** A products/create or products/update payload → one record per colour (as from the CSV). */
export function productFromShopify(payload: unknown, storeUrl: string | null): Mapped[] {
  const parsed = ProductPayload.safeParse(payload);
  if (!parsed.success)
    return [
      {
        line: 1,
        error: `product payload: ${parsed.error.issues[0]!.message} at ${parsed.error.issues[0]!.path.join('.')}`,
      },
    ];
  const p = parsed.data;
  const fields: Record<string, string> = {
    handle: p.handle,
    title: p.title,
    'body (html)': p.body_html,
    vendor: p.vendor,
    type: p.product_type,
    tags: p.tags,
    status: p.status,
    id: p.id,
    'option1 name': p.options[0]?.name ?? '',
    'option2 name': p.options[1]?.name ?? '',
    'option3 name': p.options[2]?.name ?? '',
  };
  const head: Row = {
    line: 1,
    get: (name) => fields[name.toLowerCase()] ?? '',
  };
  const imageSrc = new Map(p.images.map((i) => [i.id, i.src]));
  const rows: ProductRow[] = p.variants.map((v) => ({
    line: 1,
    option: [v.option1, v.option2, v.option3],
    sku: v.sku,
    stock: Math.max(0, v.inventory_quantity ?? 0),
    price: Number(v.price) || 0,
    variantId: v.id,
    variantImage: (v.image_id && imageSrc.get(v.image_id)) || '',
  }));
  const images = p.images.map((i, n) => ({
    src: i.src,
    position: i.position ?? n + 1,
  }));
  return productRecords(head, rows, images, { storeUrl }).map((m) =>
    'record' in m
      ? {
          ...m,
          record: {
            ...m.record,
            ...(p.created_at ? { createdAt: parseStoreDate(p.created_at) } : {}),
            updatedAt: parseStoreDate(p.updated_at) ?? null,
          } as StoreRecordInput,
        }
      : m,
  );
}

const CustomerPayload = z.object({
  id,
  email: z.string().nullish(),
  first_name: str,
  last_name: str,
  tags: str,
  accepts_marketing: z.boolean().nullish(),
  email_marketing_consent: z.object({ state: z.string().nullish() }).nullish(),
  created_at: str,
  updated_at: str,
});

export function customerFromShopify(payload: unknown): Mapped {
  const parsed = CustomerPayload.safeParse(payload);
  if (!parsed.success)
    return {
      line: 1,
      error: `customer payload: ${parsed.error.issues[0]!.message}`,
    };
  const c = parsed.data;
  return {
    line: 1,
    record: {
      type: 'customer',
      email: c.email ?? '',
      externalId: c.id,
      firstName: c.first_name,
      lastName: c.last_name,
      tags: c.tags
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      acceptsMarketing: c.email_marketing_consent?.state
        ? c.email_marketing_consent.state === 'subscribed'
        : (c.accepts_marketing ?? false),
      createdAt: parseStoreDate(c.created_at),
      updatedAt: parseStoreDate(c.updated_at) ?? null,
    },
  };
}

const Address = z
  .object({
    name: str,
    address1: str,
    address2: str,
    city: str,
    province_code: str,
    zip: str,
    country_code: str,
  })
  .nullish();
const OrderPayload = z.object({
  id,
  name: z.string(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  customer: z.object({ email: z.string().nullish() }).nullish(),
  created_at: z.string(),
  updated_at: str,
  cancelled_at: str,
  cancel_reason: str,
  financial_status: str,
  fulfillment_status: str,
  total_price: money,
  line_items: z
    .array(
      z.object({
        variant_id: id.nullish(),
        sku: str,
        name: str,
        title: str,
        variant_title: str,
        quantity: z.number(),
        price: money,
      }),
    )
    .default([]),
  fulfillments: z
    .array(
      z.object({
        tracking_company: str,
        tracking_number: str,
        shipment_status: str,
        created_at: str,
        updated_at: str,
        status: str,
      }),
    )
    .default([]),
  shipping_address: Address,
});

/** An orders/* payload (create, updated, cancelled, fulfilled, paid…) → an order record. */
export function orderFromShopify(payload: unknown): Mapped {
  const parsed = OrderPayload.safeParse(payload);
  if (!parsed.success)
    return {
      line: 1,
      error: `order payload: ${parsed.error.issues[0]!.message} at ${parsed.error.issues[0]!.path.join('.')}`,
    };
  const o = parsed.data;
  const shipped = o.fulfillments.filter((f) => f.status !== 'cancelled');
  const last = shipped.at(-1);
  const delivered = shipped.length > 0 && shipped.every((f) => f.shipment_status === 'delivered');
  const status = orderStatus({
    fulfillment: o.fulfillment_status,
    financial: o.financial_status,
    cancelled: Boolean(o.cancelled_at),
    delivered,
  });
  if (typeof status === 'object') return { line: 1, error: `order ${o.name}: unknown ${status.unknown}` };
  const a = o.shipping_address;
  const shipTo =
    a && a.address1 && a.country_code === 'US' && /^[A-Z]{2}$/.test(a.province_code)
      ? {
          name: a.name || undefined,
          line1: a.address1,
          line2: a.address2 || undefined,
          city: a.city,
          state: a.province_code,
          zip: a.zip,
          country: 'US' as const,
        }
      : null;
  return {
    line: 1,
    record: {
      type: 'order',
      number: o.name,
      externalId: o.id,
      email: o.email || o.contact_email || o.customer?.email || '',
      status,
      financialStatus: o.financial_status || null,
      total: o.total_price,
      createdAt: parseStoreDate(o.created_at) ?? Number.NaN,
      updatedAt: parseStoreDate(o.updated_at) ?? null,
      shippedAt: last ? (parseStoreDate(shipped[0]!.created_at) ?? null) : null,
      deliveredAt: delivered && last ? (parseStoreDate(last.updated_at) ?? null) : null,
      cancelledAt: parseStoreDate(o.cancelled_at) ?? null,
      cancelReason: o.cancel_reason || null,
      carrier: last?.tracking_company || null,
      trackingCode: last?.tracking_number || null,
      shipTo,
      lines: o.line_items.map(lineOf),
    },
  };
}

function lineOf(l: z.output<typeof OrderPayload>['line_items'][number]) {
  const parts = l.variant_title ? l.variant_title.split(' / ').map((s) => s.trim()) : [];
  return {
    sku: l.sku || null,
    variantExternalId: l.variant_id ?? null,
    name: l.variant_title ? `${l.title} - ${l.variant_title}` : l.name || l.title,
    size: parts.length ? parts.at(-1)! : null,
    colour: parts.length > 1 ? mapColour(parts[0]) : null,
    quantity: l.quantity,
    price: l.price,
  };
}

const RefundPayload = z.object({
  id,
  order_id: id,
  created_at: str,
  transactions: z.array(z.object({ amount: money, kind: str, status: str })).default([]),
});

export function refundFromShopify(payload: unknown):
  | {
      orderExternalId: string;
      refundId: string;
      amountCents: number;
      createdAt: number | undefined;
    }
  | { error: string } {
  const parsed = RefundPayload.safeParse(payload);
  if (!parsed.success) return { error: `refund payload: ${parsed.error.issues[0]!.message}` };
  const r = parsed.data;
  const cents = r.transactions
    .filter((t) => t.kind === 'refund' && (t.status === 'success' || t.status === ''))
    .reduce((s, t) => s + Math.round(Number(t.amount) * 100), 0);
  return {
    orderExternalId: r.order_id,
    refundId: r.id,
    amountCents: cents,
    createdAt: parseStoreDate(r.created_at),
  };
}
