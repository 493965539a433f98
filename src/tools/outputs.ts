// Output schemas of every tool: what a successful result's `data` holds. The registry checks each
// result against its tool's schema before anyone sees it, the tools' return types are inferred
// from them, and every reader (the offline model, the widget, MCP clients) reads through them
// instead of guessing shapes.
import { z } from 'zod';
import { POLICY_TOPICS } from '../shop/index.js';
import {
  CancelledOut,
  CartChangeOut,
  CartOut,
  ClaimOut,
  ExchangeOut,
  LabelOut,
  OrderOut,
  OrderSummaryOut,
  PickOut,
  ProductCardOut,
  ProductDetailOut,
  ProposalRef,
  proposing,
  RefundOut,
  ShippingFactsOut,
  SizingFactsOut,
} from './outputs-parts.js';
import type { ToolName } from './names.js';

const note = z.string().optional();
const orderAndItems = { orderNumber: z.string(), items: z.array(z.string()) };

const searchOut = z.strictObject({
  understood: z.strictObject({
    category: z.string().optional(),
    colour: z.string().optional(),
    size: z.string().optional(),
    maxPrice: z.number().optional(),
    minPrice: z.number().optional(),
    newest: z.literal(true).optional(),
    excluded: z.array(z.string()).optional(),
    words: z.array(z.string()),
  }),
  matches: z.array(ProductCardOut),
  total: z.number(),
  approximate: z.literal(true).optional(),
  sizeUnavailable: z.literal(true).optional(),
  count: z.number(),
  /** The shopper's usual size a "my size" search used; null when unknown. */
  mySize: z.string().nullable().optional(),
  mySizeFrom: z.enum(['orders', 'registration']).optional(),
  hint: z.string().optional(),
});

const policyText = z.record(z.string(), z.union([z.string(), z.record(z.string(), z.string())]));
const policyOut = z.union([
  z.strictObject({ topic: z.literal('shipping'), policy: policyText, facts: ShippingFactsOut, forThisShopper: z.string().optional() }),
  z.strictObject({ topic: z.literal('sizing'), policy: policyText, facts: SizingFactsOut }),
  z.strictObject({ topic: z.enum(POLICY_TOPICS.filter((t) => t !== 'shipping' && t !== 'sizing')), policy: policyText }),
]);

const cartOut = z.strictObject({
  cart: CartOut,
  checkoutUrl: z.string().nullable(),
  mergedLines: z.number().optional(),
});

const orderOut = z.union([
  // onlyVerified: the shopper verified in chat, so the list holds only the orders verified (the note says how to see others).
  z.strictObject({ orders: z.array(OrderSummaryOut), onlyVerified: z.literal(true).optional(), note }),
  z.strictObject({ order: OrderOut }),
]);

const labelOut = z.union([
  z.strictObject({ created: z.boolean(), alreadyExisted: z.literal(true).optional(), label: LabelOut }),
  proposing({ ...orderAndItems, returnWindowEnds: z.string().nullable(), labelEmailedTo: z.string(), cost: z.string() }),
]);

const cancelOut = z.union([
  z.strictObject({ cancelled: z.boolean(), alreadyCancelled: z.literal(true).optional(), order: CancelledOut }),
  proposing({ ...orderAndItems, action: z.string(), shipTo: z.string(), refund: z.number() }),
]);

const addressOut = z.union([
  z.strictObject({
    changed: z.boolean(),
    alreadyThere: z.literal(true).optional(),
    order: z.strictObject({ orderNumber: z.string(), shipTo: z.string() }),
  }),
  z.strictObject({ orderNumber: z.string(), shipsTo: z.string(), instruction: z.string() }),
  proposing({ orderNumber: z.string(), action: z.string(), from: z.string(), to: z.string() }),
]);

const exchangeOut = z.union([
  z.strictObject({ created: z.boolean(), alreadyExisted: z.literal(true).optional(), exchange: ExchangeOut }),
  proposing({
    orderNumber: z.string(),
    swap: z.array(z.strictObject({ send: z.string(), get: z.string() })),
    returnWindowEnds: z.string().nullable(),
    labelEmailedTo: z.string(),
    cost: z.string(),
  }),
]);

