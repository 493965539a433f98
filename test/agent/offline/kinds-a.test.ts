// Kinds of wrong turn for a signed-in shopper and their own orders (probe Q, fixer-a), one short flow each, end to end
// on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M,
// 28502 shipped with white canvas sneakers, 28511 still processing with navy chinos M and a white crew tee L).
// 1. A yes said with reassurance that has a no in it ("yep, no worries", "sure, no problem, send it"): a yes to the
//    return waiting (core/consent `NO_BOTHER`); "no worries" alone is still asked again.
// 2. A swap the tool refused, tried again in another colour asked as a question of its own after the refusal said back
//    ("oh, no S? and the navy ones in S, possible?"): that swap on its order in the new colour, never a product search
//    (frame-retry.ts reads what follows the first question).
// 3. An order picked from the list just shown by the piece it holds ("the white sneakers one, that already went out",
//    "the one with the navy jumper, what else was in it?"): that order looked up, never a search or the basket
//    (frame-order.ts `pickedFromList`); a piece asked for with a size, or an add the words are sure of, stays a request.
// 4. Where the money of a refund lands, asked further on in a conversation with no refund shown ("my refund, is it going
//    back to my card or my mobile wallet?"): the orders and the rule for refunds beside them (original payment method),
//    not the orders alone nor the returns policy (frame-policy-follow.ts `refundRuleBeside`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOf, Chat, confirmed, openStore, signedIn, toolNames, withOwnStore, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = (s: Store = store) => new Chat(s, signedIn('c_marcus'));
const topics = (r: Awaited<ReturnType<Chat['say']>>) => r.toolCalls.filter((t) => t.name === 'store_policy').map((t) => t.args.topic);

describe('a yes said with "no worries" or "no problem"', () => {
  it.each(['yep, no worries', 'Sure, no problem, send it'])('"%s" to the return of the jumper waiting: the label is made', async (yes) => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      const asked = await chat.say('I want to send back my navy jumper from order 28473');
      expect(callOf(asked, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      const r = await chat.say(yes);
      expect(confirmed(r).map((c) => c.name)).toEqual(['create_return_label']);
    });
  });

  it('"no worries" alone makes no label', async () => {
    const chat = marcus();
    await chat.say('I want to send back my navy jumper from order 28473');
    const r = await chat.say('no worries');
    expect(confirmed(r)).toEqual([]);
  });
});

describe('a refused swap tried again in another colour, asked as a question', () => {
  it.each(['oh no S? what about the navy ones in S, possible?', 'no S?? and in navy, is S possible?'])(
    '"%s" after stone S was sold out: the navy chinos in S swapped on 28473, no search',
    async (again) => {
      const chat = marcus();
      const first = await chat.say("I'd like to swap my stone chinos for a size S");
      expect(first.reply).toMatch(/sold out/);
      const r = await chat.say(again);
      expect(toolNames(r)).not.toContain('search_products');
      const swap = callOf(r, 'exchange_items');
      expect(swap?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      expect(swap?.args.items).toEqual([expect.objectContaining({ colour: 'navy', size: 'S' })]);
      expect(r.reply).toMatch(/Navy Stretch Chino Trousers \(S\)/);
    },
  );
});

describe('an order picked from the list by the piece it holds', () => {
  it.each([
    ['the white sneakers one, that already shipped', '28502'],
    ['the one with the navy jumper, whats in it besides that', '28473'],
  ])('"%s" after the list of orders: that order looked up, no search', async (pick, order) => {
    const chat = marcus();
    await chat.say('can you look at my orders');
    const r = await chat.say(pick);
    expect(toolNames(r)).not.toContain('search_products');
    expect(callOf(r, 'lookup_order')?.args).toEqual({ orderNumber: order });
  });

  it('"add the white canvas sneakers to my cart" after the list: still the catalogue, no order looked up', async () => {
    const chat = marcus();
    await chat.say('can you look at my orders');
    const r = await chat.say('add the white canvas sneakers to my cart');
    expect(toolNames(r)).not.toContain('lookup_order');
  });
});

describe('where the money of a refund lands, asked with no refund shown', () => {
  it.each([
    ['hello there', 'my refund, is it going back to my card or my mobile wallet?'],
    ['hiya, quick one', 'and will my refund end up on my visa or my paypal?'],
  ])('"%s" then "%s": the orders and the rule for refunds beside them, not the returns policy', async (opening, asked) => {
    const chat = marcus();
    await chat.say(opening);
    const r = await chat.say(asked);
    expect(callOf(r, 'lookup_order')).toBeDefined();
    expect(topics(r)).toEqual(['orders']);
    expect(r.reply).toMatch(/Refunds go to the original payment method/);
  });
});
