// Follow-ups on what the previous reply was about (issue 20, third round of conversation kinds),
// end to end on the offline model and the demo store (Marcus: 28473 delivered, 28502 shipped with
// FedEx, 28511 processing): a question about the order, refund or return just shown is answered
// from it, an elliptical one after a policy answer continues that policy, an address said without
// commas and an email said aloud are read as such, and buying a piece by name finds (or adds) it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('a question about the order just shown is answered from that order', () => {
  it('"who is delivering it?" after order 28502 is shown looks that order up again and names its carrier', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('can you check on order 28502 for me');
    const carrier = await chat.say('which courier company is bringing it?');
    expect(carrier.toolCalls).toEqual([{ name: 'lookup_order', args: { orderNumber: '28502' }, ok: true }]);
    expect(carrier.reply).toMatch(/FedEx/);
    expect(carrier.reply).not.toMatch(/business days/);
  });

  it('"and the other order, the one with the chinos and the tee?" looks up the order that holds both, not the catalog', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('where have my sneakers got to');
    const other = await chat.say('and the other order, the one with the chinos and the tee?');
    expect(toolNames(other)).not.toContain('search_products');
    expect(other.toolCalls.at(-1)).toEqual({ name: 'lookup_order', args: { orderNumber: '28511' }, ok: true });
  });
});

describe('a question about the refund or the return just made is answered, never declined', () => {
  it('after a cancellation, "will that money go back on the card I used?" gives the refund and the rule for refunds', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('please cancel order 28511');
    const done = await chat.say('yes');
    expect(done.toolCalls.at(-1)).toMatchObject({ name: 'cancel_order', args: { confirm: true }, ok: true });
    const card = await chat.say('will that money go back on the card I used?');
    expect(card.toolCalls).toEqual([
      { name: 'lookup_order', args: { orderNumber: '28511' }, ok: true },
      { name: 'store_policy', args: { topic: 'orders' }, ok: true },
    ]);
    expect(card.reply).toMatch(/original payment method/);
    expect(card.reply).not.toMatch(/outside what I can|reliable information/);
    own.dispose();
  });

  it('after a return label is made, "so what now, do I have to print anything?" is answered from the returns policy', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('I want to return the jumper from order 28473');
    const made = await chat.say('yes');
    expect(made.toolCalls.at(-1)).toMatchObject({ name: 'create_return_label', args: { confirm: true }, ok: true });
    const next = await chat.say('so what now, do I have to print anything?');
    expect(next.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'returns' }, ok: true }]);
    expect(next.reply).toMatch(/label/);
    own.dispose();
  });

  it('"before you go ahead, does the money go back on my card?" while a cancellation waits: the refund rule, and the cancellation still asked', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('please cancel order 28511');
    const side = await chat.say('before you go ahead, does the money go back on my card?');
    expect(side.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'orders' }, ok: true }]);
    expect(side.reply).toMatch(/original payment method/);
    expect(side.reply).toMatch(/shall I still go ahead/);
    own.dispose();
  });

  it('after handing over, "how soon will somebody answer me?" gives the support hours, not delivery times', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('put me through to a human please');
    const when = await chat.say('how soon will somebody answer me?');
    expect(when.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'general' }, ok: true }]);
    expect(when.reply).toMatch(/8 am/);
  });
});

describe('an elliptical follow-up continues the policy just answered', () => {
  it('"what about ireland" after a question on shipping abroad is the shipping policy again, not a clarifying question', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('do you deliver to mexico?');
    const more = await chat.say('what about ireland');
    expect(more.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'shipping' }, ok: true }]);
    expect(more.reply).toMatch(/within the US/);
  });

  it('an imagined cancellation ("if I cancelled before it ships, would I get it all back?") gets the rule, and nothing is proposed', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const rule = await chat.say('if I cancelled an order before it ships, would I get all of the money back?');
    expect(toolNames(rule)).toEqual(['store_policy']);
    expect(rule.toolCalls[0]!.args).toEqual({ topic: 'orders' });
    expect(rule.reply).toMatch(/cancelled while it is still processing/);
  });
});

