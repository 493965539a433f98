// Kinds of failure on the turns of a signed-in shopper after a proposal (probe O, issue 20), one short flow each, end
// to end on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos
// M, 28511 still processing). A go-ahead in the shopper's own words that core/consent does not take as a yes (a word it
// does not know, a hedge) gets the proposal back, made again without confirm so its Confirm button shows, and a clear
// question; never an action, never words alone. A yes on a condition gets the same, saying the condition is not checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, callOf, confirmed, openStore, signedIn, toolNames, withOwnStore, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = (own?: Store) => new Chat(own ?? store, signedIn('c_marcus'));
const AGAIN = /Reply yes \(or press Confirm\)/;

describe('a go-ahead in the shopper’s own words that core/consent does not take: the proposal made again', () => {
  it('a swap waiting, "Bingo. Chalk it up.": the swap proposed again (confirm: false), nothing done, then "yes" makes it', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      const asked = await chat.say('could I exchange the navy jumper from 28473 for an XL');
      expect(callOf(asked, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      const own1 = await chat.say('Bingo. Chalk it up.');
      expect(confirmed(own1)).toEqual([]);
      expect(toolNames(own1)).toEqual(['exchange_items']);
      expect(callOf(own1, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      expect(own1.reply).toMatch(/Navy Merino Crew-Neck Jumper \(L\) for Navy Merino Crew-Neck Jumper \(XL\)/);
      expect(own1.reply).toMatch(AGAIN);
      const yes = await chat.say('yes');
      expect(callOf(yes, 'exchange_items')?.args.confirm).toBe(true);
      expect(callOf(yes, 'exchange_items')?.ok).toBe(true);
    });
  });

  it('a return waiting, "Lovely jubbly, rubber-stamp it": the return label proposed again, not made', async () => {
    const chat = marcus();
    const asked = await chat.say('the stone chinos from 28473 have to go back, they are too tight');
    expect(callOf(asked, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    const own1 = await chat.say('Lovely jubbly, rubber-stamp it');
    expect(confirmed(own1)).toEqual([]);
    expect(callOf(own1, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(own1.reply).toMatch(/return label for order #28473/);
    expect(own1.reply).toMatch(AGAIN);
  });

  it('a cancellation waiting, "I reckon so, yep": a hedged yes, the cancellation proposed again, not made', async () => {
    const chat = marcus();
    const asked = await chat.say('please cancel order 28511, I ordered the wrong things');
    expect(callOf(asked, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
    const own1 = await chat.say('I reckon so, yep.');
    expect(confirmed(own1)).toEqual([]);
    expect(callOf(own1, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
    expect(own1.reply).toMatch(/cancel order #28511/);
    expect(own1.reply).toMatch(AGAIN);
  });

  it('a yes on a condition ("yep, provided the courier comes to me for free"): proposed again, the condition not promised', async () => {
    const chat = marcus();
    await chat.say('the navy jumper from 28473 needs to go back');
    const cond = await chat.say('yep, provided the courier collects it from me for free');
    expect(confirmed(cond)).toEqual([]);
    expect(callOf(cond, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(cond.reply).toMatch(/can't check or promise that condition/);
    expect(cond.reply).toMatch(AGAIN);
  });

  it('a go-ahead in one word the lexicon lacks but the reply head knows ("Wilco."): not "didn’t catch that", the swap again', async () => {
    const chat = marcus();
    await chat.say('could I exchange the navy jumper from 28473 for an XL');
    const one = await chat.say('Wilco.');
    expect(confirmed(one)).toEqual([]);
    expect(callOf(one, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
    expect(one.reply).not.toMatch(/didn't catch/i);
    expect(one.reply).toMatch(AGAIN);
  });

  it('a no that is not plain ("hmm, not so sure now") is no go-ahead: asked again in words, nothing proposed', async () => {
    const chat = marcus();
    await chat.say('the navy jumper from 28473 needs to go back');
    const unsure = await chat.say('hmm, not so sure now');
    expect(confirmed(unsure)).toEqual([]);
    expect(callOf(unsure, 'create_return_label')).toBeUndefined();
  });
});

describe('a no with another size for the swap waiting: that swap, resized, not withdrawn', () => {
  const RESIZED = /Navy Merino Crew-Neck Jumper \(L\) for Navy Merino Crew-Neck Jumper \(M\)/;

  it('"Correction: M, not XL." to a swap to XL proposes the swap to M', async () => {
    const chat = marcus();
    await chat.say('could I exchange the navy jumper from 28473 for an XL');
    const fix = await chat.say('Correction: M, not XL.');
    expect(confirmed(fix)).toEqual([]);
    expect(callOf(fix, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: [{ size: 'M' }] });
    expect(fix.reply).toMatch(RESIZED);
  });

  it('"hang on, M not XL" (a withdrawal as core/consent reads it) proposes the swap to M, not "nothing was changed"', async () => {
    const chat = marcus();
    await chat.say('could I exchange the navy jumper from 28473 for an XL');
    const fix = await chat.say('hang on, M not XL');
    expect(callOf(fix, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false, items: [{ size: 'M' }] });
    expect(fix.reply).toMatch(RESIZED);
  });

  it('"no, not the XL" names only the size waiting: no new swap proposed', async () => {
    const chat = marcus();
    await chat.say('could I exchange the navy jumper from 28473 for an XL');
    const no = await chat.say('no, not the XL');
    expect(confirmed(no)).toEqual([]);
    expect(callOf(no, 'exchange_items')).toBeUndefined();
  });
});

describe('a cancellation in slang verbs, the order named by when it was placed', () => {
  it.each(['ditch the order I did this morning, turns out I do not need it', 'can you nix the order I put through earlier?'])(
    '"%s": the cancellation of the order placed today proposed, nothing cancelled yet',
    async (message) => {
      const chat = marcus();
      const asked = await chat.say(message);
      expect(confirmed(asked)).toEqual([]);
      expect(callOf(asked, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
      expect(asked.reply).toMatch(/cancel order #28511/);
    },
  );
});
