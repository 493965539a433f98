// Typed views over tool results. The model reads only fields it knows, so whatever text a tool
// returns (a product description, an error message) is data it never follows as an instruction.
import {
  readOutput,
  type OrderDetail,
  type OrderListed,
  type ProductCard,
  type ProductDetail,
  type ProductPick,
  type RefundDetail,
  type ToolName,
  type ToolOutput,
  type CartView,
} from '../../tools/index.js';
import type { Exchange } from './conversation.js';
import type { Entities } from './entities.js';
import { CATEGORY_WORDS, sameKindWords } from './lexicon.js';

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
  /** The order's refunds, where the result gave them (a single order does; a list of orders does not). */
  refunds: RefundDetail[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

// A result's data read through its tool's output schema (src/tools/outputs.ts), once per result:
// parsed results are frozen and remembered by their text (conversation.ts), so by identity here.
const typed = new WeakMap<object, unknown>();

/** What exchange `ex` returned, typed by tool `name`'s output schema; null for another tool, a failure or a shape outside the schema. */
export function outputOf<N extends ToolName>(ex: Exchange | undefined, name: N): ToolOutput<N> | null {
  if (!ex || ex.name !== name || !ex.result?.ok) return null;
  const data = ex.result.data;
  if (!typed.has(data)) typed.set(data, readOutput(name, data));
  return typed.get(data) as ToolOutput<N> | null;
}

const cardView = (p: ProductCard | ProductPick): ProductView => ({
  id: p.id,
  name: p.name,
  price: p.price,
  colour: p.colour,
  category: p.category,
  stock: Object.entries(p.stock).map(([size, units]) => ({ size, units })),
  because: 'because' in p ? p.because : null,
  description: p.description,
});

const detailView = (p: ProductDetail): ProductView => ({
  id: p.id,
  name: p.name,
  price: p.price,
  colour: p.colour,
  category: p.category,
  stock: p.sizes.map((v) => ({ size: v.size, units: v.stock })),
  because: null,
  description: p.description,
});

/**
 * The customer's own size a search_products call used ("in my size"): the size string, null when
 * the tool did not know it, undefined when the call did not ask for it.
 */
export function mySizeUsed(ex: Exchange): string | null | undefined {
  if (ex.args.mySize !== true || ex.args.size) return undefined;
  return outputOf(ex, 'search_products')?.mySize ?? null;
}

/** Products an exchange shows, in the order shown: search matches, picks, or the one product looked up. */
export function productsIn(ex: Exchange): ProductView[] {
  const detail = outputOf(ex, 'get_product');
  if (detail) return [detailView(detail)];
  return (outputOf(ex, 'search_products')?.matches ?? outputOf(ex, 'recommend_products')?.picks ?? []).map(cardView);
}

const listedView = (o: OrderListed): OrderView => ({
  orderNumber: o.orderNumber,
  status: o.status,
  placed: o.placed,
  delivered: o.delivered ?? null,
  shipped: null,
  expectedBy: null,
  total: o.total,
  carrier: null,
  tracking: o.tracking ?? null,
  items: o.items,
  itemIds: o.items.map(() => null),
  returnLabels: [],
  returnPossible: o.returnableUntil ? true : null,
  returnUntil: o.returnableUntil ?? null,
  returnReason: null,
  refunds: [],
});

const detailOrderView = (o: OrderDetail): OrderView => ({
  orderNumber: o.orderNumber,
  status: o.status,
  placed: o.placed,
  delivered: o.delivered ?? null,
  shipped: o.shipped ?? null,
  expectedBy: o.expectedBy ?? null,
  total: o.total,
  carrier: o.carrier ?? null,
  tracking: o.tracking ?? null,
  items: o.items.map(itemLabel),
  itemIds: o.items.map((i) => i.id),
  returnLabels: (o.returnLabels ?? []).map((l) => ({ items: l.items, trackingCode: l.trackingCode })),
  returnPossible: o.return.possible,
  returnUntil: o.return.possible ? o.return.until : null,
  returnReason: o.return.possible ? null : o.return.reason,
  refunds: o.refunds ?? [],
});

const CONFIRMING = ['create_return_label', 'cancel_order', 'change_shipping_address', 'exchange_items', 'report_problem'] as const;
type Confirming = (typeof CONFIRMING)[number];
/** What a confirming tool proposes (the result that waits for the shopper's yes), by tool. */
export type ProposalOf<N extends Confirming> = Extract<ToolOutput<N>, { needsConfirmation: true }>['proposal'];

/** The proposal an exchange made and that waits for the shopper's yes, or null (it acted, failed, or is no confirming tool). */
export function proposalIn<N extends Confirming>(ex: Exchange, name: N): ProposalOf<N> | null {
  const out = outputOf(ex, name);
  return out && 'needsConfirmation' in out ? (out.proposal as ProposalOf<N>) : null;
}

/** Whether the exchange is a confirming tool's proposal waiting for a yes. */
export const isProposal = (ex: Exchange): boolean => CONFIRMING.some((name) => proposalIn(ex, name) !== null);

/** The orders a lookup_order exchange shows: its list, or the one order looked up. */
/** A list of the orders verified in this chat only (chat verification opens those, not the rest of the account). */
export function onlyVerifiedOrders(ex: Exchange): boolean {
  const out = outputOf(ex, 'lookup_order');
  return !!out && 'orders' in out && out.onlyVerified === true;
}

export function ordersIn(ex: Exchange): OrderView[] {
  const out = outputOf(ex, 'lookup_order');
  if (!out) return [];
  return 'orders' in out ? out.orders.map(listedView) : [detailOrderView(out.order)];
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
      const list = productsIn(ex);
      if (!list.length) continue;
      if (ex.name !== 'get_product') return asShown(list, reply);
      // Several products looked up in the same turn, in the order they were asked for.
      let from = i;
      while (from > 0 && exchanges[from - 1]!.name === 'get_product' && exchanges[from - 1]!.result?.ok) from--;
      return exchanges.slice(from, i + 1).flatMap((x) => productsIn(x).slice(0, 1));
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
    const list = ordersIn(ex);
    if (list.length) return list;
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

/** The cart a cart tool's result shows, or null for an exchange that shows none. */
export function cartIn(ex: Exchange): CartView | null {
  return (
    outputOf(ex, 'view_cart')?.cart ??
    outputOf(ex, 'add_to_cart')?.cart ??
    outputOf(ex, 'update_cart')?.cart ??
    outputOf(ex, 'reorder')?.cart ??
    null
  );
}

/** The cart as the most recent cart-showing exchange left it (searching back over `exchanges`). */
export function lastCartLines(exchanges: readonly Exchange[]): CartLineView[] | null {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const cart = cartIn(exchanges[i]!);
    if (cart)
      return cart.items.map(({ productId, name, category, colour, size, quantity }) => ({
        productId,
        name,
        category,
        colour,
        size,
        quantity,
      }));
  }
  return null;
}

/** An item's name holds the word, or another word for the same piece ("sweater": a jumper). */
export const namesPiece = (item: string, word: string): boolean => sameKindWords(word).some((w) => item.toLowerCase().includes(w));

/**
 * The orders whose items the message's words name, the best matches only: "the maxi dress" is the
 * order with a maxi dress, not every order with a dress. Empty when no word names an item.
 */
export function ordersHolding(orders: readonly OrderView[], e: Entities): OrderView[] {
  const words = [e.categoryWord, ...e.descriptors].filter((w): w is string => !!w && w.length >= 3);
  const held = orders.map((o) => words.filter((w) => o.items.some((i) => namesPiece(i, w))).length);
  const best = Math.max(0, ...held);
  return best > 0 ? orders.filter((_, k) => held[k] === best) : [];
}

/** The kind of piece a word names, by the category lexicon ("sneakers": shoes), or undefined. */
export const kindOf = (word: string): string | undefined => CATEGORY_WORDS[word.toLowerCase().replace(/s$/, '')];

/** The kind of piece an item's name says, by its last kind word ("White Canvas Low-Top Sneakers": shoes, not a top). */
const kindOfItem = (item: string): string | undefined => (item.match(/\p{L}+/gu) ?? []).map(kindOf).filter(Boolean).at(-1);

/**
 * The orders holding a piece of one of these kinds (and that colour, when one is said): "the white shoes" of the list is
 * the order with the white sneakers, though no item is called shoes. Every such order: the caller wants one.
 */
export function ordersOfKind(orders: readonly OrderView[], kinds: ReadonlySet<string>, colour: string | null): OrderView[] {
  const c = colour?.toLowerCase();
  return orders.filter((o) => o.items.some((i) => kinds.has(kindOfItem(i) ?? '') && (!c || i.toLowerCase().includes(c))));
}
