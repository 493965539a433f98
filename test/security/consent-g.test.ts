// The reply head may read a go-ahead in the shopper's own words or language ("Ring it up", "ja bitte") while a
// proposal waits (fixer-g), but an unsure, hedged or questioning message never confirms anything: core/consent's
// `doubts` says so for every such message (the head's yes is then never taken, not even to show the proposal again),
// the strict reader never takes it as a yes, and end to end nothing runs: the proposal is asked again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_ECHO, doubts, hedges, isClearYes } from '../../src/core/index.js';
import { Chat, callOf, confirmed, openStore, signedIn, type Store } from '../agent/offline/store.js';

const UNSURE = [
  'I guess?',
  'if you must',
  'hmm',
  'hmmm...',
  'maybe later',
  'not sure',
  'yes??',
  'ok... I suppose',
  'go on then I guess',
  'sure, why not?',
  'ja, aber morgen',
  'sí, pero mañana',
  'ok nein',
  'yes if it is free',
  'perhaps',
  'whatever',
  'meh, fine',
  'I reckon so, go ahead',
  'yes 🤔',
  'umm ok',
  'do it, unless it costs me',
];

describe('unsure, hedged or questioning messages doubt, and are never a yes', () => {
  it.each(UNSURE)('"%s": doubts, no clear yes', (msg) => {
    expect(doubts(msg)).toBe(true);
    expect(isClearYes(msg, { echo: ACTION_ECHO.return_label })).toBe(false);
  });

  it('a hedge word makes `hedges` true; a plain question does not hedge (it only doubts)', () => {
    for (const msg of ['I guess?', 'if you must', 'hmm', 'maybe later', 'whatever']) expect(hedges(msg)).toBe(true);
    expect(hedges('do you sell belts?')).toBe(false);
    expect(doubts('do you sell belts?')).toBe(true);
  });

  it('own-words go-aheads with no doubt in them do not doubt (the head may read them; consent still decides)', () => {
    for (const msg of ['ja bitte', 'sí, dale', 'haan kar do', 'Ring it up', 'Cleared for takeoff. Go.', 'yep do the thing'])
      expect(doubts(msg)).toBe(false);
    // "si" without its accent may be the "if" of French: doubt.
    expect(doubts('si, dale')).toBe(true);
  });
});

describe('end to end: while a proposal waits, an unsure message never runs it', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(() => store.dispose());

  it.each(['I guess?', 'if you must', 'yes??', 'go on then I guess', 'hmm, I suppose', 'maybe later', 'sure, why not?'])(
    '"%s" to a proposed return: nothing confirmed, nothing else done, the proposal asked again',
    async (msg) => {
      const chat = new Chat(store, signedIn('c_marcus'));
      const proposed = await chat.say('please return the navy jumper from 28473, too baggy');
      expect(callOf(proposed, 'create_return_label')?.args.confirm).toBe(false);
      const r = await chat.say(msg);
      expect(confirmed(r)).toEqual([]);
      // At most the proposal itself shown again (confirm: false), never another tool's answer in its place.
      expect(r.toolCalls.every((c) => c.name === 'create_return_label' && c.args.confirm === false)).toBe(true);
      expect(r.reply).toMatch(/shall I (still )?go ahead\?/i);
    },
  );

  it.each(['Ring it up', 'ja bitte', 'Cleared for takeoff. Go.', 'haan kar do'])(
    '"%s" (a go-ahead the strict reader does not know): shown again to confirm, never run',
    async (msg) => {
      const chat = new Chat(store, signedIn('c_marcus'));
      await chat.say('could I swap the stone chinos from 28473 for an L please');
      const r = await chat.say(msg);
      expect(confirmed(r)).toEqual([]);
      expect(callOf(r, 'exchange_items')?.args.confirm).toBe(false);
    },
  );
});
