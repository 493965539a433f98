// A follow-up question that opens with a connective or a thank-you ("and roughly how long…", "ok so
// when…", "Thanks very much. And when…") asks, whatever its opening words (issue 20, the act corpus
// made consistent): the act head reads it as asking, its told near-misses ("and the money came back
// on tuesday") as context; and end to end such a follow-up about timing or money is answered, never
// taken for a thank-you. Sentences written for this file, none of them in the act corpus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asks } from '../../../src/agent/offline/focus.js';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('the act head: a question led by a connective or a courtesy asks, its told twin does not', () => {
  it.each([
    'And roughly how many days until the refund reaches my bank?',
    'ok so what date does the money come back',
    'Thanks very much. And when does the credit show on my card?',
    'right, and how long will the courier take',
    'so is the postage taken off the refund',
    'cheers, and where does the money end up if my card has expired',
    'also, by when do I have to get the parcel back to you',
    'perfect thanks, so which day should the parcel come',
    'ok brilliant, and when do my points get added',
    'many thanks, and by which date should it reach my sister',
  ])('asks: "%s"', (text) => {
    expect(asks(text)).toBe(true);
  });

  it.each([
    'and the money came back to my card on tuesday',
    "ok so I paid for it with my partner's card",
    'thanks, the refund showed up this morning',
    'then my sister lent me her coat for the trip',
    'so the swap went out on friday',
  ])('tells: "%s"', (text) => {
    expect(asks(text)).toBe(false);
  });
});

describe('end to end: the follow-up is answered, not thanked', () => {
  it('after a cancellation, "Lovely, thank you. So roughly how many days…?" gives the refund and the rule for refunds', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('please cancel order 28511');
    const done = await chat.say('yes');
    expect(done.toolCalls.at(-1)).toMatchObject({ name: 'cancel_order', args: { confirm: true }, ok: true });
    const when = await chat.say('Lovely, thank you. So roughly how many days before that lands back on my card?');
    expect(toolNames(when)).toEqual(['lookup_order', 'store_policy']);
    expect(when.reply).toMatch(/original payment method/);
    own.dispose();
  });

  it('a greeting and thanks, then "Ok so how long does a refund normally take…?" gets the refund timing', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say(
      'Hello again, and thanks for the help with my return last week. Ok so how long does a refund normally take to reach the card?',
    );
    expect(toolNames(r)).toEqual(['store_policy']);
    expect(r.reply).toMatch(/business days/);
  });

  it('"great, thanks. and roughly how many days would that take?" after the shipping rules gives the delivery times', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('do you ship to canada?');
    const r = await chat.say('great, thanks. and roughly how many days would that take?');
    expect(r.toolCalls).toEqual([expect.objectContaining({ name: 'store_policy', args: { topic: 'shipping' } })]);
    expect(r.reply).toMatch(/business days/);
  });

  it('a long thank-you, then "Right, and is return postage free or do I pay for it?" gets the returns policy', async () => {
    const chat = new Chat(store, anonymous());
    const r = await chat.say(
      'Thanks so much for the quick replies earlier, you have been great. Right, and is return postage free or do I pay for it?',
    );
    expect(r.toolCalls).toEqual([expect.objectContaining({ name: 'store_policy', args: { topic: 'returns' } })]);
    expect(r.reply).toMatch(/free/i);
  });
});
