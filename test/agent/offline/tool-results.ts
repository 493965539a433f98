// Tool results exactly as the real tools return them, for driving the offline model without a
// database. Every builder checks what it builds with the tool's own output schema
// (src/tools/outputs.ts), so a fixture that drifts from a tool's contract fails where it is made,
// naming the tool and the field, instead of quietly testing a shape no tool returns.
import type { z } from 'zod';
import {
  dollars,
  FREE_SHIPPING_THRESHOLD_CENTS,
  POLICY_FACTS,
  STANDARD_SHIPPING_CENTS,
  STORE_POLICY,
  type PolicyTopic,
} from '../../../src/shop/index.js';
import {
  toolOutputs,
  type CartView as CartData,
  type OrderDetail as OrderData,
  type OrderListed as ListedData,
  type ProductCard as CardData,
  type RefundDetail as RefundData,
  type ToolName,
  type ToolOutput,
  type ToolResult,
} from '../../../src/tools/index.js';
import { CartOut, OrderOut, OrderSummaryOut, PickOut, ProductCardOut, RefundOut } from '../../../src/tools/outputs-parts.js';

/**
 * Each problem as "path: message". A result that fits none of a union's shapes (a tool that can
 * return a list or one order, a proposal or what it did) is told by the shape it comes closest to.
 */
function problems(issues: readonly z.core.$ZodIssue[], at: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const path = [...at, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      return problems(closest, path);
    }
    return [`${path.map(String).join('.') || '(the data)'}: ${issue.message}`];
  });
}

function check<S extends z.ZodType>(schema: S, what: string, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new Error(`${what} is not what the tool returns:\n${problems(parsed.error.issues).join('\n')}`);
  return parsed.data;
}

const isToolName = (name: string): name is ToolName => Object.hasOwn(toolOutputs, name);

/** `data` checked with tool `name`'s output schema: the data, or an error naming the tool and the field. */
export function checked<N extends ToolName>(name: N, data: unknown): ToolOutput<N> {
  return check(toolOutputs[name], `${name} result`, data) as ToolOutput<N>;
}

/** A result as it reaches the model, its data checked when it is a success of a known tool. */
export function checkedResult(name: string, result: ToolResult): ToolResult {
  return result.ok && isToolName(name) ? { ok: true, data: checked(name, result.data) as Record<string, unknown> } : result;
}

/** A successful result of tool `name`, checked. */
export const ok = <N extends ToolName>(name: N, data: ToolOutput<N>): ToolResult => ({
  ok: true,
  data: checked(name, data) as Record<string, unknown>,
});

// --- products ---------------------------------------------------------------------------------

/** A search card as the tool returns it; picture and page may be left out (null). */
export type CardInput = Omit<CardData, 'imageUrl' | 'url'> & Partial<Pick<CardData, 'imageUrl' | 'url'>>;

/** A product as search_products and recommend_products list it (no picture or page unless given). */
export const card = (p: CardInput): CardData => check(ProductCardOut, `product card ${p.id}`, { imageUrl: null, url: null, ...p });

/** A search_products result: the matches, all of them shown (`understood` as the search read the words). */
export const searchResult = (
  matches: readonly CardData[],
  extra: Partial<Omit<ToolOutput<'search_products'>, 'matches'>> = {},
): ToolOutput<'search_products'> =>
  checked('search_products', { understood: { words: [] }, matches, total: matches.length, count: matches.length, ...extra });

/** get_product for a product: every size with its stock, the sizes in stock, the same picture and page. */
export const productDetail = (p: CardData): ToolOutput<'get_product'> =>
  checked('get_product', {
    id: p.id,
    name: p.name,
    category: p.category,
    colour: p.colour,
    price: p.price,
    description: p.description,
    sizes: Object.entries(p.stock).map(([size, stock]) => ({ size, stock })),
    inStockSizes: Object.entries(p.stock)
      .filter(([, units]) => units > 0)
      .map(([size]) => size),
    imageUrl: p.imageUrl,
    url: p.url,
  });

