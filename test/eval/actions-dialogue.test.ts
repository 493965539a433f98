// The dialogue judge of the conversation harness (`npm run nlu:actions -- --conversations`): turns
// whose verdict is certain given what the earlier turns showed or proposed, the set's validation,
// and a real conversation through the real app on a freshly seeded store.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOfflineProvider } from '../../src/agent/index.js';
import {
  judgeConversationTurn,
  parseConversationSet,
  runConversations,
  scoreConversations,
  type Conversation,
  type DialogueObservation,
} from '../../src/eval/node.js';

const root = join(import.meta.dirname, '../..');

type Call = { name: string; args?: Record<string, unknown>; ok?: boolean; result?: unknown };
const obs = (reply: string, calls: Call[] = [], pendingAfter: string | null = null): DialogueObservation => ({
  status: 200,
  error: null,
  reply,
  persona: 'repeat-buyer',
  toolCalls: calls.map((c) => ({ name: c.name, args: c.args ?? {}, ok: c.ok ?? true, result: c.result ?? {} })),
  pendingAfter,
});

const product = (id: string, colour: string, style: string, price: number, category = 'tops') => ({
  id,
  name: `${colour} ${style}`,
  category,
  colour: colour.toLowerCase(),
  price,
  description: 'A piece.',
  stock: { S: 2, M: 3, L: 0 },
  imageUrl: null,
  url: null,
});
const searchResult = (...matches: ReturnType<typeof product>[]) => ({
  understood: { words: ['shirt'], category: matches[0]?.category },
  matches,
  total: matches.length,
  count: matches.length,
});
const SHIRTS = [
  product('p_1', 'White', 'Linen Relaxed Shirt', 65),
  product('p_2', 'Blue', 'Linen Relaxed Shirt', 65),
  product('p_3', 'Sand', 'Linen Relaxed Shirt', 65),
];

const conv = (text: string): Conversation => parseConversationSet(text, 'inline')[0]!;

