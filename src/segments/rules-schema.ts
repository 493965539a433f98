// The shape of data/segments.yaml. Strict objects so a misspelt criterion fails loudly
// instead of silently matching everyone.
//
// Every schema is built where the file is read (at startup and on a reload), not kept by the
// module: what a server keeps across its garbage collections costs it several times over in peak
// memory (V8 sizes the heap in proportion to what survives), and a turn never reads these.
import { z } from 'zod';
import { LOYALTY_TIERS } from './profile.js';

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const dateSchema = () =>
  z
    .string()
    .regex(DATE, 'expected a date like 2025-01-31 or 2025-01-31T09:00:00Z')
    .refine((s) => !Number.isNaN(Date.parse(s)), 'not a valid date');

const bounded = <T extends z.ZodNumber>(n: T) =>
  z
    .strictObject({ min: n.optional(), max: n.optional() })
    .refine((r) => r.min !== undefined || r.max !== undefined, 'give min, max or both')
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min is greater than max');

/** Whole counts: sessions, orders. */
const countRangeSchema = () => bounded(z.number().int('expected a whole number').nonnegative());
/** Money in dollars, as a prompt engineer writes it. */
const moneyRangeSchema = () => bounded(z.number().nonnegative());

const timeFrameSchema = () =>
  z
    .strictObject({
      lastDays: z.number().int().positive().optional(),
      from: dateSchema().optional(),
      to: dateSchema().optional(),
    })
    .superRefine((t, ctx) => {
      const absolute = t.from !== undefined || t.to !== undefined;
      if (t.lastDays !== undefined && absolute) ctx.addIssue({ code: 'custom', message: 'use either lastDays or from/to, not both' });
      if (t.lastDays === undefined && !absolute) ctx.addIssue({ code: 'custom', message: 'give lastDays, or from and/or to' });
      if (t.from && t.to && Date.parse(t.from) > Date.parse(t.to))
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
    });
export type TimeFrame = z.infer<ReturnType<typeof timeFrameSchema>>;

const interactionSchema = () =>
  z
    .strictObject({
      withinDays: z.number().int().positive().optional(),
      olderThanDays: z.number().int().positive().optional(),
      from: dateSchema().optional(),
      to: dateSchema().optional(),
    })
    .superRefine((t, ctx) => {
      const given = [t.withinDays, t.olderThanDays, t.from, t.to].filter((v) => v !== undefined).length;
      if (given === 0) ctx.addIssue({ code: 'custom', message: 'give withinDays, olderThanDays, or from and/or to' });
      if (t.from && t.to && Date.parse(t.from) > Date.parse(t.to))
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is before from' });
    });
export type InteractionRange = z.infer<ReturnType<typeof interactionSchema>>;

// A single value or a list; preprocessing (not a union) keeps zod's message about the bad item.
const oneOrMany = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(item).min(1));

const segmentId = () => z.string().regex(/^[a-z][a-z0-9_]*$/, 'segment ids are lower_snake_case, like repeat_buyer');
const answer = () => z.preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string());

const whenSchema = () =>
  z
    .strictObject({
      sessions: countRangeSchema().optional(),
      orders: countRangeSchema().optional(),
      totalSpend: moneyRangeSchema().optional(),
      averageOrder: moneyRangeSchema().optional(),
      timeFrame: timeFrameSchema().optional(),
      firstInteraction: interactionSchema().optional(),
      lastInteraction: interactionSchema().optional(),
      /** When the first / most recent order was placed, all time (not limited by timeFrame): "no order in 180 days" is lastOrder: { olderThanDays: 180 }. */
      firstOrder: interactionSchema().optional(),
      lastOrder: interactionSchema().optional(),
      loyaltyTier: oneOrMany(z.enum(LOYALTY_TIERS)).optional(),
      answers: z
        .record(z.string(), oneOrMany(answer()))
        .refine((a) => Object.keys(a).length > 0, 'name at least one question')
        .optional(),
      member: oneOrMany(z.string().min(1)).optional(),
    })
    .superRefine((w, ctx) => {
      if (Object.values(w).every((v) => v === undefined)) ctx.addIssue({ code: 'custom', message: 'a rule needs at least one criterion' });
      if (w.timeFrame && !w.orders && !w.totalSpend && !w.averageOrder) {
        ctx.addIssue({
          code: 'custom',
          path: ['timeFrame'],
          message: 'timeFrame applies to orders, totalSpend and averageOrder; this rule has none of them',
        });
      }
    });
export type When = z.infer<ReturnType<typeof whenSchema>>;

const ruleSchema = () =>
  z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'rule ids are lower-case words joined by - or _'),
    segment: segmentId(),
    description: z.string().optional(),
    when: whenSchema(),
  });
export type Rule = z.infer<ReturnType<typeof ruleSchema>>;

export const rulesFileSchema = () =>
  z
    .strictObject({
      rules: z.array(ruleSchema()),
      default: z.strictObject({ segment: segmentId(), description: z.string().optional() }),
    })
    .superRefine((f, ctx) => {
      const seen = new Set<string>();
      f.rules.forEach((r, i) => {
        if (r.id === 'default')
          ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: '"default" is reserved for the default segment' });
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${r.id}"` });
        seen.add(r.id);
      });
    });
export type RulesFile = z.infer<ReturnType<typeof rulesFileSchema>>;
