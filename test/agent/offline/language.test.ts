// How shoppers really talk, end to end on the offline model and the demo store: exclusions,
// price phrases and dress codes become search filters (issue: understand shoppers the way they talk).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat, anonymous, openStore, type Store } from './store.js';

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
