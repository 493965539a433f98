// The shopper profile the rules are evaluated against. A zod schema so eval cases and
// previews can supply an inline profile; the segmenter builds one from aggregate SQL.
import { z } from 'zod';
import { LOYALTY_TIERS } from '../core/index.js';

export { LOYALTY_TIERS };

/** Orders and spend inside one rule time frame, keyed by the frame's key (see windows.ts). */
export const WindowStatsSchema = z.object({
  orders: z.number().int().nonnegative(),
  totalSpendCents: z.number().int().nonnegative(),
});
export type WindowStats = z.infer<typeof WindowStatsSchema>;

export const ProfileSchema = z.object({
  customerId: z.string().nullable().default(null),
  sessionId: z.string().min(1).default('inline'),
  /** The customer id exists in the store (false for anonymous shoppers). */
  registered: z.boolean().default(false),
  /** Sessions including the current one, so a first visit counts 1. */
  sessions: z.number().int().nonnegative().default(1),
  /** Orders placed and not cancelled (returned ones count: they were bought); spend likewise. */
  orders: z.number().int().nonnegative().default(0),
  totalSpendCents: z.number().int().nonnegative().default(0),
  /** 0 when there are no orders. */
  averageOrderCents: z.number().int().nonnegative().default(0),
  firstOrderAt: z.number().int().nullable().default(null),
  lastOrderAt: z.number().int().nullable().default(null),
  /** Earliest/latest session or order, in epoch ms; the current session counts. */
  firstInteraction: z.number().int().nullable().default(null),
  lastInteraction: z.number().int().nullable().default(null),
  loyaltyTier: z.string().default('none'),
  loyaltyPoints: z.number().int().nonnegative().default(0),
  answers: z.record(z.string(), z.string()).default({}),
  memberships: z.array(z.string()).default([]),
  /** Only the time frames the loaded rules use are computed. */
  windows: z.record(z.string(), WindowStatsSchema).default({}),
});
export type Profile = z.infer<typeof ProfileSchema>;
