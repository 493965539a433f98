import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL, data, error, store, type Store } from './scenario.js';

describe('order tools act only on the shopper’s own orders', () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  afterEach(() => s.h.dispose());

  it('lookup_order shows status, dates, tracking, items and the return deadline', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const { order } = data(await s.registry.execute('lookup_order', { orderNumber: '#28473' }, ALL, ctx));
    expect(order).toMatchObject({
      orderNumber: '28473',
      status: 'delivered',
      placed: '2025-06-06',
      delivered: '2025-06-10',
      carrier: 'UPS',
      tracking: '1Z28473',
      total: 179,
      return: { possible: true, until: '2025-07-10' },
    });
    expect(order.items.map((i: any) => [i.name, i.size, i.quantity, i.price])).toEqual([
      ['Red Wrap Dress', 'S', 1, 129],
      ['Navy Cotton Tee', 'M', 2, 25],
    ]);
    const transit = data(await s.registry.execute('lookup_order', { orderNumber: '28474' }, ALL, ctx)).order;
    expect(transit).toMatchObject({ status: 'shipped', tracking: '1Z28474' });
    // At the latest five business days after it shipped (standard delivery), weekends skipped.
    expect({ shipped: transit.shipped, expectedBy: transit.expectedBy }).toEqual({ shipped: '2025-06-14', expectedBy: '2025-06-20' }); // a Saturday → the next Friday
    expect(order.expectedBy).toBeUndefined();
    expect(transit.return).toMatchObject({ possible: false, reason: expect.stringMatching(/not been delivered yet/) });
    const old = data(await s.registry.execute('lookup_order', { orderNumber: '27001' }, ALL, ctx)).order;
    expect(old.return.reason).toBe('the 30-day return window ended on 2025-06-14');
  });

  it('lookup_order without a number lists the shopper’s recent orders, newest first', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const { orders } = data(await s.registry.execute('lookup_order', {}, ALL, ctx));
    expect(orders.map((o: any) => o.orderNumber)).toEqual(['28474', '28473', '26000', '27001']);
    expect(orders[1]).toMatchObject({ items: ['Red Wrap Dress (S)', 'Navy Cotton Tee (M) ×2'], returnableUntil: '2025-07-10' });
    expect(JSON.stringify(orders)).not.toMatch(/c_sarah|30001|Slip/);
  });

  it('another customer’s order reads exactly like a made-up number', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    for (const tool of ['lookup_order', 'reorder', 'create_return_label'] as const) {
      const theirs = error(await s.registry.execute(tool, { orderNumber: '30001' }, ALL, ctx));
      const madeUp = error(await s.registry.execute(tool, { orderNumber: '99999' }, ALL, ctx));
      expect(theirs.code, tool).toBe('not_found');
      expect(theirs.message.replace('30001', 'N'), tool).toBe(madeUp.message.replace('99999', 'N'));
    }
  });

  it('anonymous shoppers are told to verify before any order, loyalty, reorder, return or recommendation', async () => {
    const ctx = await s.chat();
    const calls: Array<[string, object]> = [
      ['lookup_order', {}],
      ['lookup_order', { orderNumber: '28473' }],
      ['reorder', { orderNumber: '28473' }],
      ['create_return_label', { orderNumber: '28473' }],
      ['loyalty_status', {}],
      ['recommend_products', {}],
    ];
    for (const [name, args] of calls) {
      const e = error(await s.registry.execute(name, args, ALL, ctx));
      expect(e.code, name).toBe('must_verify');
      expect(e.message).toMatch(/email address and an order number.*verify_customer/);
    }
  });

  it('reorder puts the in-stock items back in the cart and reports the rest', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    await s.f.order({
      customerId: 'c_marcus',
      number: '25000',
      deliveredDaysAgo: 90,
      items: [
        { productId: 'p_wrap', size: 'M' },
        { productId: 'p_tee', size: 'L', quantity: 2 },
        { productId: 'p_boots', size: '40', quantity: 3 },
      ],
    });
    const r = data(await s.registry.execute('reorder', { orderNumber: '25000' }, ALL, ctx));
    expect(r.added).toEqual([
      { name: 'Navy Cotton Tee', size: 'L', quantity: 2 },
      { name: 'Leather Ankle Boots', size: '40', quantity: 1 },
    ]);
    expect(r.unavailable).toEqual([
      { name: 'Red Wrap Dress', size: 'M', reason: 'sold out in this size' },
      { name: 'Leather Ankle Boots', size: '40', reason: 'only 1 of 3 available' },
    ]);
    expect(r.cart).toMatchObject({ itemCount: 3, subtotal: 209 });
    expect(ctx.events.map((e) => e.type)).toEqual(['add_to_cart', 'add_to_cart']);
  });
});
