// Kinds of wrong turn (issue 20, fixer-a), one short flow each, end to end on the offline model and the demo store.
// 1. A guard answers only what it is for: a shopper asked to verify who says the email or order number is not to hand
//    and, in the same message, asks something else (a person, a question about the shop) gets that request served,
//    never "No problem: the email address is…" with the request lost; said alone, where to find both (no "No problem").
// 2. A request wrapped in help/assist/support is that request: the search runs, the order is asked about; only help
//    with nothing named is "what I can do".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Chat, callOf, openStore, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

/** A verification asked for, as a shopper not signed in meets it. */
async function askedToVerify(first: string): Promise<Chat> {
  const chat = new Chat(store, anonymous());
  const asked = await chat.say(first);
  expect(asked.reply).toMatch(/the email address on your account/);
  return chat;
}

describe('a forgotten verification detail with another request beside it: the request is served', () => {
  it.each([
    'my phone is dead so no access to that email right now, and the number is in there too. could I speak to one of your staff?',
    "can't remember which address I signed up with tbh. is there a human I can chat to instead",
  ])('"%s": handed over to a person, no "No problem"', async (text) => {
    const chat = await askedToVerify('i want to send back a coat i ordered');
    const r = await chat.say(text);
    expect(toolNames(r)).toEqual(['escalate_to_human']);
    expect(r.reply).not.toMatch(/^No problem/);
    expect(r.reply).not.toMatch(/order confirmation/);
  });

  it.each([
    'not sure what email I used, never mind that. what does standard delivery cost?',
    "I've lost the email with the order number in it. Do you deliver outside the US?",
  ])('"%s": the shipping question answered from the policy', async (text) => {
    const chat = await askedToVerify('where is my parcel?');
    const r = await chat.say(text);
    expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'shipping' });
    expect(r.reply).not.toMatch(/^No problem/);
  });

  it('the forgotten detail said alone: where to find both and a person offered, never opening "No problem"', async () => {
    const chat = await askedToVerify('has my refund gone through?');
    const r = await chat.say('no clue which email that order was under');
    expect(toolNames(r)).toEqual([]);
    expect(r.reply).toMatch(/order confirmation/);
    expect(r.reply).not.toMatch(/^No problem/);
    expect(r.reply).toMatch(/Would you like that\?$/);
  });
});

describe('a request wrapped in help/assist: that request, not "what I can do"', () => {
  const CAPABILITIES = /I can help you find|what I can do|here's what I can/i;

  it.each([
    ['could you give me a hand finding some trainers', 'shoes'],
    ['mind helping me look for a cosy jumper?', 'tops'],
    ['yeah ok. then assist me in finding a coat for the rain', 'outerwear'],
    ['hiya, would you help me locate some ankle boots? and do you deliver to alaska', 'shoes'],
  ])('"%s": a product search', async (text, category) => {
    const r = await new Chat(store, anonymous()).say(text);
    expect(callOf(r, 'search_products')?.args).toMatchObject({ category });
    expect(r.reply).not.toMatch(CAPABILITIES);
    // The asking for help is not searched for: no "I found nothing matching "help"".
    expect(String(callOf(r, 'search_products')?.args.query ?? '')).not.toMatch(/help|assist|hand/);
  });

  it('"I\'d like some help checking on my delivery": the order asked about (verification first), not the capabilities', async () => {
    const r = await new Chat(store, anonymous()).say("I'd like some help checking on my delivery");
    expect(r.reply).toMatch(/the email address on your account/);
  });

  it('help with nothing named ("could you help me out?") is still what the assistant can do', async () => {
    const r = await new Chat(store, anonymous()).say('could you help me out?');
    expect(toolNames(r)).toEqual([]);
    expect(r.reply).toMatch(/^I can find pieces/);
  });
});
