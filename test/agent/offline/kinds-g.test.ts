// Go-aheads and refusals in the shopper's own words or language while a proposal waits (fixer-g), end to end on the
// offline model and the demo store (Marcus: 28473 delivered with a navy merino jumper L and stone chinos M). The learned
// reply head reads them where core/consent has no clear reading and the words show no doubt: the proposal is shown
// again with its Confirm button (nothing runs: only a clear yes or the button confirms), never the basket, a goodbye,
// the shipping policy or "didn't catch that". A short hedge ("I guess?", "if you must") is asked again. Own-language
// thanks, yes and no (Samoan, Hmong, Punjabi) are read by the head as what they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyReply } from '../../../src/agent/offline/nlu/index.js';
import { Chat, callOf, confirmed, openStore, signedIn, type Store } from './store.js';

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const marcus = () => new Chat(store, signedIn('c_marcus'));
const RETURN = 'please return the navy jumper from 28473, too baggy';
const SWAP = 'could I swap the stone chinos from 28473 for an L please';

/** The proposal made by `first`, then `answer`: the second turn. */
async function answered(first: string, tool: string, answer: string) {
  const chat = marcus();
  const proposed = await chat.say(first);
  expect(callOf(proposed, tool)?.args.confirm).toBe(false);
  return chat.say(answer);
}

describe('a go-ahead in own words or language, read by the reply head: the proposal shown again to confirm', () => {
  it.each([
    ['Ring it up', RETURN, 'create_return_label'],
    ['Cleared for takeoff. Go.', RETURN, 'create_return_label'],
    ['ja bitte', RETURN, 'create_return_label'],
    ['Ring it up', SWAP, 'exchange_items'],
    ['ja, mach das', SWAP, 'exchange_items'],
  ])('"%s" to a proposal: shown again, nothing else done', async (answer, first, tool) => {
    const r = await answered(first, tool, answer);
    expect(callOf(r, tool)?.args.confirm).toBe(false);
    expect(confirmed(r)).toEqual([]);
    expect(r.toolCalls.map((c) => c.name)).toEqual([tool]);
  });
});

describe('a short hedge while a proposal waits is asked again, never answered as something else', () => {
  it.each([
    ['I guess?', SWAP],
    ['if you must', SWAP],
    ['if you must', RETURN],
    ['maybe later', RETURN],
  ])('"%s": asked again, nothing run', async (answer, first) => {
    const r = await answered(first, first === SWAP ? 'exchange_items' : 'create_return_label', answer);
    expect(r.toolCalls).toEqual([]);
    expect(r.reply).toMatch(/shall I go ahead\?/i);
  });
});

describe('own-language thanks, yes and no: the reply head reads each as what it is', () => {
  it.each([
    ["ioe, fa'afetai", 'yes'],
    ['yog, ua tsaug', 'yes'],
    ['haan ji, kar do', 'yes'],
    ["fa'afetai tele lava", 'other'],
    ['ua tsaug koj', 'other'],
    ['dhanvaad ji, bahut', 'other'],
    ["leai lava, fa'afetai", 'no'],
    ['tsis yog lawm, ua tsaug', 'no'],
    ['nahi ji, rehan dijiye', 'no'],
  ])('"%s" → %s', (text, reply) => {
    expect(classifyReply(text)?.reply).toBe(reply);
  });
});
