// Tool results (the `tool_result` events of POST /api/chat) → what the widget shows, read per tool
// through the tools' output types (src/tools/outputs.ts): search matches and picks carry a stock
// map, get_product a sizes list, lookup_order one order or a list, cart tools a `cart`. Still
// checked field by field: the widget may talk to an older or newer server, and an unknown shape
// shows nothing rather than breaking the chat.
import type { CartView, OrderDetail, OrderListed, ProductCard, ProductDetail, ProductPick, ToolOutput } from '../../tools/index.js';

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
  /** What Confirm does, in the server's words (with any free text it sends): the card shows it over the buttons. */
  statement: string | null;
}

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const num = (v: unknown): number | null => (typeof v === 'number' && isFinite(v) ? v : null);
export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** A tool's data as its output type declares it, every field still unchecked. */
type Unchecked<T> = { [K in keyof T]?: unknown };
type Out<N extends keyof ToolOutputs> = Unchecked<ToolOutputs[N]>;
interface ToolOutputs {
  search_products: ToolOutput<'search_products'>;
  recommend_products: ToolOutput<'recommend_products'>;
  /** A list of orders, or the one looked up. */
  lookup_order: { orders: OrderListed[]; order: OrderDetail };
  /** Every confirming tool proposes in this shape (a proposal id, the order, the items). */
  create_return_label: Extract<ToolOutput<'create_return_label'>, { needsConfirmation: true }>;
  verify_customer: ToolOutput<'verify_customer'>;
  cart: { cart: CartView };
}

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

/** A search match or a pick: sizes as a stock map ({ M: 3, L: 0 }). */
function fromCard(c: Unchecked<ProductCard & ProductPick>, base: string): Product | null {
  const stock = isObj(c.stock) ? c.stock : {};
  return product(
    c,
    Object.keys(stock).map((size) => ({ size, units: num(stock[size]) })),
    base,
  );
}

/** get_product: sizes as a list ([{ size, stock }]). */
function fromDetail(d: Unchecked<ProductDetail>, base: string): Product | null {
  const sizes = list(d.sizes)
    .filter(isObj)
    .flatMap((s) => (str(s.size) ? [{ size: String(s.size), units: num(s.stock) }] : []));
  return product(d, sizes, base);
}

function product(p: Unchecked<ProductCard & ProductPick>, sizes: Product['sizes'], base: string): Product | null {
  const name = str(p.name);
  if (!name) return null;
  return {
    key: str(p.id) ?? name,
    name,
    colour: str(p.colour),
    because: str(p.because),
    price: num(p.price),
    sizes,
    inStock: sizes.filter((s) => s.units === null || s.units > 0).map((s) => s.size),
    imageUrl: safeUrl(p.imageUrl, base),
    url: safeUrl(p.url, base),
  };
}

const cards = (v: unknown, base: string) =>
  list(v)
    .filter(isObj)
    .map((c) => fromCard(c, base));

/** The products a product tool's result shows, in its order. */
export function findProducts(tool: string, r: Json, base: string): Product[] {
  const found =
    tool === 'search_products'
      ? cards((r as Out<'search_products'>).matches, base)
      : tool === 'recommend_products'
        ? cards((r as Out<'recommend_products'>).picks, base)
        : tool === 'get_product'
          ? [fromDetail(r as Unchecked<ProductDetail>, base)]
          : [];
  return found.filter((p): p is Product => p !== null);
}

/** lookup_order: its list of orders, or the one order looked up. */
export function findOrders(tool: string, r: Json): Json[] {
  if (tool !== 'lookup_order') return [];
  const out = r as Out<'lookup_order'>;
  return (Array.isArray(out.orders) ? out.orders : [out.order]).filter(isObj).filter((o) => str(o.orderNumber) !== null);
}

function toCartItem(i: Unchecked<CartView['items'][number]>): CartItem | null {
  const name = str(i.name);
  if (!name) return null;
  return {
    productId: str(i.productId),
    name,
    size: str(i.size),
    quantity: num(i.quantity) ?? 1,
    unitPrice: num(i.unitPrice),
    lineTotal: num(i.lineTotal),
  };
}

/** The cart a cart tool reported (add_to_cart, update_cart, view_cart, reorder), or null when this result carries none. */
export function findCart(r: Json, base: string): Cart | null {
  const c = (r as Out<'cart'>).cart;
  if (!isObj(c)) return null;
  const cart = c as Unchecked<CartView>;
  const count = num(cart.itemCount);
  if (count === null) return null;
  return {
    items: list(cart.items)
      .filter(isObj)
      .map(toCartItem)
      .filter((i): i is CartItem => i !== null),
    count,
    subtotal: num(cart.subtotal),
    checkoutUrl: safeUrl(cart.checkoutUrl, base),
  };
}

/** A confirming tool's proposal, or the basket a shopper filled before verifying: what Confirm and Cancel act on. */
export function findProposal(r: Json): Proposal | null {
  const guest = (r as Out<'verify_customer'>).guestBasket;
  const proposing = r as Out<'create_return_label'>;
  const p = proposing.needsConfirmation === true && isObj(proposing.proposal) ? proposing.proposal : guest;
  if (!isObj(p) || typeof p.proposalId !== 'string') return null;
  // Every confirming tool proposes in this shape (a return, a cancellation, a claim, an exchange, a new address): the
  // title names the order only, and the server's statement says what Confirm does.
  const title = guest
    ? 'Add your earlier basket to your account?'
    : str(p.orderNumber)
      ? 'Order #' + String(p.orderNumber) + ': confirm?'
      : 'Confirm?';
  const items = list(p.items).filter((i): i is string => typeof i === 'string');
  return { id: p.proposalId, items, title, statement: str(p.statement) };
}
