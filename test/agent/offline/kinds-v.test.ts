// Kinds of wrong turn for a signed-in shopper and their own orders (issue 20, fixer-v, probe Q), one short flow each,
// end to end on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone
// chinos M, 28502 shipped by FedEx with white canvas sneakers, 28511 still processing).
// 1. Which order is meant: the one holding a piece, said as what the shopper wants to hear about before the question,
//    is looked up, never searched for in the catalogue; so is a parcel the post is bringing.
// 2. A fact of the order just shown asked with "carrying it" ("which courier company is carrying it?"): that order's
//    carrier, not the shipping policy ("carrying" is a word of its own, not "earring" mistyped).
// 3. A question about the cost of the swap waiting, said with shipping words: the returns policy's rule for exchanges,
//    never the delivery prices.
// 4. A change to the swap waiting said in a basket's words ("make it an XL, I wear it over a shirt") with nothing in the
//    basket: that swap, resized (the piece in the shopper's story is not the piece swapped), not "your cart is empty".
// 5. "only the jumper" while a return of a whole order waits, the piece kept named first: the return of the piece
//    singled out, of the order waiting.
// 6. A formal closing ("I am much obliged…"): a goodbye, never declined as off-topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOf, Chat, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));
const looksUp = (r: Awaited<ReturnType<Chat['say']>>, order: string) =>
  r.toolCalls.some((c) => c.name === 'lookup_order' && c.args.orderNumber === order);

describe('which of the shopper’s orders is meant: looked up, never searched for', () => {
  it('"…I only want news about the one with the sneakers in it. Is it here yet?": that order (28502), no product list', async () => {
    const r = await marcus().say(
      "There's more than one order I think. I only want news about the one with the sneakers in it. Is it here yet?",
    );
    expect(toolNames(r)).not.toContain('search_products');
    expect(looksUp(r, '28502')).toBe(true);
    expect(r.reply).toMatch(/FedEx/);
  });

  it('a parcel the post is bringing ("when will the postie deliver them?") is the order on its way, never declined', async () => {
    const r = await marcus().say("I've got trainers on the way to me by post I think. When will the postie deliver them?");
    expect(looksUp(r, '28502')).toBe(true);
    expect(r.reply).not.toMatch(/not something I can do|outside what I can do/);
  });
});

describe('a fact of the order just shown', () => {
  it('"which courier company is carrying it?" after the sneakers order: FedEx from the order, not the shipping policy', async () => {
    const chat = marcus();
    await chat.say('where are my white sneakers?');
    const r = await chat.say('which courier company is carrying it?');
    expect(toolNames(r)).not.toContain('store_policy');
    expect(looksUp(r, '28502')).toBe(true);
    expect(r.reply).toMatch(/FedEx/);
  });
});

describe('the swap waiting', () => {
  async function swapProposed(): Promise<Chat> {
    const chat = marcus();
    const r = await chat.say('could I exchange the navy jumper for a medium please');
    expect(callOf(r, 'exchange_items')?.args).toMatchObject({ confirm: false });
    return chat;
  }

  it('"swap free? I\'m not paying delivery fees a second time": the returns policy, exchanges free, no delivery prices', async () => {
    const chat = await swapProposed();
    const r = await chat.say("swap free? I'm not paying delivery fees a second time");
    expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'returns' });
    expect(r.reply).toMatch(/at no charge/);
    expect(r.reply).not.toMatch(/express takes/);
  });

  it('"just make it an S rather than medium, it goes under my coat": the jumper swap to S proposed, no basket, no coat', async () => {
    const chat = await swapProposed();
    const r = await chat.say('just make it an S rather than medium, it goes under my coat');
    expect(toolNames(r)).not.toContain('view_cart');
    const swap = callOf(r, 'exchange_items');
    expect(swap?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(swap?.args.items).toEqual([expect.objectContaining({ item: 'jumper', size: 'S' })]);
    expect(r.reply).toMatch(/Navy Merino Crew-Neck Jumper \(S\)/);
  });
});

describe('a return of the whole order waiting, narrowed to the piece singled out', () => {
  it('"the chinos I\'ll hang on to. only the jumper please": the jumper alone, of 28473', async () => {
    const chat = marcus();
    const all = await chat.say("I'd like to send back everything from my last delivered order");
    expect(callOf(all, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    const r = await chat.say("the chinos I'll hang on to. only the jumper please");
    const label = callOf(r, 'create_return_label');
    expect(label?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: ['oi_28473_1'] });
    expect(r.reply).not.toMatch(/Chino/);
  });
});

describe('a formal closing', () => {
  it('"I am much obliged; that will conclude my questions for today." is a goodbye, not off-topic', async () => {
    const chat = marcus();
    await chat.say('where is my order 28502?');
    const r = await chat.say('I am much obliged; that will conclude my questions for today.');
    expect(toolNames(r)).toEqual([]);
    expect(r.reply).not.toMatch(/outside what I can do|human colleague/);
  });
});
