// Kinds of wrong turn about pieces the assistant has just shown (probe AE, fixer-shown), one short flow each, end to end
// on the offline model and the demo store.
// 1. A question about a piece shown answered in full: how it fits names the piece; "is it genuine leather?", "are they
//    cotton?" get a yes or a no before what it is made of; padding or fill makes a piece warm whatever its shell;
//    "is the first one available in blue?" says which colours that piece comes in (product-facts.ts, replies-shop.ts,
//    frame-pick.ts `asksAnotherColour`).
// 2. A style asked to change after a list ("anything a bit more casual?"): the same kind of piece searched in the new
//    words, not every category (frame-search.ts `RESTYLE`).
// 3. A piece shown taken in slang ("ok grab that one for me in S": "grab" is no colour) or by a comparative of price
//    ("the cheaper of the two"): that piece, in that size (words.ts, frame-pick.ts); "only the black please" narrows
//    the list.
// 4. A piece asked for by its trade name alone ("espadrilles", "joggers"): a search (intent corpus).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, callOf, Chat, openStore, toolNames, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const visitor = () => new Chat(store, anonymous());
const added = (r: Awaited<ReturnType<Chat['say']>>) => callOf(r, 'add_to_cart');

describe('a question about a piece shown, answered in full', () => {
  it('"do they come up small?" about the first jeans shown: the answer names the pair and how it fits', async () => {
    const chat = visitor();
    await chat.say('jeans please');
    const r = await chat.say('the first pair, do they come up small or fit normal?');
    expect(toolNames(r)).toEqual(['get_product']);
    expect(r.reply).toMatch(/Skinny Stretch Jeans has a slim fit/);
  });

  it('"is the black one genuine leather?" about the belts shown: a yes before what it is made of', async () => {
    const chat = visitor();
    await chat.say('show me your belts');
    const r = await chat.say('is the black one genuine leather?');
    expect(r.reply).toMatch(/Yes, Black Leather Belt is made of leather/);
  });

  it('"are those cotton?" about one wool piece: a no before what it is made of', async () => {
    const chat = visitor();
    await chat.say('grey tailored trousers');
    const r = await chat.say('are the grey ones cotton at all?');
    expect(r.reply).toMatch(/No, Grey Tailored Wool Trousers is made of wool/);
  });

  it('"will the green one keep me warm in winter?" about a quilted puffer: one of the warmest, not a light layer', async () => {
    const chat = visitor();
    await chat.say('any puffers?');
    const r = await chat.say('would the green one be warm enough for proper winter?');
    expect(r.reply).toMatch(/Green Quilted Puffer Jacket is one of our warmest pieces/);
    expect(r.reply).not.toMatch(/light layer/);
  });

  it('"is the first one available in blue?" about linen shirts: which colours that shirt comes in, blue among them', async () => {
    const chat = visitor();
    await chat.say('I want a linen shirt for holidays');
    const r = await chat.say('is the first one available in blue as well?');
    expect(callOf(r, 'search_products')?.args).toMatchObject({ query: 'Linen Relaxed Shirt' });
    expect(r.reply).toMatch(/Yes, Linen Relaxed Shirt comes in blue/);
  });
});

describe('a style asked to change after a list', () => {
  it.each(['anything a bit more casual?', 'hmm these are too fancy, something less formal'])(
    '"%s" after party dresses: dresses again, in the new words',
    async (again) => {
      const chat = visitor();
      await chat.say('show me party dresses');
      const r = await chat.say(again);
      const search = callOf(r, 'search_products');
      expect(search?.args).toMatchObject({ category: 'dresses' });
      expect(String(search?.args.query)).not.toMatch(/formal|party/);
    },
  );
});

describe('a piece shown taken in slang, by price or by colour', () => {
  it('"ok grab that one for me in S" after a question about the black denim jacket: that jacket, never a grey search', async () => {
    const chat = visitor();
    await chat.say('denim jackets?');
    await chat.say('is the black one boxy?');
    const r = await chat.say('ok grab that one for me in S');
    expect(toolNames(r)).not.toContain('search_products');
    expect(added(r)?.args).toMatchObject({ size: 'S' });
    expect(r.reply).toMatch(/Black Denim Jacket/);
  });

  it('"the cheaper of the two, size 40" after canvas and platform sneakers: the canvas pair in 40', async () => {
    const chat = visitor();
    await chat.say('sneakers, canvas or platform');
    const r = await chat.say("I'll go with the cheaper of the two, size 40");
    expect(toolNames(r)).not.toContain('search_products');
    expect(r.reply).toMatch(/Canvas Low-Top Sneakers/);
  });

  it('"only the black please" after puffers with one black among them: the list narrowed to black', async () => {
    const chat = visitor();
    await chat.say('puffer jackets');
    const r = await chat.say('only the black please');
    expect(callOf(r, 'search_products')?.args).toMatchObject({ colour: 'black' });
  });
});

describe('a piece asked for by its trade name alone', () => {
  it.each(['espadrilles', 'joggers', 'culottes?'])('"%s": a search', async (piece) => {
    const r = await visitor().say(piece);
    expect(toolNames(r)).toContain('search_products');
  });
});
