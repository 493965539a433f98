// Rules → segment. Each criterion either fails (the rule is skipped) or yields a reason a
// prompt engineer can read ("7 orders ≥ 5"); all of a rule's criteria must hold.
import { formatMoney, type SegmentResult } from '../core/index.js';
import type { Profile } from './profile.js';
import type { Rule, When } from './rules-schema.js';
import type { SegmentRules } from './load-rules.js';
import { describeInteractionRange, inInteractionRange, windowOf, type WindowSpec } from './windows.js';

type Range = { min?: number; max?: number };

const inRange = (v: number, r: Range) => (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max);

function rangeText(r: Range, fmt: (n: number) => string): string {
  if (r.min !== undefined && r.max !== undefined) return r.min === r.max ? `= ${fmt(r.min)}` : `in ${fmt(r.min)}–${fmt(r.max)}`;
  return r.min !== undefined ? `≥ ${fmt(r.min)}` : `≤ ${fmt(r.max!)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const dollarLimit = (d: number) => formatMoney(Math.round(d * 100));
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const DATE_CRITERIA = [
  ['firstInteraction', 'firstInteraction', 'first interaction'],
  ['lastInteraction', 'lastInteraction', 'last interaction'],
  ['firstOrder', 'firstOrderAt', 'first order'],
  ['lastOrder', 'lastOrderAt', 'last order'],
] as const;

/** Reasons when every criterion holds, null as soon as one fails. */
export function matchRule(when: When, p: Profile, now: number): string[] | null {
  const reasons: string[] = [];
  if (when.sessions) {
    if (!inRange(p.sessions, when.sessions)) return null;
    const first = when.sessions.max !== undefined && when.sessions.max <= 1;
    reasons.push(first ? 'first session' : `${plural(p.sessions, 'session')} ${rangeText(when.sessions, String)}`);
  }
  // Order criteria read the rule's time frame when it has one (computed by the profile query);
  // an inline profile without that window falls back to all-time figures.
  const win = when.timeFrame ? windowFor(when.timeFrame) : null;
  const stats = (win && p.windows[win.key]) || { orders: p.orders, totalSpendCents: p.totalSpendCents };
  const within = win ? ` ${win.label}` : '';
  if (when.orders) {
    if (!inRange(stats.orders, when.orders)) return null;
    reasons.push(
      when.orders.max === 0 ? `no orders${within}` : `${plural(stats.orders, 'order')} ${rangeText(when.orders, String)}${within}`,
    );
  }
  if (when.totalSpend) {
    if (!inRange(stats.totalSpendCents, cents(when.totalSpend))) return null;
    reasons.push(`${formatMoney(stats.totalSpendCents)} spent ${rangeText(when.totalSpend, dollarLimit)}${within}`);
  }
  if (when.averageOrder) {
    // No orders means no average: neither "at least" nor "at most" can be claimed.
    const avg = stats.orders ? Math.round(stats.totalSpendCents / stats.orders) : null;
    if (avg === null || !inRange(avg, cents(when.averageOrder))) return null;
    reasons.push(`average order ${formatMoney(avg)} ${rangeText(when.averageOrder, dollarLimit)}${within}`);
  }
  // A shopper who never ordered has no order date, so no firstOrder/lastOrder range holds.
  for (const [key, field, label] of DATE_CRITERIA) {
    const range = when[key];
    if (!range) continue;
    const at = p[field];
    if (!inInteractionRange(at, range, now)) return null;
    reasons.push(`${label} ${isoDay(at!)} (${describeInteractionRange(range)})`);
  }
  if (when.loyaltyTier) {
    if (!when.loyaltyTier.includes(p.loyaltyTier as (typeof when.loyaltyTier)[number])) return null;
    reasons.push(`${p.loyaltyTier} loyalty tier`);
  }
  if (when.answers) {
    for (const [question, accepted] of Object.entries(when.answers)) {
      const given = p.answers[question];
      const norm = (s: string) => s.trim().toLowerCase();
      if (given === undefined || !accepted.some((a) => norm(a) === norm(given))) return null;
      reasons.push(`answered ${question}: ${given}`);
    }
  }
  if (when.member) {
    const hit = when.member.find((m) => p.memberships.includes(m));
    if (hit === undefined) return null;
    reasons.push(`manual member of ${hit}`);
  }
  return reasons;
}

// Rules are parsed once and evaluated on every turn: derive their windows once too.
const windows = new WeakMap<object, WindowSpec>();
function windowFor(t: NonNullable<When['timeFrame']>): WindowSpec {
  let w = windows.get(t);
  if (!w) windows.set(t, (w = windowOf(t)));
  return w;
}

const cents = (r: Range): Range => ({
  min: r.min === undefined ? undefined : Math.round(r.min * 100),
  max: r.max === undefined ? undefined : Math.round(r.max * 100),
});

/** First matching rule wins; otherwise the default segment. */
export function evaluateRules(rules: SegmentRules, profile: Profile, now: number): SegmentResult {
  for (const rule of rules.rules as Rule[]) {
    const reasons = matchRule(rule.when, profile, now);
    if (reasons) return { id: rule.segment, rule: rule.id, reasons };
  }
  return { id: rules.defaultSegment, rule: 'default', reasons: ['no rule matched'] };
}
