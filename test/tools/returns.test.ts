import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversations, events, orderItems, returnLabels } from '../../src/db/index.js';
import { createReturnLabel, findOwnedOrder } from '../../src/shop/index.js';
import { ALL, data, error, store, type Store } from './scenario.js';

describe('create_return_label: propose, hear yes, create once', () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  afterEach(() => s.h.dispose());

  // A later turn whose shopper message is a plain yes (the chat service turns that into approval).
  const turn = async (conversationId: string, n: number, message = 'yes please') =>
    s.chat({ conversationId, customerId: 'c_marcus', turn: n, message });
  const labels = () => s.db.select().from(returnLabels);
  // Events a tool records commit with its write: read them where they are stored.
  const stored = async (type?: string) =>
    (await s.db.select({ type: events.type, data: events.data }).from(events)).filter((e) => !type || e.type === type);
  const pendingOf = async (id: string) => (await s.db.select().from(conversations).where(eq(conversations.id, id)))[0]?.pending;

  it('proposes, then creates the label after the shopper’s yes in a new message, and emails it masked', async () => {
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    const proposal = data(await s.registry.execute('create_return_label', { orderNumber: '28473', reason: 'too small' }, ALL, t1));
    expect(proposal).toMatchObject({
      needsConfirmation: true,
      proposal: {
        orderNumber: '28473',
        items: ['Red Wrap Dress (S)', 'Navy Cotton Tee (M) ×2'],
        returnWindowEnds: '2025-07-10',
        labelEmailedTo: 'm***@example.com',
      },
    });
    const itemIds = s.orders.returnable.items.map((i) => i.id).sort();
    expect(await pendingOf(t1.conversationId)).toMatchObject({
      action: 'return_label',
      customerId: 'c_marcus',
      turn: 1,
      payload: { orderNumber: '28473', items: itemIds, reason: 'too small' },
    });
    expect(await labels()).toEqual([]);

    const t2 = await turn(t1.conversationId, 2);
    const done = data(await s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, t2));
    expect(done.created).toBe(true);
    expect(done.label).toMatchObject({
      orderNumber: '28473',
      emailedTo: 'm***@example.com',
      items: ['Red Wrap Dress (S)', 'Navy Cotton Tee (M) ×2'],
    });
    const [label] = await labels();
    expect(label).toMatchObject({ customerId: 'c_marcus', items: itemIds, reason: 'too small', conversationId: t1.conversationId });
    expect(done.label.trackingCode).toBe(label!.trackingCode);
    expect(await stored()).toEqual([
      {
        type: 'return_label_created',
        data: { orderNumber: '28473', labelId: label!.id, items: itemIds, trackingCode: label!.trackingCode, turn: 2 },
      },
      { type: 'return_label_emailed', data: { orderNumber: '28473', to: 'm***@example.com', turn: 2 } },
    ]);
    expect(await pendingOf(t1.conversationId)).toBeNull();
    const statuses = await s.db
      .select({ status: orderItems.status })
      .from(orderItems)
      .where(eq(orderItems.orderId, s.orders.returnable.id));
    expect(statuses.map((x) => x.status)).toEqual(['returned', 'returned']);
  });

  it('a repeated confirmed call returns the same label and creates no second one', async () => {
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    await s.registry.execute('create_return_label', { orderNumber: '28473' }, ALL, t1);
    const t2 = await turn(t1.conversationId, 2);
    const first = data(await s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, t2));
    const again = data(await s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, t2));
    const t3 = await turn(t1.conversationId, 3);
    const later = data(await s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, t3));
    expect(again).toMatchObject({ created: false, alreadyExisted: true, label: first.label });
    expect(later.label).toEqual(first.label);
    expect(await labels()).toHaveLength(1);
    expect(await stored('return_label_created')).toHaveLength(1);
  });

  it('two confirmations racing each other still make one label', async () => {
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    await s.registry.execute('create_return_label', { orderNumber: '28473' }, ALL, t1);
    const t2 = await turn(t1.conversationId, 2);
    const results = await Promise.all(
      [1, 2, 3].map(() => s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, t2)),
    );
    expect(new Set(results.map((r) => data(r).label.trackingCode)).size).toBe(1);
    expect(await labels()).toHaveLength(1);
    expect(await stored('return_label_created')).toHaveLength(1);
  });

  it('confirm:true in the same turn as the proposal is refused (no new user message)', async () => {
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 4 });
    await s.registry.execute('create_return_label', { orderNumber: '28473' }, ALL, t1);
    const r = error(await s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, t1));
    expect(r.code).toBe('refused');
    expect(r.message).toMatch(/has not given a clear yes/);
    expect(await labels()).toEqual([]);
  });

  it('confirm:true with no proposal only proposes', async () => {
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 2 });
    const r = data(await s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, t1));
    expect(r.needsConfirmation).toBe(true);
    expect(await labels()).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it('confirm:true for other items than proposed is refused', async () => {
    const [dress, tee] = s.orders.returnable.items;
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    await s.registry.execute('create_return_label', { orderNumber: '28473', items: [dress!.id] }, ALL, t1);
    const t2 = await turn(t1.conversationId, 2);
    for (const items of [[tee!.id], [dress!.id, tee!.id], undefined]) {
      const r = error(await s.registry.execute('create_return_label', { orderNumber: '28473', items, confirm: true }, ALL, t2));
      expect(r.code).toBe('refused');
      expect(r.message).toMatch(/asked to confirm a return of 1 item\(s\) from order #28473, not this/);
    }
    expect(await labels()).toEqual([]);
    // The agreed item still goes through, and only it is marked.
    expect(
      data(await s.registry.execute('create_return_label', { orderNumber: '28473', items: [dress!.id], confirm: true }, ALL, t2)).created,
    ).toBe(true);
    const statuses = await s.db.select().from(orderItems).where(eq(orderItems.orderId, s.orders.returnable.id));
    expect(Object.fromEntries(statuses.map((i) => [i.name, i.status]))).toEqual({
      'Red Wrap Dress': 'returned',
      'Navy Cotton Tee': 'delivered',
    });
  });

  it('the rest of an order can go back later on a label of its own; an item goes back once', async () => {
    const [dress, tee] = s.orders.returnable.items;
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    await s.registry.execute('create_return_label', { orderNumber: '28473', items: [dress!.id] }, ALL, t1);
    const first = data(
      await s.registry.execute(
        'create_return_label',
        { orderNumber: '28473', items: [dress!.id], confirm: true },
        ALL,
        await turn(t1.conversationId, 2),
      ),
    );
    // The order view shows the label and that the tee can still go back.
    const view = data(await s.registry.execute('lookup_order', { orderNumber: '28473' }, ALL, await turn(t1.conversationId, 3)));
    expect(view.order ?? view).toMatchObject({
      return: { possible: true },
      returnLabels: [{ items: ['Red Wrap Dress (S)'], trackingCode: first.label.trackingCode }],
    });

    const proposal = data(await s.registry.execute('create_return_label', { orderNumber: '28473' }, ALL, await turn(t1.conversationId, 4)));
    expect(proposal.proposal.items).toEqual(['Navy Cotton Tee (M) ×2']); // what is left
    const second = data(
      await s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, await turn(t1.conversationId, 5)),
    );
    expect(second).toMatchObject({ created: true, label: { items: ['Navy Cotton Tee (M) ×2'] } });
    expect(second.label.trackingCode).not.toBe(first.label.trackingCode);
    expect((await labels()).map((l) => l.items)).toEqual([[dress!.id], [tee!.id]]);

    // Asking again for the dress, or for "the order", answers with the labels that exist.
    const t6 = await turn(t1.conversationId, 6);
    expect(data(await s.registry.execute('create_return_label', { orderNumber: '28473', items: [dress!.id] }, ALL, t6))).toMatchObject({
      alreadyExisted: true,
      label: first.label,
    });
    expect(data(await s.registry.execute('create_return_label', { orderNumber: '28473' }, ALL, t6))).toMatchObject({
      alreadyExisted: true,
      label: second.label,
    });
    expect(await labels()).toHaveLength(2);
  });

  it('of two labels racing for the same item only one is written, and it marks its items', async () => {
    const [dress, tee] = s.orders.returnable.items;
    const owned = (await findOwnedOrder(s.db, 'c_marcus', '28473'))!; // both calls start from the same read
    const input = { owned, reason: undefined, emailedTo: 'm***@example.com', conversationId: 'conv_x', now: s.f.now };
    const a = await createReturnLabel(s.db, s.atomic, (p) => `${p}_a`, { ...input, itemIds: [dress!.id] });
    const b = await createReturnLabel(s.db, s.atomic, (p) => `${p}_b`, { ...input, itemIds: [dress!.id, tee!.id] });
    expect(a.created).toBe(true);
    expect(b).toEqual({ created: false, label: a.label });
    expect(await labels()).toHaveLength(1);
    const statuses = await s.db.select().from(orderItems).where(eq(orderItems.orderId, s.orders.returnable.id));
    expect(Object.fromEntries(statuses.map((i) => [i.name, i.status]))).toEqual({
      'Red Wrap Dress': 'returned',
      'Navy Cotton Tee': 'delivered',
    });
  });

  it('a proposal in one conversation cannot be confirmed from another', async () => {
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    await s.registry.execute('create_return_label', { orderNumber: '28473' }, ALL, t1);
    const elsewhere = await s.chat({ customerId: 'c_marcus', turn: 5 });
    expect(
      data(await s.registry.execute('create_return_label', { orderNumber: '28473', confirm: true }, ALL, elsewhere)).needsConfirmation,
    ).toBe(true);
    expect(await labels()).toEqual([]);
  });

  it.each([
    ['27001', /30-day return window ended on 2025-06-14/],
    ['28474', /not been delivered yet \(status: shipped\)/],
    ['26000', /already been returned/],
  ])('order %s is refused with the reason', async (orderNumber, reason) => {
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    const r = error(await s.registry.execute('create_return_label', { orderNumber }, ALL, t1));
    expect(r.code).toBe('refused');
    expect(r.message).toMatch(reason);
    expect(await pendingOf(t1.conversationId)).toBeNull();
  });

  it('the window is exactly 30 days from delivery', async () => {
    await s.f.order({ customerId: 'c_marcus', number: '11111', deliveredDaysAgo: 30, items: [{ productId: 'p_tee', size: 'S' }] });
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    expect(data(await s.registry.execute('create_return_label', { orderNumber: '11111' }, ALL, t1)).needsConfirmation).toBe(true);
    const later = await s.chat({ customerId: 'c_marcus', turn: 1, now: s.f.now + 1 });
    expect(error(await s.registry.execute('create_return_label', { orderNumber: '11111' }, ALL, later)).code).toBe('refused');
  });

  it('rejects item ids from another order', async () => {
    const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
    const foreign = s.orders.sarahOrder.items[0]!.id;
    const r = error(await s.registry.execute('create_return_label', { orderNumber: '28473', items: [foreign] }, ALL, t1));
    expect(r).toMatchObject({ code: 'invalid_arguments', field: 'items' });
    expect(r.message).not.toMatch(/Slip|sarah/i);
  });
});
