// How shoppers really talk, end to end on the offline model and the demo store: exclusions,
// price phrases and dress codes become search filters (issue: understand shoppers the way they talk).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, signedIn, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

type Call = { name: string; args: Record<string, unknown> };
const searchOf = (r: { toolCalls: Call[] }) => r.toolCalls.find((c) => c.name === 'search_products')?.args;

describe('exclusions and price phrases become search filters', () => {
  it('"a dress, not black" searches dresses excluding black, and shows no black dress', async () => {
    const r = await new Chat(store, anonymous()).say('a dress, not black');
    expect(searchOf(r)).toMatchObject({ category: 'dresses', exclude: ['black'] });
    expect(searchOf(r)!.colour).toBeUndefined();
    expect(r.reply).not.toMatch(/\bblack\b/i);
    expect(r.reply).toMatch(/^1\. /m);
  });

  it('"something different from the canvas ones" after a search of bags excludes canvas', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('show me bags');
    const r = await chat.say('anything other than the canvas ones?');
    expect(searchOf(r)).toMatchObject({ exclude: ['canvas'] });
    expect(r.reply).not.toMatch(/canvas/i);
  });

  it('"dresses but not black or navy" excludes both; "no, I want a blue one" excludes nothing', async () => {
    expect(searchOf(await new Chat(store, anonymous()).say('dresses but not black or navy'))).toMatchObject({ exclude: ['black', 'navy'] });
    const blue = searchOf(await new Chat(store, anonymous()).say('no, I want a blue dress'));
    expect(blue).toMatchObject({ colour: 'blue' });
    expect(blue!.exclude).toBeUndefined();
  });

  it('"jackets 60ish" is a price ceiling, not a search word; "black tie" is a dress code, not a colour', async () => {
    const jackets = searchOf(await new Chat(store, anonymous()).say('jackets 60ish'));
    expect(jackets).toMatchObject({ category: 'outerwear', maxPrice: 60 });
    expect(String(jackets!.query)).not.toMatch(/60/);
    const gala = searchOf(await new Chat(store, anonymous()).say('a dress for a black tie event'));
    expect(gala).toMatchObject({ category: 'dresses' });
    expect(gala!.colour).toBeUndefined();
  });
});

describe('several requests in one message', () => {
  it('"two things: where’s my parcel, and do you have a rain jacket in L" runs both tools in one step and answers both, in order', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say("two things: where's my parcel, and do you have a rain jacket in L");
    expect(r.toolCalls.map((c) => c.name)).toEqual(['lookup_order', 'search_products']);
    expect(searchOf(r)).toMatchObject({ category: 'outerwear', size: 'L' });
    // The search words are the jacket's, not the parcel's.
    expect(String(searchOf(r)!.query)).not.toMatch(/parcel/);
    const orders = r.reply.indexOf('#28473');
    const jackets = r.reply.search(/Rain Jacket/i);
    expect(orders).toBeGreaterThanOrEqual(0);
    expect(jackets).toBeGreaterThan(orders);
    expect(r.usage.modelCalls).toBe(2);
  });

  it('an anonymous shopper is asked to verify for the parcel and still gets the jackets', async () => {
    const r = await new Chat(store, anonymous()).say("where's my parcel? also do you have a rain jacket in L");
    expect(r.toolCalls.map((c) => c.name)).toEqual(['search_products']);
    expect(r.reply).toMatch(/email address on your account/);
    expect(r.reply).toMatch(/Rain Jacket/i);
  });

  it('one request said in two sentences stays one request', async () => {
    const r = await new Chat(store, signedIn('c_marcus')).say('I want to return the chinos. They are too small.');
    expect(r.toolCalls.at(-1)).toMatchObject({ name: 'create_return_label', args: { orderNumber: '28473', confirm: false } });
    expect(r.toolCalls.filter((c) => c.name === 'search_products')).toEqual([]);
  });
});
