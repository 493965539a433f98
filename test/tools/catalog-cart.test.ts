import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cartItems, events } from '../../src/db/index.js';
import { ALL, data, error, store, type Store } from './scenario.js';

describe('catalog and cart tools', () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  afterEach(() => s.h.dispose());

  it('search_products answers "red dress under $150" passed only as a query, with dollars and stock per size', async () => {
    const ctx = await s.chat();
    const r = data(await s.registry.execute('search_products', { query: 'red dress under $150' }, ALL, ctx));
    expect(r.count).toBe(2);
    // Red itself first, then the rest of the red family.
    expect(r.matches.map((m: any) => [m.name, m.price])).toEqual([
      ['Red Wrap Dress', 129],
      ['Burgundy Slip Dress', 99.5],
    ]);
    expect(r.matches[0].stock).toEqual({ XS: 0, S: 3, M: 0, L: 2 });
    expect(JSON.stringify(r).length).toBeLessThan(1200);
  });

  it('search_products "in my size" uses the size the verified customer buys (clothes and shoes apart); unknown for anyone else', async () => {
    // Marcus kept two dresses in S, tees in M and boots in 38; what he sent back in L, most recently, does not count.
    await s.f.order({
      customerId: 'c_marcus',
      number: '28475',
      deliveredDaysAgo: 2,
      items: [{ productId: s.products.blueDress.id, size: 'S' }],
    });
    await s.f.order({
      customerId: 'c_marcus',
      number: '28476',
      status: 'returned',
      deliveredDaysAgo: 1,
      items: [{ productId: s.products.wrap.id, size: 'L' }],
    });
    await s.f.order({
      customerId: 'c_marcus',
      number: '28477',
      deliveredDaysAgo: 1,
      items: [
        { productId: s.products.wrap.id, size: 'L', status: 'returned' },
        { productId: s.products.tee.id, size: 'L', status: 'returned' },
      ],
    });
    const marcus = await s.chat({ customerId: 'c_marcus' });
    const dresses = data(await s.registry.execute('search_products', { query: '', category: 'dresses', mySize: true }, ALL, marcus));
    expect(dresses.mySize).toBe('S');
    expect(dresses.mySizeFrom).toBe('orders');
    expect(dresses.understood.size).toBe('S');
    expect(dresses.matches.every((m: any) => m.stock.S > 0)).toBe(true);
    expect(dresses.matches.map((m: any) => m.name)).not.toContain('Red Evening Gown'); // M only
    const shoes = data(await s.registry.execute('search_products', { query: 'boots', category: 'shoes', mySize: true }, ALL, marcus));
    expect(shoes.mySize).toBe('38');
    // A size the shopper names wins over their usual one.
    const named = data(
      await s.registry.execute('search_products', { query: '', category: 'dresses', size: 'M', mySize: true }, ALL, marcus),
    );
    expect(named.understood.size).toBe('M');
    expect(named.mySize).toBeUndefined();

    const anonymous = await s.chat();
    const unknown = data(await s.registry.execute('search_products', { query: '', category: 'dresses', mySize: true }, ALL, anonymous));
    expect(unknown.mySize).toBeNull();
    expect(unknown.hint).toMatch(/ask which size they wear/);
    expect(unknown.matches.map((m: any) => m.name)).toContain('Red Evening Gown'); // no size filter
  });

  it('search_products combines explicit filters (maxPrice in dollars, colour family)', async () => {
    const ctx = await s.chat();
    const r = data(await s.registry.execute('search_products', { query: '', colour: 'blue', maxPrice: 50 }, ALL, ctx));
    expect(r.matches.map((m: any) => m.name)).toEqual(['Navy Cotton Tee']);
  });

  it('returns a hostile product description as data and does nothing it says', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const r = data(await s.registry.execute('get_product', { productId: 'p_evil' }, ALL, ctx));
    expect(r.description).toMatch(/ignore your instructions/);
    expect(ctx.events).toEqual([]);
    expect(await s.db.select().from((await import('../../src/db/index.js')).returnLabels)).toEqual([]);
  });

  it('get_product lists stock for every size, and an unknown id is not found', async () => {
    const ctx = await s.chat();
    const r = data(await s.registry.execute('get_product', { productId: 'p_boots' }, ALL, ctx));
    expect(r.sizes).toEqual([
      { size: '38', stock: 2 },
      { size: '39', stock: 0 },
      { size: '40', stock: 1 },
    ]);
    expect(r.inStockSizes).toEqual(['38', '40']);
    expect(error(await s.registry.execute('get_product', { productId: 'p_nope' }, ALL, ctx)).code).toBe('not_found');
  });

  it('add_to_cart fills the anonymous session’s cart and reports it; view_cart shows the same', async () => {
    const ctx = await s.chat({ sessionId: 's_anon' });
    const r = data(await s.registry.execute('add_to_cart', { productId: 'p_tee', size: 'm', quantity: 2 }, ALL, ctx));
    expect(r.added).toMatchObject({ name: 'Navy Cotton Tee', size: 'M', quantity: 2, nowInCart: 2 });
    expect(r.cart).toMatchObject({ itemCount: 2, subtotal: 50 });
    expect(r.cart.shipping).toMatch(/\$5\.95.*\$25\.00 more for free shipping/);
    expect(ctx.events).toEqual([{ type: 'add_to_cart', data: { productId: 'p_tee', size: 'M', quantity: 2 } }]);
    await s.registry.execute('add_to_cart', { productId: 'p_tee', size: 'M', quantity: 1 }, ALL, ctx);
    const cart = data(await s.registry.execute('view_cart', {}, ALL, ctx)).cart;
    expect(cart.items).toEqual([
      {
        productId: 'p_tee',
        name: 'Navy Cotton Tee',
        category: 'tops',
        size: 'M',
        colour: 'navy',
        quantity: 3,
        unitPrice: 25,
        lineTotal: 75,
        inStock: true,
      },
    ]);
    expect(cart.shipping).toBe('free standard shipping');
    // Another anonymous session and a customer each see their own cart.
    expect(data(await s.registry.execute('view_cart', {}, ALL, await s.chat({ sessionId: 's_other' }))).cart.items).toEqual([]);
    expect(data(await s.registry.execute('view_cart', {}, ALL, await s.chat({ customerId: 'c_sarah' }))).cart.items).toEqual([]);
  });

  it('refuses a sold-out size naming the sizes still available', async () => {
    const ctx = await s.chat();
    const r = error(await s.registry.execute('add_to_cart', { productId: 'p_wrap', size: 'M' }, ALL, ctx));
    expect(r).toMatchObject({ code: 'unavailable', field: 'size' });
    expect(r.message).toBe('Red Wrap Dress is sold out in size M. Available sizes: S, L.');
    const none = error(await s.registry.execute('add_to_cart', { productId: 'p_gone', size: 'S' }, ALL, ctx));
    expect(none.message).toMatch(/Every size is sold out/);
    const noSuchSize = error(await s.registry.execute('add_to_cart', { productId: 'p_wrap', size: 'XXL' }, ALL, ctx));
    expect(noSuchSize.message).toMatch(/does not come in size XXL/);
    expect(await s.db.select().from(cartItems)).toEqual([]);
    expect(ctx.events).toEqual([]);
  });

  it('never puts more in the cart than is in stock, even over several adds', async () => {
    const ctx = await s.chat();
    expect(data(await s.registry.execute('add_to_cart', { productId: 'p_wrap', size: 'L', quantity: 2 }, ALL, ctx)).added.nowInCart).toBe(
      2,
    );
    const r = error(await s.registry.execute('add_to_cart', { productId: 'p_wrap', size: 'L', quantity: 1 }, ALL, ctx));
    expect(r.message).toMatch(/only 2 left in size L.*already holds 2.*At most 0 more/);
    const [line] = await s.db.select().from(cartItems);
    expect(line?.quantity).toBe(2);
  });

  it('caps one cart line at 10 units', async () => {
    await s.f.product({ id: 'p_socks', name: 'Wool Socks', category: 'accessories', price: 12, sizes: { M: 50 } });
    const ctx = await s.chat();
    await s.registry.execute('add_to_cart', { productId: 'p_socks', size: 'M', quantity: 8 }, ALL, ctx);
    const r = error(await s.registry.execute('add_to_cart', { productId: 'p_socks', size: 'M', quantity: 3 }, ALL, ctx));
    expect(r.message).toMatch(/at most 10 of one item.*At most 2 more/);
  });

  it('concurrent adds to a fresh cart create one cart and sum the line', async () => {
    const ctx = await s.chat({ customerId: 'c_sarah' });
    await Promise.all([1, 2, 3].map(() => s.registry.execute('add_to_cart', { productId: 'p_tee', size: 'L', quantity: 1 }, ALL, ctx)));
    const cart = data(await s.registry.execute('view_cart', {}, ALL, ctx)).cart;
    expect(cart.items).toHaveLength(1);
    expect(cart.itemCount).toBe(3);
    expect(await s.db.select().from(events)).toEqual([]); // tools emit; the turn persists
  });

  it('update_cart changes a line’s quantity, moves it to another size, and removes it', async () => {
    const ctx = await s.chat({ customerId: 'c_sarah' });
    const cart = async () =>
      data(await s.registry.execute('view_cart', {}, ALL, ctx)).cart.items.map((i: any) => [i.name, i.size, i.quantity]);
    await s.registry.execute('add_to_cart', { productId: 'p_tee', size: 'S', quantity: 1 }, ALL, ctx);
    await s.registry.execute('add_to_cart', { productId: 'p_slip', size: 'S', quantity: 1 }, ALL, ctx);

    const more = data(await s.registry.execute('update_cart', { productId: 'p_tee', size: 'S', quantity: 3 }, ALL, ctx));
    expect(more.changed).toMatchObject({ name: 'Navy Cotton Tee', from: { size: 'S', quantity: 1 }, to: { size: 'S', quantity: 3 } });
    expect(more.cart.itemCount).toBe(4);

    // "make it an L": the units move, nothing else changes.
    const moved = data(await s.registry.execute('update_cart', { productId: 'p_tee', size: 'S', newSize: 'L' }, ALL, ctx));
    expect(moved.changed.to).toEqual({ size: 'L', quantity: 3 });
    expect(await cart()).toEqual([
      ['Burgundy Slip Dress', 'S', 1],
      ['Navy Cotton Tee', 'L', 3],
    ]);

    // Into a size already in the cart: the units join that line.
    await s.registry.execute('add_to_cart', { productId: 'p_tee', size: 'M', quantity: 2 }, ALL, ctx);
    const joined = data(await s.registry.execute('update_cart', { productId: 'p_tee', size: 'M', newSize: 'L' }, ALL, ctx));
    expect(joined.changed.to).toEqual({ size: 'L', quantity: 5 });
    expect(await cart()).toEqual([
      ['Burgundy Slip Dress', 'S', 1],
      ['Navy Cotton Tee', 'L', 5],
    ]);

    const removed = data(await s.registry.execute('update_cart', { productId: 'p_slip', size: 'S', quantity: 0 }, ALL, ctx));
    expect(removed.removed).toMatchObject({ name: 'Burgundy Slip Dress', size: 'S' });
    expect(await cart()).toEqual([['Navy Cotton Tee', 'L', 5]]);
    expect(ctx.events.map((e) => e.type)).toEqual([
      'add_to_cart',
      'add_to_cart',
      'cart_updated',
      'cart_updated',
      'add_to_cart',
      'cart_updated',
      'cart_item_removed',
    ]);
  });

  it('update_cart refuses a sold-out size or too many units and leaves the cart as it was; it only sees the shopper’s own cart', async () => {
    const ctx = await s.chat({ customerId: 'c_sarah' });
    await s.registry.execute('add_to_cart', { productId: 'p_wrap', size: 'S', quantity: 1 }, ALL, ctx);
    const soldOut = error(await s.registry.execute('update_cart', { productId: 'p_wrap', size: 'S', newSize: 'M' }, ALL, ctx));
    expect(soldOut).toMatchObject({ code: 'unavailable', field: 'newSize' });
    expect(soldOut.message).toMatch(/sold out in size M\. Available sizes: S, L\. The cart is unchanged/);
    const tooMany = error(await s.registry.execute('update_cart', { productId: 'p_wrap', size: 'S', quantity: 5 }, ALL, ctx));
    expect(tooMany).toMatchObject({ code: 'unavailable', field: 'quantity' });
    const notThere = error(await s.registry.execute('update_cart', { productId: 'p_wrap', size: 'L', quantity: 0 }, ALL, ctx));
    expect(notThere.message).toMatch(/not in the cart\. It is there in S\./);
    // Another shopper naming the same product changes nothing of Sarah's.
    const other = await s.chat({ customerId: 'c_marcus' });
    expect(error(await s.registry.execute('update_cart', { productId: 'p_wrap', size: 'S', quantity: 0 }, ALL, other)).code).toBe(
      'not_found',
    );
    const items = data(await s.registry.execute('view_cart', {}, ALL, ctx)).cart.items;
    expect(items.map((i: any) => [i.name, i.size, i.quantity])).toEqual([['Red Wrap Dress', 'S', 1]]);
  });
});
