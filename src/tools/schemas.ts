// Argument schemas of every tool: the contract between the tools, the models (via bindTools)
// and the offline model, which must produce arguments these accept.
import { z } from 'zod';

const orderNumber = z.string().trim().regex(/^#?\d{4,10}$/, 'an order number is 4–10 digits, like 28473').transform((s) => s.replace(/^#/, ''));
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const CATEGORIES = ['dresses', 'tops', 'trousers', 'shoes', 'outerwear', 'accessories'] as const;

export const toolSchemas = {
  search_products: z.object({
    query: z.string().trim().max(200).default('').describe('Free-text words, e.g. "linen summer dress". May be empty when filters are given.'),
    category: z.enum(CATEGORIES).optional(),
    colour: shortText(30).optional().describe('A colour word, e.g. "red", "navy"'),
    size: shortText(10).optional().describe('XS–XXL for clothes, numeric EU 36–46 for shoes'),
    mySize: z.boolean().optional().describe('true for "in my size": the size this customer usually buys, from their orders'),
    maxPrice: z.number().positive().max(100_000).optional().describe('Highest price in dollars'),
    exclude: z.array(shortText(40)).max(8).optional().describe('Colours or words to leave out ("not black")'),
    limit: z.number().int().min(1).max(10).default(5),
    offset: z.number().int().min(0).max(100).default(0).describe('Results to skip: the count already shown, for "show me more"'),
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
    confirm: z.boolean().default(false).describe('false first to propose; true only after the shopper said yes to the proposal'),
  }),
  reorder: z.object({ orderNumber }),
  loyalty_status: z.object({}),
  recommend_products: z.object({ limit: z.number().int().min(1).max(6).default(3) }),
  verify_customer: z.object({ email: z.string().trim().max(254).email(), orderNumber }),
  escalate_to_human: z.object({ reason: shortText(300) }),
  store_policy: z.object({ topic: z.enum(['shipping', 'returns', 'sizing', 'payment', 'ai', 'general']) }),
} as const;

export type ToolArgs = { [K in keyof typeof toolSchemas]: z.infer<(typeof toolSchemas)[K]> };