describe('judging a turn by what came before', () => {
  const browse = conv(`
- id: c
  state: anonymous
  turns:
    - { text: "linen shirts", goal: search_product }
    - { text: "the second one in M", goal: pick_shown, ref: { ordinal: 2 }, size: M }
    - { text: "any in black?", goal: refine_search, filter: { colour: black } }
    - { text: "how much is the blue one?", goal: ask_about_shown, ref: { colour: blue }, answer: "\\\\$\\\\s?\\\\d+" }
`);
  const shown = [
    {
      turn: browse.turns[0]!,
      observation: obs('Here are 3 options…', [
        { name: 'search_products', args: { query: 'linen shirt' }, result: searchResult(...SHIRTS) },
      ]),
    },
  ];

  it('"the second one in M": adding THAT product in M is right; another product or size is wrong', () => {
    const pick = browse.turns[1]!;
    const add = (id: string, size: string) => obs('Added.', [{ name: 'add_to_cart', args: { productId: id, size } }]);
    expect(judgeConversationTurn(pick, 'anonymous', shown, add('p_2', 'M')).verdict).toBe('right');
    expect(judgeConversationTurn(pick, 'anonymous', shown, add('p_1', 'M')).verdict).toBe('wrong');
    expect(judgeConversationTurn(pick, 'anonymous', shown, add('p_2', 'L')).verdict).toBe('wrong');
    // Asking again for the size the shopper just gave is wrong; a fresh search instead of the shown product too.
    expect(judgeConversationTurn(pick, 'anonymous', shown, obs('Blue Linen Relaxed Shirt: which size would you like?')).verdict).toBe(
      'wrong',
    );
    expect(
      judgeConversationTurn(pick, 'anonymous', shown, obs('Here are…', [{ name: 'search_products', result: searchResult(SHIRTS[0]!) }]))
        .verdict,
    ).toBe('wrong');
  });

  it('a refined search is right only when every product shown has the refinement and the earlier category is kept', () => {
    const refine = browse.turns[2]!;
    const black = product('p_9', 'Black', 'Ribbed Tank Top', 19);
    const search = (...m: ReturnType<typeof product>[]) => obs('…', [{ name: 'search_products', result: searchResult(...m) }]);
    expect(judgeConversationTurn(refine, 'anonymous', shown, search(black)).verdict).toBe('right');
    expect(judgeConversationTurn(refine, 'anonymous', shown, search(black, SHIRTS[0]!)).verdict).toBe('wrong');
    expect(judgeConversationTurn(refine, 'anonymous', shown, search(product('p_8', 'Black', 'Jeans', 79, 'trousers'))).verdict).toBe(
      'wrong',
    );
    expect(judgeConversationTurn(refine, 'anonymous', shown, obs('Anything else?')).verdict).toBe('wrong');
  });

  it('a question about a shown product: an answer naming it with the fact is right; a new unrelated search is wrong', () => {
    const ask = browse.turns[3]!;
    expect(judgeConversationTurn(ask, 'anonymous', shown, obs('Blue Linen Relaxed Shirt costs $65.')).verdict).toBe('right');
    expect(judgeConversationTurn(ask, 'anonymous', shown, obs('Blue Linen Relaxed Shirt is lovely.')).verdict).toBe('wrong');
    const other = obs('Here are…', [
      { name: 'search_products', result: searchResult(product('p_7', 'Blue', 'Denim Jacket', 89, 'outerwear')) },
    ]);
    expect(judgeConversationTurn(ask, 'anonymous', shown, other).verdict).toBe('wrong');
  });

  it('a product named from an earlier list (not the latest) was shown: adding it is right, another one wrong', () => {
    const pickEarlier = conv(`
- id: e
  state: anonymous
  turns:
    - { text: "linen shirts", goal: search_product }
    - { text: "any in black?", goal: refine_search, filter: { colour: black } }
    - { text: "the sand one then, in S", goal: add_to_cart, ref: { colour: sand }, size: S }
    - { text: "the second one", goal: pick_shown, ref: { ordinal: 2 } }
`).turns;
    const black = product('p_9', 'Black', 'Ribbed Tank Top', 19);
    const history = [
      ...shown,
      { turn: pickEarlier[1]!, observation: obs('…', [{ name: 'search_products', result: searchResult(black) }]) },
    ];
    const add = (id: string) => obs('Added.', [{ name: 'add_to_cart', args: { productId: id, size: 'S' } }]);
    expect(judgeConversationTurn(pickEarlier[2]!, 'anonymous', history, add('p_3')).verdict).toBe('right');
    expect(judgeConversationTurn(pickEarlier[2]!, 'anonymous', history, add('p_9')).verdict).toBe('wrong');
    // An ordinal still counts in the latest list only.
    expect(judgeConversationTurn(pickEarlier[3]!, 'anonymous', history, add('p_2')).verdict).toBe('wrong');
  });

  const ret = conv(`
- id: r
  state: verified
  turns:
    - { text: "I want to return the chinos from 28473", goal: get_refund }
    - { text: "yes please", goal: confirm, items: "chino" }
    - { text: "no, leave it", goal: deny }
`);
  const proposed = [
    {
      turn: ret.turns[0]!,
      observation: obs(
        'I can create a free return label… Shall I go ahead?',
        [{ name: 'create_return_label', args: { orderNumber: '28473', confirm: false }, result: { needsConfirmation: true } }],
        'return_label',
      ),
    },
  ];

  it('a yes after a return proposal: the label created is right, another proposal weak, nothing or another write wrong', () => {
    const yes = ret.turns[1]!;
    const label = (items: string[]) => ({ created: true, label: { items } });
    const made = (items: string[]) =>
      obs('Done.', [{ name: 'create_return_label', args: { orderNumber: '28473', confirm: true }, result: label(items) }]);
    expect(judgeConversationTurn(yes, 'verified', proposed, made(['Stone Stretch Chino Trousers (M)'])).verdict).toBe('right');
    // The label took an item the shopper did not choose.
    expect(
      judgeConversationTurn(yes, 'verified', proposed, made(['Stone Stretch Chino Trousers (M)', 'Navy Merino Crew-Neck Jumper (L)']))
        .verdict,
    ).toBe('wrong');
    const again = obs(
      'Shall I go ahead?',
      [{ name: 'create_return_label', args: { confirm: false }, result: { needsConfirmation: true } }],
      'return_label',
    );
    expect(judgeConversationTurn(yes, 'verified', proposed, again).verdict).toBe('weak');
    expect(judgeConversationTurn(yes, 'verified', proposed, obs('Happy to help. What would you like to do?')).verdict).toBe('wrong');
    expect(judgeConversationTurn(yes, 'verified', proposed, obs('Connecting you.', [{ name: 'escalate_to_human' }])).verdict).toBe('wrong');
  });

  it('a no: withdrawn with nothing done is right; the proposal left waiting is weak; acting is wrong', () => {
    const no = ret.turns[2]!;
    expect(judgeConversationTurn(no, 'verified', proposed, obs('No problem, nothing was changed.')).verdict).toBe('right');
    expect(judgeConversationTurn(no, 'verified', proposed, obs('Okay.', [], 'return_label')).verdict).toBe('weak');
    const acted = obs('Done.', [
      { name: 'create_return_label', args: { orderNumber: '28473', confirm: true }, result: { created: true, label: { items: [] } } },
    ]);
    expect(judgeConversationTurn(no, 'verified', proposed, acted).verdict).toBe('wrong');
  });

  it('details across turns: the email now, the order number before; verifying and looking the order up is right', () => {
    const track = conv(`
- id: t
  state: anonymous
  turns:
    - { text: "where is order 28502?", goal: track_order }
    - { text: "marcus@example.com", goal: give_details }
`);
    const before = [{ turn: track.turns[0]!, observation: obs("I first need to confirm it's you: your email address?") }];
    const verify = { name: 'verify_customer', args: { email: 'marcus@example.com', orderNumber: '28502' }, result: { verified: true } };
    const looked = obs('It is on its way.', [verify, { name: 'lookup_order', args: { orderNumber: '28502' } }]);
    expect(judgeConversationTurn(track.turns[1]!, 'anonymous', before, looked).verdict).toBe('right');
    expect(
      judgeConversationTurn(track.turns[1]!, 'anonymous', before, obs('You are verified. Shall I look it up?', [verify])).verdict,
    ).toBe('weak');
    expect(judgeConversationTurn(track.turns[1]!, 'anonymous', before, obs("Sorry, I didn't catch that.")).verdict).toBe('wrong');
  });
});

