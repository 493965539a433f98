// Kinds of message a probe of new voices (issue 20, probe J) showed the offline model misreading, on the shop's
// side (no account needed): "do you carry <a piece>" is a search for it; delivery speeds asked without the word
// delivery; after the returns policy, who pays to send a piece back, when the window starts, and how to start
// one; what the assistant does, asked as a command; a sports result; waterproofing asked as the weather; a
// colour given with the piece it must go with. Every message here is written for this file (not from the
// corpus, its test sets or the probe). End to end on the offline model and the demo store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, callOf, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

type Response = Awaited<ReturnType<Chat['say']>>;
const policyTopics = (r: Response) => r.toolCalls.filter((t) => t.name === 'store_policy').map((t) => (t.args as { topic?: string }).topic);
const searches = (r: Response) =>
  r.toolCalls.filter((t) => t.name === 'search_products').map((t) => t.args as { category?: string; colour?: string; query?: string });
const ASKS_TO_VERIFY = /confirm it'?s you|email address on your account/i;
const CLARIFIES = /I want to get this right|Just so I get it right/i;

describe('"do you sell / carry <a piece>" is a search for it', () => {
  it.each([
    ['does your shop happen to sell tote bags?', 'accessories'],
    ['you carry any ankle boots?', 'shoes'],
    ['is a leather jacket something you stock', 'outerwear'],
  ])('%s → a search in its category, not the shop description', async (message, category) => {
    const r = await new Chat(store, anonymous()).say(message);
    expect(searches(r).map((s) => s.category)).toContain(category);
    expect(policyTopics(r)).not.toContain('general');
  });

  it('the range of the shop as a whole, no piece named, is still the shop description', async () => {
    const r = await new Chat(store, anonymous()).say('Is it only clothing you sell, or other kinds of things as well?');
    expect(policyTopics(r)).toContain('general');
    expect(toolNames(r)).not.toContain('search_products');
  });
});

describe('delivery speeds asked without the word delivery', () => {
  it.each(['Is there a quicker service than the normal one?', 'Do you do an express option at all, and what is the cost?'])(
    '%s → the delivery options',
    async (message) => {
      const r = await new Chat(store, anonymous()).say(message);
      expect(policyTopics(r)).toContain('shipping');
      expect(toolNames(r)).not.toContain('search_products');
      expect(r.reply).toMatch(/express/i);
    },
  );

  it('after the delivery options, the fastest one and its price in a few words: the options again, no clarifying question', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('Where do you deliver to?');
    const r = await chat.say('and the speediest one, how much is that?');
    expect(policyTopics(r)).toContain('shipping');
    expect(r.reply).not.toMatch(CLARIFIES);
    expect(r.reply).toMatch(/\$14\.95|express/i);
  });
});

describe('follow-ups after the returns policy', () => {
  it('who pays to send a piece back, said with "back": the returns policy (returns are free), not the delivery prices', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('what is your policy on sending things back?');
    const r = await chat.say('and mailing it back to you, is that on my dime?');
    expect(policyTopics(r)).toContain('returns');
    expect(r.reply).toMatch(/returns are free/i);
  });

  it('when the return window starts counting: the returns policy (days of delivery)', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('how long do I get to return a dress?');
    const r = await chat.say('are those days counted from the day I placed the order or the day it turned up?');
    expect(policyTopics(r)).toContain('returns');
    expect(r.reply).toMatch(/30 days of delivery/);
  });

  it('how to start one, right after being told how returns work: the return begun (an anonymous shopper signs in first)', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say("I've got a top from you that doesn't suit me, can it still go back?");
    const r = await chat.say('ok great, so how would I get one going?');
    expect(r.reply).toMatch(ASKS_TO_VERIFY);
    expect(r.reply).not.toMatch(/tell me the piece and your size/i);
  });

  it('signed in, the same question looks up the orders to choose the one to return', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const first = await chat.say('what are the rules for returning stuff?');
    const r = await chat.say('fine, so how do I kick one off?');
    // The orders are looked up now, or were beside the policy (the question read as asking), and the one returnable proposed.
    if (toolNames(first).includes('lookup_order')) expect(callOf(r, 'create_return_label')?.args).toMatchObject({ confirm: false });
    else expect(toolNames(r)).toContain('lookup_order');
  });

  it('near-miss: a piece to buy named after the returns policy is how ordering works, not a return', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('what is your returns policy?');
    const r = await chat.say('good, so how do I order the sage linen wrap dress then?');
    expect(r.reply).not.toMatch(ASKS_TO_VERIFY);
  });
});

