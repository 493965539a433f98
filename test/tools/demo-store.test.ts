// The tools on the real demo store: the facts the README, the demo page and the evals rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, seedDemoStore } from '../../src/db/seed/index.js';
import { createToolRegistry } from '../../src/tools/index.js';
import { tempDb } from '../support/db.js';
import { createFixtures, FIXED_NOW, toolContext } from '../support/fixtures.js';
import { ALL, data, error } from './scenario.js';
import { decideApproval } from '../../src/chat/index.js';

describe('tools on the demo store', () => {
  const h = tempDb();
  const f = createFixtures(h.db);
  const registry = createToolRegistry();
  beforeAll(async () => {
    await seedDemoStore(h.db, { now: FIXED_NOW, atomic: h.atomic });
  });
  afterAll(() => h.dispose());
  const chat = async (customerId: string | null = null, turn = 1, conversationId?: string) =>
    toolContext({ db: h.db, atomic: h.atomic, customerId, turn, conversationId: conversationId ?? (await f.conversation({ customerId })) });

  it('"do you have red dresses under $150?" finds in-stock red dresses under $150', async () => {
    const r = data(await registry.execute('search_products', { query: 'do you have red dresses under $150?' }, ALL, await chat()));
    expect(r.count).toBeGreaterThanOrEqual(3);
    for (const m of r.matches) {
      expect(m.category).toBe('dresses');
      expect(m.price).toBeLessThanOrEqual(150);
      expect(['red', 'burgundy']).toContain(m.colour);
      expect(Object.values(m.stock as Record<string, number>).some((n) => n > 0)).toBe(true);
    }
    expect(r.matches.some((m: any) => m.colour === 'red')).toBe(true);
  });

  it('"blue" puts blue before navy', async () => {
    const r = data(await registry.execute('search_products', { query: '', colour: 'blue', limit: 3 }, ALL, await chat()));
    expect(r.matches.map((m: any) => m.colour)).toEqual(['blue', 'blue', 'blue']);
  });

  it('an anonymous shopper verifies as Marcus, sees 28473 and returns it with confirmation', async () => {
    const t1 = await chat(null, 1);
    expect(error(await registry.execute('lookup_order', {}, ALL, t1)).code).toBe('must_verify');
    data(await registry.execute('verify_customer', { email: DEMO_SHOPPERS.marcus.email, orderNumber: '28473' }, ALL, t1));
    const { order } = data(await registry.execute('lookup_order', { orderNumber: '28473' }, ALL, t1));
    expect(order).toMatchObject({ status: 'delivered', return: { possible: true } });
    const proposal = data(await registry.execute('create_return_label', { orderNumber: '28473' }, ALL, t1));
    expect(proposal.needsConfirmation).toBe(true);
    const t2 = await chat(DEMO_SHOPPERS.marcus.id, 2, t1.conversationId);
    t2.approval = await decideApproval(h.db, t1.conversationId, t2.shopper, { message: 'yes' }, t2.now());
    const done = data(await registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, t2));
    expect(done).toMatchObject({ created: true, label: { emailedTo: 'm***@example.com' } });
  });

  it('Sarah is gold with points, gets stylist picks, and can add one to her cart in a size in stock', async () => {
    const ctx = await chat(DEMO_SHOPPERS.sarah.id);
    expect(data(await registry.execute('loyalty_status', {}, ALL, ctx))).toMatchObject({ tier: 'gold' });
    const { picks } = data(await registry.execute('recommend_products', { limit: 3 }, ALL, ctx));
    expect(picks).toHaveLength(3);
    const pick = picks[0];
    const size = Object.entries(pick.stock as Record<string, number>).find(([, n]) => n > 0)![0];
    const added = data(await registry.execute('add_to_cart', { productId: pick.id, size: size === 'ONE' ? 'one size' : size }, ALL, ctx));
    expect(added.cart.items[0]).toMatchObject({ productId: pick.id, quantity: 1 });
  });
});
