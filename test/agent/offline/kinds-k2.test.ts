// Kinds found on issue 20's probe K (fixer K2): follow-ups, questions about a piece just shown and
// shopping turns, one short flow each through the chat service, the offline model and the demo store
// (Marcus: 28473 delivered with a navy merino jumper and stone chinos, 28502 shipped with white canvas
// sneakers, 28511 processing or cancelled). Phrasings are this file's own, not the probe's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const REFUSED = /outside what I can|can only help with shopping|don't have reliable information/i;

describe('thanks after an answer, in slang or with what the shopper will do next', () => {
  it('street slang after an order was shown is thanks: nothing looked up again', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('where are my white trainers at?');
    const thanks = await chat.say('solid looking out, bro');
    expect(toolNames(thanks)).toEqual([]);
    expect(thanks.reply).not.toMatch(/#28502/);
  });

  it('"I will look again on Tuesday, thanks" after a refund was shown: nothing looked up again', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('has the money for 28511 come back yet?');
    const thanks = await chat.say('ok, I will check back on Tuesday then. Thank you');
    expect(toolNames(thanks)).toEqual([]);
    expect(thanks.reply).not.toMatch(/\$94/);
  });
});

describe('a question about the piece just shown', () => {
  it('a bare "how much", after an emoji, is the price of the one piece shown, not the basket and no add', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('a black leather belt please');
    const price = await chat.say('😻 how much');
    expect(toolNames(price)).not.toContain('view_cart');
    expect(toolNames(price)).not.toContain('add_to_cart');
    expect(price.reply).toMatch(/Black Leather Belt costs \$45/);
  });

  it('whether boots shown have a zip or pull on: the page says they pull on', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('brown leather ankle boots, size 44');
    const asked = await chat.say('do I just pull those on, or is there a zip? my back is stiff these days');
    expect(toolNames(asked)).toEqual(['get_product']);
    expect(asked.reply).toMatch(/Brown Leather Ankle Boots is a pull-on style/);
    expect(asked.reply).not.toMatch(REFUSED);
  });

  it('whether the waist is elastic on the colour named: that piece’s page, not a bare list', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('linen trousers for summer');
    const asked = await chat.say('is the waistband elasticated on the white ones?');
    expect(toolNames(asked)).toContain('get_product');
    expect(asked.reply).toMatch(/White Linen Wide-Leg Trousers has an elasticated waist/);
  });

  it('a drawstring neck is a drawstring, never said to be a waist', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('white peasant blouse');
    const asked = await chat.say('does it have a drawstring?');
    expect(asked.reply).not.toMatch(/waist/);
    expect(asked.reply).toMatch(/White Cotton Peasant Blouse has a drawstring/);
  });
});

describe('follow-ups on the answer just given', () => {
  it('paying for the faster delivery, asked as "what if", after the delivery times: the shipping policy, not payment', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('how long does delivery take to Boston?');
    const asked = await chat.say('what if I paid for the speedy option?');
    expect(asked.toolCalls).toContainEqual(expect.objectContaining({ name: 'store_policy', args: { topic: 'shipping' } }));
    expect(asked.reply).toMatch(/express/i);
    expect(asked.reply).not.toMatch(/Visa|Mastercard/);
  });

  it('the exact arrival day asked with "you know … or not" after the orders were listed: the order on its way', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('show me my orders please');
    const asked = await chat.say('you know the exact day it gets here or no?');
    expect(asked.toolCalls).toContainEqual(expect.objectContaining({ name: 'lookup_order', args: { orderNumber: '28502' } }));
    expect(toolNames(asked)).not.toContain('store_policy');
  });

  it('whether a card number is safe to give in the chat: the payment policy (never asked for in chat)', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('which ways can I pay?');
    const asked = await chat.say('and can I just send you my card number in here, is that safe?');
    expect(asked.toolCalls).toContainEqual(expect.objectContaining({ name: 'store_policy', args: { topic: 'payment' } }));
    expect(asked.reply).toMatch(/never ask for card numbers/i);
  });

  it('who to call if a refund is not in by a day: the support contact, not the returns policy', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('where is the refund for 28511?');
    const asked = await chat.say('right. and if it still is not there by Monday, who should I ring?');
    expect(toolNames(asked)).not.toContain('create_return_label');
    expect(asked.reply).toMatch(/support|colleague/i);
    expect(asked.reply).not.toMatch(/within 30 days of delivery/);
  });
});

describe('shop topics not refused', () => {
  it('a deadline noted before "will it make it if I order now": the delivery times, nothing refused', async () => {
    const chat = new Chat(store, anonymous());
    const asked = await chat.say('party deadline: thurs 19 june. if i buy today will it get here?');
    expect(toolNames(asked)).toEqual(['store_policy']);
    expect(asked.reply).toMatch(/business days/);
    expect(asked.reply).not.toMatch(REFUSED);
  });

  it('"can I do that from here?" after a return asked for is that return, not a refusal', async () => {
    const own = await openStore();
    try {
      const chat = new Chat(own, signedIn('c_marcus'));
      const asked = await chat.say('The merino jumper is too scratchy for me and I want to send it back. Can I do that from here?');
      expect(asked.reply).not.toMatch(REFUSED);
      expect(toolNames(asked).some((t) => t === 'lookup_order' || t === 'create_return_label')).toBe(true);
    } finally {
      own.dispose();
    }
  });
});

describe('shopping', () => {
  it('"where do I find it?" after a piece wanted in a size is that piece, not an order look-up', async () => {
    const own = await openStore();
    try {
      const asked = await new Chat(own, signedIn('c_marcus')).say('I want buy the grey oversized hoodie, size M. Where can I find it?');
      expect(toolNames(asked)).not.toContain('lookup_order');
      expect(asked.toolCalls).toContainEqual(
        expect.objectContaining({ name: 'add_to_cart', args: expect.objectContaining({ size: 'M' }) }),
      );
    } finally {
      own.dispose();
    }
  });

  it('taking one of the piece shown, in slang: the add, not out of scope', async () => {
    const own = await openStore();
    try {
      const chat = new Chat(own, anonymous());
      await chat.say('brown leather belt?');
      const add = await chat.say('deal me in for one of those');
      expect(add.toolCalls).toContainEqual(
        expect.objectContaining({ name: 'add_to_cart', args: expect.objectContaining({ productId: expect.any(String) }) }),
      );
      expect(add.reply).toMatch(/Brown Leather Belt/);
    } finally {
      own.dispose();
    }
  });
});
