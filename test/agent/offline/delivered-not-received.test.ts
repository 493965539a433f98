// A parcel the shopper says never came, on an order the carrier marked delivered (issue 20: complaints; a real
// retail case: "delivered" by the record, not at the door). The reply says what the record shows, what to check
// first and who can trace it, and offers the hand-over, which a yes then makes; a plain "where is it?" about the
// same order stays a plain status. Marcus's 28473 was delivered; anonymous shoppers verify by e-mail + number.
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
