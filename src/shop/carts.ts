// One cart per owner — a customer ('c:<id>') or an anonymous session ('s:<id>') — kept unique
// by the owner key and written with upserts, so concurrent adds never create a second cart.
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { formatMoney } from '../core/index.js';
import { cartItems, carts, prepared, products, variants, type Atomic, type Db, type IdGen, type WriteQuery } from '../db/index.js';
import { dollars } from './format.js';
import { checkoutUrl, type CheckoutSettings } from './checkout.js';
import { FREE_SHIPPING_THRESHOLD_CENTS, MAX_CART_LINE_QUANTITY, STANDARD_SHIPPING_CENTS } from './policy.js';

export interface CartOwner {
  customerId: string | null;
  sessionId: string;
}

export const cartOwnerKey = (o: CartOwner): string => (o.customerId ? `c:${o.customerId}` : `s:${o.sessionId}`);

/** The owner's cart id, created on first use. */
export async function ensureCart(db: Db, owner: CartOwner, now: number, ids: IdGen): Promise<string> {
  const [row] = await db
    .insert(carts)
    .values({
      id: ids('cart'),
      ownerKey: cartOwnerKey(owner),
      customerId: owner.customerId,
      sessionId: owner.customerId ? null : owner.sessionId,
      updatedAt: now,
    })
    .onConflictDoUpdate({ target: carts.ownerKey, set: { updatedAt: now } })
    .returning({ id: carts.id });
  if (!row) throw new Error('cart upsert returned no row');
  return row.id;
}

export async function findCartId(db: Db, owner: CartOwner): Promise<string | undefined> {
  const q = prepared(db, 'shop.findCartId', (d) =>
    d
      .select({ id: carts.id })
      .from(carts)
      .where(eq(carts.ownerKey, sql.placeholder('key')))
      .limit(1)
      .prepare(),
  );
  const [row] = await q.all({ key: cartOwnerKey(owner) });
  return row?.id;
}

export async function cartQuantity(db: Db, cartId: string, variantId: string): Promise<number> {
  const [row] = await db
    .select({ q: cartItems.quantity })
    .from(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)))
    .limit(1);
  return row?.q ?? 0;
}

/**
 * Adds units to a cart line, atomically refusing to take the line above `maxLine` (stock or the
 * per-line cap). Returns the line's new quantity, or undefined when the add was refused.
 */
