// The follow head (issue 20): what a follow-up asks about — a fact of an order, money, a person
// answering, the next step, the last question carried over, or a request of its own — learned from
// data/nlu/follow/train over the intent model's features and checked in with it; the previous
// reply's subject decides which readings continue it (frame-follow.ts). Before the head these were
// word lists; the flows below are follow-ups in words none of those lists knew ("due when?",
// "reimbursed", "the rep", "the queue", "get in touch"), end to end on the demo store (Marcus: 28473
// delivered, 28502 shipped with FedEx, 28511 processing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFollow } from '../../../src/agent/offline/nlu/index.js';
import { NLU_PATHS } from '../../../src/agent/offline/nlu/node.js';
import { Chat, anonymous, openStore, signedIn, toolNames, type Store } from './store.js';
import { itChecksHeadModel, itTrainsHeadFromCli } from './nlu/head-model.js';

describe('the follow head in data/nlu/model.json', () => {
  itChecksHeadModel({ head: 'follow', labels: NLU_PATHS.follow, train: NLU_PATHS.followTrain, test: NLU_PATHS.followTest, minRecall: 0.7 });

  it.each([
    // Lines of neither file.
    ['any news on when it shows up at mine?', 'order_fact'],
    ['when will I be reimbursed for that', 'money'],
    ['when will your support folks write back', 'person'],
    ['righto, do I just pop it in a postbox then?', 'next_step'],
    ['and for a large?', 'continue'],
    ['the heel came off one of the boots', 'new'],
  ])('"%s" reads as %s', (text, follow) => {
    expect(classifyFollow(text).follow).toBe(follow);
  });

  it.each([
    // Voices the first corpus lacked (corpus-z: learners' English, slang, fragments): lines of neither file,
    // each misread by the model trained before them.
    ['parcel reach where now', 'order_fact'],
    ['my order is going by which company', 'order_fact'],
    ['hows my order doing', 'order_fact'],
    ['you return me full price?', 'money'],
    ['the collection is which day, I must be home?', 'next_step'],
    ['n for the trainers', 'continue'],
  ])('in a new voice, "%s" reads as %s', (text, follow) => {
    expect(classifyFollow(text).follow).toBe(follow);
  });
});

describe('nlu:train and nlu:report with a follow corpus', () => {
  itTrainsHeadFromCli({
    head: 'follow',
    flag: 'follow',
    noun: 'follow-ups',
    unit: 'labels',
    files: {
      order_fact: 'which courier has it\nwhen will it arrive\nis it shipped yet\ntracking number please\n',
      money: 'will the money go to my card\nwhen do i see the refund\nhow much comes back\nis postage refunded\n',
      new: 'show me dresses\ncancel it\nthanks bye\nthe zip is broken\n',
    },
    probe: ['will the money go to my card', 'money'],
    title: 'Follow head',
    column: 'follow-up',
  });
});

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

describe('follow-ups in words no list knew, answered from the subject of the last reply', () => {
  it('"due when?" after order 28502 is shown looks that order up again rather than asking what it is about', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('can you check on order 28502 for me');
    const due = await chat.say('due when?');
    expect(due.toolCalls).toEqual([{ name: 'lookup_order', args: { orderNumber: '28502' }, ok: true }]);
    expect(due.reply).toMatch(/#28502/);
    expect(due.reply).not.toMatch(/I want to get this right/);
  });

  it('"any news on when it shows up at mine?" after order 28502 is shown is that order too', async () => {
    const chat = new Chat(store, signedIn('c_marcus'));
    await chat.say('where is order 28502');
    const eta = await chat.say('any news on when it shows up at mine?');
    expect(toolNames(eta)).toEqual(['lookup_order']);
    expect(eta.toolCalls[0]!.args).toEqual({ orderNumber: '28502' });
    expect(eta.reply).toMatch(/FedEx/);
  });

  it('after a cancellation, "when will I be reimbursed?" gives that refund and the rule for refunds', async () => {
    const own = await openStore();
    const chat = new Chat(own, signedIn('c_marcus'));
    await chat.say('please cancel order 28511');
    const done = await chat.say('yes');
    expect(done.toolCalls.at(-1)).toMatchObject({ name: 'cancel_order', args: { confirm: true }, ok: true });
    const when = await chat.say('when will I be reimbursed?');
    expect(when.toolCalls).toEqual([
      { name: 'lookup_order', args: { orderNumber: '28511' }, ok: true },
      { name: 'store_policy', args: { topic: 'orders' }, ok: true },
    ]);
    expect(when.reply).toMatch(/original payment method/);
    own.dispose();
  });

  it.each(['will the rep ring me?', 'any idea how long the queue is', 'how quick do they usually get in touch'])(
    'after handing over, "%s" gives the support hours, not delivery or a clarifying question',
    async (text) => {
      const chat = new Chat(store, anonymous());
      await chat.say('put me through to a human please');
      const when = await chat.say(text);
      expect(when.toolCalls).toEqual([{ name: 'store_policy', args: { topic: 'general' }, ok: true }]);
      expect(when.reply).toMatch(/8 am/);
      expect(when.reply).not.toMatch(/business days|click and collect/);
    },
  );
});