/** recommend_products: the picks, each with why. */
export const recommendations = (
  basis: 'purchase_history' | 'popular',
  picks: ReadonlyArray<CardData & { because: string }>,
): ToolOutput<'recommend_products'> => checked('recommend_products', { basis, picks: picks.map((p) => check(PickOut, `pick ${p.id}`, p)) });

// --- cart -------------------------------------------------------------------------------------

export interface LineInput {
  productId: string;
  name: string;
  category: string;
  colour: string;
  size: string;
  quantity: number;
  unitPrice: number;
  inStock?: boolean;
}

const FREE_FROM = dollars(FREE_SHIPPING_THRESHOLD_CENTS);

/** The cart as cartSummary shows it: totals and the shipping line worked out as the store does. */
export function cart(lines: readonly LineInput[], checkoutUrl: string | null = null): CartData {
  const items = lines.map((l) => ({ inStock: true, ...l, lineTotal: l.unitPrice * l.quantity }));
  const subtotal = items.reduce((n, i) => n + i.lineTotal, 0);
  const shipping =
    items.length === 0
      ? `free standard shipping on orders over $${FREE_FROM}`
      : subtotal >= FREE_FROM
        ? 'free standard shipping'
        : `standard shipping $${dollars(STANDARD_SHIPPING_CENTS).toFixed(2)}; $${(FREE_FROM - subtotal).toFixed(2)} more for free shipping`;
  return check(CartOut, 'cart', {
    items: items.map(({ productId, name, category, size, colour, quantity, unitPrice, lineTotal, inStock }) => ({
      productId,
      name,
      category,
      size,
      colour,
      quantity,
      unitPrice,
      lineTotal,
      inStock,
    })),
    itemCount: items.reduce((n, i) => n + i.quantity, 0),
    subtotal,
    shipping,
    checkoutUrl,
  });
}

export const viewCart = (c: CartData): ToolOutput<'view_cart'> => checked('view_cart', { cart: c, checkoutUrl: c.checkoutUrl });

/** add_to_cart: what was added (nowInCart: the line's quantity after) and the cart. */
export const addedToCart = (
  added: { productId: string; name: string; size: string; quantity: number; nowInCart?: number },
  c: CartData,
): ToolOutput<'add_to_cart'> =>
  checked('add_to_cart', { added: { nowInCart: added.quantity, ...added }, cart: c, checkoutUrl: c.checkoutUrl });

/** update_cart that moved a line to another size or quantity. */
export const cartChanged = (
  changed: { productId: string; name: string; from: { size: string; quantity: number }; to: { size: string; quantity: number } },
  c: CartData,
): ToolOutput<'update_cart'> => checked('update_cart', { changed, cart: c });

/** update_cart that removed a line. */
export const cartRemoved = (
  removed: { productId: string; name: string; size: string; quantity: number },
  c: CartData,
): ToolOutput<'update_cart'> => checked('update_cart', { removed, cart: c });

/** reorder: the items put back in the cart and those that could not be. */
export const reordered = (
  orderNumber: string,
  added: Array<{ name: string; size: string; quantity: number }>,
  c: CartData,
  unavailable: Array<{ name: string; size: string; reason: string }> = [],
): ToolOutput<'reorder'> => checked('reorder', { orderNumber, added, unavailable, cart: c });

// --- orders -----------------------------------------------------------------------------------

export interface ItemInput {
  id: string;
  name: string;
  size: string;
  colour?: string;
  quantity?: number;
  price: number;
  status?: string;
}

/** "Navy Merino Jumper (L)", "Silk Scarf" (one size), "… ×2": an item as lists, proposals and labels name it. */
export const itemLabel = (i: { name: string; size: string; quantity?: number }): string =>
  `${i.name}${i.size === 'ONE' ? '' : ` (${i.size})`}${(i.quantity ?? 1) > 1 ? ` ×${i.quantity}` : ''}`;

export type OrderInput = Omit<OrderData, 'items' | 'total' | 'placed'> & {
  items: ItemInput[];
  placed?: string | null;
  total?: number;
};

