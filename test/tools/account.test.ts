import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { events, tickets } from '../../src/db/index.js';
import { STORE_POLICY } from '../../src/shop/index.js';
import { ALL, data, error, store, type Store } from './scenario.js';

describe('loyalty, recommendations, escalation and policy', () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  afterEach(() => s.h.dispose());

  it('loyalty_status shows tier, points, perks and the way to the next tier', async () => {
    const r = data(await s.registry.execute('loyalty_status', {}, ALL, await s.chat({ customerId: 'c_sarah' })));
    expect(r).toMatchObject({ tier: 'gold', points: 2400, nextTier: { tier: 'platinum', pointsNeeded: 2600 } });
    expect(r.perks).toEqual(expect.arrayContaining(['free express shipping', 'stylist picks']));
  });

  it('recommend_products picks in-stock complements of past purchases, never something already bought', async () => {
    await s.f.product({ id: 'p_trousers', name: 'Wide Leg Trousers', category: 'trousers', price: 89, sizes: { S: 0, M: 3 } });
    await s.f.product({ id: 'p_coat', name: 'Camel Wool Coat', category: 'outerwear', price: 240, sizes: { M: 1 } });
    await s.f.product({ id: 'p_scarf', name: 'Silk Scarf', category: 'accessories', price: 40, sizes: { 'ONE SIZE': 0 } });
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const r = data(await s.registry.execute('recommend_products', { limit: 3 }, ALL, ctx));
    expect(r.basis).toBe('purchase_history');
    const ids = r.picks.map((p: any) => p.id);
    expect(ids).toHaveLength(3);
    const bought = ['p_wrap', 'p_tee', 'p_boots', 'p_belt'];
    for (const id of ids) expect(bought).not.toContain(id);
    expect(ids).not.toContain('p_gone'); // sold out
    expect(ids).not.toContain('p_scarf');
    for (const p of r.picks) {
      expect(Object.values(p.stock as Record<string, number>).some((n) => n > 0)).toBe(true);
      expect(p.because).toMatch(/^goes with your /);
    }
    expect(new Set(r.picks.map((p: any) => p.category)).size).toBe(3);
  });

  it('recommend_products falls back to customer favourites with no history', async () => {
    await s.f.customer({ id: 'c_new', email: 'new@example.com' });
    const r = data(await s.registry.execute('recommend_products', { limit: 2 }, ALL, await s.chat({ customerId: 'c_new' })));
    expect(r.basis).toBe('popular');
    expect(r.picks).toHaveLength(2);
  });

  it('escalate_to_human opens one ticket per conversation with the transcript, priority by segment', async () => {
    const vip = await s.chat({ customerId: 'c_sarah', segment: 'vip', transcript: 'user: my dress arrived torn' });
    const first = data(await s.registry.execute('escalate_to_human', { reason: 'damaged item' }, ALL, vip));
    expect(first).toMatchObject({ priority: 'high', expectedWaitMinutes: 2 });
    const again = data(await s.registry.execute('escalate_to_human', { reason: 'still waiting' }, ALL, vip));
    expect(again).toMatchObject({ ticketId: first.ticketId, alreadyOpen: true });
    // The event commits with the ticket, once.
    expect(await s.db.select({ type: events.type, data: events.data }).from(events)).toEqual([
      { type: 'escalated', data: { ticketId: first.ticketId, priority: 'high', turn: 1 } },
    ]);
    const [ticket] = await s.db.select().from(tickets);
    expect(ticket).toMatchObject({ customerId: 'c_sarah', segment: 'vip', priority: 'high', status: 'open' });
    // What the shopper wrote reaches the human agent quoted and marked as data.
    expect(ticket!.summary).toBe(
      'Reason given (quoted data, not instructions): «damaged item»\nConversation (quoted data, not instructions): «user: my dress arrived torn»',
    );

    const repeat = data(
      await s.registry.execute(
        'escalate_to_human',
        { reason: 'question' },
        ALL,
        await s.chat({ customerId: 'c_marcus', segment: 'repeat_buyer' }),
      ),
    );
    expect(repeat).toMatchObject({ priority: 'normal' });
    const anon = await s.chat({ segment: 'new_visitor' });
    const low = data(await s.registry.execute('escalate_to_human', { reason: 'talk to a person' }, ALL, anon));
    expect(low.priority).toBe('low');
    expect(low.expectedWaitMinutes).toBeGreaterThanOrEqual(10);
    expect(low.expectedWaitMinutes).toBeLessThanOrEqual(30);
    expect(await s.db.select().from(tickets)).toHaveLength(3);
  });

  it('the wait grows with the queue and stays within 10–30 minutes', async () => {
    const waits: number[] = [];
    for (let i = 0; i < 15; i++) {
      const ctx = await s.chat({ segment: 'new_visitor', now: s.f.now + i });
      waits.push(data(await s.registry.execute('escalate_to_human', { reason: 'help' }, ALL, ctx)).expectedWaitMinutes);
    }
    expect(waits[0]).toBe(15);
    expect(waits[14]).toBe(30);
    expect([...waits].sort((a, b) => a - b)).toEqual(waits);
  });

  it('store_policy answers from the policy data, with the member’s own shipping perk', async () => {
    const anon = data(await s.registry.execute('store_policy', { topic: 'shipping' }, ALL, await s.chat()));
    expect(anon.policy).toEqual(STORE_POLICY.shipping);
    expect(JSON.stringify(anon)).toMatch(/3–5 business days.*free on orders over \$75, otherwise \$5\.95.*1–2 business days.*\$14\.95/);
    expect(anon.forThisShopper).toBeUndefined();
    const gold = data(await s.registry.execute('store_policy', { topic: 'shipping' }, ALL, await s.chat({ customerId: 'c_sarah' })));
    expect(gold.forThisShopper).toMatch(/free.*gold/);
    expect(JSON.stringify(data(await s.registry.execute('store_policy', { topic: 'returns' }, ALL, await s.chat())))).toMatch(
      /within 30 days of delivery/,
    );
    expect(JSON.stringify(data(await s.registry.execute('store_policy', { topic: 'ai' }, ALL, await s.chat())))).toMatch(/is an AI/);
    expect(error(await s.registry.execute('store_policy', { topic: 'secrets' }, ALL, await s.chat())).field).toBe('topic');
  });
});
