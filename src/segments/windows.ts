// Time frames (rule `timeFrame`) and interaction ranges turned into epoch-ms bounds.
// Absolute dates are UTC; a date-only `to` includes that whole day.
import { DAY_MS } from '../db/index.js';
import type { InteractionRange, TimeFrame } from './rules-schema.js';

export interface WindowSpec {
  /** Stable key into Profile.windows, e.g. "last90d" or "2025-01-01..2025-03-31". */
  key: string;
  /** Human wording for reasons: "in the last 90 days". */
  label: string;
  /** Relative frame: orders from now − lastDays, inclusive. */
  lastDays?: number;
  /** Absolute frame, epoch ms: fromMs inclusive, toMs exclusive. */
  fromMs?: number;
  toMs?: number;
}

const isDateOnly = (s: string) => s.length === 10;
export const startOf = (s: string) => Date.parse(isDateOnly(s) ? `${s}T00:00:00Z` : s);
/** Exclusive upper bound: the day after a date-only value, the next millisecond otherwise. */
export const endOf = (s: string) => (isDateOnly(s) ? startOf(s) + DAY_MS : Date.parse(s) + 1);

export function windowOf(t: TimeFrame): WindowSpec {
  if (t.lastDays !== undefined) {
    const days = t.lastDays;
    return { key: `last${days}d`, label: days === 1 ? 'in the last day' : `in the last ${days} days`, lastDays: days };
  }
  const label = t.from && t.to ? `between ${t.from} and ${t.to}` : t.from ? `since ${t.from}` : `until ${t.to}`;
  return {
    key: `${t.from ?? ''}..${t.to ?? ''}`,
    label,
    fromMs: t.from ? startOf(t.from) : undefined,
    toMs: t.to ? endOf(t.to) : undefined,
  };
}

/** Does an interaction time fall in the range at `now`? Null (never) matches nothing. */
export function inInteractionRange(at: number | null, r: InteractionRange, now: number): boolean {
  if (at === null) return false;
  if (r.withinDays !== undefined && at < now - r.withinDays * DAY_MS) return false;
  if (r.olderThanDays !== undefined && at > now - r.olderThanDays * DAY_MS) return false;
  if (r.from !== undefined && at < startOf(r.from)) return false;
  if (r.to !== undefined && at >= endOf(r.to)) return false;
  return true;
}

export function describeInteractionRange(r: InteractionRange): string {
  const parts: string[] = [];
  if (r.withinDays !== undefined) parts.push(`within ${r.withinDays} days`);
  if (r.olderThanDays !== undefined) parts.push(`over ${r.olderThanDays} days ago`);
  if (r.from && r.to) parts.push(`between ${r.from} and ${r.to}`);
  else if (r.from) parts.push(`since ${r.from}`);
  else if (r.to) parts.push(`until ${r.to}`);
  return parts.join(', ');
}