describe('the conversation set file', () => {
  it('names the conversation and turn of a bad label, and refuses a dialogue goal that opens a conversation', () => {
    expect(() => parseConversationSet('- { id: a, state: anonymous, turns: [{ text: "hi", goal: hello }] }', 's.yaml')).toThrow(
      /s\.yaml: 0\.turns\.0\.goal/,
    );
    expect(() => parseConversationSet('- { id: a, state: anonymous, turns: [{ text: "yes", goal: confirm }] }', 's.yaml')).toThrow(
      /cannot open/,
    );
    expect(() =>
      parseConversationSet(
        '- { id: a, state: anonymous, turns: [{ text: "x", goal: search_product }, { text: "red", goal: refine_search }] }',
        's.yaml',
      ),
    ).toThrow(/needs a filter/);
  });

  it('the shipped set parses: at least 40 conversations and 110 turns', async () => {
    const { loadConversationSet } = await import('../../src/eval/node.js');
    const set = loadConversationSet(join(root, 'data/nlu/actions/conversations.yaml'));
    expect(set.length).toBeGreaterThanOrEqual(40);
    expect(set.reduce((n, c) => n + c.turns.length, 0)).toBeGreaterThanOrEqual(110);
  });
});

describe('a real conversation', () => {
  it('runs all turns in one chat: the return proposed in turn 1 waits, and the no of turn 2 withdraws it', async () => {
    const set = parseConversationSet(
      `- id: return-declined
  state: verified
  turns:
    - { text: "I'd like a refund for the chinos in 28473", goal: get_refund }
    - { text: "actually no, leave it, I'll keep them", goal: deny }`,
      'inline',
    );
    const runs = await runConversations(set, {
      promptsDir: join(root, 'prompts'),
      rulesFile: join(root, 'data/segments.yaml'),
      provider: createOfflineProvider(),
      now: Date.parse('2025-06-02T10:00:00Z'),
    });
    const [first, second] = runs[0]!.observations;
    expect(first!.toolCalls.map((c) => c.name)).toContain('create_return_label');
    expect(first!.pendingAfter).toBe('return_label');
    expect(second!.toolCalls.some((c) => c.args.confirm === true)).toBe(false);
    expect(second!.pendingAfter).toBeNull();
    const score = scoreConversations(runs);
    expect(score.turns.map((t) => `${t.turn.goal}:${t.verdict.verdict}`)).toEqual(['get_refund:right', 'deny:right']);
  }, 60_000);
});
