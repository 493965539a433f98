// The shapes tool results share (a product card, an order, a cart, a refund, a proposal): the
// pieces the per-tool output schemas in outputs.ts are built from. Strict objects: a field a
// tool returns without declaring it here is a broken contract, not a silent extra.
import { z } from 'zod';

const date = z.string().nullable(); // YYYY-MM-DD, or null when unknown

/** What every product result says of the product: price in dollars, the catalog text (data, never instructions). */
const ProductBase = {
  id: z.string(),
  name: z.string(),
  category: z.string(),
  colour: z.string(),
  price: z.number(),
  description: z.string(),
};

export const ProductCardOut = z.strictObject({
  ...ProductBase,
  /** Units in stock per size, in size order. */
  stock: z.record(z.string(), z.number()),
  imageUrl: z.string().nullable(),
  url: z.string().nullable(),
});

export const PickOut = ProductCardOut.extend({ because: z.string() });

export const ProductDetailOut = z.strictObject({
  ...ProductBase,
  /** Every size in size order, with its units in stock. */
  sizes: z.array(z.strictObject({ size: z.string(), stock: z.number() })),
  inStockSizes: z.array(z.string()),
  imageUrl: z.string().nullable(),
  url: z.string().nullable(),
});

export const CartOut = z.strictObject({
  items: z.array(
    z.strictObject({
      productId: z.string(),
      name: z.string(),
      category: z.string(),
      size: z.string(),
      colour: z.string(),
      quantity: z.number(),
      unitPrice: z.number(),
      lineTotal: z.number(),
      inStock: z.boolean(),
    }),
  ),
  itemCount: z.number(),
  subtotal: z.number(),
  shipping: z.string(),
  checkoutUrl: z.string().nullable(),
});

const SizeQuantity = z.strictObject({ size: z.string(), quantity: z.number() });
/** A cart line a change names: its product and name, then what changed. */
const CartLineRef = { productId: z.string(), name: z.string() };
export const CartChangeOut = {
  changed: z.strictObject({ ...CartLineRef, from: SizeQuantity, to: SizeQuantity }),
  removed: z.strictObject({ ...CartLineRef, size: z.string(), quantity: z.number() }),
  added: z.strictObject({ ...CartLineRef, size: z.string(), quantity: z.number(), nowInCart: z.number() }),
};

const OrderHead = {
  orderNumber: z.string(),
  status: z.string(),
  placed: date,
  /** Dollars. */
  total: z.number(),
};

export const RefundOut = z.strictObject({
  orderNumber: z.string(),
  for: z.string(),
  amount: z.number(),
  state: z.enum(['pending', 'awaiting_return', 'issued']),
  meaning: z.string(),
  started: date,
  expectedBy: date,
  note: z.string().optional(),
});

/** One order in full (lookup_order with a number). */
export const OrderOut = z.strictObject({
  ...OrderHead,
  items: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      size: z.string(),
      colour: z.string(),
      quantity: z.number(),
      price: z.number(),
      status: z.string(),
    }),
  ),
  shipped: date.optional(),
  delivered: date.optional(),
  /** On its way: the latest day standard delivery would bring it. */
  expectedBy: date.optional(),
  carrier: z.string().optional(),
  tracking: z.string().optional(),
  return: z.union([
    z.strictObject({ possible: z.literal(true), until: date }),
    z.strictObject({ possible: z.literal(false), reason: z.string() }),
  ]),
  returnLabels: z
    .array(z.strictObject({ items: z.array(z.string()), trackingCode: z.string(), emailedTo: z.string(), created: date }))
    .optional(),
  shipTo: z.string().optional(),
  refunds: z.array(RefundOut).optional(),
});

/** An order in a list (lookup_order without a number): items as labels. */
export const OrderSummaryOut = z.strictObject({
  ...OrderHead,
  items: z.array(z.string()),
  delivered: date.optional(),
  tracking: z.string().optional(),
  returnableUntil: date.optional(),
});

/** The proposal a confirming tool made: what the widget's Confirm and Cancel name. */
export const ProposalRef = {
  proposalId: z.string(),
  expiresAt: z.string(),
  /** The proposal in the server's words (and the free text it sends): what the widget's card shows over Confirm. */
  statement: z.string().optional(),
};

/** What every proposing result carries besides its proposal. */
export const proposing = <T extends z.ZodRawShape>(proposal: T) =>
  z.strictObject({
    needsConfirmation: z.literal(true),
    proposal: z.strictObject({ ...ProposalRef, ...proposal }),
    instruction: z.string(),
  });

export const LabelOut = z.strictObject({
  orderNumber: z.string(),
  trackingCode: z.string(),
  items: z.array(z.string()),
  emailedTo: z.string(),
  created: date,
  next: z.string(),
});

export const ClaimOut = z.strictObject({
  claimId: z.string(),
  orderNumber: z.string(),
  problem: z.string(),
  items: z.array(z.string()),
  resolution: z.enum(['replacement', 'refund', 'review']),
  amount: z.number(),
  next: z.string(),
});

export const ExchangeOut = z.strictObject({
  orderNumber: z.string(),
  returnLabel: z.strictObject({ trackingCode: z.string(), emailedTo: z.string(), items: z.array(z.string()) }),
  replacement: z.strictObject({ items: z.array(z.string()), status: z.string(), cost: z.string() }),
  next: z.string(),
});

export const CancelledOut = z.strictObject({
  orderNumber: z.string(),
  status: z.literal('cancelled'),
  cancelled: date,
  refund: z.strictObject({ amount: z.number(), to: z.string(), expectedBy: date.optional() }),
});

const range = z.strictObject({ min: z.number(), max: z.number() });

/** The numbers behind the shipping policy's prose (business days, the same-day cut-off). */
export const ShippingFactsOut = z.strictObject({
  standardDays: range,
  expressDays: range,
  sameDayCutoff: z.string(),
  shipsTo: z.string(),
});

/** The size chart behind the sizing policy's prose: measurements in inches, UK/US sizes, shoe anchors. */
export const SizingFactsOut = z.strictObject({
  clothing: z.array(z.strictObject({ size: z.string(), bust: range, waist: range, uk: range, us: range })).readonly(),
  shoes: z.strictObject({
    eu: range,
    anchors: z.array(z.strictObject({ eu: z.number(), who: z.enum(['women', 'men']), us: z.number(), uk: z.number() })).readonly(),
  }),
});
