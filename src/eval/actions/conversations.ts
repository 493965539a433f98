// A set of multi-turn shopper conversations, each turn labelled with what the shopper wants at
// that point: the input of `npm run nlu:actions -- --conversations <file>`. Goals are the
// single-message goals (set.ts) plus dialogue goals that only make sense after an earlier turn
// (a yes to a proposal, "the second one", a detail the assistant asked for).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { ACTION_INTENTS, type ActionIntent } from './set.js';

export const DIALOGUE_GOALS = [
  'confirm',
  'deny',
  'refine_search',
  'pick_shown',
  'ask_about_shown',
  'give_details',
  'add_to_cart',
  'view_cart',
  'side_question',
] as const;
export type DialogueGoal = (typeof DIALOGUE_GOALS)[number];
export type ConversationGoal = ActionIntent | DialogueGoal;
export const CONVERSATION_GOALS: readonly ConversationGoal[] = [...ACTION_INTENTS, ...DIALOGUE_GOALS];

export const isDialogueGoal = (g: ConversationGoal): g is DialogueGoal => (DIALOGUE_GOALS as readonly string[]).includes(g);

/** A regular expression written as text in the set (case-insensitive). */
const Pattern = z
  .string()
  .min(1)
  .transform((s, ctx) => {
    try {
      return new RegExp(s, 'i');
    } catch {
      ctx.addIssue({ code: 'custom', message: `not a regular expression: ${s}` });
      return z.NEVER;
    }
  });

/** Which of the products just shown the shopper means: by position (1-based), colour or words of its name. */
const RefSchema = z
  .strictObject({ ordinal: z.number().int().min(1).max(10).optional(), colour: z.string().min(1).optional(), name: Pattern.optional() })
  .refine((r) => r.ordinal !== undefined || r.colour !== undefined || r.name !== undefined, 'ref needs ordinal, colour or name');

/** What a refined search must show: every product shown has these. */
const FilterSchema = z
  .strictObject({
    colour: z.string().min(1).optional(),
    maxPrice: z.number().positive().optional(),
    size: z.string().min(1).optional(),
    category: z.string().min(1).optional(),
  })
  .refine((f) => Object.keys(f).length > 0, 'filter needs at least one field');

const TOOL_NAME = z.string().regex(/^[a-z_]+$/);

export const ConversationTurnSchema = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  goal: z.enum(CONVERSATION_GOALS as [ConversationGoal, ...ConversationGoal[]]),
  /** pick_shown / ask_about_shown / add_to_cart: the product meant. */
  ref: RefSchema.optional(),
  /** pick_shown / add_to_cart / give_details: the size the shopper named. */
  size: z.string().min(1).optional(),
  /** refine_search: what every product shown must have. */
  filter: FilterSchema.optional(),
  /** confirm / deny: the tool whose proposal this answers (default: the proposal waiting). */
  confirms: TOOL_NAME.optional(),
  /** confirm: the items the shopper chose; every item the action went through with must match. */
  items: Pattern.optional(),
  /** side_question: the single-message goal of the question. */
  asks: z.enum(ACTION_INTENTS).optional(),
  /** ask_about_shown / side_question: the reply must match (the fact asked for). */
  answer: Pattern.optional(),
  /** give_details: the goal the detail serves (default: the latest single-message goal). */
  for: z.enum(CONVERSATION_GOALS as [ConversationGoal, ...ConversationGoal[]]).optional(),
  note: z.string().optional(),
});
export type ConversationTurn = z.infer<typeof ConversationTurnSchema>;

export const ConversationSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase words joined by dashes'),
    state: z.enum(['anonymous', 'verified']),
    /** verified only: `fresh` skips the refund the single-message runner sets up (order 28511 stays processing). */
    setup: z.enum(['refund_pending', 'fresh']).default('refund_pending'),
    note: z.string().optional(),
    turns: z.array(ConversationTurnSchema).min(1).max(8),
  })
  .superRefine((c, ctx) => {
    c.turns.forEach((t, i) => {
      const need = (field: keyof ConversationTurn, why: string) => {
        if (t[field] === undefined) ctx.addIssue({ code: 'custom', path: ['turns', i, field], message: why });
      };
      if (t.goal === 'refine_search') need('filter', 'refine_search needs a filter');
      if (t.goal === 'pick_shown') need('ref', 'pick_shown needs a ref');
      if (t.goal === 'side_question') need('asks', 'side_question needs asks (the goal of the question)');
      if (i === 0 && isDialogueGoal(t.goal) && t.goal !== 'view_cart' && t.goal !== 'add_to_cart')
        ctx.addIssue({ code: 'custom', path: ['turns', i, 'goal'], message: `${t.goal} cannot open a conversation` });
    });
  });
export type Conversation = z.infer<typeof ConversationSchema>;

const ListSchema = z.array(ConversationSchema);
const WrappedSchema = z.object({ conversations: ListSchema }).transform((s) => s.conversations);

export function parseConversationSet(text: string, file: string): Conversation[] {
  const doc: unknown = parse(text);
  const parsed = (Array.isArray(doc) ? ListSchema : WrappedSchema).safeParse(doc);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
  }
  if (!parsed.data.length) throw new Error(`${file}: no conversations`);
  const seen = new Set<string>();
  for (const c of parsed.data) {
    if (seen.has(c.id)) throw new Error(`${file}: conversation id ${c.id} is used twice`);
    seen.add(c.id);
  }
  return parsed.data;
}

export function loadConversationSet(file: string): Conversation[] {
  return parseConversationSet(readFileSync(file, 'utf8'), file);
}
