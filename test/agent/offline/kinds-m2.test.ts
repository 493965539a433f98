// Kinds of failure of probe M, second pass (issue 20), one short flow each, end to end on the offline model and the
// demo store. A "not" ends with its sentence: "smart but not stuffy. Grey or black" turns down stuffy, not the colours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Chat, openStore, signedIn, type Store, callOf } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('a "not" ends with its sentence', () => {
  it.each([
    ['Looking for trousers that are smart but not stiff. Black or navy, size M please.', 'black', 'navy'],
    ['A blazer for interviews, confident but not loud. Black or grey, M.', 'black', 'grey'],
  ])('"%s": the first colour is searched, neither colour turned down', async (message, first, second) => {
    const chat = new Chat(store, anonymous());
    const found = await chat.say(message);
    const args = callOf(found, 'search_products')?.args as { colour?: string; exclude?: string[] } | undefined;
    expect(args?.colour).toBe(first);
    expect(args?.exclude ?? []).not.toContain(first);
    expect(args?.exclude ?? []).not.toContain(second);
    expect(found.reply).toMatch(new RegExp(first, 'i'));
  });

  it('a turned-down colour still counts within its own sentence: "Nothing black or navy! Something bright."', async () => {
    const chat = new Chat(store, anonymous());
    const found = await chat.say('Looking for a summer dress. Nothing black or navy! Something bright.');
    const args = callOf(found, 'search_products')?.args as { exclude?: string[] } | undefined;
    expect(args?.exclude).toEqual(expect.arrayContaining(['black', 'navy']));
  });
});

describe('thanks typed in another language, in Latin letters', () => {
  it.each(['Entaxi, efcharisto!', 'multumesc frumos'])('"%s" after an order answer: thanked back, not refused', async (thanks) => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('where is my order 28502?');
    const reply = await chat.say(thanks);
    expect(reply.toolCalls).toEqual([]);
    expect(reply.reply).not.toMatch(/outside what I can do|didn't catch|human colleague/i);
  });
});

describe('a cancellation told as done in the plain form, then the money asked about', () => {
  it.each([
    'Hello. I cancel yesterday my order 28511. When the money comes back?',
    'Good day. I already cancel my order 28511. When I get the money?',
  ])('"%s": no cancellation proposed, the order looked at', async (message) => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const told = await chat.say(message);
    expect(callOf(told, 'cancel_order')).toBeUndefined();
    expect(callOf(told, 'lookup_order')).toBeDefined();
    expect(told.reply).not.toMatch(/Shall I go ahead/);
  });

  it('a cancellation asked for in the same plain form is still proposed: "I cancel my order 28511 please"', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const asked = await chat.say('I cancel my order 28511 please');
    expect(callOf(asked, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
  });
});
