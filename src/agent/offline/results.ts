// Typed views over tool results. The model reads only fields it knows, so whatever text a tool
// returns (a product description, an error message) is data it never follows as an instruction.
import type { Exchange } from './conversation.js';
import type { Entities } from './entities.js';

export interface ProductView {
  id: string;
  name: string;
  price: number | null;
  colour: string | null;
  category: string | null;
  /** Units per size, in size order; empty when the result carried no stock. */
  stock: Array<{ size: string; units: number }>;
  because: string | null;
  /** The product text, never repeated: only productFacts() reads known words out of it. */
  description: string | null;
}

export interface OrderView {
  orderNumber: string;
  status: string | null;
  placed: string | null;
  delivered: string | null;
  shipped: string | null;
  /** For an order on its way: the latest day standard delivery would bring it. */
  expectedBy: string | null;
  total: number | null;
  carrier: string | null;
  tracking: string | null;
  items: string[];
  /** Each item's id, where the result gave one (a single order does; a list of orders does not). */
  itemIds: Array<string | null>;
  returnPossible: boolean | null;
  /** Return labels already made for the order: what each covers and its tracking code. */
  returnLabels: Array<{ items: string[]; trackingCode: string | null }>;
  returnUntil: string | null;
  returnReason: string | null;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function stockOf(p: Rec): ProductView['stock'] {
  if (isRec(p.stock)) return Object.entries(p.stock).map(([size, units]) => ({ size, units: num(units) ?? 0 }));
  const list = Array.isArray(p.variants) ? p.variants : Array.isArray(p.sizes) ? p.sizes : [];
  return list.filter(isRec).map((v) => ({ size: str(v.size) ?? '?', units: num(v.stock) ?? num(v.units) ?? (v.inStock === true ? 1 : 0) }));
}

export function toProduct(v: unknown): ProductView | null {
  if (!isRec(v)) return null;
  const id = str(v.id) ?? str(v.productId);
  const name = str(v.name);
  if (!id || !name) return null;
  const price = num(v.price) ?? (num(v.priceCents) !== null ? num(v.priceCents)! / 100 : null);
  return {
    id,
    name,
    price,
    colour: str(v.colour),
    category: str(v.category),
    stock: stockOf(v),
    because: str(v.because),
    description: str(v.description),
  };
}

/** Products a result shows, in the order shown: a list (search, recommendations) or a single one. */
/**
 * The customer's own size a search_products call used ("in my size"): the size string, null when
 * the tool did not know it, undefined when the call did not ask for it.
 */
export function mySizeUsed(ex: Exchange): string | null | undefined {
  if (ex.args.mySize !== true || ex.args.size) return undefined;
  return str(ex.result?.data.mySize) ?? null;
}

export function productsIn(data: Rec): ProductView[] {
  for (const key of ['matches', 'products', 'picks', 'results', 'recommendations']) {
    const list = data[key];
    if (Array.isArray(list)) return list.map(toProduct).filter((p): p is ProductView => p !== null);
  }
  const single = toProduct(data.product) ?? toProduct(data);
  return single ? [single] : [];
}

export function toOrder(v: unknown): OrderView | null {
  if (!isRec(v)) return null;
  const orderNumber = str(v.orderNumber) ?? str(v.number);
  if (!orderNumber) return null;
  const ret = isRec(v.return) ? v.return : null;
  const listed = (Array.isArray(v.items) ? v.items : [])
    .map((i) => ({ label: itemLabel(i), id: isRec(i) ? str(i.id) : null }))
    .filter((i) => i.label);
  return {
    orderNumber,
    status: str(v.status),
    placed: str(v.placed),
    delivered: str(v.delivered),
    shipped: str(v.shipped),
    expectedBy: str(v.expectedBy),
    total: num(v.total),
    carrier: str(v.carrier),
    tracking: str(v.tracking) ?? str(v.trackingCode),
    items: listed.map((i) => i.label),
    itemIds: listed.map((i) => i.id),
    returnLabels: (Array.isArray(v.returnLabels) ? v.returnLabels : []).filter(isRec).map((l) => ({
      items: Array.isArray(l.items) ? l.items.map(str).filter((x): x is string => !!x) : [],
      trackingCode: str(l.trackingCode),
    })),
    returnPossible: ret ? ret.possible === true : str(v.returnableUntil) ? true : null,
    returnUntil: ret ? str(ret.until) : str(v.returnableUntil),
    returnReason: ret ? str(ret.reason) : null,
  };
}

export function ordersIn(data: Rec): OrderView[] {
  if (Array.isArray(data.orders)) return data.orders.map(toOrder).filter((o): o is OrderView => o !== null);
  const single = toOrder(data.order) ?? toOrder(data);
  return single ? [single] : [];
}

const PRODUCT_TOOLS = new Set(['search_products', 'recommend_products', 'get_product']);

/**
 * The products the latest turn that showed any showed: a list, one product, or several looked up
 * side by side in one turn (a comparison).
 */
export function lastShownProducts(
  turns: ReadonlyArray<{ exchanges: readonly Exchange[]; reply: string }>,
  { listsOnly = false } = {},
): ProductView[] {
  for (let t = turns.length - 1; t >= 0; t--) {
    const { exchanges, reply } = turns[t]!;
    for (let i = exchanges.length - 1; i >= 0; i--) {
      const ex = exchanges[i]!;
      if (!PRODUCT_TOOLS.has(ex.name) || !ex.result?.ok || (listsOnly && ex.name === 'get_product')) continue;
      const list = productsIn(ex.result.data);
      if (!list.length) continue;
      if (ex.name !== 'get_product') return asShown(list, reply);
      // Several products looked up in the same turn, in the order they were asked for.
      let from = i;
      while (from > 0 && exchanges[from - 1]!.name === 'get_product' && exchanges[from - 1]!.result?.ok) from--;
      return exchanges.slice(from, i + 1).flatMap((x) => productsIn(x.result!.data).slice(0, 1));
    }
  }
  return [];
}

/**
 * The results as the reply showed them: those it names, in the order it names them ("the last
 * one" is the last one the shopper saw, not the last the tool returned). A reply that names
 * none of them (a refusal, a question) leaves the results as they came.
 */
function asShown(list: ProductView[], reply: string): ProductView[] {
  const at = new Map(list.map((p) => [p, reply.indexOf(p.name)] as const));
  const shown = list.filter((p) => at.get(p)! >= 0).sort((a, b) => at.get(a)! - at.get(b)!);
  return shown.length ? shown : list;
}

export function lastShownOrders(exchanges: readonly Exchange[]): OrderView[] {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const ex = exchanges[i]!;
    if (ex.name === 'lookup_order' && ex.result?.ok) {
      const list = ordersIn(ex.result.data);
      if (list.length) return list;
    }
  }
  return [];
}