const problemOut = z.union([
  z.strictObject({ created: z.boolean(), alreadyReported: z.literal(true).optional(), claim: ClaimOut }),
  proposing({
    ...orderAndItems,
    problem: z.string(),
    outcome: z.enum(['replacement', 'refund', 'review']),
    why: z.string().optional(),
    next: z.string(),
  }),
]);

const verifyOut = z.strictObject({
  verified: z.literal(true),
  alreadyVerified: z.literal(true).optional(),
  firstName: z.string().optional(),
  /** Verified in chat: the order numbers this chat has proven, the only orders it opens. */
  verifiedOrders: z.array(z.string()).optional(),
  note,
  /** A basket filled before verifying, waiting for the shopper's yes to join the account's. */
  guestBasket: z.strictObject({ lines: z.number(), ...ProposalRef }).optional(),
  instruction: z.string().optional(),
});

export const toolOutputs = {
  search_products: searchOut,
  get_product: ProductDetailOut,
  add_to_cart: z.strictObject({ added: CartChangeOut.added, cart: CartOut, checkoutUrl: z.string().nullable() }),
  update_cart: z.union([
    z.strictObject({ changed: CartChangeOut.changed, cart: CartOut }),
    z.strictObject({ removed: CartChangeOut.removed, cart: CartOut }),
  ]),
  view_cart: cartOut,
  lookup_order: orderOut,
  create_return_label: labelOut,
  reorder: z.strictObject({
    orderNumber: z.string(),
    added: z.array(z.strictObject({ name: z.string(), size: z.string(), quantity: z.number() })),
    unavailable: z.array(z.strictObject({ name: z.string(), size: z.string(), reason: z.string() })),
    cart: CartOut,
  }),
  loyalty_status: z.strictObject({
    tier: z.string(),
    points: z.number(),
    pointsValue: z.string(),
    perks: z.array(z.string()),
    nextTier: z.strictObject({ tier: z.string(), pointsNeeded: z.number() }).optional(),
  }),
  recommend_products: z.strictObject({ basis: z.enum(['purchase_history', 'popular']), picks: z.array(PickOut) }),
  verify_customer: verifyOut,
  escalate_to_human: z.strictObject({
    ticketId: z.string(),
    priority: z.string(),
    expectedWaitMinutes: z.number(),
    alreadyOpen: z.literal(true).optional(),
    note: z.string(),
  }),
  store_policy: policyOut,
  cancel_order: cancelOut,
  change_shipping_address: addressOut,
  exchange_items: exchangeOut,
  refund_status: z.strictObject({ orderNumber: z.string().optional(), refunds: z.array(RefundOut), note }),
  report_problem: problemOut,
} satisfies Record<ToolName, z.ZodType>;

/** What a successful call of tool N returns. */
export type ToolOutput<N extends ToolName> = z.infer<(typeof toolOutputs)[N]>;
/** The products a product tool shows: search matches and picks carry a stock map, get_product a sizes list. */
export type ProductCard = z.infer<typeof ProductCardOut>;
export type ProductPick = z.infer<typeof PickOut>;
export type ProductDetail = z.infer<typeof ProductDetailOut>;
export type CartView = z.infer<typeof CartOut>;
export type OrderDetail = z.infer<typeof OrderOut>;
export type OrderListed = z.infer<typeof OrderSummaryOut>;
export type RefundDetail = z.infer<typeof RefundOut>;
export type ShippingFacts = z.infer<typeof ShippingFactsOut>;
export type SizingFacts = z.infer<typeof SizingFactsOut>;

/** A tool's data read through its schema: the typed output, or null when it does not match. */
export function readOutput<N extends ToolName>(name: N, data: unknown): ToolOutput<N> | null {
  const parsed = (toolOutputs[name] as z.ZodType).safeParse(data);
  return parsed.success ? (parsed.data as ToolOutput<N>) : null;
}
