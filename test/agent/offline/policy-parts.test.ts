// The part of a policy a follow-up asks (issue 20): learned by the part head from data/nlu/policy-parts (window, cost,
// refund, how, exchanges of the returns policy; express, standard, regions, tracking of the shipping policy; none: the
// policy whole), not a table of regular expressions. After a policy was answered, only its parts and `none` compete
// (replies-policy-parts.ts), and the reply says that part alone. End to end on the offline model and the demo store,
// in words of neither corpus file: each of these follow-ups got the whole policy again, or the wrong part, from the
// table the head replaced. And sizeSystemOf, the one reading of a size system (UK, US, EU) the sizing answers share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyPart } from '../../../src/agent/offline/nlu/index.js';
import { loadCorpusDir, NLU_PATHS, readIntentLabels } from '../../../src/agent/offline/nlu/node.js';
import { partsOf } from '../../../src/agent/offline/replies-policy-parts.js';
import { sizeSystemOf } from '../../../src/agent/offline/frame-size-system.js';
import { anonymous, callOf, Chat, openStore, type Store } from './store.js';
import { itChecksHeadModel, itTrainsHeadFromCli } from './nlu/head-model.js';

describe('the part head in data/nlu/model.json', () => {
  itChecksHeadModel({ head: 'part', labels: NLU_PATHS.parts, train: NLU_PATHS.partsTrain, test: NLU_PATHS.partsTest, minRecall: 0.7 });

  it.each([
    // Lines of neither file; the same words are another part after another policy.
    ['returns', "so it won't cost me a thing to get it to you?", 'cost'],
    ['shipping', "so it won't cost me a thing to get it to me?", 'standard'],
    ['returns', 'how long i got', 'window'],
    ['shipping', 'do I get a tracking number?', 'tracking'],
    ['returns', 'great, thanks a lot', 'none'],
  ] as const)('after the %s policy, "%s" reads as %s', (topic, text, part) => {
    const among =
      topic === 'returns'
        ? (['window', 'cost', 'refund', 'how', 'exchanges'] as const)
        : (['express', 'standard', 'regions', 'tracking'] as const);
    expect(classifyPart(text, among).part).toBe(part);
  });
});

describe('nlu:train and nlu:report with a policy-parts corpus', () => {
  itTrainsHeadFromCli({
    head: 'part',
    flag: 'parts',
    noun: 'policy parts',
    unit: 'parts',
    files: {
      window: 'how long do i have\nis there a deadline\nhow many days to return\nam i too late\n',
      cost: 'who pays the postage\nis the return free\nany fee\ndo i pay to send it back\n',
      none: 'ok thanks\ncan you repeat that\ntell me everything\ndo you sell belts\n',
    },
    probe: ['who pays the postage', 'cost'],
    title: 'Part head',
    column: 'part',
  });
});

let store: Store;
beforeAll(async () => {
  store = await openStore();
});
afterAll(() => store.dispose());

const topicOf = (r: Awaited<ReturnType<Chat['say']>>) => callOf(r, 'store_policy')?.args.topic;

/** A chat right after the returns policy, or the shipping policy, was answered whole. */
async function after(policy: 'returns' | 'shipping'): Promise<Chat> {
  const chat = new Chat(store, anonymous());
  const r = await chat.say(policy === 'returns' ? 'what is your returns policy?' : 'what are your delivery options?');
  expect(topicOf(r)).toBe(policy);
  return chat;
}

describe('one part of the returns policy, asked in words the table did not read', () => {
  it('"how long i got" (no "have"): the window alone, not the whole policy', async () => {
    const r = await (await after('returns')).say('how long i got');
    expect(topicOf(r)).toBe('returns');
    expect(r.reply).toMatch(/30 days of delivery/);
    expect(r.reply).not.toMatch(/Returns are free|Refunded/);
  });

  // The head splits this one near-evenly between cost and how (the label it names): either reply says the label costs nothing.
  it('"do I need to pay for the label?": that it costs nothing (free, or a prepaid label), not the window or the refund', async () => {
    const r = await (await after('returns')).say('do I need to pay for the label?');
    expect(topicOf(r)).toBe('returns');
    expect(r.reply).toMatch(/Returns are free|prepaid return label/);
    expect(r.reply).not.toMatch(/30 days|Refunded/);
  });
});

describe('two parts asked at once', () => {
  it('"how long have I got, and what does it cost?": the window and the cost, not the refund (each piece read on its own)', async () => {
    const r = await (await after('returns')).say('how long have I got, and what does it cost?');
    expect(topicOf(r)).toBe('returns');
    expect(r.reply).toMatch(/30 days of delivery/);
    expect(r.reply).toMatch(/Returns are free/);
    expect(r.reply).not.toMatch(/Refunded/);
  });
});