describe('entities in context', () => {
  it('an address said without commas gives its ZIP to the address, never to the order number', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('I need to change the delivery address of order 28511');
    const address = await chat.say('send it to 9 Elm Road Salem OR 97301');
    expect(address.toolCalls).toEqual([
      {
        name: 'change_shipping_address',
        args: { orderNumber: '28511', address: { line1: '9 Elm Road', city: 'Salem', state: 'OR', zip: '97301' }, confirm: false },
        ok: true,
      },
    ]);
    own.dispose();
  });

  it('an email said aloud ("marcus at example dot com") verifies the shopper for the order asked about', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('where is my order 28502');
    const spoken = await chat.say('it is marcus at example dot com');
    expect(spoken.toolCalls[0]).toEqual({
      name: 'verify_customer',
      args: { email: 'marcus@example.com', orderNumber: '28502' },
      ok: true,
    });
  });

  it('a budget in words ("under a hundred and twenty") narrows the search just made', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('show me some dresses');
    const cheaper = await chat.say('hmm, something under a hundred and twenty would be better');
    const search = cheaper.toolCalls.find((c) => c.name === 'search_products');
    expect(search?.args).toMatchObject({ category: 'dresses', maxPrice: 120 });
  });

  it('"have you got the same in black?" after white sneakers keeps to sneakers', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('white sneakers please');
    const black = await chat.say('have you got the same in black?');
    expect(black.toolCalls.at(-1)?.args).toMatchObject({ category: 'shoes', colour: 'black' });
  });
});

describe('picking from a list', () => {
  it('"the cheapest one, in M" after a list of dresses adds the lowest-priced of those shown', async () => {
    const own = await openStore();
    const chat = new Chat(own, anonymous());
    const list = await chat.say('red dresses please');
    const shown = list.reply.match(/\$\d+(\.\d+)?/g)!.map((p) => Number(p.slice(1)));
    const pick = await chat.say('the cheapest one, in M');
    expect(pick.toolCalls.at(-1)).toMatchObject({ name: 'add_to_cart', args: { size: 'M' }, ok: true });
    expect(toolNames(pick)).not.toContain('search_products');
    expect(pick.reply).toMatch(new RegExp(`\\$${Math.min(...shown)}`));
    own.dispose();
  });
});

describe('buying a piece by name', () => {
  it('"how can I buy the grey hoodie?" finds it and says how to check out; then a bare size adds it', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    const how = await chat.say('how can I buy the grey hoodie?');
    expect(toolNames(how)).toEqual(['search_products']);
    expect(how.reply).toMatch(/Grey Oversized Hoodie|Oversized Hoodie/);
    expect(how.reply).toMatch(/checkout/);
    const size = await chat.say('M');
    expect(size.toolCalls.at(-1)).toMatchObject({ name: 'add_to_cart', args: { size: 'M', quantity: 1 }, ok: true });
    expect(size.reply).toMatch(/Hoodie in M/);
    own.dispose();
  });

  it('"I\'d like to order the black ankle boots in 39, how do I do that?" finds the boots, not a list of what the assistant can do', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say("I'd like to order the black ankle boots in 39, how do I do that?");
    expect(toolNames(r)[0]).toBe('search_products');
    expect(r.toolCalls[0]!.args).toMatchObject({ category: 'shoes', colour: 'black' });
    expect(r.reply).not.toMatch(/I can find pieces/);
    expect(r.reply).toMatch(/checkout/);
  });

  it('"the same stone chinos as before, in M" puts that piece in the basket rather than reordering a whole order', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    const again = await chat.say('I would like to buy the same stone chinos again, size M');
    expect(toolNames(again)).not.toContain('reorder');
    expect(again.toolCalls.at(-1)).toMatchObject({ name: 'add_to_cart', args: { size: 'M' }, ok: true });
    expect(again.reply).toMatch(/Stone Stretch Chino Trousers in M/);
    own.dispose();
  });
});