/** One order in full, as lookup_order with a number returns it (total: the items', unless given). */
export function orderDetail(o: OrderInput): ToolOutput<'lookup_order'> {
  const items = o.items.map((i) => ({
    id: i.id,
    name: i.name,
    size: i.size,
    colour: i.colour ?? '',
    quantity: i.quantity ?? 1,
    price: i.price,
    status: i.status ?? o.status,
  }));
  const order = {
    ...o,
    placed: o.placed ?? null,
    total: o.total ?? items.reduce((n, i) => n + i.price * i.quantity, 0),
    items,
  };
  return checked('lookup_order', { order: check(OrderOut, `order #${o.orderNumber}`, order) });
}

/** An order as lookup_order without a number lists it. */
export const listedOrder = (o: Omit<ListedData, 'placed'> & { placed?: string | null }): ListedData =>
  check(OrderSummaryOut, `listed order #${o.orderNumber}`, { placed: null, ...o });

/** lookup_order without a number: the recent orders (the note when there are none). */
export const orderList = (orders: readonly ListedData[]): ToolOutput<'lookup_order'> =>
  checked('lookup_order', orders.length ? { orders } : { orders, note: 'This shopper has no orders yet.' });

// --- confirming tools: each proposal, and what the yes does ------------------------------------

/** The proposal a confirming tool recorded: what the widget's Confirm and Cancel name. */
export const PROPOSAL = { proposalId: 'prop_1', expiresAt: '2025-03-01T12:30:00.000Z' } as const;

export const returnProposed = (p: {
  orderNumber: string;
  items: string[];
  returnWindowEnds: string | null;
  labelEmailedTo: string;
}): ToolOutput<'create_return_label'> =>
  checked('create_return_label', {
    needsConfirmation: true,
    proposal: { ...PROPOSAL, ...p, cost: 'free' },
    instruction:
      'Ask the shopper to confirm this return (they can answer yes or press Confirm). Only after their yes, call again with confirm:true and the same order and items.',
  });

export const labelCreated = (l: {
  orderNumber: string;
  trackingCode: string;
  items: string[];
  emailedTo: string;
  created: string | null;
}): ToolOutput<'create_return_label'> =>
  checked('create_return_label', {
    created: true,
    label: {
      ...l,
      next: 'The prepaid label is in the email: pack the items unworn with tags and drop the parcel at any carrier point. Refund within 5 business days of arrival.',
    },
  });

export const cancelProposed = (p: { orderNumber: string; items: string[]; shipTo: string; refund: number }): ToolOutput<'cancel_order'> =>
  checked('cancel_order', {
    needsConfirmation: true,
    proposal: { ...PROPOSAL, action: 'cancel the order', ...p },
    instruction:
      'Ask the shopper to confirm the cancellation (yes, or the Confirm button). Only after their yes, call again with confirm:true and the same order.',
  });

export const cancelled = (o: {
  orderNumber: string;
  cancelled: string | null;
  amount: number;
  expectedBy: string | null;
}): ToolOutput<'cancel_order'> =>
  checked('cancel_order', {
    cancelled: true,
    order: {
      orderNumber: o.orderNumber,
      status: 'cancelled',
      cancelled: o.cancelled,
      refund: { amount: o.amount, expectedBy: o.expectedBy, to: 'the original payment method' },
    },
  });

export const addressProposed = (p: { orderNumber: string; from: string; to: string }): ToolOutput<'change_shipping_address'> =>
  checked('change_shipping_address', {
    needsConfirmation: true,
    proposal: { ...PROPOSAL, action: 'change the delivery address', ...p },
    instruction:
      'Ask the shopper to confirm the new address (yes, or the Confirm button). Only after their yes, call again with confirm:true and the same order and address.',
  });

export const addressChanged = (order: { orderNumber: string; shipTo: string }): ToolOutput<'change_shipping_address'> =>
  checked('change_shipping_address', { changed: true, order });

export const exchangeProposed = (p: {
  orderNumber: string;
  swap: Array<{ send: string; get: string }>;
  returnWindowEnds: string | null;
  labelEmailedTo: string;
}): ToolOutput<'exchange_items'> =>
  checked('exchange_items', {
    needsConfirmation: true,
    proposal: { ...PROPOSAL, ...p, cost: 'free' },
    instruction:
      'Ask the shopper to confirm this exchange (yes, or the Confirm button). Only after their yes, call again with confirm:true and the same items and sizes.',
  });

