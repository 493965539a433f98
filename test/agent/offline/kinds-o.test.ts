// Kinds of turn the offline assistant got wrong on probes J, K and O (issue 20, fixer O), one short flow each, end to
// end on the offline model and the demo store (Marcus signed in: 28473 delivered with a navy merino jumper L and stone
// chinos M, 28502 on its way, 28511 still processing until a flow cancels it on a store of its own; Sarah's 28289 with
// ankle boots). A plea that names nothing ("please check") is more of the request before it; a present only planned
// still gets the returns policy, no sign-in asked; the free-delivery threshold, a missed
// delivery and the support hours in the shopper's words; "I'm after …, size L" is a search; which days a count covers,
// in learner English, right after a refund shown; a preference for how the money comes back, told beside the question.
// Phrasings are this file's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Chat, openStore, signedIn, toolNames, type Store, callOf, type Said } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const topics = (r: Said) => r.toolCalls.filter((t) => t.name === 'store_policy').map((t) => t.args.topic);

/** A flow on a store of its own where 28511 was cancelled, its refund on its way. */
async function afterCancelling(run: (chat: Chat) => Promise<void>): Promise<void> {
  const own = await openStore();
  try {
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('please cancel order 28511');
    const done = await chat.say('yes please');
    expect(callOf(done, 'cancel_order')?.args).toMatchObject({ confirm: true });
    await run(chat);
  } finally {
    own.dispose();
  }
}

describe('a plea that names nothing is more of the request before it', () => {
  it.each([
    'order 28511 got cancelled on monday, refund still not showing. Please check',
    'Hello, order 28511 was cancelled but I see no refund on my card. Kindly check',
  ])('"%s": the refund of 28511 answered, no basket looked at', async (message) => {
    await afterCancelling(async (chat) => {
      const asked = await chat.say(message);
      expect(callOf(asked, 'lookup_order')?.args).toMatchObject({ orderNumber: '28511' });
      expect(toolNames(asked)).not.toContain('view_cart');
      expect(asked.reply).toMatch(/being refunded/i);
      expect(asked.reply).not.toMatch(/cart is empty/i);
    });
  });
});

describe('a shopper not signed in asks about returns for a present', () => {
  it('a gift only planned ("the jumper I mean to buy him") is still the returns policy, no sign-in asked', async () => {
    const chat = new Chat(store, anonymous());
    const asked = await chat.say('What is your returns policy for presents? My nephew may not like the jumper I mean to buy him.');
    expect(callOf(asked, 'store_policy')?.args).toMatchObject({ topic: 'returns' });
    expect(asked.reply).not.toMatch(/email address on your account/i);
  });
});

describe('the shop’s rules asked in the shopper’s own words', () => {
  it.each([['until what time is a person on your help desk?', 'general', /support/i]])(
    '"%s": the %s policy',
    async (message, topic, says) => {
      const chat = new Chat(store, anonymous());
      const asked = await chat.say(message);
      expect(topics(asked)).toContain(topic);
      expect(toolNames(asked)).not.toContain('view_cart');
      expect(asked.reply).toMatch(says);
    },
  );
});

describe('right after a refund shown, a question about it in the shopper’s own words', () => {
  it('which days the count covers, in learner English: the rule for refunds, not delivery times', async () => {
    await afterCancelling(async (chat) => {
      await chat.say('has the money for 28511 come back yet?');
      const days = await chat.say('the 3 day, weekend is counted or no?');
      expect(topics(days)).toContain('orders');
      expect(days.reply).toMatch(/refunded within 3 business days/i);
      expect(days.reply).not.toMatch(/express takes/i);
    });
  });
});

// Anonymous shoppers, probes O and singles (fixer-o, second round): one piece shown, then taken in a verb the corpus
// never showed; a fault told with a piece the shopper has, then "can it go back?" (the return wanted, so signing in
// first and the return proposed once verified); "let me order …" is a request, not a purchase told; a check that a
// living person is there at all is a person asked for, not a search.
describe('an anonymous shopper takes the one piece shown, in a verb of their own', () => {
  it.each(['Transport one to my basket.', 'Fax one to my basket.'])(
    '"%s" after one black turtleneck in M shown: it is added',
    async (message) => {
      const chat = new Chat(store, anonymous());
      await chat.say('Have you got a red turtleneck?');
      const shown = await chat.say('Black then, in medium.');
      expect(shown.reply).toMatch(/Black Fitted Turtleneck/);
      const added = await chat.say(message);
      expect(callOf(added, 'add_to_cart')).toBeDefined();
      expect(toolNames(added)).not.toContain('view_cart');
      expect(added.reply).toMatch(/added Black Fitted Turtleneck/);
    },
  );
});

describe('a fault told with a piece the shopper has, then whether it can go back', () => {
  it('signing in is asked first, and once verified the return of that piece is proposed', async () => {
    const chat = new Chat(store, anonymous());
    const asked = await chat.say(
      "Hi, I got ankle boots from you about a week ago and they pinch my toes numb when I'm on my feet at the till all day. Can I send them back?",
    );
    expect(asked.reply).toMatch(/email address on your account/i);
    const verified = await chat.say('sarah@example.com, 28289');
    expect(callOf(verified, 'create_return_label')?.args).toMatchObject({ orderNumber: '28289', confirm: false });
    expect(verified.reply).toMatch(/Ankle Boots/);
  });
});

describe('"let me buy …" asks for the piece', () => {
  it('"let me buy 4 pairs of tights": looked for, no "you\'re welcome"', async () => {
    const r = await new Chat(store, anonymous()).say('let me buy 4 pairs of tights');
    expect(toolNames(r)).toContain('search_products');
    expect(r.reply).not.toMatch(/welcome/i);
  });
});

describe('whether a living person is there at all', () => {
  it('"is anybody here? a real one?" hands over to a person, no product search', async () => {
    const r = await new Chat(store, anonymous()).say('is anybody here? a real one?');
    expect(toolNames(r)).not.toContain('search_products');
    expect(callOf(r, 'escalate_to_human')).toBeDefined();
  });
});