export async function addCartLine(
  db: Db,
  line: { cartId: string; productId: string; variantId: string; quantity: number; maxLine: number },
  now: number,
  ids: IdGen,
): Promise<number | undefined> {
  if (line.quantity > line.maxLine) return undefined;
  const rows = await db
    .insert(cartItems)
    .values({
      id: ids('ci'),
      cartId: line.cartId,
      productId: line.productId,
      variantId: line.variantId,
      quantity: line.quantity,
      addedAt: now,
    })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.variantId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity`, addedAt: now },
      setWhere: sql`${cartItems.quantity} + excluded.quantity <= ${line.maxLine}`,
    })
    .returning({ quantity: cartItems.quantity });
  return rows[0]?.quantity;
}

export interface CartLine {
  id: string;
  productId: string;
  variantId: string;
  size: string;
  quantity: number;
}

/** The owner's cart lines of one product (each size is a line). */
export async function cartLinesOf(db: Db, cartId: string, productId: string): Promise<CartLine[]> {
  return db
    .select({
      id: cartItems.id,
      productId: cartItems.productId,
      variantId: cartItems.variantId,
      size: variants.size,
      quantity: cartItems.quantity,
    })
    .from(cartItems)
    .innerJoin(variants, eq(variants.id, cartItems.variantId))
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, productId)));
}

/**
 * Sets a line's quantity (0 removes it), or moves the line to another size of the product
 * (`to`: the target variant; its units join whatever that size's line holds when the write runs,
 * at most `max`), in one atomic write.
 */
export async function changeCartLine(
  db: Db,
  atomic: Atomic,
  change: { cartId: string; line: CartLine; quantity: number; to?: { variantId: string; max: number } },
  now: number,
  ids: IdGen,
): Promise<void> {
  const { cartId, line, quantity, to } = change;
  const remove = db.delete(cartItems).where(eq(cartItems.id, line.id));
  if (!to) {
    await atomic([quantity === 0 ? remove : db.update(cartItems).set({ quantity }).where(eq(cartItems.id, line.id))]);
    return;
  }
  await atomic([
    remove,
    db
      .insert(cartItems)
      .values({ id: ids('ci'), cartId, productId: line.productId, variantId: to.variantId, quantity, addedAt: now })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.variantId],
        set: { quantity: sql`min(${cartItems.quantity} + excluded.quantity, ${to.max})`, addedAt: now },
      }),
  ]);
}

export interface CartSummary {
  items: Array<{
    productId: string;
    name: string;
    category: string;
    size: string;
    colour: string;
    quantity: number;
    unitPrice: number;
    lineTotal: number;
    inStock: boolean;
  }>;
  itemCount: number;
  subtotal: number;
  shipping: string;
  /** The link that checks this cart out on the store (see checkout.ts); null when there is none. */
  checkoutUrl: string | null;
}

export async function cartSummary(db: Db, owner: CartOwner, checkout?: CheckoutSettings | null): Promise<CartSummary> {
  const cartId = await findCartId(db, owner);
  const q = prepared(db, 'shop.cartLines', (d) =>
    d
      .select({
        productId: cartItems.productId,
        quantity: cartItems.quantity,
        name: products.name,
        category: products.category,
        colour: products.colour,
        priceCents: products.priceCents,
        size: variants.size,
        stock: variants.stock,
        variantId: cartItems.variantId,
        sku: variants.sku,
        externalVariantId: variants.externalId,
      })
      .from(cartItems)
      .innerJoin(products, eq(products.id, cartItems.productId))
      .innerJoin(variants, eq(variants.id, cartItems.variantId))
      .where(eq(cartItems.cartId, sql.placeholder('cartId')))
      .orderBy(cartItems.addedAt, cartItems.id)
      .prepare(),
  );
  const rows = cartId ? await q.all({ cartId }) : [];
  const subtotalCents = rows.reduce((s, r) => s + r.priceCents * r.quantity, 0);
  const shipping =
    rows.length === 0
      ? `free standard shipping on orders over ${formatMoney(FREE_SHIPPING_THRESHOLD_CENTS)}`
      : subtotalCents >= FREE_SHIPPING_THRESHOLD_CENTS
        ? 'free standard shipping'
        : `standard shipping $${dollars(STANDARD_SHIPPING_CENTS).toFixed(2)}; $${dollars(FREE_SHIPPING_THRESHOLD_CENTS - subtotalCents).toFixed(2)} more for free shipping`;
  return {
    items: rows.map((r) => ({
      productId: r.productId,
      name: r.name,
      category: r.category,
      size: r.size,
      colour: r.colour,
      quantity: r.quantity,
      unitPrice: dollars(r.priceCents),
      lineTotal: dollars(r.priceCents * r.quantity),
      inStock: r.stock >= r.quantity,
    })),
    itemCount: rows.reduce((s, r) => s + r.quantity, 0),
    subtotal: dollars(subtotalCents),
    shipping,
    checkoutUrl: checkoutUrl(rows, checkout),
  };
}

/**
 * When an anonymous shopper verifies, what they put in the session cart follows them into their
 * customer cart (lines summed, capped per line), and the session cart is emptied — all or nothing.
 */
/** Lines in the anonymous session's own basket (kept apart from an account's until the shopper merges them). */
export async function guestCartLineCount(db: Db, sessionId: string): Promise<number> {
  const from = await findCartId(db, { customerId: null, sessionId });
  if (!from) return 0;
  const [row] = await db.select({ n: count() }).from(cartItems).where(eq(cartItems.cartId, from));
  return row?.n ?? 0;
}

export async function mergeSessionCart(
  db: Db,
  atomic: Atomic,
  sessionId: string,
  customerId: string,
  now: number,
  ids: IdGen,
  alongWith: WriteQuery[] = [],
): Promise<number> {
  const from = await findCartId(db, { customerId: null, sessionId });
  if (!from) return 0;
  const lines = await db.select().from(cartItems).where(eq(cartItems.cartId, from));
  if (lines.length === 0) return 0;
  const to = await ensureCart(db, { customerId, sessionId }, now, ids);
  const writes: WriteQuery[] = lines.map((l) =>
    db
      .insert(cartItems)
      .values({
        id: ids('ci'),
        cartId: to,
        productId: l.productId,
        variantId: l.variantId,
        quantity: Math.min(l.quantity, MAX_CART_LINE_QUANTITY),
        addedAt: l.addedAt,
      })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.variantId],
        set: { quantity: sql`min(${cartItems.quantity} + excluded.quantity, ${MAX_CART_LINE_QUANTITY})` },
      }),
  );
  writes.push(
    db.delete(cartItems).where(
      and(
        eq(cartItems.cartId, from),
        inArray(
          cartItems.id,
          lines.map((l) => l.id),
        ),
      ),
    ),
  );
  await atomic([...writes, ...alongWith]);
  return lines.length;
}
