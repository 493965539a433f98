// Kinds of turn the offline assistant got wrong on probe J (issue 20, fixer J), one short flow each, end to end on the
// offline model and the demo store (Marcus signed in, Sarah for a return whose order is asked: 28473 delivered with a navy merino jumper L and stone chinos M,
// 28502 on its way, 28511 still processing): the cost of the swap waiting asked with why the shopper asks; "is that
// working days?" right after a refund shown; "can I still send X back?" with how long the shopper has had it; where to
// hand the parcel in while "which order would you like to return?" waits; an answer acknowledged in slang; how to send
// back the piece a swap just made gives up; the sizes of a swap told in a clause of their own; "send me a new pair, same
// size" right after a fault told; a story's "they" and "she" are no search words. Phrasings are this file's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAYS } from '../../../src/eval/actions/acceptance.js';
import { Chat, openStore, signedIn, toolNames, type Store, callOf, type Said } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const topics = (r: Said) => r.toolCalls.filter((t) => t.name === 'store_policy').map((t) => t.args.topic);

/** A flow on a store of its own (it makes or proposes changes the other flows must not see). */
async function withOwnStore(run: (chat: Chat) => Promise<void>): Promise<void> {
  const own = await openStore();
  try {
    await run(new Chat(own, signedIn('c_marcus')));
  } finally {
    own.dispose();
  }
}

describe('a question while something waits, answered from the rule that covers it', () => {
  it('the cost of the swap waiting, asked with why the shopper asks: the rule for exchanges, the swap asked again', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const asked = await chat.say('please swap the navy jumper from 28473 for an XL');
    expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    const side = await chat.say('one more thing, any cost to me for that swap? need it for my expense report');
    expect(toolNames(side)).toEqual(['store_policy']);
    expect(side.reply).toMatch(/no charge/i);
    expect(side.reply).toMatch(/exchange for order #28473: shall I still go ahead/i);
    expect(side.reply).not.toMatch(/express takes/i);
  });

  it('"is that working days?" right after a refund shown: the rule for refunds, not delivery times', async () => {
    await withOwnStore(async (chat) => {
      await chat.say('please cancel order 28511');
      const done = await chat.say('yes please');
      expect(callOf(done, 'cancel_order')?.args).toMatchObject({ confirm: true });
      const days = await chat.say('are those weekdays only, or do saturdays count as well?');
      expect(topics(days)).toContain('orders');
      expect(topics(days)).not.toContain('shipping');
      expect(days.reply).toMatch(/refunded within 3 business days/i);
      expect(days.reply).not.toMatch(/express takes/i);
    });
  });

  it('where to hand the parcel in while "which order would you like to return?" waits: the returns policy, no list again', async () => {
    const chat = new Chat(store, signedIn('c_sarah'));
    const which = await chat.say("I'd like to send a dress back");
    expect(which.reply).toMatch(/Which order would you like to return\?/);
    const side = await chat.say('hold on, where do I take the parcel to? any post office?');
    expect(toolNames(side)).toEqual(['store_policy']);
    expect(callOf(side, 'store_policy')?.args).toMatchObject({ topic: 'returns' });
    expect(side.reply).toMatch(/label/i);
    expect(side.reply).not.toMatch(/most recent orders/i);
  });
});

describe('whether a piece of one’s own can still go back, asked with how long the shopper has had it', () => {
  it('looks its order up, says until when, offers the return and proposes nothing', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const asked = await chat.say('can I still send the chinos back, only had them since last weekend');
    expect(toolNames(asked)).toContain('lookup_order');
    expect(callOf(asked, 'create_return_label')).toBeUndefined();
    expect(asked.reply).toMatch(/Stone Stretch Chino Trousers \(M\) came in order #28473/);
    expect(asked.reply).toMatch(/send it back until \d{4}-\d{2}-\d{2}/);
    expect(asked.reply).toMatch(/Shall I start its return from order #28473\?/);
  });
});

describe('an answer acknowledged in slang', () => {
  it('radio talk signing off after an order shown is a goodbye, never a basket change or declined as off-topic', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('has 28502 left the warehouse yet?');
    const ack = await chat.say('copy that, over and out');
    expect(ack.toolCalls).toEqual([]);
    expect(ack.reply).not.toMatch(SAYS.outOfScope);
    expect(ack.reply).not.toMatch(/colleague/i);
  });

  it('courtesy in words the model is unsure of, after an answer, is taken as thanks ("10-4 pal")', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('what are your delivery options?');
    const ack = await chat.say('10-4 pal');
    expect(ack.toolCalls).toEqual([]);
    expect(ack.reply).not.toMatch(SAYS.outOfScope);
    expect(ack.reply).not.toMatch(/I want to get this right/);
  });
});

describe('a swap: its sizes, and the piece it gives up', () => {
  it('the sizes told in a clause of their own are the swap’s: the wanted size swapped, nothing searched', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const asked = await chat.say("I'd like to exchange the navy jumper from order 28473. The L hangs off me like a tent; M, please.");
    expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: [{ size: 'M' }] });
    expect(callOf(asked, 'search_products')).toBeUndefined();
    expect(callOf(asked, 'add_to_cart')).toBeUndefined();
  });

  it('how to send back the piece a swap just gave up: the returns policy, no new return proposed', async () => {
    await withOwnStore(async (chat) => {
      await chat.say('please exchange the stone chinos from 28473 for size L');
      const done = await chat.say('yes, go ahead');
      expect(callOf(done, 'exchange_items')?.args).toMatchObject({ confirm: true });
      const how = await chat.say('and the pair I am giving up, how does that get back to you?');
      expect(callOf(how, 'create_return_label')).toBeUndefined();
      expect(topics(how)).toContain('returns');
      expect(how.reply).not.toMatch(/Navy Merino/);
    });
  });
});

describe('the same piece again, right after a fault told', () => {
  it('"send me another pair, same size" takes up the faulty piece (its return), not the size chart or the order again', async () => {
    await withOwnStore(async (chat) => {
      await chat.say('Pulled the stone chinos on this morning and a seam by the knee has already split. Gutted, honestly.');
      const again = await chat.say('Can you send me another pair then, same size?');
      expect(callOf(again, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', items: ['oi_28473_2'] });
      expect(topics(again)).not.toContain('sizing');
      expect(callOf(again, 'reorder')).toBeUndefined();
      expect(again.reply).not.toMatch(/don't have reliable information/i);
    });
  });

  it('near miss: another size asked for after the fault is a swap to that size', async () => {
    await withOwnStore(async (chat) => {
      await chat.say('Pulled the stone chinos on this morning and a seam by the knee has already split. Gutted, honestly.');
      const swap = await chat.say('could you send them in an L instead?');
      expect(callOf(swap, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', items: [{ size: 'L' }] });
    });
  });
});

describe('who has or wears a piece is no search word', () => {
  it('"she also wants a scarf, grey if they have one" beside a return searches scarves, not "they"', async () => {
    await withOwnStore(async (chat) => {
      const r = await chat.say(
        'The stone chinos from 28473 pinch at the waist, they need to go back. She also wants a scarf, grey if they have one.',
      );
      const search = callOf(r, 'search_products');
      expect(search?.args).toMatchObject({ colour: 'grey', category: 'accessories' });
      expect(String(search?.args.query)).not.toMatch(/\b(they|she|her)\b/);
      expect(r.reply).not.toMatch(/nothing matching "(they|she)/i);
    });
  });
});
