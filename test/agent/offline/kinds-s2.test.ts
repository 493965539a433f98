// Kinds of failure of signed-in shoppers (fixer-s2, probe sets J, K, M, O, Q), one short flow each, end to end on the
// offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M, 28502
// shipped with white sneakers): a question about the proposal waiting with a refusal word used as a noun in it ("at no
// charge", "a bus stop") keeps the proposal waiting, so the yes after it acts; the items of the order just shown asked
// to go somewhere else ("can they go to my work instead?") is a change of address, not the shipping policy or a swap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClearNo } from '../../../src/core/index.js';
import { Chat, callOf, confirmed, openStore, signedIn, withOwnStore, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = (own?: Store) => new Chat(own ?? store, signedIn('c_marcus'));

describe('a refusal word used as a noun inside a question refuses nothing', () => {
  it('the consent reader: "at no charge", "no fee", "any bus stop" in a question are no refusal; "no, why?" still is', () => {
    expect(isClearNo('and the new pair goes out at no charge, right?')).toBe(false);
    expect(isClearNo('so there is no fee taken off?')).toBe(false);
    expect(isClearNo('will any bus stop locker take the parcel?')).toBe(false);
    expect(isClearNo('no, why?')).toBe(true);
    expect(isClearNo('ok no, what else is there?')).toBe(true);
    expect(isClearNo('stop. can I think about it?')).toBe(true);
  });

  it('a swap proposed, "is the new size sent at no charge?", then "fine, proceed": the swap is made', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      const asked = await chat.say('could I swap the stone chinos from 28473 for an L please');
      expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      const question = await chat.say('one thing first - is the new size sent at no charge, or do I pay for it?');
      expect(question.reply).toMatch(/shall I still go ahead/i);
      const yes = await chat.say('fine, proceed');
      expect(confirmed(yes).map((c) => c.name)).toEqual(['exchange_items']);
    });
  });
});

describe('the pieces of the order just shown asked to go somewhere else', () => {
  it('"can they go to my work instead?" after the shipped sneakers are shown: their address change, not the shipping policy', async () => {
    const chat = marcus();
    await chat.say('where are my sneakers, order 28502?');
    const moved = await chat.say('ah ok. could they come to my work instead of home?');
    expect(callOf(moved, 'change_shipping_address')?.args).toMatchObject({ orderNumber: '28502' });
    expect(callOf(moved, 'store_policy')).toBeUndefined();
    expect(callOf(moved, 'exchange_items')).toBeUndefined();
  });
});