describe('one part of the shipping policy, asked in words the table did not read', () => {
  it('"do I get a tracking number?": the tracking line alone', async () => {
    const r = await (await after('shipping')).say('do I get a tracking number?');
    expect(topicOf(r)).toBe('shipping');
    expect(r.reply).toMatch(/tracking link is emailed/);
    expect(r.reply).not.toMatch(/Standard delivery|express/i);
  });

  it('"will I know where my parcel is on the way?": the tracking line, though no word of it says "track"', async () => {
    const r = await (await after('shipping')).say('will I know where my parcel is on the way?');
    expect(topicOf(r)).toBe('shipping');
    expect(r.reply).toMatch(/tracking link is emailed/);
    expect(r.reply).not.toMatch(/Standard delivery/);
  });
});

describe('two parts asked in one clause: both said (a two-word phrase the head is sure of names the second)', () => {
  it.each(['does next day come with a tracking number?', 'is express tracked, and how much?'])(
    '"%s": the express line and the tracking line',
    async (text) => {
      const r = await (await after('shipping')).say(text);
      expect(topicOf(r)).toBe('shipping');
      expect(r.reply).toMatch(/quickest option is express/);
      expect(r.reply).toMatch(/tracking link is emailed/);
      expect(r.reply).not.toMatch(/Standard delivery/);
    },
  );

  it('a clause asking one part rarely gets a second: under 5 % of the test lines read after their policy', () => {
    const RETURNS = ['window', 'cost', 'refund', 'how', 'exchanges'] as const;
    const SHIPPING = ['express', 'standard', 'regions', 'tracking'] as const;
    const lines = loadCorpusDir(NLU_PATHS.partsTest, readIntentLabels(NLU_PATHS.parts))!.corpus.examples;
    const readings = lines.flatMap(({ text, label: intent }) => {
      const among = (RETURNS as readonly string[]).includes(intent)
        ? [RETURNS]
        : (SHIPPING as readonly string[]).includes(intent)
          ? [SHIPPING]
          : [RETURNS, SHIPPING];
      return among.map((parts) => partsOf(text, parts));
    });
    expect(readings.length).toBeGreaterThan(150);
    expect(readings.filter((p) => p.length > 1).length / readings.length).toBeLessThan(0.05);
  });
});

describe('who pays, said in idiom, after the returns policy: the cost alone', () => {
  it.each(['returning it - is that on my own dollar?'])(
    '"%s": returns are free, not the window, the whole policy or the steps',
    async (text) => {
      const r = await (await after('returns')).say(text);
      expect(topicOf(r)).toBe('returns');
      expect(r.reply).toMatch(/Returns are free/);
      expect(r.reply).not.toMatch(/30 days of delivery|prepaid return label/);
    },
  );
});

describe('a destination told right after the delivery times: every delivery time again, not one line or where the shop ships', () => {
  it.each(["oh, it's for my brother up in Spokane"])('"%s"', async (text) => {
    const chat = new Chat(store, anonymous());
    await chat.say('how many days does shipping take?');
    const r = await chat.say(text);
    expect(topicOf(r)).toBe('shipping');
    expect(r.reply).toMatch(/Standard delivery takes .*business days/);
    expect(r.reply).toMatch(/express takes/);
    expect(r.reply).not.toMatch(/colleague/);
  });
});

describe('sizeSystemOf: the size system a message names, and the size said in it', () => {
  it.each([
    ["I'm a US 10 in sneakers", { system: 'US', size: 10 }],
    ['size 10 uk', { system: 'UK', size: 10 }],
    ["us women's 7.5", { system: 'US', size: 7.5 }],
    ['british 12', { system: 'UK', size: 12 }],
    ['EU 38', { system: 'EU', size: 38 }],
    ["what's that in UK sizes?", { system: 'UK', size: null }],
    ['and in us?', { system: 'US', size: null }],
    // The system carrying the size, not the one it is asked in.
    ["what's a US 8 in UK?", { system: 'US', size: 8 }],
  ] as const)('"%s" names %o', (text, named) => {
    expect(sizeSystemOf(text)).toEqual(named);
  });

  it.each(['can you send us 2 of them', 'give us 10 minutes', 'is the bus 10 late', 'hello'])('"%s" names none', (text) => {
    expect(sizeSystemOf(text)).toBeNull();
  });

  it('"what\'s a US 8 in UK sizes?": our size for the US 8 said, not for a UK 8', async () => {
    const r = await new Chat(store, anonymous()).say("what's a US 8 in UK sizes?");
    expect(topicOf(r)).toBe('sizing');
    expect(r.reply).toMatch(/a US 8 is our M/);
    expect(r.reply).not.toMatch(/a UK 8 is our S/);
  });
});
