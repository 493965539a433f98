// Draft orders with items, statuses, dates and parcel tracking, for any customer.
import { DAY_MS } from '../index.js';
import type { OrderStatus, orderItems, orders } from '../schema.js';
import type { ProductRow, VariantRow } from './catalog.js';
import type { Rng } from './rng.js';

export type OrderRow = Omit<typeof orders.$inferSelect, 'externalId' | 'financialStatus' | 'externalUpdatedAt'> &
  Partial<Pick<typeof orders.$inferSelect, 'externalId' | 'financialStatus' | 'externalUpdatedAt'>>;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type DraftItem = Omit<OrderItemRow, 'id' | 'orderId' | 'status'>;
/** Address and cancellation fields default to none; a draft sets them only when it has them. */
export type DraftOrder = Omit<OrderRow, 'id' | 'number' | 'shipTo' | 'cancelledAt' | 'cancelReason'> &
  Partial<Pick<OrderRow, 'shipTo' | 'cancelledAt' | 'cancelReason'>> & { number?: string; items: DraftItem[] };

const HOUR_MS = 3_600_000;
export const CARRIERS = ['UPS', 'USPS', 'FedEx', 'DHL'] as const;

export interface Catalog {
  products: ProductRow[];
  variantsOf: Map<string, VariantRow[]>;
  bySlug: Map<string, ProductRow>;
}

export function indexCatalog(products: ProductRow[], variants: VariantRow[]): Catalog {
  const variantsOf = new Map<string, VariantRow[]>();
  for (const v of variants) variantsOf.set(v.productId, [...(variantsOf.get(v.productId) ?? []), v]);
  return { products, variantsOf, bySlug: new Map(products.map((p) => [p.slug, p])) };
}

export function trackingCode(carrier: string, rng: Rng): string {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  const alnum = (n: number) => Array.from({ length: n }, () => rng.pick('0123456789ABCDEFGHJKLMNPRSTUVWXYZ'.split(''))).join('');
  if (carrier === 'UPS') return `1Z${alnum(6)}${digits(10)}`;
  if (carrier === 'USPS') return `9400${digits(18)}`;
  if (carrier === 'FedEx') return digits(12);
  return digits(10);
}

export function itemFor(catalog: Catalog, product: ProductRow, size: string | null, rng: Rng, quantity = 1): DraftItem {
  const sizes = catalog.variantsOf.get(product.id) ?? [];
  const variant = (size && sizes.find((v) => v.size === size)) || rng.pick(sizes);
  return {
    productId: product.id,
    variantId: variant.id,
    name: product.name,
    size: variant.size,
    colour: product.colour,
    quantity,
    unitPriceCents: product.priceCents,
  };
}

/** Status and dates follow the order's age: recent orders are still on their way. */
export function fulfil(
  createdAt: number,
  now: number,
  rng: Rng,
): Pick<OrderRow, 'status' | 'shippedAt' | 'deliveredAt' | 'carrier' | 'trackingCode'> {
  const ageDays = (now - createdAt) / DAY_MS;
  let status: OrderStatus;
  if (ageDays < 1.5) status = 'processing';
  else if (ageDays < 6) status = rng.chance(0.6) ? 'shipped' : 'delivered';
  else status = rng.chance(0.05) ? 'cancelled' : rng.chance(0.07) ? 'returned' : 'delivered';
  if (status === 'processing' || status === 'cancelled')
    return { status, shippedAt: null, deliveredAt: null, carrier: null, trackingCode: null };
  const shippedAt = createdAt + rng.int(6, 30) * HOUR_MS;
  const deliveredAt = status === 'shipped' ? null : Math.min(now - HOUR_MS, shippedAt + rng.int(2, 5) * DAY_MS);
  const carrier = rng.pick(CARRIERS);
  return { status, shippedAt, deliveredAt, carrier, trackingCode: trackingCode(carrier, rng) };
}

export function randomOrder(catalog: Catalog, customerId: string, createdAt: number, now: number, rng: Rng, shoeSize?: string): DraftOrder {
  const lines = rng.pick([1, 1, 1, 2, 2, 3, 4]);
  const items: DraftItem[] = [];
  const clothingSize = rng.pick(['XS', 'S', 'M', 'M', 'L', 'L', 'XL', 'XXL']);
  for (let i = 0; i < lines; i++) {
    const product = rng.pick(catalog.products);
    const size = product.category === 'shoes' ? (shoeSize ?? null) : product.category === 'accessories' ? 'ONE' : clothingSize;
    items.push(itemFor(catalog, product, size, rng, rng.chance(0.1) ? 2 : 1));
  }
  return { customerId, createdAt, totalCents: totalOf(items), items, ...fulfil(createdAt, now, rng) };
}

export const totalOf = (items: DraftItem[]) => items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);

/**
 * Human order numbers in date order, ending just below the demo shoppers' fixed numbers;
 * ids derive from the number so every row is reproducible.
 */
export function numberOrders(
  drafts: DraftOrder[],
  rng: Rng,
  reserved: ReadonlySet<string>,
  below: number,
): { orders: OrderRow[]; items: OrderItemRow[] } {
  const unnumbered = drafts.filter((d) => !d.number).sort((a, b) => a.createdAt - b.createdAt);
  const steps = unnumbered.map(() => rng.int(1, 3));
  let n = below - steps.reduce((a, b) => a + b, 0);
  for (let i = 0; i < unnumbered.length; i++) {
    n += steps[i]!;
    while (reserved.has(String(n))) n++;
    unnumbered[i]!.number = String(n);
  }
  const orderRows: OrderRow[] = [];
  const itemRows: OrderItemRow[] = [];
  for (const d of [...drafts].sort((a, b) => a.createdAt - b.createdAt)) {
    const { items, number, ...rest } = d;
    const id = `o_${number}`;
    orderRows.push({ id, number: number!, shipTo: null, cancelledAt: null, cancelReason: null, ...rest });
    items.forEach((it, k) => itemRows.push({ id: `oi_${number}_${k + 1}`, orderId: id, status: d.status, ...it }));
  }
  return { orders: orderRows, items: itemRows };
}
