import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/index.js';
import { DEMO_SHOPPERS, seedDemoStore } from '../../src/db/seed/index.js';
import { createSegmenter, loadSegmentRules } from '../../src/segments/index.js';
import { tempDb } from '../support/db.js';
import { NOW, daysAgo, useStore } from './store.js';

const RULES_FILE = 'data/segments.yaml';
const rulesYaml = readFileSync(RULES_FILE, 'utf8');
const open = useStore();

describe('the default rules in data/segments.yaml', () => {
  it('loads, in order, with a default and the three segments', () => {
    const rules = loadSegmentRules(rulesYaml, RULES_FILE);
    expect(rules.rules.map((r) => r.id)).toEqual([
      'manual-vip',
      'first-session',
      'orders-5-plus',
      'returning-1-4-orders',
      'returning-no-orders',
    ]);
    expect(rules.segments.sort()).toEqual(['new_visitor', 'repeat_buyer', 'vip']);
    expect(rules.windows).toEqual([]);
  });

  it('4 orders is a repeat buyer, 5 orders a VIP', async () => {
    const store = await (await (await open().customer('four')).customer('five')).sessions('four', [daysAgo(30)]);
    await store.sessions('five', [daysAgo(30)]);
    await store.orders(
      'four',
      [1, 2, 3, 4].map((d) => ({ at: daysAgo(d * 10) })),
    );
    await store.orders(
      'five',
      [1, 2, 3, 4, 5].map((d) => ({ at: daysAgo(d * 10) })),
    );
    const s = store.segmenter(rulesYaml);
    expect((await s.segment({ customerId: 'four', sessionId: 'now' })).segment).toEqual({
      id: 'repeat_buyer',
      rule: 'returning-1-4-orders',
      reasons: ['2 sessions ≥ 2', '4 orders in 1–4'],
    });
    expect((await s.segment({ customerId: 'five', sessionId: 'now' })).segment).toEqual({
      id: 'vip',
      rule: 'orders-5-plus',
      reasons: ['5 orders ≥ 5'],
    });
  });

  it('a registered customer with an empty history is on their first session', async () => {
    const store = await open().customer('empty');
    const { segment, profile } = await store.segmenter(rulesYaml).segment({ customerId: 'empty', sessionId: 'now' });
    expect(segment).toEqual({ id: 'new_visitor', rule: 'first-session', reasons: ['first session'] });
    expect(profile).toMatchObject({
      registered: true,
      sessions: 1,
      orders: 0,
      totalSpendCents: 0,
      averageOrderCents: 0,
      firstOrderAt: null,
      firstInteraction: NOW,
      lastInteraction: NOW,
    });
  });

  it('a returning customer who never ordered is still a new visitor', async () => {
    const store = await (await open().customer('browser')).sessions('browser', [daysAgo(20)]);
    expect((await store.segmenter(rulesYaml).segment({ customerId: 'browser', sessionId: 'now' })).segment).toEqual({
      id: 'new_visitor',
      rule: 'returning-no-orders',
      reasons: ['2 sessions ≥ 2', 'no orders'],
    });
  });

  it('an anonymous shopper has a profile from their session id', async () => {
    const store = await open().sessions(null, [daysAgo(1)]);
    const s = store.segmenter(rulesYaml);
    const saved = await s.segment({ customerId: null, sessionId: 's1' });
    expect(saved.segment.id).toBe('new_visitor');
    expect(saved.profile).toMatchObject({
      customerId: null,
      registered: false,
      sessions: 1,
      orders: 0,
      loyaltyTier: 'none',
      answers: {},
      memberships: [],
      firstInteraction: daysAgo(1),
    });
    const unsaved = await s.segment({ customerId: null, sessionId: 'never-seen' });
    expect(unsaved.profile.sessions).toBe(1);
    expect(unsaved.segment.rule).toBe('first-session');
  });

  it('a manual VIP is a VIP on their first visit', async () => {
    const store = await (await open().customer('stylist-client')).member('stylist-client', 'vip');
    expect((await store.segmenter(rulesYaml).segment({ customerId: 'stylist-client', sessionId: 'now' })).segment).toEqual({
      id: 'vip',
      rule: 'manual-vip',
      reasons: ['manual member of vip'],
    });
  });
});

describe('the demo shoppers after seeding', () => {
  const h = tempDb();
  beforeAll(() => seedDemoStore(h.db, { now: NOW }));
  afterAll(() => h.dispose());
  const segmenter = () => createSegmenter({ db: h.db, rules: loadSegmentRules(rulesYaml, RULES_FILE), now: () => NOW });

  it('Lena, in her first session as the chat records it, is a new visitor', async () => {
    await h.db.insert(sessions).values({ id: 'lena-now', customerId: DEMO_SHOPPERS.lena.id, startedAt: NOW });
    const { segment, profile } = await segmenter().segment({ customerId: DEMO_SHOPPERS.lena.id, sessionId: 'lena-now' });
    expect(segment).toEqual({ id: 'new_visitor', rule: 'first-session', reasons: ['first session'] });
    expect(profile).toMatchObject({ sessions: 1, orders: 0, answers: { style: 'minimal', shoeSize: '39' } });
  });

  it('Marcus is a repeat buyer with 3 orders (one still processing)', async () => {
    const { segment, profile } = await segmenter().segment({ customerId: DEMO_SHOPPERS.marcus.id, sessionId: 'marcus-now' });
    expect(segment.id).toBe('repeat_buyer');
    expect(segment.rule).toBe('returning-1-4-orders');
    expect(segment.reasons).toContain('3 orders in 1–4');
    expect(profile.orders).toBe(3);
    expect(profile.sessions).toBeGreaterThan(1);
  });

  it('Sarah is a gold-tier VIP with 8 orders (one still processing)', async () => {
    const { segment, profile } = await segmenter().segment({ customerId: DEMO_SHOPPERS.sarah.id, sessionId: 'sarah-now' });
    expect(segment).toEqual({ id: 'vip', rule: 'orders-5-plus', reasons: ['8 orders ≥ 5'] });
    expect(profile).toMatchObject({ orders: 8, loyaltyTier: 'gold' });
    expect(profile.loyaltyPoints).toBeGreaterThan(0);
    expect(profile.averageOrderCents).toBe(Math.round(profile.totalSpendCents / 8));
  });
});
