// Kinds of wrong turn for signed-in shoppers and their orders (probes Q and X; fixer-x), one short flow each, end to end
// on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M, 28502
// shipped with white canvas sneakers, 28511 still processing with navy chinos M and a white crew tee L).
// 1. What an order held, asked right after it was shown ("What else came in that delivery, dear? I forget."): that order
//    looked up again, never refused or its return proposed (corpus: order_status, follow order_fact).
// 2. A formal letter, the purchase told first and the return of one piece of it asked after ("I am writing concerning a
//    purchase of … I wish to return the cardigan alone"): a return (anonymous: signing in first), never a product search
//    (corpus: the act head reads "I wish to…" as asked).
// 3. A message sent cut short ("the order with my trainers, has it") and finished in the next ("come yet I mean lol
//    sorry"): the two read as one, the order looked up, not chat (frame-resume.ts).
// 4. A piece of the list of orders named by its kind, not its name ("not the heels, my white shoes, that shipped" with
//    white sneakers in one order): that order looked up, no product search (frame-order.ts `pickedFromList`).
// 5. Where the refund just shown goes, said with "go back" or a wallet the model does not know ("does it go back to my
//    paypal or my visa?", "to my GCash or the card?"): that refund and the rule for refunds, never a return proposed
//    (frame-follow.ts `aboutRefundShown`, the follow head's money).
// 6. A piece of the list of orders named to ask when it comes ("not sandals, the white trainers I mean. will they be here
//    before saturday?"): that order looked up, not the shipping policy (frame-order.ts `pickedFromList`).
// 7. A go-ahead said with the action's own name while a swap waits ("right then, go on, do the swap"): the yes, never a
//    reorder or a search (corpus: reply head yes, confirm).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callOf, Chat, openStore, signedIn, toolNames, withOwnStore, type Store } from './store.js';
import { cutShort } from '../../../src/agent/offline/frame-resume.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));

describe('what an order held, asked right after it was shown', () => {
  it('"Lovely. What else came in that delivery, dear? I forget.": the jumper order again, nothing proposed', async () => {
    const chat = marcus();
    const shown = await chat.say('is the order with the jumper delivered yet?');
    expect(shown.reply).toMatch(/#28473/);
    const r = await chat.say('Lovely. What else came in that delivery, dear? I forget.');
    expect(toolNames(r)).not.toContain('create_return_label');
    expect(callOf(r, 'lookup_order')?.args).toMatchObject({ orderNumber: '28473' });
    expect(r.reply).toMatch(/Stone Stretch Chino Trousers/);
  });
});

describe('a formal letter: the purchase told, then the return of one piece of it', () => {
  it('"I am writing concerning a purchase of a cardigan and ankle boots. I wish to return the cardigan alone.": no search', async () => {
    const r = await new Chat(store, anonymous()).say(
      'Good morning. I am writing concerning a purchase of a cardigan and ankle boots. I wish to return the cardigan alone.',
    );
    expect(toolNames(r)).not.toContain('search_products');
    expect(r.reply).toMatch(/email/i);
  });
});

describe('a message sent cut short, finished in the next', () => {
  it('"the order with my trainers, has it" then "come yet I mean lol sorry": the sneakers order looked up', async () => {
    const chat = marcus();
    await chat.say('the order with my trainers, has it');
    const r = await chat.say('come yet I mean lol sorry');
    expect(callOf(r, 'lookup_order')).toBeDefined();
    expect(r.reply).toMatch(/#28502/);
  });

  it('knows a message cut short from one that is whole', () => {
    expect(cutShort('my refund for the cancelled order, has it')).toBe(true);
    expect(cutShort('can you check the delivery date for the')).toBe(true);
    expect(cutShort('where is it')).toBe(false);
    expect(cutShort('thank you')).toBe(false);
    expect(cutShort('has it shipped?')).toBe(false);
    expect(cutShort('I want to return the navy jumper from 28473')).toBe(false);
  });
});

describe('a piece of the list of orders named by its kind', () => {
  it('"ok. not the heels, my white shoes, that shipped" after the list: the sneakers order, no search', async () => {
    const chat = marcus();
    const list = await chat.say('what orders do I have with you?');
    expect(list.reply).toMatch(/#28502/);
    const r = await chat.say('ok. not the heels, my white shoes, that shipped');
    expect(toolNames(r)).not.toContain('search_products');
    expect(callOf(r, 'lookup_order')?.args).toMatchObject({ orderNumber: '28502' });
  });
});

describe('where the refund just shown goes', () => {
  for (const ask of ['does it go back to my paypal or my visa?', 'is it going to my GCash or back on the card?'])
    it(`"${ask}" after the refund of a cancellation was shown: the refund and the rule for refunds, no return`, async () => {
      await withOwnStore(async (own) => {
        const before = new Chat(own, signedIn('c_marcus'));
        await before.say('please cancel order 28511');
        const done = await before.say('yes cancel it');
        expect(callOf(done, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: true });
        const chat = new Chat(own, signedIn('c_marcus'));
        const shown = await chat.say('still no refund from the order I cancelled, where is it at?');
        expect(shown.reply).toMatch(/being refunded/);
        const r = await chat.say(ask);
        expect(toolNames(r)).not.toContain('create_return_label');
        expect(callOf(r, 'store_policy')?.args).toMatchObject({ topic: 'orders' });
        expect(r.reply).toMatch(/original payment method/);
      });
    });
});

describe('a piece of the list of orders named to ask when it comes', () => {
  it('"ah no sorry, not sandals, the white trainers I mean. will they be here before saturday?": the sneakers order', async () => {
    const chat = marcus();
    await chat.say('where is my sandals order? need them for the wedding');
    const r = await chat.say('ah no sorry, not sandals, the white trainers I mean. will they be here before saturday?');
    expect(callOf(r, 'lookup_order')?.args).toMatchObject({ orderNumber: '28502' });
    expect(r.reply).toMatch(/#28502/);
  });
});

describe('a go-ahead said with the action’s own name while a swap waits', () => {
  it('"right then, go on, do the swap" to a proposed swap: the swap made', async () => {
    await withOwnStore(async (own) => {
      const chat = new Chat(own, signedIn('c_marcus'));
      const p = await chat.say('can I swap the navy jumper from my delivered order for a medium?');
      expect(callOf(p, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      const r = await chat.say('right then, go on, do the swap');
      expect(toolNames(r)).not.toContain('reorder');
      expect(callOf(r, 'exchange_items')?.args).toMatchObject({ orderNumber: '28473', confirm: true });
    });
  });
});
