// The reply head (issue 20): what a message does with the proposal waiting — yes, no, change, about, other —
// learned from data/nlu/reply/train over the intent model's features and checked in with it. It arbitrates only
// where the dialogue rules guessed (frame-reply.ts): a question about the return or swap waiting that the words
// read as a search, an order look-up or something no tool does is answered from the returns policy, the proposal
// asked again; a go-ahead the words read as an order look-up, a search or frustration is an answer to the proposal, which core/consent alone
// may take as a yes (when it does not, the proposal is made again and nothing runs). End to end on the demo store
// (Marcus: 28473 delivered, navy merino jumper L and stone chinos M).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyReply } from '../../../src/agent/offline/nlu/index.js';
import { NLU_PATHS } from '../../../src/agent/offline/nlu/node.js';
import { Chat, openStore, signedIn, toolNames, type Store } from './store.js';
import { itChecksHeadModel, itTrainsHeadFromCli } from './nlu/head-model.js';

describe('the reply head in data/nlu/model.json', () => {
  itChecksHeadModel({ head: 'reply', labels: NLU_PATHS.reply, train: NLU_PATHS.replyTrain, test: NLU_PATHS.replyTest, minRecall: 0.7 });

  it.each([
    // Lines of neither file.
    ['grand, away you go with it', 'yes'],
    ["on second thoughts I'll hang on to the pair I've got", 'no'],
    ['could the swap be for the charcoal one rather than the navy', 'change'],
    ['is the courier collecting it or do I drop it somewhere?', 'about'],
    ['oh while I think of it, do you stock swimwear', 'other'],
  ])('"%s" reads as %s', (text, reply) => {
    expect(classifyReply(text)?.reply).toBe(reply);
  });

  it.each([
    // Voices the first corpus lacked (corpus-z: learners' English, slang, fragments): lines of neither file,
    // each misread by the model trained before them.
    ['yh do the swap', 'yes'],
    ['do i gotta pay for that', 'about'],
  ])('in a new voice, "%s" reads as %s', (text, reply) => {
    expect(classifyReply(text)?.reply).toBe(reply);
  });
});

describe('nlu:train and nlu:report with a reply corpus', () => {
  itTrainsHeadFromCli({
    head: 'reply',
    flag: 'reply',
    noun: 'replies',
    unit: 'labels',
    files: {
      yes: 'yes go ahead\nyep do it\nsure send it\nok proceed\n',
      no: 'no leave it\nnah keep it\nnot now thanks\ndont do it\n',
      about: 'is it free\nhow long will it take\nwhen do i get the money\nwhere do i drop it\n',
    },
    probe: ['how long will it take', 'about'],
    title: 'Reply head',
    column: 'reply',
  });
});

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

/** Marcus with a return or a swap of the navy jumper of 28473 proposed and waiting. */
async function waiting(kind: 'return' | 'swap', own: Store = store): Promise<Chat> {
  const chat = new Chat(own, signedIn('c_marcus'));
  const proposed = await chat.say(
    kind === 'return' ? 'I want to return the navy jumper from order 28473' : 'can I swap the navy merino jumper from 28473 for an M',
  );
  expect(proposed.toolCalls.at(-1)).toMatchObject({
    name: kind === 'return' ? 'create_return_label' : 'exchange_items',
    args: { confirm: false },
  });
  return chat;
}

describe('a question about the proposal waiting, read as something else, is answered from the returns policy', () => {
  it.each([
    // Read as a search for the piece.
    ['swap', 'one last thing, the sticker for the big jumper, does that get emailed?'],
    // Read as something no tool does.
    ['swap', 'what happens with the old navy one, do you send a bag for it?'],
    // Read as the order's status.
    ['return', 'quick q, the jumper parcel, where do I hand it in?'],
  ] as const)('with a %s waiting, "%s" gets the returns policy and the proposal asked again', async (kind, text) => {
    const chat = await waiting(kind);
    const r = await chat.say(text);
    expect(r.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'returns' }, ok: true }]);
    expect(r.reply).toMatch(/return label|Returns are free/);
    expect(r.reply).toMatch(/shall I still go ahead/);
    expect(r.reply).not.toMatch(/I found nothing matching|colleague/);
  });
});

describe('a go-ahead the words read as an order look-up, a search or frustration answers the proposal waiting', () => {
  // A go-ahead core/consent reads in its grammar of assent (an acknowledgement, then a verb of carrying it out said of
  // it) makes the label at once; one it does not ("away you go") gets the return proposed again.
  it.each(['heard you, crack on with it', 'gotcha, get that sorted for me'])(
    'with a return waiting, "%s" looks nothing up, offers no person and makes the label',
    async (text) => {
      // A store of its own: the label made here would leave nothing to propose to the cases after it.
      const own = await openStore();
      try {
        const r = await (await waiting('return', own)).say(text);
        expect(toolNames(r)).not.toContain('lookup_order');
        expect(toolNames(r)).not.toContain('search_products');
        expect(r.reply).not.toMatch(/colleague/);
        expect(r.toolCalls.find((c) => c.name === 'create_return_label' && c.args.confirm === true)?.ok).toBe(true);
      } finally {
        own.dispose();
      }
    },
  );

  it.each(['noted, away you go with that'])(
    'with a return waiting, "%s" looks nothing up, offers no person and runs nothing: the return is proposed again',
    async (text) => {
      const chat = await waiting('return');
      const r = await chat.say(text);
      expect(toolNames(r)).not.toContain('lookup_order');
      expect(toolNames(r)).not.toContain('search_products');
      expect(r.reply).not.toMatch(/colleague/);
      expect(r.toolCalls.some((c) => c.args.confirm === true)).toBe(false);
      expect(r.reply).toMatch(/Shall I go ahead\?/);
    },
  );
});
