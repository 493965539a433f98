// Argument schemas of every tool: the contract between the tools, the models (via bindTools)
// and the offline model, which must produce arguments these accept.
import { z } from 'zod';
import { CATEGORIES, fenceText } from '../core/index.js';
import { POLICY_TOPICS } from '../shop/index.js';

const orderNumber = z
  .string()
  .trim()
  .regex(/^#?\d{4,10}$/, 'an order number is 4–10 digits, like 28473')
  .transform((s) => s.replace(/^#/, ''));
const shortText = (max: number) => z.string().trim().min(1).max(max);
/**
 * One line of text the server states and sends as it is (a line of a new address): normalized as every fenced text, its
 * line breaks, invisible and bidi marks gone, so what the shopper is shown (tools' summaries) is what the store gets.
 */
const lineText = (max: number) =>
  shortText(max)
    .transform((s) => fenceText(s, max).replace(/\s+/g, ' ').trim())
    .refine((s) => s !== '', 'a line of text');

export { CATEGORIES };

export const US_STATES =
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY'.split(
    ' ',
  );

const confirm = z.boolean().default(false).describe('true only after the shopper’s yes');

/** A US delivery address (the store ships within the US only), in one canonical shape. */
const address = z
  .object({
    name: lineText(80).optional(),
    line1: lineText(100),
    line2: lineText(100).optional(),
    city: lineText(60),
    state: z
      .string()
      .trim()
      .toUpperCase()
      .refine((s) => US_STATES.includes(s), 'a two-letter US state code, like NY'),
    zip: z
      .string()
      .trim()
      .regex(/^\d{5}(-\d{4})?$/, 'a US ZIP code, like 10001'),
  })
  .transform((a) => ({
    ...(a.name ? { name: a.name } : {}),
    line1: a.line1,
    ...(a.line2 ? { line2: a.line2 } : {}),
    city: a.city,
    state: a.state,
    zip: a.zip,
    country: 'US' as const,
  }));

/** An order item: its id from lookup_order, or words of its name ("jumper"). */
const itemRef = shortText(80);

export const toolSchemas = {
  search_products: z.object({
    query: z.string().trim().max(200).default('').describe('The shopper’s words; may be empty with filters'),
    category: z.enum(CATEGORIES).optional(),
    colour: shortText(30).optional(),
    size: shortText(10).optional().describe('XS–XXL; shoes EU 36–46'),
    mySize: z.boolean().optional().describe('true for "in my size"'),
    maxPrice: z.number().positive().max(100_000).optional().describe('Highest price in dollars'),
    exclude: z.array(shortText(40)).max(8).optional().describe('words to leave out'),
    limit: z.number().int().min(1).max(10).default(5),
    offset: z.number().int().min(0).max(100).default(0).describe('count already shown'),
  }),
  get_product: z.object({ productId: shortText(64) }),
  add_to_cart: z.object({
    productId: shortText(64),
    size: shortText(10),
    quantity: z.number().int().min(1).max(10).default(1),
  }),
  update_cart: z.object({
    productId: shortText(64),
    size: shortText(10),
    quantity: z.number().int().min(0).max(10).optional(),
    newSize: shortText(10).optional(),
  }),
  view_cart: z.object({
    mergeGuestCart: z.boolean().optional().describe('true only after a yes to adding the guest basket'),
  }),
  lookup_order: z.object({ orderNumber: orderNumber.optional().describe('Omit to list the shopper’s recent orders') }),
  create_return_label: z.object({
    orderNumber,
    items: z.array(shortText(64)).max(20).optional().describe('Order item ids to return; omit for every returnable item'),
    reason: z.string().trim().max(300).optional(),
    confirm,
  }),
  reorder: z.object({ orderNumber }),
  cancel_order: z.object({ orderNumber, reason: z.string().trim().max(200).optional(), confirm }),
  change_shipping_address: z.object({ orderNumber, address: address.optional(), confirm }),
  exchange_items: z.object({
    orderNumber,
    items: z
      .array(z.object({ item: itemRef, size: shortText(10).optional(), colour: shortText(30).optional() }))
      .min(1)
      .max(10)
      .describe('item id or name; new size and/or colour'),
    confirm,
  }),
  refund_status: z.object({ orderNumber: orderNumber.optional() }),
  report_problem: z.object({
    orderNumber,
    problem: z.enum(['damaged', 'missing', 'wrong_item']),
    items: z.array(itemRef).max(10).optional(),
    note: shortText(500),
    confirm,
  }),
  loyalty_status: z.object({}),
  recommend_products: z.object({ limit: z.number().int().min(1).max(6).default(3) }),
  verify_customer: z.object({ email: z.string().trim().max(254).email(), orderNumber }),
  escalate_to_human: z.object({ reason: shortText(300) }),
  store_policy: z.object({ topic: z.enum(POLICY_TOPICS) }),
} as const;

export type ToolArgs = { [K in keyof typeof toolSchemas]: z.infer<(typeof toolSchemas)[K]> };
