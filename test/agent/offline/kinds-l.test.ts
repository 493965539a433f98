// Readings that were word patterns in the offline model and are now a learned head's (fixer-l), end to end on the
// demo store (Marcus: 28502 shipped with white canvas sneakers).
// 1. Right after a hand-over, whether a message asks after the goods or after the person awaited is the follow head's
//    reading (order_fact vs person, data/nlu/follow), not "where is" / "any news" patterns (frame-handover.ts): the
//    goods asked after in words no pattern listed ("meanwhile what's become of the stuff I paid for?") are the order
//    holding the pieces named before the hand-over; news of the person ("any update from the people in charge") is the
//    support hours, no order looked up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Chat, openStore, signedIn, toolNames, type Store } from './store.js';

// A store of its own for each flow: the demo store hands one shopper's chat over only so many times.
let store: Store;
beforeEach(async () => {
  store = await openStore();
});
afterEach(() => store.dispose());

/** Marcus's sneakers chased, then a person asked for: the hand-over made. */
async function handedOver(): Promise<Chat> {
  const chat = new Chat(store, signedIn('c_marcus'));
  await chat.say("third time chasing this. the sneakers still haven't turned up and nobody tells me a thing");
  const h = await chat.say('put me through to a real person please');
  expect(h.reply).toMatch(/passed our conversation/);
  return chat;
}

describe('after a hand-over, the goods asked after in words of the shopper’s own', () => {
  for (const asked of [
    "meanwhile what's become of the stuff I paid for?",
    'while I hang on for someone, what has happened to the parcel?',
    'in the mean time can u see if it got posted',
  ])
    it(`"${asked}": the sneakers order looked up`, async () => {
      const chat = await handedOver();
      const r = await chat.say(asked);
      expect(r.toolCalls.some((c) => c.name === 'lookup_order' && c.args.orderNumber === '28502')).toBe(true);
      expect(r.reply).toMatch(/#28502/);
    });
});

describe('after a hand-over, news of the person awaited', () => {
  for (const asked of ['any update from the people in charge', 'any update from whoever is taking over?'])
    it(`"${asked}": the support hours, no order looked up`, async () => {
      const chat = await handedOver();
      const r = await chat.say(asked);
      expect(toolNames(r)).not.toContain('lookup_order');
      expect(r.reply).toMatch(/Human support answers every day/);
    });
});
