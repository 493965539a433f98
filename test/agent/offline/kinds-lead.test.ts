// Kinds of wrong turn the lead found trying the assistant as a new shopper would (issue 20), one short flow each:
// 1. A parcel the shopper says never came, on an order the carrier marked delivered: the reply says what the record
//    shows, what to check first and who can trace it, and offers the hand-over, which a yes then makes; a plain
//    "where is it?" about the same order stays a plain status. (Marcus's 28473 was delivered; anonymous shoppers
//    verify by e-mail + number.)
// 2. "what can you do?" after a problem told asks what can be done about it, not for the assistant's abilities.
// 3. A search said with a size in another system ("a black dress, size 10 UK"): the pieces, and which of our sizes
//    that is beside them (not only the sizing guide, and never the shoe chart for a dress).
// 4. "is there anything cheaper?" after a list: the same search, cheaper, never the discount-code answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Chat, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const TRACE = /trace it with the carrier/;
const OFFER = /connect you with a colleague/;

describe('an order marked delivered that the shopper says never came', () => {
  it('signed in, the order named: the delivery date, what to check, the trace offered; a yes hands over', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const r = await chat.say('order 28473 still has not turned up at my flat, this is ridiculous');
    expect(toolNames(r)).toContain('lookup_order');
    expect(r.reply).toMatch(/delivered on/);
    expect(r.reply).toMatch(TRACE);
    expect(r.reply).toMatch(OFFER);
    const yes = await chat.say('yes please');
    expect(toolNames(yes)).toContain('escalate_to_human');
  });

  it('anonymous, verified in between: the complaint made before verifying is what the lookup answers', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say("I ordered a few weeks back and nothing has arrived, I'm getting fed up");
    await chat.say('28473');
    const r = await chat.say('marcus@example.com');
    expect(toolNames(r)).toEqual(expect.arrayContaining(['verify_customer', 'lookup_order']));
    expect(r.reply).toMatch(/delivered on/);
    expect(r.reply).toMatch(TRACE);
  });

  it('a plain question about the same order stays a plain status, with no trace offered', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say('what is the status of order 28473?');
    expect(r.reply).toMatch(/delivered on/);
    expect(r.reply).not.toMatch(TRACE);
  });
});

describe('"what can you do?" after a problem told', () => {
  it('asks what can be done about that problem: the problem is served, no list of the assistant’s abilities', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say(
      'hey so the jumper i got a couple of weeks ago, a seam already came apart. what can you do',
    );
    expect(r.reply).not.toMatch(/I can find pieces by kind/);
    expect(toolNames(r)).toContain('lookup_order');
  });
});

describe('a search said with a size in another system', () => {
  it('"a black dress, size 10 uk": black dresses in every size, and which of ours a UK 10 is', async () => {
    const r = await new Chat(store, anonymous()).say('need a black dress for a funeral on friday size 10 uk');
    const search = r.toolCalls.find((c) => c.name === 'search_products');
    expect(search?.args).toMatchObject({ category: 'dresses', colour: 'black' });
    expect(search?.args.size).toBeUndefined();
    expect(r.reply).toMatch(/UK 10 is our M/);
    expect(r.reply).not.toMatch(/EU sizes 36/);
  });
});

describe('"anything cheaper?" after a list', () => {
  it('searches the same kind of piece again, cheaper; no discount-code answer', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('show me black dresses');
    const r = await chat.say('is there anything cheaper');
    expect(toolNames(r)).toContain('search_products');
    expect(r.reply).not.toMatch(/discount codes/);
  });
});
