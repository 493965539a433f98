import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversations } from '../../src/db/index.js';
import { ALL, data, error, store, type Store } from './scenario.js';

describe('verify_customer', () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  afterEach(() => s.h.dispose());

  const row = async (id: string) => (await s.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;

  it('binds the conversation to the customer and proves the order named; later calls in the turn act for that order', async () => {
    const ctx = await s.chat({ sessionId: 's_anon' });
    const r = data(await s.registry.execute('verify_customer', { email: ' Marcus@Example.com ', orderNumber: '#28473' }, ALL, ctx));
    expect(r).toMatchObject({ verified: true, firstName: 'Marcus', verifiedOrders: ['28473'] });
    expect(await row(ctx.conversationId)).toMatchObject({ customerId: 'c_marcus', verifiedBy: 'verify_customer', verifyAttempts: 1 });
    expect(ctx.bound).toEqual(['c_marcus']);
    expect(ctx.events).toEqual([{ type: 'verified', data: { customerId: 'c_marcus', via: 'verify_customer', orderNumber: '28473' } }]);
    expect(data(await s.registry.execute('lookup_order', { orderNumber: '28473' }, ALL, ctx)).order.status).toBe('delivered');
  });

  it('keeps the guest basket the session’s after verifying in chat: nothing joins the account’s, not even on a yes', async () => {
    const ctx = await s.chat({ sessionId: 's_anon' });
    await s.registry.execute('add_to_cart', { productId: 'p_tee', size: 'S', quantity: 2 }, ALL, ctx);
    const verified = data(await s.registry.execute('verify_customer', { email: 'marcus@example.com', orderNumber: '28473' }, ALL, ctx));
    expect(verified.guestBasket).toBeUndefined();
    // The basket shown is the session's own, and a merge asked for does nothing.
    expect(data(await s.registry.execute('view_cart', {}, ALL, ctx)).cart.items.map((i: any) => [i.name, i.quantity])).toEqual([
      ['Navy Cotton Tee', 2],
    ]);
    const merged = data(await s.registry.execute('view_cart', { mergeGuestCart: true }, ALL, ctx));
    expect(merged.mergedLines).toBeUndefined();
    expect(merged.cart.items.map((i: any) => [i.name, i.quantity])).toEqual([['Navy Cotton Tee', 2]]);
  });

  it('gives the same answer for a wrong email and a wrong order number', async () => {
    const ctx = await s.chat();
    const wrongEmail = error(await s.registry.execute('verify_customer', { email: 'nobody@example.com', orderNumber: '28473' }, ALL, ctx));
    const wrongOrder = error(await s.registry.execute('verify_customer', { email: 'marcus@example.com', orderNumber: '99999' }, ALL, ctx));
    const otherCustomersOrder = error(
      await s.registry.execute('verify_customer', { email: 'marcus@example.com', orderNumber: '30001' }, ALL, ctx),
    );
    const strip = (m: string) => m.replace(/\d attempt\(s\) left/, 'N left');
    expect(wrongEmail.code).toBe('not_found');
    expect(strip(wrongEmail.message)).toBe(strip(wrongOrder.message));
    expect(strip(wrongOrder.message)).toBe(strip(otherCustomersOrder.message));
    expect(wrongEmail.message).toMatch(/4 attempt\(s\) left/);
    expect(ctx.bound).toEqual([]);
    expect((await row(ctx.conversationId)).customerId).toBeNull();
  });

  it('locks after 5 attempts, even with the right details afterwards, and the count survives a restart', async () => {
    const ctx = await s.chat();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push(
        error(await s.registry.execute('verify_customer', { email: `guess${i}@example.com`, orderNumber: '28473' }, ALL, ctx)).code,
      );
    expect(codes).toEqual(['not_found', 'not_found', 'not_found', 'not_found', 'locked']);
    // A new context (a later turn, or a restarted server) reads the durable count.
    const later = await s.chat({ conversationId: ctx.conversationId, turn: 2 });
    const r = error(await s.registry.execute('verify_customer', { email: 'marcus@example.com', orderNumber: '28473' }, ALL, later));
    expect(r.code).toBe('locked');
    expect(r.message).toMatch(/escalate_to_human/);
    expect(later.bound).toEqual([]);
    expect((await row(ctx.conversationId)).verifyAttempts).toBe(5);
  });

  it('parallel guesses cannot exceed the limit', async () => {
    const ctx = await s.chat();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        s.registry.execute('verify_customer', { email: `g${i}@example.com`, orderNumber: '28473' }, ALL, ctx),
      ),
    );
    expect(results.filter((r) => !r.ok && r.error.code === 'locked').length).toBeGreaterThanOrEqual(7);
    expect((await row(ctx.conversationId)).verifyAttempts).toBe(5);
  });

  it('does nothing for a shopper who is already signed in', async () => {
    const ctx = await s.chat({ customerId: 'c_sarah' });
    const r = data(await s.registry.execute('verify_customer', { email: 'marcus@example.com', orderNumber: '28473' }, ALL, ctx));
    expect(r.alreadyVerified).toBe(true);
    expect(ctx.bound).toEqual([]);
    expect(ctx.shopper.customerId).toBe('c_sarah');
  });
});
