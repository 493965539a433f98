// Review N (this session's change): plan-talk.ts `proposeAgain` makes the proposal waiting again whenever the reply
// head reads a go-ahead that core/consent does not take. A go-ahead that names another action ("yes, return it" to a
// cancellation) is refused by core/consent for naming something else, and the head still reads "yes": the
// cancellation comes back with its Confirm button, as if the shopper had agreed to it, and the return asked for is
// lost. Nothing runs (core/consent), but the shopper is shown the wrong proposal to confirm. Needs the reply head
// (data/nlu/model.json once retrained, or TAILOR_NLU_MODEL): without it the rules ask again in words and this passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, openStore, signedIn, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('review N: a go-ahead naming another action is no go-ahead to the proposal waiting', () => {
  it.each(['yes, return it', 'ok, return them instead'])(
    'a cancellation of 28511 waiting, "%s" does not put the cancellation up again',
    async (text) => {
      const own = await openStore();
      try {
        const chat = new Chat(own, signedIn('c_marcus'));
        const proposed = await chat.say('I want to cancel order 28511');
        expect(proposed.toolCalls.at(-1)).toMatchObject({ name: 'cancel_order', args: { confirm: false } });
        const r = await chat.say(text);
        expect(r.toolCalls.filter((c) => c.name === 'cancel_order')).toEqual([]);
        expect(r.reply).not.toMatch(/I can cancel order #28511/);
      } finally {
        own.dispose();
      }
    },
  );
});