export const inStockSizes = (p: ProductView): string[] => p.stock.filter((s) => s.units > 0).map((s) => s.size);

const ONE_SIZE = /^one( ?size)?$/i;

/** A size worth naming to the shopper: "M", "38"; null for a one-size item. */
export const namedSize = (size: string | null): string | null => (size && !ONE_SIZE.test(size) ? size : null);

/** An order or return item as the shopper reads it: "Navy Merino Crew-Neck Jumper (L)", "Blue Silk Square Scarf". */
export const itemLabel = (i: unknown): string => {
  if (typeof i === 'string' || !isRec(i)) return typeof i === 'string' ? i : '';
  const size = namedSize(str(i.size));
  return [str(i.name), size ? `(${size})` : null].filter(Boolean).join(' ');
};

/** "a", "a and b", "a, b and c". */
export const listText = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/** "S, M and L", "36–46" for a run of shoe sizes, "one size". */
export function sizeText(sizes: readonly string[]): string {
  if (sizes.length === 1 && ONE_SIZE.test(sizes[0]!)) return 'one size';
  const nums = sizes.map(Number);
  if (sizes.length >= 3 && nums.every((n, i) => Number.isInteger(n) && (i === 0 || n === nums[i - 1]! + 1)))
    return `${sizes[0]}–${sizes[sizes.length - 1]}`;
  return listText(sizes);
}

/** "in S, M and L" / "in one size". */
export const inSizes = (sizes: readonly string[]): string =>
  sizes.length === 1 && ONE_SIZE.test(sizes[0]!) ? 'in one size' : `in ${sizeText(sizes)}`;

export function money(n: number): string {
  return Number.isInteger(n) ? `$${n}` : `$${n.toFixed(2)}`;
}

export { isRec, str, num };

export interface CartLineView {
  productId: string;
  name: string;
  category: string | null;
  colour: string | null;
  size: string;
  quantity: number;
}

const CART_TOOLS = new Set(['add_to_cart', 'view_cart', 'update_cart', 'reorder']);

/** The cart as the most recent cart-showing exchange left it (searching back over `exchanges`). */
export function lastCartLines(exchanges: readonly Exchange[]): CartLineView[] | null {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const ex = exchanges[i]!;
    if (!CART_TOOLS.has(ex.name) || !ex.result?.ok) continue;
    const cart = isRec(ex.result.data.cart) ? ex.result.data.cart : ex.result.data;
    const items = Array.isArray(cart.items) ? cart.items.filter(isRec) : [];
    return items.flatMap((it) => {
      const productId = str(it.productId);
      const name = str(it.name);
      const size = str(it.size);
      return productId && name && size
        ? [{ productId, name, category: str(it.category), colour: str(it.colour), size, quantity: num(it.quantity) ?? 1 }]
        : [];
    });
  }
  return null;
}

/**
 * The orders whose items the message's words name, the best matches only: "the maxi dress" is the
 * order with a maxi dress, not every order with a dress. Empty when no word names an item.
 */
export function ordersHolding(orders: readonly OrderView[], e: Entities): OrderView[] {
  const words = [e.categoryWord, ...e.descriptors].filter((w): w is string => !!w && w.length >= 3);
  const held = orders.map((o) => words.filter((w) => o.items.some((i) => i.toLowerCase().includes(w))).length);
  const best = Math.max(0, ...held);
  return best > 0 ? orders.filter((_, k) => held[k] === best) : [];
}
