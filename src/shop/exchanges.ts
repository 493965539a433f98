// Exchanges: a delivered item goes back on a free return label and the same product in another
// size or colour goes out. The label, the replacement and the stock taken commit together, and
// only while the new size is still in stock, so a sold-out size never yields a label alone.
import { and, eq, gte, sql } from 'drizzle-orm';
import { products, replacements, variants, type Atomic, type Db, type IdGen, type ReplacementItem, type WriteQuery } from '../db/index.js';
import { normalizeSize } from './format.js';
import type { OrderItemRow, OwnedOrder, ReturnLabelRow } from './orders.js';
import { writeReturnLabel, type EventRow } from './returns.js';

export type ReplacementRow = typeof replacements.$inferSelect;

export interface ExchangeWish {
  item: OrderItemRow;
  size?: string | undefined;
  colour?: string | undefined;
}

export type ExchangeLine = { ok: true; line: ReplacementItem; from: OrderItemRow } | { ok: false; reason: string; soldOut?: boolean };

const styleOf = (p: { name: string; colour: string }) =>
  p.name.toLowerCase().startsWith(`${p.colour.toLowerCase()} `) ? p.name.slice(p.colour.length + 1) : p.name;

/** The variant an item would be exchanged for: same product (or its sibling in the colour asked), the size asked (or the same). */
export async function exchangeLine(db: Db, wish: ExchangeWish): Promise<ExchangeLine> {
  const { item } = wish;
  const [current] = await db.select().from(products).where(eq(products.id, item.productId)).limit(1);
  if (!current) return { ok: false, reason: `${item.name} is no longer sold` };
  let product = current;
  const colour = wish.colour?.trim().toLowerCase();
  if (colour && colour !== current.colour.toLowerCase()) {
    // The same style in another colour, at the same price give or take the cents a colour's price
    // may differ by ($89.00 / $88.95): an even swap, never one into a differently priced piece.
    const evenSwap = (p: { priceCents: number }) => Math.abs(p.priceCents - current.priceCents) <= Math.max(5, current.priceCents * 0.01);
    const family = (await db.select().from(products).where(eq(products.category, current.category))).filter(evenSwap);
    const sibling = family.find((p) => p.colour.toLowerCase() === colour && styleOf(p) === styleOf(current));
    if (!sibling) {
      const offered = family.filter((p) => styleOf(p) === styleOf(current)).map((p) => p.colour);
      return { ok: false, reason: `${styleOf(current)} comes in ${offered.join(', ')}, not ${colour}` };
    }
    product = sibling;
  }
  const size = wish.size ? normalizeSize(wish.size) : item.size;
  const [variant] = await db
    .select()
    .from(variants)
    .where(and(eq(variants.productId, product.id), eq(variants.size, size)))
    .limit(1);
  if (!variant) return { ok: false, reason: `${product.name} does not come in size ${size}` };
  if (variant.id === item.variantId)
    return { ok: false, reason: `that is the same ${item.name} in ${item.size} already bought; say which size or colour instead` };
  if (variant.stock < item.quantity) return { ok: false, soldOut: true, reason: `${product.name} in ${size} is sold out` };
  const line: ReplacementItem = {
    orderItemId: item.id,
    productId: product.id,
    variantId: variant.id,
    name: product.name,
    size: variant.size,
    colour: product.colour,
    quantity: item.quantity,
  };
  return { ok: true, line, from: item };
}

export interface ExchangeInput {
  owned: OwnedOrder;
  lines: readonly ReplacementItem[];
  emailedTo: string;
  conversationId: string;
  now: number;
  alongWith?: WriteQuery[];
  record?: (labelId: string, trackingCode: string) => EventRow[];
}

/** The label and its replacement, or null when the new size sold out before this could be written. */
export async function createExchange(
  db: Db,
  atomic: Atomic,
  ids: IdGen,
  input: ExchangeInput,
): Promise<{ label: ReturnLabelRow; created: boolean } | null> {
  const need = new Map<string, number>();
  for (const l of input.lines) need.set(l.variantId, (need.get(l.variantId) ?? 0) + l.quantity);
  const inStock = [...need].map(
    ([id, q]) => sql`exists (select 1 from ${variants} where ${variants.id} = ${id} and ${variants.stock} >= ${q})`,
  );
  const replacementId = ids('rp');
  const { order } = input.owned;
  const r = await writeReturnLabel(db, atomic, ids, {
    owned: input.owned,
    itemIds: input.lines.map((l) => l.orderItemId).sort(),
    reason: 'exchange',
    emailedTo: input.emailedTo,
    conversationId: input.conversationId,
    now: input.now,
    alongWith: input.alongWith,
    record: input.record,
    requires: and(...inStock),
    withLabel: (labelId, labelExists) => {
      const v = (x: unknown, as: string) => sql`${x}`.as(as);
      return [
        db.insert(replacements).select(
          db
            .select({
              id: v(replacementId, 'id'),
              orderId: v(order.id, 'order_id'),
              customerId: v(order.customerId, 'customer_id'),
              source: v('exchange', 'source'),
              sourceId: v(labelId, 'source_id'),
              items: v(JSON.stringify(input.lines), 'items'),
              status: v('processing', 'status'),
              createdAt: v(input.now, 'created_at'),
            })
            .from(sql`(select 1)`)
            .where(labelExists),
        ),
        ...[...need].map(([id, q]) =>
          db
            .update(variants)
            .set({ stock: sql`${variants.stock} - ${q}` })
            .where(and(eq(variants.id, id), gte(variants.stock, q), labelExists)),
        ),
      ];
    },
  });
  return r.label ? { label: r.label, created: r.created } : null;
}

/** Replacements sent for an order (exchanges and claims). */
export const replacementsOf = (db: Db, orderId: string) =>
  db.select().from(replacements).where(eq(replacements.orderId, orderId)).orderBy(replacements.createdAt, replacements.id);
