// Cancel, change address, exchange, refund status and problem reports on a real SQLite store:
// each is authorized against the verified shopper (not yours = not found), idempotent, refused
// where the policy says so, and acts only on the shopper's own clear yes in a later turn.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claims, events, orders, refunds, replacements, returnLabels, tickets, variants } from '../../src/db/index.js';
import { ALL, data, error, store, type Store } from './scenario.js';

const SF = { line1: '500 Market Street', city: 'San Francisco', state: 'ca', zip: '94105' };

describe('retail actions', () => {
  let s: Store;
  let processing: Awaited<ReturnType<Store['f']['order']>>;
  beforeEach(async () => {
    s = await store();
    processing = await s.f.order({
      customerId: 'c_marcus',
      number: '28511',
      status: 'processing',
      placedDaysAgo: 0,
      items: [{ productId: 'p_tee', size: 'L', quantity: 2 }],
    });
  });
  afterEach(() => s.h.dispose());

  const run = (name: string, args: Record<string, unknown>, ctx: Awaited<ReturnType<Store['chat']>>) =>
    s.registry.execute(name, args, ALL, ctx);
  /** Propose in turn 1, answer with `reply` in turn 2 and confirm: the result of the confirming call. */
  async function proposeThen(name: string, args: Record<string, unknown>, reply: string, customerId = 'c_marcus') {
    const t1 = await s.chat({ customerId, turn: 1 });
    const proposal = data(await run(name, args, t1));
    expect(proposal.needsConfirmation).toBe(true);
    const t2 = await s.chat({ conversationId: t1.conversationId, customerId, turn: 2, message: reply });
    return { result: await run(name, { ...args, confirm: true }, t2), t2, proposal };
  }
  const rows = async <T>(q: Promise<T[]>) => (await q).length;
  const orderRow = async (number: string) => (await s.db.select().from(orders).where(eq(orders.number, number)))[0]!;

  describe('cancel_order', () => {
    it('cancels a processing order after a yes: status, refund, restock and event commit together', async () => {
      const before = (await s.db.select().from(variants).where(eq(variants.id, 'p_tee_L')))[0]!.stock;
      const { result } = await proposeThen('cancel_order', { orderNumber: '28511', reason: 'ordered by mistake' }, 'yes, cancel it');
      expect(data(result)).toMatchObject({ cancelled: true, order: { status: 'cancelled', refund: { amount: 50 } } });
      expect(await orderRow('28511')).toMatchObject({ status: 'cancelled', cancelReason: 'ordered by mistake' });
      expect(await s.db.select({ kind: refunds.kind, amountCents: refunds.amountCents, status: refunds.status }).from(refunds)).toEqual([
        { kind: 'cancellation', amountCents: 5000, status: 'pending' },
      ]);
      expect((await s.db.select().from(variants).where(eq(variants.id, 'p_tee_L')))[0]!.stock).toBe(before + 2);
      expect((await s.db.select().from(events)).map((e) => e.type)).toEqual(['order_cancelled']);
    });

    it('is idempotent: a second confirmation and a later call record no second refund', async () => {
      const { t2 } = await proposeThen('cancel_order', { orderNumber: '28511' }, 'yes');
      expect(data(await run('cancel_order', { orderNumber: '28511', confirm: true }, t2))).toMatchObject({ alreadyCancelled: true });
      expect(data(await run('cancel_order', { orderNumber: '28511' }, await s.chat({ customerId: 'c_marcus', turn: 1 })))).toMatchObject({
        alreadyCancelled: true,
      });
      expect(await rows(s.db.select().from(refunds))).toBe(1);
    });

    it('a hedge, a question or a no is not a yes', async () => {
      for (const reply of ['hmm not sure', 'will I get all of it back?', 'no, keep it', 'yes but only one']) {
        const { result } = await proposeThen('cancel_order', { orderNumber: '28511' }, reply);
        // Refused, or (after a clear no withdrew the proposal) only proposed again: never acted.
        expect(result.ok ? result.data.needsConfirmation : result.error.code, reply).toBe(result.ok ? true : 'refused');
      }
      expect((await orderRow('28511')).status).toBe('processing');
      expect(await rows(s.db.select().from(refunds))).toBe(0);
    });

    it('refuses shipped and delivered orders with the reason; not yours reads as not found', async () => {
      const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
      expect(error(await run('cancel_order', { orderNumber: '28474' }, t1)).message).toMatch(/already shipped.*returned once it arrives/);
      expect(error(await run('cancel_order', { orderNumber: '28473' }, t1)).message).toMatch(/only orders still processing/);
      const sarahs = await s.f.order({
        customerId: 'c_sarah',
        number: '30002',
        status: 'processing',
        placedDaysAgo: 0,
        items: [{ productId: 'p_tee', size: 'S' }],
      });
      const notYours = error(await run('cancel_order', { orderNumber: sarahs.number }, t1));
      const missing = error(await run('cancel_order', { orderNumber: '99999' }, t1));
      expect(notYours.message.replace('30002', 'N')).toBe(missing.message.replace('99999', 'N'));
      expect(error(await run('cancel_order', { orderNumber: '28511' }, await s.chat({ turn: 1 }))).code).toBe('must_verify');
    });
  });

  describe('change_shipping_address', () => {
    it('validates the address, proposes, and changes it after a yes', async () => {
      const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
      expect(error(await run('change_shipping_address', { orderNumber: '28511', address: { ...SF, zip: 'SW1A 2AA' } }, t1)).code).toBe(
        'invalid_arguments',
      );
      expect(error(await run('change_shipping_address', { orderNumber: '28511', address: { ...SF, state: 'XX' } }, t1)).code).toBe(
        'invalid_arguments',
      );
      const { result } = await proposeThen('change_shipping_address', { orderNumber: '28511', address: SF }, 'yes please');
      expect(data(result)).toMatchObject({ changed: true, order: { shipTo: '500 Market Street, San Francisco, CA 94105' } });
      expect((await orderRow('28511')).shipTo).toEqual({
        line1: '500 Market Street',
        city: 'San Francisco',
        state: 'CA',
        zip: '94105',
        country: 'US',
      });
      // The same address again changes nothing.
      expect(
        data(await run('change_shipping_address', { orderNumber: '28511', address: SF }, await s.chat({ customerId: 'c_marcus' }))),
      ).toMatchObject({ alreadyThere: true });
      expect((await s.db.select().from(events)).map((e) => e.type)).toEqual(['shipping_address_changed']);
    });

    it('refuses a shipped order and another address than the one agreed', async () => {
      expect(
        error(await run('change_shipping_address', { orderNumber: '28474', address: SF }, await s.chat({ customerId: 'c_marcus' })))
          .message,
      ).toMatch(/already shipped/);
      const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
      await run('change_shipping_address', { orderNumber: '28511', address: SF }, t1);
      const t2 = await s.chat({ conversationId: t1.conversationId, customerId: 'c_marcus', turn: 2, message: 'yes' });
      expect(
        error(await run('change_shipping_address', { orderNumber: '28511', address: { ...SF, zip: '94107' }, confirm: true }, t2)).message,
      ).toMatch(/asked to confirm a new address/);
      expect((await orderRow('28511')).shipTo).toBeNull();
    });
  });

  describe('exchange_items', () => {
    it('swaps a delivered item for another size in stock: label + replacement + stock, once', async () => {
      const { result, t2 } = await proposeThen(
        'exchange_items',
        { orderNumber: '28473', items: [{ item: 'wrap dress', size: 'L' }] },
        'yes',
      );
      expect(data(result)).toMatchObject({ created: true, exchange: { replacement: { items: ['Red Wrap Dress (L)'] } } });
      expect(await s.db.select({ source: replacements.source }).from(replacements)).toEqual([{ source: 'exchange' }]);
      expect((await s.db.select().from(variants).where(eq(variants.id, 'p_wrap_L')))[0]!.stock).toBe(1);
      expect(
        data(await run('exchange_items', { orderNumber: '28473', items: [{ item: 'wrap dress', size: 'L' }], confirm: true }, t2)),
      ).toMatchObject({ alreadyExisted: true });
      expect([
        await rows(s.db.select().from(returnLabels)),
        await rows(s.db.select().from(replacements)),
        await rows(s.db.select().from(refunds)),
      ]).toEqual([1, 1, 0]);
    });

    it('refuses a sold-out size, an order outside the window, a shipped order and another customer’s order', async () => {
      const ctx = await s.chat({ customerId: 'c_marcus' });
      expect(error(await run('exchange_items', { orderNumber: '28473', items: [{ item: 'wrap dress', size: 'M' }] }, ctx)).message).toMatch(
        /sold out/,
      );
      expect(error(await run('exchange_items', { orderNumber: '27001', items: [{ item: 'belt', colour: 'black' }] }, ctx)).message).toMatch(
        /return window ended/,
      );
      expect(error(await run('exchange_items', { orderNumber: '28474', items: [{ item: 'boots', size: '40' }] }, ctx)).message).toMatch(
        /not been delivered/,
      );
      expect(error(await run('exchange_items', { orderNumber: '30001', items: [{ item: 'slip', size: 'S' }] }, ctx)).code).toBe(
        'not_found',
      );
      expect(await rows(s.db.select().from(returnLabels))).toBe(0);
    });
  });

  describe('report_problem and caps', () => {
    it('a damaged item gets a replacement when in stock, once; no item back needed', async () => {
      const { result, t2 } = await proposeThen(
        'report_problem',
        { orderNumber: '28473', problem: 'damaged', items: ['wrap dress'], note: 'torn seam' },
        'yes please',
      );
      expect(data(result)).toMatchObject({ created: true, claim: { resolution: 'replacement', items: ['Red Wrap Dress (S)'] } });
      expect(
        data(
          await run(
            'report_problem',
            { orderNumber: '28473', problem: 'damaged', items: ['wrap dress'], note: 'torn seam', confirm: true },
            t2,
          ),
        ),
      ).toMatchObject({ alreadyReported: true });
      expect([await rows(s.db.select().from(claims)), await rows(s.db.select().from(replacements))]).toEqual([1, 1]);
    });

    it('refuses an order not yet delivered or outside the window; not yours is not found', async () => {
      const ctx = await s.chat({ customerId: 'c_marcus' });
      expect(error(await run('report_problem', { orderNumber: '28474', problem: 'damaged', note: 'x' }, ctx)).message).toMatch(
        /has not been delivered/,
      );
      expect(error(await run('report_problem', { orderNumber: '27001', problem: 'missing', note: 'x' }, ctx)).message).toMatch(
        /within 30 days of delivery/,
      );
      expect(error(await run('report_problem', { orderNumber: '30001', problem: 'damaged', note: 'x' }, ctx)).code).toBe('not_found');
    });

    it('over the per-customer cap across conversations, a claim goes to a person, said plainly, with a ticket', async () => {
      const delivered = await Promise.all(
        ['51', '52', '53'].map((n, i) =>
          s.f.order({ customerId: 'c_marcus', number: `300${n}`, deliveredDaysAgo: 2 + i, items: [{ productId: 'p_tee', size: 'S' }] }),
        ),
      );
      for (const o of delivered.slice(0, 2)) {
        const { result } = await proposeThen(
          'report_problem',
          { orderNumber: o.number, problem: 'missing', note: 'not in the box' },
          'yes',
        );
        expect(data(result).claim.resolution).toBe('replacement');
      }
      const t1 = await s.chat({ customerId: 'c_marcus', turn: 1 });
      const third = data(await run('report_problem', { orderNumber: delivered[2]!.number, problem: 'missing', note: 'again' }, t1));
      expect(third.proposal).toMatchObject({
        outcome: 'review',
        why: expect.stringMatching(/over the limit of 2 refunds or replacements/),
      });
      const t2 = await s.chat({ conversationId: t1.conversationId, customerId: 'c_marcus', turn: 2, message: 'yes' });
      expect(
        data(await run('report_problem', { orderNumber: delivered[2]!.number, problem: 'missing', note: 'again', confirm: true }, t2))
          .claim,
      ).toMatchObject({ resolution: 'review' });
      expect(await s.db.select({ status: claims.status }).from(claims)).toEqual([
        { status: 'approved' },
        { status: 'approved' },
        { status: 'review' },
      ]);
      expect(await rows(s.db.select().from(tickets))).toBe(1);
    });
  });

  describe('refund_status', () => {
    it('tells where a cancellation refund is; another customer’s order reads as not found', async () => {
      await proposeThen('cancel_order', { orderNumber: '28511' }, 'yes');
      const ctx = await s.chat({ customerId: 'c_marcus' });
      expect(data(await run('refund_status', { orderNumber: '28511' }, ctx)).refunds).toEqual([
        {
          orderNumber: '28511',
          for: 'cancellation',
          amount: 50,
          state: 'pending',
          meaning: expect.any(String),
          started: '2025-06-15',
          expectedBy: '2025-06-18',
        },
      ]);
      expect(data(await run('refund_status', { orderNumber: '28473' }, ctx))).toMatchObject({
        refunds: [],
        note: expect.stringMatching(/No refund has been started/),
      });
      expect(error(await run('refund_status', { orderNumber: '30001' }, ctx)).code).toBe('not_found');
      expect(data(await run('refund_status', {}, await s.chat({ customerId: 'c_sarah' }))).refunds).toEqual([]);
      expect(processing.number).toBe('28511');
    });
  });
});
