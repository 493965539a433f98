// Kinds of wrong turn for a shop question asked after earlier turns (probe AD; fixer-info), one short flow each, end to
// end on the offline model and the demo store (Marcus: 28473 delivered, 28502 shipped with white canvas sneakers, 28511
// placed this morning).
// 1. How to buy, asked with a "that"/"it" that points at the message's own words, right after an order was shown ("…get
//    another pair for my flatmate, how would I go about that?"): how ordering works, not a return or a refusal (the
//    orders-in-view prior no longer overturns words sure of a shop question: classify.ts `sureOfTheShop`).
// 2. Whom to reach if something goes wrong, asked right after a shipping or returns answer: the contact details, not
//    the same policy again (intent and follow corpora).
// 3. How to buy, with a short question of "it" after it ("…, is it only on the site?"): more of the ordering question,
//    no product search for the words left (multi.ts `ofBuying`).
// 4. The contact details asked while a cancellation waits: the support hours, the cancellation still waiting, not the
//    rule for its refund (frame-reply.ts `aboutWaiting`).
// 5. The contact details asked with a condition said the inverted way ("…, should I need to write in?"): answered, the
//    condition no request of its own (no look-up, no refusal).
// 6. A cancellation waiting, withdrawn for a whole new address: that order's change of address proposed (frame-detail.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callOf, Chat, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));
const guest = () => new Chat(store, anonymous());
const REFUSED = /outside what I can|can only help with|not something I can/i;

describe('how to buy, asked with a "that" of its own right after an order was shown', () => {
  for (const ask of [
    'brilliant. I want to get my partner the same pair too, how do I do that?',
    'cheers. I would like to order one more of those for my sister, how does that work?',
  ])
    it(`"${ask}": how ordering works, no return, no refusal`, async () => {
      const chat = marcus();
      const o = await chat.say('any update on 28502?');
      expect(callOf(o, 'lookup_order')?.args).toMatchObject({ orderNumber: '28502' });
      const r = await chat.say(ask);
      expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'payment' });
      expect(r.reply).toMatch(/checkout/i);
      expect(r.reply).not.toMatch(REFUSED);
      expect(toolNames(r)).not.toContain('create_return_label');
    });
});

describe('whom to reach if something goes wrong, asked right after a policy answer', () => {
  for (const [first, then] of [
    ['what are your delivery charges', 'ok and if the courier leaves it at the wrong house, who do I ring?'],
    ['tell me how returns work', 'fine, and who would I message if my money never lands?'],
  ] as const)
    it(`"${then}" after "${first}": the contact details`, async () => {
      const chat = guest();
      await chat.say(first);
      const r = await chat.say(then);
      expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'general' });
      expect(r.reply).toMatch(/support|8 am/i);
    });
});

describe('how to buy, with a short question of "it" after it', () => {
  it('"how can I buy one of them, is it just on the site?" after a list: ordering explained, no search', async () => {
    const chat = guest();
    const l = await chat.say('have you got any cashmere jumpers');
    expect(toolNames(l)).toContain('search_products');
    const r = await chat.say('how can I buy one of them, is it just on the site?');
    expect(toolNames(r)).not.toContain('search_products');
    expect(r.reply).toMatch(/checkout/i);
  });
});

describe('the contact details asked while a cancellation waits', () => {
  it('"hold on, is there a helpline I could ring if this goes wrong?": the support hours, the cancellation still waiting', async () => {
    const chat = marcus();
    const p = await chat.say('please cancel 28511, ordered it by mistake');
    expect(callOf(p, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
    const r = await chat.say('hold on, is there a helpline I could ring if this goes wrong?');
    expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'general' });
    expect(r.reply).toMatch(/support|8 am/i);
    expect(r.toolCalls.some((c) => c.args.confirm === true)).toBe(false);
  });
});

describe('the contact details asked with a condition said the inverted way', () => {
  it('"Much obliged. Have you an email for complaints, should I need to write in?": answered, nothing else done', async () => {
    const chat = marcus();
    await chat.say('where have my sneakers got to');
    const r = await chat.say('Much obliged. Have you an email for complaints, should I need to write in?');
    expect(toolNames(r)).toEqual(['store_policy']);
    expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'general' });
    expect(r.reply).not.toMatch(REFUSED);
  });
});

describe('a cancellation waiting, withdrawn for a whole new address', () => {
  it('"no, leave it, don\'t cancel. ship it to my gym instead: 620 SE Morrison St, Portland OR 97214": the change proposed', async () => {
    const chat = marcus();
    const p = await chat.say('please cancel order 28511, I bought it on a whim');
    expect(callOf(p, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
    const r = await chat.say(
      "no, leave it, don't cancel. ship it to my gym instead so it's not left outside: 620 SE Morrison St, Portland OR 97214",
    );
    expect(callOf(r, 'change_shipping_address')?.args).toMatchObject({ orderNumber: '28511', confirm: false, address: { zip: '97214' } });
    expect(r.toolCalls.some((c) => c.args.confirm === true)).toBe(false);
  });
});
