// Kinds of closing inside a conversation (fixer-thanks), end to end on the offline model and the demo store. A closing
// (thanks, goodbye, a good wish, letting it go) must never call a tool, refuse as off-topic or ask which topic was meant.
// 1. A good wish for the day, the season or the weather after an answer ("oh and a merry xmas to all of you"): read as
//    a goodbye, not off-topic or a search (goodbye corpus; frame-courtesy.ts: courtesy the act head reads is a
//    pleasantry after the first turn, a longer off-topic-sounding wish too when the act head is sure of it).
// 2. Letting it go after a list ("never mind, I'll have a look myself", "nah forget it"): no exclusion read from "never
//    mind" / "nah forget", so no search narrowed to leave out "mind" (entity-slots.ts NOT_DESCRIPTIVE).
// 3. A goodbye of several pleasantries ("sorry for going on so long, you've been kind. take care"): the formula's courtesy
//    when the act head reads every other clause as courtesy (focus.ts), no clarifying question.
// 4. Thanks with a plan told for later ("cheers, I'll return the jumper at some point next week"): no order looked up, no return
//    started (focus.ts: after a likeliest thanks or goodbye only a clause that asks is a request).
// Kept right: an off-topic question is still declined, a real exclusion after a list still narrows the search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, Chat, openStore, signedIn, toolNames, type Said, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const REFUSAL =
  /\b(outside what I can|can only help with shopping|don'?t have reliable information|not something I can do|I'?m not able to|can'?t help with)\b/i;
const CLARIFYING = /\b(is it about|do you mean|did you mean|are you asking about)\b[^?]*\bor\b[^?]*\?/i;

/** What a shopper notices of a closing done right: no tool, no refusal, no question which topic. */
function closes(r: Said): void {
  expect(toolNames(r)).toEqual([]);
  expect(r.reply).not.toMatch(REFUSAL);
  expect(r.reply).not.toMatch(CLARIFYING);
  expect(r.reply.trim().length).toBeGreaterThan(0);
}

describe('a good wish after an answer closes the chat', () => {
  it('"oh and a merry xmas to all of you" after the returns policy', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('how long have I got to send something back?');
    closes(await chat.say('oh and a merry xmas to all of you'));
  });

  it('"enjoy the sunshine this weekend" after tracking an order', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const t = await chat.say('any update on order 28502?');
    expect(toolNames(t)).toContain('lookup_order');
    closes(await chat.say('enjoy the sunshine this weekend'));
  });

  it('"hope the weather is kind to you wherever you are" after delivery times (a longer wish)', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('how quick is express delivery');
    closes(await chat.say('hope the weather is kind to you wherever you are'));
  });
});

describe('letting it go after a list', () => {
  for (const text of ["never mind, I'll have a look myself", 'nah forget it, cheers'])
    it(`"${text}": no search narrowed by the idiom`, async () => {
      const chat = new Chat(store, anonymous());
      const l = await chat.say('have you got any rain jackets');
      expect(toolNames(l)).toContain('search_products');
      closes(await chat.say(text));
    });
});

describe('a goodbye of several pleasantries', () => {
  it('"sorry for going on so long, you\'ve been kind. take care" after a hand-over', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    const h = await chat.say('could a person from your team look at my account please');
    expect(toolNames(h)).toContain('escalate_to_human');
    closes(await chat.say("sorry for going on so long, you've been kind. take care"));
  });
});

describe('thanks with a plan told for later', () => {
  for (const text of ["cheers, I'll return the jumper at some point next week", "thanks. I'll cancel the other order tomorrow maybe"])
    it(`"${text}": nothing looked up, proposed or started`, async () => {
      const chat = new Chat(store, signedIn('c_marcus'));
      const t = await chat.say('is 28502 on its way yet');
      expect(toolNames(t)).toContain('lookup_order');
      closes(await chat.say(text));
    });
});

describe('kept right', () => {
  it('a task outside the shop, said without a question mark, is still declined', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('what is your returns policy');
    const r = await chat.say('write me a poem about autumn');
    expect(toolNames(r)).toEqual([]);
    expect(r.reply).toMatch(REFUSAL);
  });

  it('"anything not in black?" after a list still leaves black out', async () => {
    const chat = new Chat(store, anonymous());
    await chat.say('show me some jumpers');
    const r = await chat.say('anything not in black?');
    const search = r.toolCalls.find((c) => c.name === 'search_products');
    expect(JSON.stringify(search?.args)).toMatch(/black/);
  });
});
