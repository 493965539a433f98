// Kinds of gap left after issue 20's first fixes: a message the classifier is unsure of whose
// likeliest reading is a feeling is acknowledged with a person offered (never declined as
// off-topic), a change of delivery speed with an order in view is read as one, and the corpus
// kinds added (hedged refund requests, letter closings, background that asks nothing, a swap
// refused for the money). End to end on the offline model and the demo store where a reply matters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../../src/agent/offline/classify.js';
import { Chat, anonymous, openStore, signedIn, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('an unsure reading that is most likely a feeling', () => {
  it('as a first message: acknowledged as a complaint with a person offered, not declined as outside the shop', async () => {
    const text = 'most disappointing purchase I have made';
    expect(classify(text).lowConfidence).toBe(true);
    const r = await new Chat(store, anonymous()).say(text);
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).toMatch(/not the experience we want you to have/);
    expect(r.reply).toMatch(/colleague/);
    expect(r.reply).not.toMatch(/only help with shopping|outside what I can do/);
  });

  it('later in a conversation: frustration acknowledged, a person offered, no clarifying question', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('show me a scarf');
    const r = await chat.say('most disappointing purchase I have made');
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).toMatch(/I'm sorry/);
    expect(r.reply).toMatch(/colleague/);
    expect(r.reply).not.toMatch(/I want to get this right|outside what I can do/);
  });
});

describe('a change of delivery speed with an order in view', () => {
  it('orders shown make "put it on express" a delivery change, not a basket add', () => {
    expect(classify('put it on express', { shownOrders: 1 }).intent).toBe('change_delivery');
    expect(classify('can it be next day', { shownOrders: 1 }).intent).toBe('change_delivery');
  });

  it('"can it be next day" after an order is shown says the speed of a placed order cannot change here, rather than the shipping policy', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('where is order 28511');
    const r = await chat.say('can it be next day');
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).toMatch(/can't change the carrier or the delivery speed/);
  });
});

describe('the corpus kinds', () => {
  it('a hedged request for the money back is a return, not a question about a refund already due', () => {
    expect(classify('I was hoping you might perhaps give me a refund on the gloves').intent).toBe('return');
    expect(classify('I was wondering if my refund has gone through').intent).toBe('refund_status');
  });

  it('a letter closing on its own is a goodbye', () => {
    for (const t of ['Kind regards, Sunita', 'Yours, Fergus', 'Best wishes']) expect(classify(t).intent).toBe('goodbye');
  });

  it('background that asks nothing is no complaint', () => {
    for (const t of ["I'm rather nervous about using computers", 'it is good that you have a chat on the site'])
      expect(['smalltalk', 'thanks']).toContain(classify(t).intent);
  });

  it('a swap refused for the money is the return, and a signed-in shopper gets its proposal', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say("I'm not after a replacement for the chinos from 28473, I'd prefer a refund");
    expect(r.toolCalls.at(-1)).toMatchObject({ name: 'create_return_label', args: { orderNumber: '28473', confirm: false } });
    expect(r.toolCalls.map((c) => c.name)).not.toContain('exchange_items');
  });
});
