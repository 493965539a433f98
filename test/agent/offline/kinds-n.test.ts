// Corpus-n (issue 20): three hand-written phrase patterns made learned. A clause after a request that carries
// it over with nothing of its own ("is this doable via chat?", "where are they sold?") is the
// follow head's `continue`; thanks typed in another language is the classifier's `thanks`. Phrasings the
// patterns never listed, end to end on the offline model and the demo store (Marcus: 28473 delivered with a
// navy merino jumper and stone chinos, 28502 shipped with white canvas sneakers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOf, Chat, openStore, signedIn, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const REFUSED = /outside what I can|can only help with shopping|didn't catch|human colleague/i;

describe('thanks typed in another language, in Latin letters', () => {
  it.each(['grazie davvero', 'tack tack!', 'dank u wel', 'kiitos paljon'])(
    '"%s" after an order answer: thanked back, nothing looked up again',
    async (thanks) => {
      const chat = new Chat(store, signedIn('c_marcus'));
      await chat.say('where is order 28502?');
      const reply = await chat.say(thanks);
      expect(reply.toolCalls).toEqual([]);
      expect(reply.reply).not.toMatch(REFUSED);
      expect(reply.reply).not.toMatch(/#28502/);
    },
  );
});

describe('after a request, whether it can be done here or where: that request', () => {
  it('"is this doable via chat?" after a cancellation asked for is that cancellation, no question of its own answered', async () => {
    const own = await openStore();
    try {
      const chat = new Chat(own, signedIn('c_marcus'));
      const asked = await chat.say('I need to cancel order 28511, wrong size ordered. Is this doable via chat?');
      expect(callOf(asked, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
      expect(toolNames(asked)).not.toContain('store_policy');
      expect(asked.reply).not.toMatch(REFUSED);
    } finally {
      own.dispose();
    }
  });

  it('"where are they sold?" after a piece wanted in a size is that piece, not an order looked up', async () => {
    const own = await openStore();
    try {
      const chat = new Chat(own, signedIn('c_marcus'));
      const r = await chat.say('I want to get the white canvas sneakers in 42. Where are they sold?');
      expect(toolNames(r)).not.toContain('lookup_order');
      expect(callOf(r, 'add_to_cart')?.args).toMatchObject({ size: '42' });
      expect(r.reply).toMatch(/checkout/);
    } finally {
      own.dispose();
    }
  });
});
