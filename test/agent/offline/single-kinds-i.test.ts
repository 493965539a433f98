// Kinds of single message a probe of new voices showed the offline model misreading (issue 20,
// probe I) whose fix is a mechanism, not only corpus lines: a piece wanted but not ready for the
// basket, told before a question about delivery or returns, is why the question is asked; "also"
// inside a question ("do you also offer…") starts no new request; an order number given after the
// request ("It was 28473.") is the order meant, not a sign-in; a size chosen ("decided on L") is a
// size; a letter signed "Respectfully, a loyal customer" asks for no person. Every message here is
// written for this file (not from the corpus, its test sets or the probe). End to end on the
// offline model and the demo store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remember } from '../../../src/agent/offline/memory.js';
import { splitRequests } from '../../../src/agent/offline/multi.js';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const policyTopics = (r: Awaited<ReturnType<Chat['say']>>) =>
  r.toolCalls.filter((t) => t.name === 'store_policy').map((t) => (t.args as { topic?: string }).topic);

describe('a piece wanted, told before a question about the terms of buying it', () => {
  it('a gift for a choosy person, then what happens if it goes back: the returns policy, no search, no return proposed', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say(
      'My sister is fussy. I want to get her the grey wool beanie. What happens if she wants to send it back?',
    );
    expect(policyTopics(r)).toContain('returns');
    expect(toolNames(r)).not.toContain('search_products');
    expect(toolNames(r)).not.toContain('create_return_label');
    expect(r.reply).toMatch(/30 days|return/i);
  });

  it('the piece wanted and where the shopper lives, then how long delivery takes: the delivery times, no product list', async () => {
    const r = await new Chat(store, anonymous()).say(
      "I want to get the white oxford shirt. I'm in Seattle. How long does standard delivery take?",
    );
    expect(policyTopics(r)).toContain('shipping');
    expect(toolNames(r)).not.toContain('search_products');
    expect(r.reply).toMatch(/business days/);
  });

  it('a piece asked into the basket with its size stays a request of its own beside the delivery question', async () => {
    const r = await new Chat(store, anonymous()).say('Add the sage linen wrap dress in M to my basket. How long does delivery take?');
    expect(toolNames(r)).toContain('add_to_cart');
    expect(policyTopics(r)).toContain('shipping');
  });
});

describe('"also" inside a question', () => {
  const nothingBefore = remember([]);

  it('"do you also offer…" is one request; "also" between two requests still cuts', () => {
    expect(
      splitRequests('My last order came by standard post; do you also offer an express service for rush orders?', nothingBefore),
    ).toHaveLength(1);
    expect(splitRequests('where is order 28502? also do you sell wool beanies', nothingBefore)).toHaveLength(2);
  });

  it('a letter asking whether faster delivery exists gets the delivery options, not a refusal', async () => {
    const r = await new Chat(store, anonymous()).say(
      'Dear Tailor team, my earlier parcel came by the normal service; can you also deliver faster when it is urgent? Best regards, Ann',
    );
    expect(policyTopics(r)).toContain('shipping');
    expect(r.reply).toMatch(/express/i);
    expect(r.reply).not.toMatch(/can only help with shopping|outside what I can/);
  });
});

describe('an order number given after the request', () => {
  it('"It was 28511." names the order a refund check is about; a signed-in shopper is not asked to verify', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say(
      "I stopped an order this morning because the colour was wrong, and I was told the money would come back. Could you make sure that's under way? It was 28511.",
    );
    expect(r.reply).not.toMatch(/can't verify or switch accounts/);
    // The order named is the one looked up, not every recent order listed beside it.
    expect(r.toolCalls.filter((t) => t.name === 'lookup_order').map((t) => (t.args as { orderNumber?: string }).orderNumber)).toEqual([
      '28511',
    ]);
    expect(r.reply).not.toMatch(/most recent orders/);
    expect(toolNames(r)).not.toContain('cancel_order');
    expect(toolNames(r)).not.toContain('create_return_label');
    expect(r.reply).toMatch(/28511/);
  });
});

describe('a size chosen', () => {
  it('"settled on L for the …" puts the piece in the basket in L, without asking the size', async () => {
    const r = await new Chat(store, anonymous()).say("I've settled on L for the sage linen wrap dress, please add it");
    const add = r.toolCalls.find((t) => t.name === 'add_to_cart');
    expect(add).toBeDefined();
    expect(JSON.stringify(add!.args)).toMatch(/"L"/);
    expect(r.reply).not.toMatch(/which size/i);
  });
});

describe('an email named in passing beside a request that needs no account', () => {
  it('"my account is …" before a question about couriers is context: the shipping answer, no verification asked', async () => {
    const r = await new Chat(store, anonymous()).say(
      "Odd question. I'm travelling for work this week. My account is nia@example.com. Which couriers do you use, and can you deliver to a locker?",
    );
    expect(policyTopics(r)).toContain('shipping');
    expect(r.reply).not.toMatch(/confirm it's you|order numbers?/);
  });

  it('an identity with an order number, before a request about that order, is still verified first', async () => {
    const r = await new Chat(store, anonymous()).say("I'm marcus@example.com, order 28473. Then I'd like to return the chinos.");
    expect(toolNames(r)).toContain('verify_customer');
  });
});

describe('a letter signed with a description instead of a name', () => {
  it('"Respectfully, a loyal customer" under a status question asks for no person', async () => {
    const r = await new Chat(store, anonymous()).say(
      'To the support team: I ordered a coat two weeks ago and it has not come. Please tell me where it is. Respectfully, a loyal customer',
    );
    expect(toolNames(r)).not.toContain('escalate_to_human');
    expect(r.reply).toMatch(/confirm it's you/);
  });
});
