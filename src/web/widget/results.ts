// Tool results (the `tool_result` events of POST /api/chat) → what the widget shows. Read
// defensively: the widget may talk to an older or newer server, so every field is checked and
// an unknown shape shows nothing rather than breaking the chat. Field names follow src/tools:
// search matches and picks carry a stock map, get_product a sizes list, lookup_order one order
// or a list; cart tools return `cart` (and, on a store with checkout, `checkoutUrl`).
export type Json = Record<string, unknown>;

export interface Product {
  key: string;
  name: string;
  colour: string | null;
  because: string | null;
  price: number | null;
  sizes: Array<{ size: string; units: number | null }>;
  inStock: string[];
  imageUrl: string | null;
  url: string | null;
}

export interface CartItem {
  productId: string | null;
  name: string;
  size: string | null;
  quantity: number;
  unitPrice: number | null;
  lineTotal: number | null;
}

/** The detail of the `tailor:cart` event (README "Embedding the widget"). */
export interface Cart {
  items: CartItem[];
  count: number;
  subtotal: number | null;
  checkoutUrl: string | null;
}

export interface Proposal {
  id: string;
  items: string[];
  title: string;
}

const PRODUCT_TOOLS = ['search_products', 'get_product', 'recommend_products'];

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const num = (v: unknown): number | null => (typeof v === 'number' && isFinite(v) ? v : null);
export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * An http(s) address, or null: never javascript: or data:. A relative one is the server's own
 * (the demo store's checkout is `/?checkout=…`), so it resolves against the API base.
 */
export function safeUrl(v: unknown, base: string): string | null {
  if (typeof v !== 'string' || !v.trim()) return null;
  try {
    const u = new URL(v.trim(), new URL(base || '/', location.href));
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Sizes with their stock: search and picks carry { M: 3, L: 0 }, get_product [{ size, stock }]. */
function sizesOf(p: Json): Product['sizes'] {
  if (Array.isArray(p.sizes)) {
    return p.sizes
      .filter(isObj)
      .filter((s) => s.size != null)
      .map((s) => ({ size: String(s.size), units: num(s.stock) }));
  }
  return isObj(p.stock) ? Object.keys(p.stock).map((k) => ({ size: k, units: num((p.stock as Json)[k]) })) : [];
}

function toProduct(p: unknown, base: string): Product | null {
  if (!isObj(p) || !str(p.name)) return null;
  const sizes = sizesOf(p);
  const cents = num(p.priceCents);
  return {
    key: String(p.id || p.name),
    name: String(p.name),
    colour: str(p.colour),
    because: str(p.because),
    price: num(p.price) ?? (cents === null ? null : cents / 100),
    sizes,
    inStock: sizes.filter((s) => s.units === null || s.units > 0).map((s) => s.size),
    imageUrl: safeUrl(p.imageUrl, base),
    url: safeUrl(p.url, base),
  };
}

export function findProducts(tool: string, r: Json, base: string): Product[] {
  if (!PRODUCT_TOOLS.includes(tool)) return [];
  const found = r.matches ?? r.picks ?? r.products ?? (r.name ? [r] : []);
  return list(found)
    .map((p) => toProduct(p, base))
    .filter((p): p is Product => p !== null);
}

export function findOrders(tool: string, r: Json): Json[] {
  if (tool !== 'lookup_order') return [];
  return list(r.orders ?? (r.order ? [r.order] : []))
    .filter(isObj)
    .filter((o) => str(o.orderNumber) !== null);
}

function toCartItem(i: unknown): CartItem | null {
  if (!isObj(i) || !str(i.name)) return null;
  return {
    productId: str(i.productId),
    name: String(i.name),
    size: str(i.size),
    quantity: num(i.quantity) ?? 1,
    unitPrice: num(i.unitPrice),
    lineTotal: num(i.lineTotal),
  };
}

/** The cart a cart tool reported, or null when this result carries none. */
export function findCart(r: Json, base: string): Cart | null {
  const c = r.cart;
  if (!isObj(c) || num(c.itemCount) === null) return null;
  return {
    items: list(c.items)
      .map(toCartItem)
      .filter((i): i is CartItem => i !== null),
    count: num(c.itemCount) ?? 0,
    subtotal: num(c.subtotal),
    checkoutUrl: safeUrl(r.checkoutUrl ?? c.checkoutUrl, base),
  };
}

export function findProposal(r: Json): Proposal | null {
  const p = r.needsConfirmation && isObj(r.proposal) ? r.proposal : r.guestBasket;
  if (!isObj(p) || typeof p.proposalId !== 'string') return null;
  const title = r.guestBasket
    ? 'Add your earlier basket to your account?'
    : p.orderNumber
      ? 'Return from order #' + String(p.orderNumber) + '?'
      : 'Confirm?';
  return { id: p.proposalId, items: list(p.items).filter((i): i is string => typeof i === 'string'), title };
}
