// The profile of a shopper verified in chat (segments/proven-profile.ts): the proven orders and the visit in progress
// only. Nothing else of the account counts: its other orders, its visits, loyalty tier and points, answers and
// manual memberships. The time frames are the account's own definition (one SQL), checked here on the same data.
import { describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { orders, sessions } from '../../src/db/index.js';
import { NOW, daysAgo, useStore } from './store.js';

const open = useStore();

/** Two time frames, one of each kind ("last N days", and from/to whole days). */
const RULES = `rules:
  - id: recent
    segment: recent_buyer
    when:
      orders: { min: 1 }
      timeFrame: { lastDays: 30 }
  - id: spring
    segment: spring_buyer
    when:
      orders: { min: 1 }
      timeFrame: { from: 2025-03-01, to: 2025-03-31 }
default:
  segment: fallback
`;

/** A VIP account with visits over a year, five orders (one cancelled), a tier, points, answers and a membership. */
async function vipAccount() {
  const store = await open().customer('c1', { loyaltyTier: 'gold', loyaltyPoints: 900, answers: { style: 'classic' } });
  await store.sessions('c1', [daysAgo(380), daysAgo(100), daysAgo(2)]);
  await store.orders('c1', [
    { at: daysAgo(370), cents: 400_00 },
    { at: Date.parse('2025-03-10T10:00:00Z'), cents: 120_00 },
    { at: daysAgo(20), cents: 80_00 },
    { at: daysAgo(10), cents: 60_00, status: 'cancelled' },
    { at: daysAgo(5), cents: 30_00, status: 'returned' },
  ]);
  await store.member('c1', 'vip');
  await store.customer('c2');
  await store.orders('c2', [{ at: daysAgo(3), cents: 999_00 }]);
  const ids = (await store.db.select({ id: orders.id }).from(orders).orderBy(asc(orders.id))).map((o) => o.id);
  return { store, ids, segmenter: store.segmenter(RULES) };
}

describe('the profile of the orders a chat verification proved', () => {
  it('counts and sums the proven orders only (a cancelled one counts nothing, another customer’s never)', async () => {
    const { ids, segmenter } = await vipAccount();
    const [, spring, recent, cancelled, returned, othersOrder] = ids;
    const p = await segmenter.profile({ customerId: 'c1', sessionId: 'visit', provenOrders: [spring!, recent!, cancelled!, othersOrder!] });
    expect(p.orders).toBe(2);
    expect(p.totalSpendCents).toBe(200_00);
    expect(p.averageOrderCents).toBe(100_00);
    const one = await segmenter.profile({ customerId: 'c1', sessionId: 'visit', provenOrders: [returned!] });
    expect([one.orders, one.totalSpendCents]).toEqual([1, 30_00]);
  });

  it('fills each time frame from the proven orders, as the account’s figures fill it from all of them', async () => {
    const { ids, segmenter } = await vipAccount();
    const account = await segmenter.profile({ customerId: 'c1', sessionId: 'visit' });
    // Every order proven (the cancelled one too): the same frames as the account's.
    const all = await segmenter.profile({ customerId: 'c1', sessionId: 'visit', provenOrders: ids });
    expect(all.windows).toEqual(account.windows);
    expect(account.windows).toEqual({
      last30d: { orders: 2, totalSpendCents: 110_00 },
      '2025-03-01..2025-03-31': { orders: 1, totalSpendCents: 120_00 },
    });
    const spring = await segmenter.profile({ customerId: 'c1', sessionId: 'visit', provenOrders: [ids[1]!] });
    expect(spring.windows).toEqual({
      last30d: { orders: 0, totalSpendCents: 0 },
      '2025-03-01..2025-03-31': { orders: 1, totalSpendCents: 120_00 },
    });
    expect((await segmenter.segment({ customerId: 'c1', sessionId: 'visit', provenOrders: [ids[1]!] })).segment.id).toBe('spring_buyer');
    expect((await segmenter.segment({ customerId: 'c1', sessionId: 'visit', provenOrders: [ids[2]!] })).segment.id).toBe('recent_buyer');
  });

  it('takes its dates from the proven orders and this visit, never the account’s other visits or orders', async () => {
    const { store, ids, segmenter } = await vipAccount();
    const p = await segmenter.profile({ customerId: 'c1', sessionId: 'visit', provenOrders: [ids[2]!] });
    expect([p.firstOrderAt, p.lastOrderAt]).toEqual([daysAgo(20), daysAgo(20)]);
    // The account's first visit (380 days ago) and first order (370) are not shown; this visit has not been saved: now.
    expect([p.firstInteraction, p.lastInteraction]).toEqual([daysAgo(20), NOW]);
    // The visits the proof shows: this one and the one the order was placed on.
    expect(p.sessions).toBe(2);
    // A saved visit counts from when it started.
    await store.db.insert(sessions).values({ id: 'saved', customerId: null, startedAt: daysAgo(1) });
    const saved = await segmenter.profile({ customerId: 'c1', sessionId: 'saved', provenOrders: [ids[2]!] });
    expect([saved.firstInteraction, saved.lastInteraction]).toEqual([daysAgo(20), daysAgo(1)]);
    // Nothing proven yet: this visit only.
    const none = await segmenter.profile({ customerId: 'c1', sessionId: 'visit', provenOrders: [] });
    expect([none.orders, none.sessions, none.firstOrderAt, none.firstInteraction, none.lastInteraction]).toEqual([0, 1, null, NOW, NOW]);
  });

  it('drops the account’s tier, points, answers and memberships', async () => {
    const { ids, segmenter } = await vipAccount();
    const account = await segmenter.profile({ customerId: 'c1', sessionId: 'visit' });
    expect([account.loyaltyTier, account.loyaltyPoints, account.memberships, account.answers]).toEqual([
      'gold',
      900,
      ['vip'],
      { style: 'classic' },
    ]);
    const p = await segmenter.profile({ customerId: 'c1', sessionId: 'visit', provenOrders: [ids[2]!] });
    expect([p.loyaltyTier, p.loyaltyPoints, p.memberships, p.answers]).toEqual(['none', 0, [], {}]);
    expect([p.customerId, p.registered]).toEqual(['c1', true]);
  });
});
