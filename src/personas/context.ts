// The context a persona prompt may draw on. Everything a template can reference is declared
// here, once: the zod schema validates what buildPersonaContext produces, and its shape drives
// the linter (unknown variable, undeclared variable) so the two can never disagree.
import { z } from 'zod';
import { FREE_EXPRESS_TIERS, LOYALTY_TIERS, perksFor } from '../shop/index.js';

const line = (max: number) => z.string().max(max);

export const OrderSummarySchema = z.object({
  /** Human order number, e.g. "28473". */
  number: line(12),
  status: z.enum(['processing', 'shipped', 'delivered', 'returned', 'cancelled']),
  /** ISO date the order was placed. */
  placed: line(10),
  /** ISO date of delivery, null until delivered. */
  delivered: line(10).nullable(),
  /** Dollars, formatted: "$89.00". */
  total: line(16),
  /** "Linen midi dress (M), Leather belt (S)" — names and sizes only. */
  items: line(300),
});

export const CartSummarySchema = z.object({
  itemCount: z.number().int().min(0),
  /** Dollars, formatted: "$129.00". */
  subtotal: line(16),
  /** "Red wrap dress (M) ×1, Canvas tote ×2". */
  items: line(300),
});

export const PageContextSchema = z.object({
  /** The storefront page the widget is on. Shopper-controlled: the prompt treats it as data. */
  url: line(300).nullable(),
  referrer: line(300).nullable(),
});

/**
 * Every field a persona may declare in its `context` list. The registry hands each persona
 * only the fields it declares; the rest never reach the template.
 */
export const PersonaContextInputSchema = z.object({
  /** The verified customer's first name; null for anonymous shoppers. */
  firstName: line(40).nullable(),
  /** Loyalty programme tier: none | silver | gold | platinum. */
  loyaltyTier: z.enum(LOYALTY_TIERS),
  loyaltyPoints: z.number().int().min(0),
  /** The customer's last three orders, newest first (empty when anonymous). */
  recentOrders: z.array(OrderSummarySchema).max(3),
  /** The current cart (customer's or anonymous session's); null when empty. */
  cart: CartSummarySchema.nullable(),
  /** The loyalty tier's perks in plain words (from the store policy), e.g. "free express shipping". */
  perks: z.array(line(120)).max(10),
  /** Express shipping is free for this shopper's tier (store policy: gold and platinum). */
  freeExpress: z.boolean(),
  page: PageContextSchema,
  /** ISO date (YYYY-MM-DD) in UTC: lets the model reason about delivery and return windows. */
  today: line(10),
  /** The segment id the shopper was placed in (e.g. "vip"); set by the registry from the segment result. */
  segment: line(40),
});
export type PersonaContextInput = z.infer<typeof PersonaContextInputSchema>;
export type ContextField = keyof PersonaContextInput;
export const CONTEXT_FIELDS = Object.keys(PersonaContextInputSchema.shape) as ContextField[];

/** What a template may walk into: the schema reduced to objects, lists and scalars. */
export type Shape = { kind: 'object'; fields: Record<string, Shape> } | { kind: 'list'; item: Shape } | { kind: 'scalar' };

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; element?: ZodLike; shape?: Record<string, ZodLike> } };
}

export function shapeOf(schema: ZodLike): Shape {
  const def = schema._zod.def;
  switch (def.type) {
    case 'object':
      return { kind: 'object', fields: Object.fromEntries(Object.entries(def.shape ?? {}).map(([k, v]) => [k, shapeOf(v)])) };
    case 'array':
      return { kind: 'list', item: shapeOf(def.element!) };
    case 'nullable':
    case 'optional':
    case 'default':
      return shapeOf(def.innerType!);
    default:
      return { kind: 'scalar' };
  }
}

export const CONTEXT_SHAPE = shapeOf(PersonaContextInputSchema as unknown as ZodLike) as Extract<Shape, { kind: 'object' }>;

/** Data minimization: a persona's template sees only the fields its file declares. */
export function minimizeContext(context: PersonaContextInput, declared: readonly ContextField[]): Partial<PersonaContextInput> {
  const out: Record<string, unknown> = {};
  for (const field of declared) out[field] = context[field];
  return out as Partial<PersonaContextInput>;
}

/**
 * A full context (three orders, a two-item cart, a long URL) used by lint and token budgets:
 * it is the near-worst case a prompt will be rendered with.
 */
export const SAMPLE_CONTEXT: PersonaContextInput = {
  firstName: 'Alexandra',
  loyaltyTier: 'gold',
  loyaltyPoints: 4820,
  recentOrders: [
    {
      number: '30112',
      status: 'shipped',
      placed: '2025-03-02',
      delivered: null,
      total: '$214.00',
      items: 'Wool wrap coat (M), Cashmere scarf (One size)',
    },
    { number: '29877', status: 'delivered', placed: '2025-02-11', delivered: '2025-02-14', total: '$89.00', items: 'Linen midi dress (S)' },
    {
      number: '29140',
      status: 'delivered',
      placed: '2025-01-05',
      delivered: '2025-01-08',
      total: '$156.50',
      items: 'Leather ankle boots (EU 38), Silk camisole (S)',
    },
  ],
  cart: { itemCount: 2, subtotal: '$128.00', items: 'Red wrap dress (M) ×1, Canvas tote (One size) ×1' },
  perks: [...perksFor('gold')],
  freeExpress: FREE_EXPRESS_TIERS.includes('gold'),
  page: { url: 'https://shop.example.com/collections/dresses/red-wrap-dress?utm_source=newsletter', referrer: 'https://mail.example.com/' },
  today: '2025-03-05',
  segment: 'vip',
};
