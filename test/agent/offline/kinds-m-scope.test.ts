// How much of something a message means (fixer-m): learned by the scope head from data/nlu/scope (adds, replaces, all,
// part, one, none), not the word tables it replaced (ADDS_TO, WHOLE_LIST, KEEPS, WHOLE, CHOOSES, REMOVE_ALL). End to end
// on the offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M, 28511
// still processing with navy chinos M and a white crew tee L), in words of neither corpus file; each of these turns got
// the wrong scope from the tables:
// 1. A piece added to a return waiting in words the table did not list ("plus the chinos"): both pieces.
// 2. A piece of an order kept in words the table did not list ("the chinos should still come"): some pieces cancelled,
//    said plainly, nothing proposed; the whole order said in other words after a piece ("scrap every piece of it"):
//    the whole order proposed.
// 3. A choice settled in words the table did not list ("mm black I reckon"): that piece, its size asked.
// 4. The orders as a whole asked in words the table did not list, with one order in view ("everything I've bought
//    from you"): the list, not the order in view.
// 5. The whole basket emptied in words the table did not list ("get everything out of my bag please"): every line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyScope } from '../../../src/agent/offline/nlu/index.js';
import { NLU_PATHS } from '../../../src/agent/offline/nlu/node.js';
import { anonymous, callOf, Chat, openStore, signedIn, toolNames, withOwnStore, type Store } from './store.js';
import { itChecksHeadModel, itTrainsHeadFromCli } from './nlu/head-model.js';

describe('the scope head in data/nlu/model.json', () => {
  itChecksHeadModel({ head: 'scope', labels: NLU_PATHS.scope, train: NLU_PATHS.scopeTrain, test: NLU_PATHS.scopeTest, minRecall: 0.7 });

  it.each([
    // Lines of neither file, read among the scopes each caller tells apart.
    ['add the chinos to that', ['adds', 'replaces'], 'adds'],
    ['no, the chinos, I mixed them up', ['adds', 'replaces'], 'replaces'],
    ['my shoes are too small', ['adds', 'replaces'], 'none'],
    ['take it all out of the basket', ['all', 'one'], 'all'],
    ['the tee I want to keep', ['all', 'part'], 'part'],
    ['where is my parcel?', ['all', 'one'], 'none'],
  ] as const)('"%s" among %j reads as %s', (text, among, scope) => {
    expect(classifyScope(text, among).scope).toBe(scope);
  });
});

describe('nlu:train and nlu:report with a scope corpus', () => {
  itTrainsHeadFromCli({
    head: 'scope',
    flag: 'scope',
    noun: 'scopes',
    unit: 'scopes',
    files: {
      adds: 'the chinos too\nand the belt as well\nalso the tee\nplus the scarf\n',
      all: 'empty my basket\nall my orders\nthe whole order\neverything please\n',
      none: 'where is my parcel\nthanks\ncancel my order\ndo you have it in blue\n',
    },
    probe: ['empty my basket', 'all'],
    title: 'Scope head',
    column: 'scope',
  });
});

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = (own?: Store) => new Chat(own ?? store, signedIn('c_marcus'));

describe('a piece added to a return waiting', () => {
  it('"plus the chinos" while the jumper\'s return waits: both pieces proposed', async () => {
    await withOwnStore(async (own) => {
      const chat = marcus(own);
      const jumper = await chat.say('I want to return the jumper');
      expect(callOf(jumper, 'create_return_label')?.args).toMatchObject({ confirm: false, items: [expect.any(String)] });
      const both = await chat.say('plus the chinos');
      expect(callOf(both, 'create_return_label')?.args).toMatchObject({ orderNumber: '28473', confirm: false });
      expect(callOf(both, 'create_return_label')?.args.items).toBeUndefined();
      expect(both.reply).toMatch(/Jumper[^.]*and [^.]*Chino/);
    });
  });
});

describe('some of an order kept, or the whole of it', () => {
  it('"cancel the tee on 28511, the chinos should still come": said plainly, nothing proposed', async () => {
    const r = await marcus().say('cancel the tee on 28511, the chinos should still come');
    expect(toolNames(r)).not.toContain('cancel_order');
    expect(r.reply).toMatch(/only cancel a whole order/);
  });

  it('"cancel the tee on order 28511. no actually scrap every piece of it": the whole order proposed', async () => {
    const r = await marcus().say('cancel the tee on order 28511. no actually scrap every piece of it');
    expect(callOf(r, 'cancel_order')?.args).toMatchObject({ orderNumber: '28511', confirm: false });
  });
});

describe('a choice settled on one piece shown', () => {
  it('"any hoodies?" then "mm black I reckon": the black hoodie, its size asked, no new search', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('any hoodies?');
    const r = await chat.say('mm black I reckon');
    expect(toolNames(r)).toEqual([]);
    expect(r.reply).toMatch(/^Black Oversized Hoodie is in stock in .*Which size would you like\?$/);
  });
});

describe('the orders as a whole, with one order in view', () => {
  it('"where is 28473?" then "and everything I\'ve bought from you?": the list of orders', async () => {
    const chat = marcus();
    await chat.say('where is order 28473?');
    const r = await chat.say("and everything I've bought from you?");
    expect(callOf(r, 'lookup_order')?.args).toEqual({});
  });
});

describe('the whole basket emptied', () => {
  it('"get everything out of my bag please": every line removed', async () => {
    await withOwnStore(async (own) => {
      const chat = new Chat(own, anonymous());
      await chat.say('add the black oversized hoodie in M to my cart');
      await chat.say('add the black oversized hoodie in L as well');
      const r = await chat.say('get everything out of my bag please');
      const removed = r.toolCalls.filter((c) => c.name === 'update_cart' && c.args.quantity === 0);
      expect(removed).toHaveLength(2);
      expect(r.reply).toMatch(/empty now/);
    });
  });
});