describe('what the assistant does, asked as a command', () => {
  it.each(['Spell out what you are able to do.', 'Run me through your functions.'])(
    '%s → what it can do, not a refusal',
    async (message) => {
      const r = await new Chat(store, anonymous()).say(message);
      expect(r.reply).toMatch(/\bI can\b/);
      expect(r.reply).not.toMatch(/can only help with shopping|outside what I can/);
    },
  );
});

describe('a sports result', () => {
  it.each(['who took the title in the formula one race yesterday?', 'what did the giants score last night'])(
    '%s → declined honestly, no clarifying question, no tool',
    async (message) => {
      const r = await new Chat(store, anonymous()).say(message);
      expect(r.reply).not.toMatch(CLARIFIES);
      expect(r.toolCalls).toHaveLength(0);
    },
  );
});

describe('waterproofing asked as the weather a piece must stand', () => {
  it('a rain jacket shown, "will it hold up in heavy rain?": yes, it is waterproof, from its page', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('show me your rain jackets');
    const r = await chat.say('would the navy one hold up in heavy rain?');
    expect(toolNames(r)).toContain('get_product');
    expect(r.reply).toMatch(/Navy Lightweight Rain Jacket is waterproof/);
  });

  it('a piece whose page does not say so: the page does not say whether it is waterproof (no invented yes)', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('do you have a trench coat?');
    const r = await chat.say('does the beige one keep you dry in a storm?');
    expect(r.reply).toMatch(/don't say whether it is waterproof/);
    expect(r.reply).not.toMatch(/Yes, .* is waterproof/);
  });
});

describe('a colour given with the piece it must go with', () => {
  it('after belts are shown, "brown, to go with my boots" narrows the belts, not a search for boots', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('have you got any belts?');
    const r = await chat.say('brown, to go with my boots');
    const last = searches(r).at(-1);
    expect(last?.colour).toBe('brown');
    expect(last?.category).toBe('accessories');
  });

  it('the piece sought and the one it pairs with in one message: the sought piece only', async () => {
    const r = await new Chat(store, anonymous()).say('I need a scarf to wear with my grey coat');
    const last = searches(r).at(-1);
    expect(last?.category).toBe('accessories');
    expect(last?.colour).not.toBe('grey');
  });
});

describe('the site search said to find nothing for a piece', () => {
  it('"returns" is the search\'s verb, not a return: the piece is searched, nothing about orders', async () => {
    const r = await new Chat(store, anonymous()).say(
      'The search on your website returns nothing when I look for trench coats. Have you got one in beige?',
    );
    expect(searches(r).map((s) => s.category)).toContain('outerwear');
    expect(r.reply).not.toMatch(ASKS_TO_VERIFY);
  });
});

describe('a variant of what is sought, turned down', () => {
  it('"merino, not a merino mix": merino stays sought, only the mix is excluded', async () => {
    const r = await new Chat(store, anonymous()).say("I'm after a jumper. Merino please, not a merino mix.");
    const last = searches(r).at(-1) as { exclude?: string[]; query?: string } | undefined;
    expect(last?.exclude ?? []).not.toContain('merino');
    expect(r.reply).toMatch(/Merino/);
  });
});

describe('after a hand-over, when someone will answer', () => {
  it('"how soon will somebody get back to me?" is when the people answer, not the returns policy', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('put me through to an actual person please');
    const r = await chat.say('ok, and how soon will somebody get back to me on this?');
    expect(policyTopics(r)).not.toContain('returns');
    expect(r.reply).toMatch(/8 am–8 pm|support/i);
  });
});

describe('an add said in a hurry not to reconsider', () => {
  it('one piece shown, "into my cart before I get cold feet": that piece added, not a basket change', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('have you got a grey beanie?');
    const r = await chat.say('right, into my cart with it before I get cold feet');
    expect(toolNames(r)).toContain('add_to_cart');
    expect(r.reply).toMatch(/Grey Wool Beanie/);
  });
});
