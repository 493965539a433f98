// Kinds of wrong turn for signed-in shoppers and their orders (probes Q, X, Y, O, K; fixer-q), one short flow each, end to
// end on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M,
// 28502 shipped with white canvas sneakers, 28511 still processing with navy chinos M and a white crew tee L).
// 1. A heading naming an order, then what to do with it, in one message ("the white sneakers order. where is it now",
//    "chinos from my delivered order. need to send them back"): one request about that order, never a product search or
//    a reorder beside it (multi-subject.ts).
// 2. An order number given alone after the sorry-and-choices reply to a fault ("#28473" after "my jumper has a hole in
//    the sleeve"): the fault with its order, that piece's return proposed, as when said in one message; with no piece told,
//    that order looked up (frame-fault.ts).
// 3. A piece missing from the box ("order 28473 came without the chinos, only the jumper was in it"): sorry and a person
//    offered, never a return of the piece that did come (plan.ts asReturn, plan-service.ts complaintStep).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOf, Chat, openStore, signedIn, toolNames, type Store } from './store.js';
import { onlyNamesAnOrder } from '../../../src/agent/offline/multi-subject.js';
import { splitRequests } from '../../../src/agent/offline/multi.js';
import { remember } from '../../../src/agent/offline/memory.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));

describe('a heading naming an order, then the request about it', () => {
  it('"the white sneakers order. where is it now": the sneakers order looked up, no search', async () => {
    const r = await marcus().say('the white sneakers order. where is it now');
    expect(toolNames(r)).not.toContain('search_products');
    expect(r.reply).toMatch(/#28502 is on its way/);
  });

  it('"chinos from my delivered order. need to send them back, too tight": that return, no list of orders beside it', async () => {
    const r = await marcus().say('chinos from my delivered order. need to send them back, too tight');
    expect(callOf(r, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: ['oi_28473_2'] });
    expect(r.reply).not.toMatch(/most recent orders/);
  });

  it('"jumper from the order last week. can I swap the L for an M": the swap proposed, no reorder asked', async () => {
    const r = await marcus().say('jumper from the order last week. can I swap the L for an M');
    expect(callOf(r, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', items: [{ item: 'jumper', size: 'M' }] });
    expect(r.reply).not.toMatch(/order again/);
  });

  it('knows a heading from a request', () => {
    expect(onlyNamesAnOrder('sneakers order.')).toBe(true);
    expect(onlyNamesAnOrder("the jumper from last week's order")).toBe(true);
    expect(onlyNamesAnOrder('my tee from the order today')).toBe(true);
    expect(onlyNamesAnOrder("reorder my jumper from last week's order")).toBe(false);
    expect(onlyNamesAnOrder('where is my order')).toBe(false);
    expect(onlyNamesAnOrder('the white sneakers')).toBe(false);
  });

  it('near miss: a piece wanted, then where an order is, are still two requests', () => {
    expect(splitRequests("I want a red dress. where's my order?", remember([]))).toHaveLength(2);
  });
});

describe('an order number given alone after the sorry-and-choices reply to a fault', () => {
  it.each(['#28473', 'it was order 28473'])('"%s" after a hole in the jumper: the jumper\'s return proposed', async (given) => {
    const chat = marcus();
    const first = await chat.say('my jumper has a hole in the sleeve already, not impressed');
    expect(first.reply).toMatch(/Which would you prefer\?/);
    const r = await chat.say(given);
    expect(callOf(r, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: ['oi_28473_1'] });
  });

  it('"28473" after a parcel "in a right state", no piece named: that order looked up, its pieces shown', async () => {
    const chat = marcus();
    await chat.say('the parcel came in a right state, not happy');
    const r = await chat.say('28473');
    expect(callOf(r, 'lookup_order')?.args).toMatchObject({ orderNumber: '28473' });
    expect(toolNames(r)).not.toContain('create_return_label');
    expect(r.reply).toMatch(/Stone Stretch Chino Trousers/);
  });
});

describe('a piece missing from the box', () => {
  it.each([
    'order 28473 came without the chinos, only the jumper was in it',
    'opened my parcel and the chinos are not in there. only got the jumper',
  ])('"%s": sorry and a person offered, no return', async (told) => {
    const r = await marcus().say(told);
    expect(toolNames(r)).not.toContain('create_return_label');
    expect(r.reply).toMatch(/missing from the parcel/);
    expect(r.reply).toMatch(/colleague/);
  });

  it("near miss: a piece that arrived torn is still that piece's return", async () => {
    const r = await marcus().say('the chinos in order 28473 arrived torn');
    expect(callOf(r, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', items: ['oi_28473_2'] });
  });
});
