// The review queries' parameters, as an operator types them in a URL: every value a string,
// validated here so a typo is a 400 naming the parameter, never an empty or unfiltered answer.
import { z } from 'zod';
import { DAY_MS } from '../core/index.js';

const HOUR_MS = 3_600_000;
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const TIME_HINT = 'must be an ISO date (2025-06-01) or date-time (2025-06-01T10:00:00Z)';

/**
 * A point in time in ms. A bare date is midnight UTC — or, as an end (`to`), the end of that day,
 * so `from=2025-06-01&to=2025-06-01` is that whole day.
 */
const instant = (end: boolean) =>
  z.string().transform((s, ctx) => {
    if (isoDate.safeParse(s).success) return Date.parse(`${s}T00:00:00Z`) + (end ? DAY_MS : 0);
    if (isoDateTime.safeParse(s).success) return Date.parse(s);
    ctx.addIssue({ code: 'custom', message: TIME_HINT });
    return z.NEVER;
  });

const name = z.string().min(1).max(128);
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/** Where the next page starts: the last row's start time and id, opaque to the caller. */
export const CursorSchema = z.tuple([z.number().int(), z.string().min(1).max(128)]);
export type Cursor = z.infer<typeof CursorSchema>;

export function encodeCursor(c: Cursor): string {
  return btoa(JSON.stringify(c)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const cursor = z.string().transform((s, ctx) => {
  try {
    return CursorSchema.parse(JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/'))));
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a cursor this API returned (use nextCursor as it is)' });
    return z.NEVER;
  }
});

const fromBeforeTo = (q: { from?: number; to?: number }) => q.from === undefined || q.to === undefined || q.from < q.to;
const ORDER = { message: 'from must be before to', path: ['from'] };

export const ConversationListQuerySchema = z
  .strictObject({
    persona: name.optional(),
    version: name.optional(),
    variant: name.optional(),
    segment: name.optional(),
    downvoted: flag.optional(),
    escalated: flag.optional(),
    from: instant(false).optional(),
    to: instant(true).optional(),
    limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1).max(200).default(50),
    cursor: cursor.optional(),
  })
  .refine(fromBeforeTo, ORDER);
export type ConversationListQuery = z.infer<typeof ConversationListQuerySchema>;

/** `7d`, `24h`: a window ending now. Up to two years. */
const windowSpec = z
  .string()
  .regex(/^\d{1,5}[dh]$/, 'must be a number of days or hours, like 7d or 24h')
  .transform((s) => Number(s.slice(0, -1)) * (s.endsWith('d') ? DAY_MS : HOUR_MS))
  .refine((ms) => ms > 0 && ms <= 731 * DAY_MS, 'must be between 1h and 731d');

export const AbQuerySchema = z
  .strictObject({
    from: instant(false).optional(),
    to: instant(true).optional(),
    window: windowSpec.optional(),
    persona: name.optional(),
    /** The variant the others are compared with. */
    control: name.default('control'),
  })
  .refine((q) => q.window === undefined || (q.from === undefined && q.to === undefined), {
    message: 'give either window or from/to, not both',
    path: ['window'],
  })
  .refine(fromBeforeTo, ORDER);
export type AbQuery = z.infer<typeof AbQuerySchema>;

/** The time range the A/B figures cover, in ms; null ends are open. */
export interface TimeRange {
  from: number | null;
  to: number | null;
}

export function rangeOf(q: Pick<AbQuery, 'from' | 'to' | 'window'>, now: number): TimeRange {
  if (q.window !== undefined) return { from: now - q.window, to: now };
  return { from: q.from ?? null, to: q.to ?? null };
}
