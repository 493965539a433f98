// The eval case format (evals/cases/**/*.yaml). Types come from these schemas; the loader
// maps a failing path back to the YAML line so a prompt engineer can fix it.
import { z } from 'zod';
import { didYouMean } from '../personas/index.js';
import { TOOL_NAMES } from '../tools/index.js';

const unknownTool = (input: unknown) => {
  const hint = typeof input === 'string' ? didYouMean(input, TOOL_NAMES) : '';
  return `unknown tool ${JSON.stringify(input)}${hint || ` (known: ${TOOL_NAMES.join(', ')})`}`;
};
const ToolName = z.enum(TOOL_NAMES, { error: (iss) => unknownTool(iss.input) });
const oneOrMany = <T extends z.ZodType>(s: T) => z.union([s, z.array(s)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

export const ToolCallExpectSchema = z.union(
  [
    ToolName.transform((name) => ({ name, args: undefined as Record<string, unknown> | undefined, ok: undefined as boolean | undefined })),
    /** `ok`: the tool's verdict — false expects a refusal (outside the window, not found, must verify). */
    z.strictObject({ name: ToolName, args: z.record(z.string(), z.unknown()).optional(), ok: z.boolean().optional() }),
  ],
  { error: (iss) => (typeof iss.input === 'string' ? unknownTool(iss.input) : 'expected a tool name or { name, args }') },
);

export const ToolsExpectSchema = z.strictObject({
  /** Each must be called at least once with these arguments (a subset match). */
  called: z.array(ToolCallExpectSchema).optional(),
  /** A bare name: never called; { name, args }: never called with arguments matching these. */
  notCalled: z.array(ToolCallExpectSchema).optional(),
  /** These tools, when called, appear in this relative order. */
  order: z.array(ToolName).min(2).optional(),
  /** No tool call at all in this turn. */
  none: z.boolean().optional(),
});

export const ReplyExpectSchema = z.strictObject({
  contains: oneOrMany(z.string().min(1)).optional(),
  containsAny: z.array(z.string().min(1)).min(1).optional(),
  regex: oneOrMany(z.string().min(1)).optional(),
  notContains: oneOrMany(z.string().min(1)).optional(),
  maxLength: z.number().int().positive().optional(),
  minLength: z.number().int().nonnegative().optional(),
});

export const PersonaExpectSchema = z.strictObject({
  id: z.string().optional(),
  segment: z.string().optional(),
  variant: z.string().nullable().optional(),
  greetsByName: z.boolean().optional(),
  offersPerks: z.boolean().optional(),
  /** The reply stays within the persona's brevity bound (voice style "brief"). */
  brief: z.boolean().optional(),
  /** Trait checks derived from the persona file (minimization, perks only where declared); default on. */
  traits: z.boolean().optional(),
});

export const BudgetsSchema = z.strictObject({
  modelCalls: z.number().int().positive().optional(),
  tokens: z.number().int().positive().optional(),
  latencyMs: z.number().int().positive().optional(),
});

export const JudgeExpectSchema = z.union([
  z
    .string()
    .min(10)
    .transform((rubric) => ({ rubric, minScore: 4 })),
  z.strictObject({ rubric: z.string().min(10), minScore: z.number().int().min(1).max(5).default(4) }),
]);

export const TurnExpectSchema = z.strictObject({
  tools: ToolsExpectSchema.optional(),
  reply: ReplyExpectSchema.optional(),
  persona: PersonaExpectSchema.optional(),
  /** Groundedness of order numbers, prices, dates, tracking codes and product names; default on. */
  grounded: z.boolean().optional(),
  budgets: BudgetsSchema.optional(),
  judge: JudgeExpectSchema.optional(),
});

const PageSchema = z.strictObject({ url: z.string().max(2000).optional(), referrer: z.string().max(2000).optional() });

export const TurnSchema = z.strictObject({
  user: z.string().min(1).max(4000),
  page: PageSchema.optional(),
  expect: TurnExpectSchema.default({}),
});

const ORDER_STATUS = z.enum(['processing', 'shipped', 'delivered', 'returned', 'cancelled']);

const orderNo = z.string().regex(/^\d{4,10}$/, 'an order number, like "28473"');
/** A count of rows, or a list of row subsets (each must match its own row; the count must equal the list's length). */
const RowsExpectSchema = z.union([z.number().int().min(0), z.array(z.record(z.string(), z.unknown()))]);

/**
 * The store after the conversation, whatever tool path led there (τ-bench style): order status
 * and delivery address, return labels, refunds, claims and replacements per order number, the
 * shopper's cart, and tickets opened.
 */
export const StateExpectSchema = z.strictObject({
  orders: z
    .record(orderNo, z.strictObject({ status: ORDER_STATUS.optional(), shipTo: z.record(z.string(), z.string()).optional() }))
    .optional(),
  returnLabels: z.record(orderNo, RowsExpectSchema).optional(),
  refunds: z.record(orderNo, RowsExpectSchema).optional(),
  claims: z.record(orderNo, RowsExpectSchema).optional(),
  replacements: z.record(orderNo, RowsExpectSchema).optional(),
  cart: z
    .strictObject({ lines: z.number().int().min(0).optional(), items: z.array(z.record(z.string(), z.unknown())).optional() })
    .optional(),
  tickets: z.number().int().min(0).optional(),
});

export const InlineOrderSchema = z.strictObject({
  number: z
    .string()
    .regex(/^\d{4,10}$/)
    .optional(),
  status: ORDER_STATUS.default('delivered'),
  /** When it was placed; delivered orders arrive 3 days later unless deliveredDaysAgo says otherwise. */
  daysAgo: z.number().int().min(0).max(3650),
  deliveredDaysAgo: z.number().int().min(0).max(3650).optional(),
  items: z.number().int().min(1).max(5).default(1),
});

export const InlineProfileSchema = z.strictObject({
  firstName: z.string().min(1).max(40).default('Robin'),
  lastName: z.string().min(1).max(40).default('Eval'),
  email: z.string().email().optional(),
  tier: z.enum(['none', 'silver', 'gold', 'platinum']).default('none'),
  points: z.number().int().min(0).default(0),
  /** Previous visits (the current chat adds one more). */
  sessions: z.number().int().min(0).max(500).default(1),
  orders: z.union([z.number().int().min(0).max(60), z.array(InlineOrderSchema).max(60)]).default(0),
  answers: z.record(z.string(), z.string()).default({}),
  memberships: z.array(z.string().min(1)).default([]),
  /** Signed in with a storefront token (default) or chatting without one. */
  signedIn: z.boolean().default(true),
});

const SHOPPER_HINT = 'expected "anonymous", a demo shopper\'s email, or { profile: {...} }';
export const ShopperSpecSchema = z.union(
  [
    z.string().refine((s) => s === 'anonymous' || z.email().safeParse(s).success, SHOPPER_HINT),
    z.strictObject({ profile: InlineProfileSchema }),
  ],
  { error: SHOPPER_HINT },
);

export const FixtureProductSchema = z.strictObject({
  /** Fixture ids start with p_fx_, so graders can tell them from the demo catalog. */
  id: z
    .string()
    .regex(/^p_fx_[a-z0-9_-]{1,40}$/, 'a fixture product id starts with p_fx_')
    .optional(),
  name: z.string().min(1).max(120),
  category: z.enum(['dresses', 'tops', 'trousers', 'shoes', 'outerwear', 'accessories']),
  colour: z.string().min(1).max(30),
  description: z.string().min(1).max(4000),
  /** Dollars, as shoppers see them. */
  price: z.number().positive().max(100_000),
  tags: z.string().default(''),
  sizes: z.record(z.string(), z.number().int().min(0)).default({ S: 5, M: 5, L: 5 }),
});

export const CaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,80}$/, 'lowercase letters, digits, ".", "_" and "-"'),
  description: z.string().optional(),
  tags: z.array(z.string().regex(/^[a-z0-9_:-]+$/)).default([]),
  shopper: ShopperSpecSchema,
  /** Persona invariance: run once under every persona; policy outcomes must match. */
  allPersonas: z.boolean().default(false),
  fixtures: z.strictObject({ products: z.array(FixtureProductSchema).max(20).default([]) }).default({ products: [] }),
  page: PageSchema.optional(),
  turns: z.array(TurnSchema).min(1).max(30),
  /** The store's rows that must hold after the conversation (see StateExpectSchema). */
  state: StateExpectSchema.optional(),
  /**
   * A custom assertion: a module (path relative to the case file) whose function, `default` or
   * the one after "#", receives the recorded conversation and returns what failed, if anything.
   */
  assert: z
    .string()
    .regex(
      /^\.{1,2}\/[^#]+\.(ts|mts|js|mjs)(#[A-Za-z_$][\w$]*)?$/,
      'a relative module path like ./checks/loyalty.ts or ./checks.ts#pointsMatch',
    )
    .optional(),
});

export type EvalCase = z.infer<typeof CaseSchema> & { file: string; line: number };
export type TurnSpec = z.infer<typeof TurnSchema>;
export type StateExpect = z.infer<typeof StateExpectSchema>;
export type TurnExpect = z.infer<typeof TurnExpectSchema>;
export type ToolCallExpect = z.infer<typeof ToolCallExpectSchema>;
export type ShopperSpec = z.infer<typeof ShopperSpecSchema>;
export type InlineProfile = z.infer<typeof InlineProfileSchema>;
export type FixtureProduct = z.infer<typeof FixtureProductSchema>;
