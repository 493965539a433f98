// Review round K, on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and
// stone chinos M, 28502 on its way with white canvas sneakers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Chat, openStore, signedIn, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('whether a piece still on its way can go back later', () => {
  it('says the conditions it must be sent back in, as for a piece delivered', async () => {
    const asked = await new Chat(store, signedIn('c_marcus')).say('is it too late for the sneakers to go back?');
    expect(asked.reply).toMatch(/White Canvas Low-Top Sneakers \(43\) came in order #28502, which hasn't been delivered yet/);
    expect(asked.reply).toMatch(/within 30 days of delivery/);
    expect(asked.reply).toMatch(/unworn, with tags attached/);
  });
});

describe('a piece bought, named by another word for it', () => {
  it('"my sweater" is the jumper bought: its own name said, and whether it can still go back', async () => {
    const asked = await new Chat(store, signedIn('c_marcus')).say('is it too late to return my sweater?');
    expect(asked.reply).toMatch(/Navy Merino Crew-Neck Jumper \(L\) came in order #28473/);
    expect(asked.reply).not.toMatch(/the sweater came/i);
  });
});

describe('a number said while an order number is asked for', () => {
  it('a time or a count ("I ordered it 2 weeks ago") is no part of an order number: the order number is asked for', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('where is my order?');
    await chat.say('lena@example.com');
    const told = await chat.say('I ordered it 2 weeks ago');
    expect(told.reply).not.toMatch(/only part of an order number/);
    expect(told.reply).toMatch(/order numbers?/i);
  });

  it('"its order 28" is still too short to be one, and asked again', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('where is my order?');
    await chat.say('lena@example.com');
    expect((await chat.say('its order 28')).reply).toMatch(/only part of an order number/);
  });
});

describe('the returns rule for a kind of piece, asked in general', () => {
  it.each([
    "what's your returns policy on trousers?",
    'do you accept returns on jumpers?',
    'can shoes be sent back if they are worn once?',
  ])('%s: the policy, no order looked up, no return offered', async (m) => {
    const r = await new Chat(store, signedIn('c_marcus')).say(m);
    expect(r.toolCalls.map((t) => t.name)).toEqual(['store_policy']);
    expect(r.reply).not.toMatch(/Shall I start its return/);
  });

  it('a piece of the shopper\'s own ("my jumper") is still looked up: until when it can go back', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say('can my jumper still go back?');
    expect(r.toolCalls.map((t) => t.name)).toContain('lookup_order');
    expect(r.reply).toMatch(/Navy Merino Crew-Neck Jumper \(L\) came in order #28473/);
  });
});

describe('two after-sale requests on different pieces, told together', () => {
  it.each([
    'swap the jumper from 28473 for an XL, and return the chinos',
    'Two things on 28473: swap the jumper for an XL. And return the chinos.',
  ])('%s: the swap and the return are two requests', async (m) => {
    const own = await openStore();
    try {
      const r = await new Chat(own, signedIn('c_marcus')).say(m);
      expect(r.reply).not.toMatch(/can't swap an item directly/);
      expect(r.toolCalls.find((t) => t.name === 'create_return_label')?.args).not.toMatchObject({ items: ['oi_28473_1'] });
    } finally {
      own.dispose();
    }
  });
});