export const exchanged = (e: {
  orderNumber: string;
  trackingCode: string;
  emailedTo: string;
  send: string[];
  get: string[];
}): ToolOutput<'exchange_items'> =>
  checked('exchange_items', {
    created: true,
    exchange: {
      orderNumber: e.orderNumber,
      returnLabel: { trackingCode: e.trackingCode, emailedTo: e.emailedTo, items: e.send },
      replacement: { items: e.get, status: 'processing', cost: 'free' },
      next: 'The replacement ships now; send the original back with the emailed label, unworn with tags.',
    },
  });

const OUTCOME = {
  replacement: 'A free replacement ships within 1–2 business days; no need to send anything back.',
  refund: 'Refunded to the original payment method within 5 business days; no need to send anything back.',
  review: 'A colleague reviews this claim and replies within one business day.',
} as const;
type Outcome = keyof typeof OUTCOME;

export const problemProposed = (p: {
  orderNumber: string;
  problem: string;
  items: string[];
  outcome: Outcome;
  why?: string;
}): ToolOutput<'report_problem'> =>
  checked('report_problem', {
    needsConfirmation: true,
    proposal: { ...PROPOSAL, ...p, next: OUTCOME[p.outcome] },
    instruction:
      p.outcome === 'review'
        ? 'Tell the shopper plainly that this goes to a colleague and why; ask if they want it passed on (yes, or Confirm). Only after their yes, call again with confirm:true.'
        : 'Tell the shopper what they get and ask them to confirm (yes, or Confirm). Only after their yes, call again with confirm:true and the same order, problem and items.',
  });

export const claimMade = (c: {
  claimId: string;
  orderNumber: string;
  problem: string;
  items: string[];
  resolution: Outcome;
  amount: number;
}): ToolOutput<'report_problem'> => checked('report_problem', { created: true, claim: { ...c, next: OUTCOME[c.resolution] } });

// --- refunds, policy, account, people ---------------------------------------------------------

const REFUND_MEANING = {
  pending: 'being refunded to the original payment method',
  awaiting_return: 'waiting for the returned parcel to arrive; refunded once it does',
  issued: 'refunded',
} as const;

/** A refund as refund_status and lookup_order show it (meaning: the state in words, as the store words it). */
export const refund = (r: Omit<RefundData, 'meaning'>): RefundData =>
  check(RefundOut, `refund for #${r.orderNumber}`, { ...r, meaning: REFUND_MEANING[r.state] });

export const refundStatus = (refunds: RefundData[], orderNumber?: string, note?: string): ToolOutput<'refund_status'> =>
  checked('refund_status', {
    ...(orderNumber ? { orderNumber } : {}),
    refunds,
    ...(note ? { note } : refunds.length || orderNumber ? {} : { note: 'No refunds are recorded for this shopper.' }),
  });

/** store_policy for a topic, from the store's own policy and its numbers. */
export function policy(topic: PolicyTopic, forThisShopper?: string): ToolOutput<'store_policy'> {
  const text = STORE_POLICY[topic];
  if (topic === 'sizing') return checked('store_policy', { topic, policy: text, facts: POLICY_FACTS.sizing });
  if (topic === 'shipping')
    return checked('store_policy', { topic, policy: text, facts: POLICY_FACTS.shipping, ...(forThisShopper ? { forThisShopper } : {}) });
  return checked('store_policy', { topic, policy: text });
}

export const verified = (firstName: string): ToolOutput<'verify_customer'> => checked('verify_customer', { verified: true, firstName });

export const escalated = (t: { priority: string; expectedWaitMinutes: number; ticketId?: string }): ToolOutput<'escalate_to_human'> =>
  checked('escalate_to_human', {
    ticketId: 'tk_1',
    ...t,
    note: 'A colleague will continue in this chat; the shopper can keep chatting meanwhile.',
  });

export const loyalty = (l: ToolOutput<'loyalty_status'>): ToolOutput<'loyalty_status'> => checked('loyalty_status', l);
