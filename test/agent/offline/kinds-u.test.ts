// Kinds of wrong turn shoppers noticed (fixer-u), one short flow each, end to end on the offline model and the demo store.
// 1. A person asked for with a yes while a proposal waits ("yes, connect me" to a cancellation): the person, the
//    proposal left waiting and asked again, never confirmed.
// 2. "both" / "all of them" after two proposals made in one reply: an answer to them (the one waiting shown again for
//    its yes), never a search or a policy for the word; after two options offered, both answered.
// 3. A new shopping request while a return waits: the search served, the return unchanged and asked again.
// 4. A fact about the carrier told by the shopper: the order looked up, never a refusal to change the carrier.
// 5. Whether a piece of the shopper's own order has come, said with where they looked: that order's lookup, no search.
// 6. A choice settled on the colour of one piece shown ("black it is then"): that piece, its size asked, no new search.
// 7. An order to a work address with nothing placed named: the shipping policy, no verification; a person asked to take
//    over a tangled case: the hand-over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Chat, callOf, confirmed, openStore, signedIn, toolNames, withOwnStore, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const ASKED_AGAIN = /About the (return|cancellation) for order #\d+: shall I still go ahead\?/;

describe('a person asked for with a yes while a proposal waits: the person, the proposal still waiting', () => {
  it.each([
    ['please cancel order 28511', 'ok yes connect me'],
    ['cancel 28511 for me', 'yes, transfer me'],
    ['i want to send the stone chinos from 28473 back', 'sure, connect me'],
  ])('"%s" then "%s": handed over, nothing confirmed', async (first, then) => {
    await withOwnStore(async (own) => {
      const chat = new Chat(own, signedIn('c_marcus'));
      await chat.say(first);
      const r = await chat.say(then);
      expect(toolNames(r)).toEqual(['escalate_to_human']);
      expect(confirmed(r)).toEqual([]);
      expect(r.reply).toMatch(ASKED_AGAIN);
    });
  });
});

describe('"both" after two proposals in one reply: an answer to them, not a search or a policy', () => {
  it.each(['both', 'both of them please', 'all of them'])('"%s": the proposal waiting shown again, nothing searched', async (text) => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('cancel order 28511 and also return the navy jumper from 28473');
    const r = await chat.say(text);
    expect(toolNames(r)).toEqual(['create_return_label']);
    expect(callOf(r, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: ['oi_28473_1'] });
    expect(r.reply).toMatch(/Shall I go ahead\?/);
  });

  it('"both please" after sizing or delivery times were offered: both answered', async () => {
    const chat = new Chat(store, anonymous());
    const list = await chat.say('got any hoodies?');
    expect(list.reply).toMatch(/sizing or delivery times\?/);
    const r = await chat.say('both please');
    expect(toolNames(r)).not.toContain('search_products');
    expect(r.toolCalls.map((t) => t.args.topic)).toEqual(['sizing', 'shipping']);
  });
});

describe('a new shopping request while a return waits: the search, the return asked again unchanged', () => {
  it.each([
    ['before that, show me some dresses under 100', 'dresses'],
    ['oh and I also need sneakers, any white ones?', 'shoes'],
    ['meanwhile, have you got any scarves?', 'accessories'],
  ])('"%s": searched, the jumper-only return still waiting', async (text, category) => {
    await withOwnStore(async (own) => {
      const chat = new Chat(own, signedIn('c_marcus'));
      await chat.say('I want to return the navy jumper from 28473');
      const r = await chat.say(text);
      expect(toolNames(r)).toEqual(['search_products']);
      expect(callOf(r, 'search_products')?.args).toMatchObject({ category });
      expect(String(callOf(r, 'search_products')?.args.query ?? '')).not.toMatch(/before|meanwhile/);
      expect(r.reply).toMatch(ASKED_AGAIN);
      const yes = await chat.say('yes, go ahead with the return');
      expect(confirmed(yes)[0]?.args).toMatchObject({ orderNumber: '28473', items: ['oi_28473_1'] });
    });
  });

  it('"the chinos too" still adds a piece of that order to the return', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('I want to return the navy jumper from 28473');
    const r = await chat.say('the chinos too');
    expect(callOf(r, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(r.reply).toMatch(/Stone Stretch Chino Trousers/);
  });
});

describe('a fact about the carrier told by the shopper: the order looked up, no change of carrier refused', () => {
  it.each([
    'the app lists dhl as the courier on my order',
    'the order email mentions yodel as carrier',
    'the app shows ups as the carrier for my order',
  ])('"%s": the order looked up', async (text) => {
    const r = await new Chat(store, signedIn('c_marcus')).say(text);
    expect(toolNames(r)).toContain('lookup_order');
    expect(r.reply).not.toMatch(/can't change the carrier/);
  });
});

describe('whether a piece of the shopper own order has come: that order, not the catalogue', () => {
  it.each([
    ['is the jumper delivered? I cannot see it anywhere in the hall', '28473'],
    ["is the tee delivered? I can't see it in the hallway", '28511'],
    ["are the chinos delivered? I can't see them in the lobby", '28511'],
  ])('"%s": order %s looked up, nothing searched', async (text, order) => {
    const r = await new Chat(store, signedIn('c_marcus')).say(text);
    expect(toolNames(r)).not.toContain('search_products');
    expect(toolNames(r)).toContain('lookup_order');
    expect(r.reply).toContain(`#${order}`);
  });
});

describe('a choice settled on the colour of one piece shown: that piece, its size asked', () => {
  it.each([
    ['any hoodies?', 'Black it is then', 'Black Oversized Hoodie'],
    ['show me your coats', 'the camel then', 'Camel Wool Blend Coat'],
    ['show me your coats', 'ok grey it is', 'Grey Wool Blend Coat'],
  ])('"%s" then "%s": %s, no new search', async (first, then, name) => {
    const chat = new Chat(store, anonymous());
    await chat.say(first);
    const r = await chat.say(then);
    expect(toolNames(r)).toEqual([]);
    expect(r.reply).toMatch(new RegExp(`^${name} is in stock in .*Which size would you like\\?$`));
  });

  it('"only the black ones" still narrows the list', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('show me your coats');
    const r = await chat.say('only the black ones');
    expect(callOf(r, 'search_products')?.args).toMatchObject({ colour: 'black' });
  });
});

describe('an order to a work address with nothing placed named, and a person to take over: what was asked', () => {
  it.each(['could I have an order shipped to my workplace', 'can an order be delivered to my work address'])(
    '"%s": the shipping policy, no verification asked',
    async (text) => {
      const r = await new Chat(store, anonymous()).say(text);
      expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'shipping' });
      expect(r.reply).not.toMatch(/email address on your account/);
    },
  );

  it('a person asked to take over after a tangled return: handed over', async () => {
    await withOwnStore(async (own) => {
      const chat = new Chat(own, signedIn('c_marcus'));
      await chat.say('I want to return the navy jumper from 28473');
      await chat.say('the jumper has a hole, the label thing confused me, and the post office sent me away twice');
      const r = await chat.say('can somebody on your side just take over now?');
      expect(toolNames(r)).toEqual(['escalate_to_human']);
      expect(confirmed(r)).toEqual([]);
    });
  });
});
