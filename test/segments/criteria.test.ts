import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/db/index.js';
import { ProfileSchema, evaluateRules, loadSegmentRules } from '../../src/segments/index.js';
import { NOW, daysAgo, oneRule, useStore } from './store.js';

const open = useStore();
const seg = async (
  s: { segment(w: { customerId: string | null; sessionId: string }): Promise<{ segment: unknown }> },
  customerId: string | null,
  sessionId = 'current',
) => (await s.segment({ customerId, sessionId })).segment;

describe('each rule criterion against a real SQLite store', () => {
  it('sessions counts the current visit once, saved or not', async () => {
    const store = await (await open().customer('c1')).sessions('c1', [daysAgo(10), daysAgo(3)]);
    const s = store.segmenter(oneRule('sessions: { min: 3 }'));
    // Two earlier visits plus this one, which the chat has not recorded (CLI, preview).
    expect(await seg(s, 'c1', 'new-visit')).toEqual({ id: 'matched', rule: 'under-test', reasons: ['3 sessions ≥ 3'] });
    // The chat records the current session first (s2 is already c1's latest visit): no double count.
    expect(await seg(s, 'c1', 's2')).toEqual({ id: 'fallback', rule: 'default', reasons: ['no rule matched'] });
  });

  it('orders and totalSpend count orders placed and not cancelled (returned ones count), in whole counts and dollars', async () => {
    const store = await (
      await open().customer('c1')
    ).orders('c1', [
      { at: daysAgo(50), cents: 200_00 },
      { at: daysAgo(20), cents: 99_99, status: 'returned' },
      { at: daysAgo(5), cents: 500_00, status: 'cancelled' },
    ]);
    expect(await seg(store.segmenter(oneRule('orders: { min: 2, max: 2 }')), 'c1')).toMatchObject({
      id: 'matched',
      reasons: ['2 orders = 2'],
    });
    expect(await seg(store.segmenter(oneRule('orders: { min: 3 }')), 'c1')).toMatchObject({ id: 'fallback' });
    expect(await seg(store.segmenter(oneRule('totalSpend: { min: 299.99 }')), 'c1')).toMatchObject({
      id: 'matched',
      reasons: ['$299.99 spent ≥ $299.99'],
    });
    expect(await seg(store.segmenter(oneRule('totalSpend: { min: 300 }')), 'c1')).toMatchObject({ id: 'fallback' });
    expect(await seg(store.segmenter(oneRule('totalSpend: { max: 300 }')), 'c1')).toMatchObject({ reasons: ['$299.99 spent ≤ $300'] });
  });

  it('a session that began anonymous counts once after the shopper verifies', async () => {
    const store = await (await open().customer('c1')).sessions('c1', [daysAgo(10)]);
    await store.sessions(null, [NOW - 60_000]); // s2: today's visit, saved before verification
    const { profile, segment } = await store
      .segmenter(oneRule('sessions: { min: 2, max: 2 }'))
      .segment({ customerId: 'c1', sessionId: 's2' });
    expect(segment).toMatchObject({ id: 'matched', reasons: ['2 sessions = 2'] });
    expect([profile.firstInteraction, profile.lastInteraction]).toEqual([daysAgo(10), NOW - 60_000]);
  });

  it('averageOrder needs at least one order', async () => {
    const store = await (
      await (await open().customer('none')).customer('c1')
    ).orders('c1', [
      { at: daysAgo(9), cents: 40_00 },
      { at: daysAgo(8), cents: 60_00 },
    ]);
    const s = store.segmenter(oneRule('averageOrder: { max: 50 }'));
    expect(await seg(s, 'c1')).toMatchObject({ id: 'matched', reasons: ['average order $50 ≤ $50'] });
    expect(await seg(s, 'none')).toMatchObject({ id: 'fallback' });
    expect(await seg(store.segmenter(oneRule('averageOrder: { min: 50.01 }')), 'c1')).toMatchObject({ id: 'fallback' });
  });

  it('timeFrame lastDays includes an order exactly N days old and excludes one a millisecond older', async () => {
    const store = await (await (await open().customer('edge')).customer('old')).orders('edge', [{ at: NOW - 30 * DAY_MS }]);
    await store.orders('old', [{ at: NOW - 30 * DAY_MS - 1 }, { at: daysAgo(200) }]);
    const s = store.segmenter(oneRule('orders: { min: 1 }\ntimeFrame: { lastDays: 30 }'));
    expect(await seg(s, 'edge')).toMatchObject({ id: 'matched', reasons: ['1 order ≥ 1 in the last 30 days'] });
    expect(await seg(s, 'old')).toMatchObject({ id: 'fallback' });
    const { profile } = await s.segment({ customerId: 'old', sessionId: 'x' });
    expect(profile.orders).toBe(2);
    expect(profile.windows).toEqual({ last30d: { orders: 0, totalSpendCents: 0 } });
  });

  it('timeFrame from/to are whole UTC days, both ends included', async () => {
    const store = await (
      await open().customer('c1')
    ).orders('c1', [
      { at: Date.parse('2024-12-31T23:59:59.999Z'), cents: 1_000_00 },
      { at: Date.parse('2025-01-01T00:00:00Z'), cents: 10_00 },
      { at: Date.parse('2025-03-31T23:59:59.999Z'), cents: 20_00 },
      { at: Date.parse('2025-04-01T00:00:00Z'), cents: 1_000_00 },
    ]);
    const s = store.segmenter(oneRule('totalSpend: { max: 30 }\norders: { min: 2 }\ntimeFrame: { from: 2025-01-01, to: 2025-03-31 }'));
    expect(await seg(s, 'c1')).toMatchObject({
      id: 'matched',
      reasons: ['2 orders ≥ 2 between 2025-01-01 and 2025-03-31', '$30 spent ≤ $30 between 2025-01-01 and 2025-03-31'],
    });
  });

  it('firstInteraction and lastInteraction: within N days, older than N days, date ranges', async () => {
    const store = await (await (await open().customer('new')).customer('lapsed')).sessions('new', [daysAgo(3)]);
    await store.sessions('lapsed', [daysAgo(300)]);
    await store.orders('lapsed', [{ at: daysAgo(200) }]);
    const within = store.segmenter(oneRule('firstInteraction: { withinDays: 7 }'));
    expect(await seg(within, 'new', 's1')).toMatchObject({ id: 'matched', reasons: ['first interaction 2025-05-29 (within 7 days)'] });
    expect(await seg(within, 'lapsed', 's2')).toMatchObject({ id: 'fallback' });
    // The lapsed shopper's saved session is the current one here, so the last interaction is the 200-day-old order.
    const lapsed = store.segmenter(oneRule('lastInteraction: { olderThanDays: 90 }'));
    expect(await seg(lapsed, 'lapsed', 's2')).toMatchObject({ id: 'matched', reasons: ['last interaction 2024-11-13 (over 90 days ago)'] });
    expect(await seg(lapsed, 'new', 's1')).toMatchObject({ id: 'fallback' });
    const range = store.segmenter(oneRule('firstInteraction: { from: 2024-08-01, to: 2024-08-31 }'));
    expect(await seg(range, 'lapsed', 's2')).toMatchObject({
      id: 'matched',
      reasons: ['first interaction 2024-08-05 (between 2024-08-01 and 2024-08-31)'],
    });
  });

  it('loyaltyTier, answers and manual membership', async () => {
    const store = await (
      await open().customer('gold', { loyaltyTier: 'gold', answers: { style: 'Minimal', shoeSize: '39' } })
    ).customer('plain');
    await store.member('gold', 'press');
    const tier = store.segmenter(oneRule('loyaltyTier: [gold, platinum]'));
    expect(await seg(tier, 'gold')).toMatchObject({ id: 'matched', reasons: ['gold loyalty tier'] });
    expect(await seg(tier, 'plain')).toMatchObject({ id: 'fallback' });
    const answers = store.segmenter(oneRule('answers: { style: [minimal, classic], shoeSize: 39 }'));
    expect(await seg(answers, 'gold')).toMatchObject({ id: 'matched', reasons: ['answered style: Minimal', 'answered shoeSize: 39'] });
    expect(await seg(answers, 'plain')).toMatchObject({ id: 'fallback' });
    const member = store.segmenter(oneRule('member: [staff, press]'));
    expect(await seg(member, 'gold')).toMatchObject({ id: 'matched', reasons: ['manual member of press'] });
    expect(await seg(member, 'plain')).toMatchObject({ id: 'fallback' });
  });

  it('all criteria of a rule must hold, and the first matching rule wins', async () => {
    const store = await (await open().customer('c1', { loyaltyTier: 'silver' })).orders('c1', [{ at: daysAgo(3) }]);
    const yaml = `rules:
  - id: silver-and-two-orders
    segment: a
    when: { loyaltyTier: silver, orders: { min: 2 } }
  - id: silver
    segment: b
    when: { loyaltyTier: silver }
  - id: any-order
    segment: c
    when: { orders: { min: 1 } }
default: { segment: d }
`;
    expect(await seg(store.segmenter(yaml), 'c1')).toEqual({ id: 'b', rule: 'silver', reasons: ['silver loyalty tier'] });
  });

  it('an inline profile (as eval cases give) is evaluated the same way; windows missing from it fall back to all-time figures', () => {
    const rules = loadSegmentRules(oneRule('totalSpend: { min: 1000 }\ntimeFrame: { lastDays: 90 }'), 'inline.yaml');
    const profile = ProfileSchema.parse({ orders: 9, totalSpendCents: 1_234_50 });
    expect(profile).toMatchObject({ customerId: null, sessions: 1, loyaltyTier: 'none', windows: {} });
    expect(evaluateRules(rules, profile, NOW)).toEqual({
      id: 'matched',
      rule: 'under-test',
      reasons: ['$1,234.50 spent ≥ $1,000 in the last 90 days'],
    });
    const windowed = ProfileSchema.parse({
      orders: 9,
      totalSpendCents: 1_234_50,
      windows: { last90d: { orders: 1, totalSpendCents: 80_00 } },
    });
    expect(evaluateRules(rules, windowed, NOW).id).toBe('fallback');
  });
});
