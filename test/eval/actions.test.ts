// The action-level harness (`npm run nlu:actions`): the judge on turns whose verdict is certain,
// the set's validation, and a real run of a few messages through the real app, anonymous and
// verified, on a freshly seeded store.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOfflineProvider } from '../../src/agent/index.js';
import { judgeTurn, parseActionSet, runActionSet, scoreActions, renderActionReport, type TurnObservation } from '../../src/eval/node.js';

const root = join(import.meta.dirname, '../..');

const turn = (reply: string, calls: Array<{ name: string; args?: Record<string, unknown> }> = []): TurnObservation => ({
  status: 200,
  error: null,
  reply,
  persona: 'repeat-buyer',
  toolCalls: calls.map((c) => ({ name: c.name, args: c.args ?? {}, ok: true, result: {} })),
});

describe('judging one turn', () => {
  it('tracking an order: looking it up is right for a verified shopper; asking to verify is right when anonymous', () => {
    expect(judgeTurn('track_order', 'verified', turn('Your order #28502 has shipped.', [{ name: 'lookup_order' }])).verdict).toBe('right');
    const ask = turn("To help with your orders I first need to confirm it's you: please tell me the email address on your account.");
    expect(judgeTurn('track_order', 'anonymous', ask).verdict).toBe('right');
  });

  it('a product list for a question that is not a search is wrong, whatever else happened', () => {
    const v = judgeTurn(
      'track_order',
      'anonymous',
      turn('Here are 3 options: …', [{ name: 'search_products', args: { query: 'parcel' } }]),
    );
    expect(v).toMatchObject({ verdict: 'wrong', why: expect.stringContaining('product list') });
  });

  it('a return label proposed to a policy question is wrong; the policy is right', () => {
    expect(
      judgeTurn(
        'refund_policy',
        'verified',
        turn('I can create a free return label…', [{ name: 'create_return_label', args: { confirm: false } }]),
      ).verdict,
    ).toBe('wrong');
    expect(
      judgeTurn('refund_policy', 'verified', turn('Within 30 days.', [{ name: 'store_policy', args: { topic: 'returns' } }])).verdict,
    ).toBe('right');
  });

  it('a change nobody asked for (a reorder to a refund request) is wrong even after a lookup', () => {
    const v = judgeTurn(
      'get_refund',
      'verified',
      turn("I've added 2 items…", [{ name: 'lookup_order' }, { name: 'reorder', args: { orderNumber: '1' } }]),
    );
    expect(v.verdict).toBe('wrong');
  });

  it('refusing a shop topic is wrong; a clarifying question is weak only when it names the goal', () => {
    expect(judgeTurn('place_order', 'anonymous', turn("That's outside what I can do here. Want a human colleague?")).verdict).toBe('wrong');
    const naming = turn('I want to get this right: is it about delivery options and costs or how long delivery takes?');
    expect(judgeTurn('delivery_options', 'anonymous', naming).verdict).toBe('weak');
    expect(judgeTurn('reach_person', 'anonymous', naming).verdict).toBe('wrong');
  });

  it('placing an order: finding the piece named and adding it starts the order; a search for words that name no piece is wrong', () => {
    const added = turn("I've added Blue Linen Relaxed Shirt in M to your cart.", [
      { name: 'search_products', args: { query: 'linen shirt', category: 'tops' } },
      { name: 'add_to_cart', args: { productId: 'p_052', size: 'M' } },
    ]);
    expect(judgeTurn('place_order', 'anonymous', added).verdict).toBe('right');
    expect(
      judgeTurn('place_order', 'anonymous', turn("I couldn't find any pay.", [{ name: 'search_products', args: { query: 'pay' } }]))
        .verdict,
    ).toBe('wrong');
  });

  it('the shipping options by a store_policy call or in the reply are right', () => {
    expect(judgeTurn('delivery_options', 'anonymous', turn('…', [{ name: 'store_policy', args: { topic: 'shipping' } }])).verdict).toBe(
      'right',
    );
    expect(judgeTurn('delivery_options', 'anonymous', turn('Standard takes 3–5 business days; express 1–2.')).verdict).toBe('right');
    expect(judgeTurn('delivery_options', 'anonymous', turn('…', [{ name: 'store_policy', args: { topic: 'payment' } }])).verdict).toBe(
      'wrong',
    );
  });
});

describe('the set file', () => {
  it('takes a list or { items } and names the file and item of a bad label', () => {
    expect(parseActionSet('- { text: "where is my parcel", intent: track_order }', 's.yaml')).toHaveLength(1);
    expect(parseActionSet('items:\n  - { text: "bye", intent: thanks_bye }', 's.yaml')).toHaveLength(1);
    expect(() => parseActionSet('- { text: "where is my parcel", intent: parcel }', 's.yaml')).toThrow(/s\.yaml: 0\.intent/);
  });
});

describe('a real run', () => {
  it('runs each message once per shopper state through the real app and judges it', async () => {
    const items = parseActionSet(
      `- { text: "where is my order?", intent: track_order }
- { text: "I want to talk to a human", intent: reach_person }`,
      'inline',
    );
    const turns = await runActionSet(items, {
      promptsDir: join(root, 'prompts'),
      rulesFile: join(root, 'data/segments.yaml'),
      provider: createOfflineProvider(),
      now: Date.parse('2025-06-02T10:00:00Z'),
    });
    expect(turns.map((t) => `${t.state}:${t.item.intent}`)).toEqual([
      'anonymous:track_order',
      'anonymous:reach_person',
      'verified:track_order',
      'verified:reach_person',
    ]);
    const verifiedTrack = turns[2]!.observation;
    // The verified demo customer's orders, including the refund the harness sets up for them.
    expect(verifiedTrack.toolCalls.map((c) => c.name)).toContain('lookup_order');
    expect(JSON.stringify(verifiedTrack.toolCalls[0]!.result)).toContain('28511');
    expect(turns[0]!.observation.toolCalls.map((c) => c.name)).not.toContain('lookup_order');
    const score = scoreActions(turns);
    expect(score.turns.map((t) => t.verdict.verdict)).toEqual(['right', 'right', 'right', 'right']);
    expect(renderActionReport(score, { title: 't', states: ['anonymous', 'verified'] })).toContain(
      '| track_order | 1 | 1 / 0 / 0 | 1 / 0 / 0 |',
    );
  }, 60_000);
});
