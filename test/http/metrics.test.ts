// The admin metrics SQL against a real SQLite file: every figure counted from rows we wrote.
import { describe, expect, it } from 'vitest';
import { conversations, events, feedback, turns } from '../../src/db/index.js';
import { computeMetrics } from '../../src/http/metrics.js';
import { tempDbsPerTest } from '../support/db.js';

const openDb = tempDbsPerTest();

type Conv = {
  id: string;
  segment: string;
  persona: string;
  variant?: string | null;
  latencies: number[];
  tokens?: number;
  model?: string;
  events?: string[];
  ratings?: number[];
  turnCount?: number;
};

async function seed(convs: Conv[]) {
  const h = openDb();
  for (const c of convs) {
    const turnCount = c.turnCount ?? c.latencies.length;
    await h.db.insert(conversations).values({
      id: c.id,
      sessionId: `s_${c.id}`,
      customerId: null,
      segmentId: c.segment,
      ruleId: 'r',
      personaId: c.persona,
      personaVersion: 'v1',
      variant: c.variant ?? null,
      model: 'offline',
      turnCount,
      createdAt: 1,
      updatedAt: 1,
    });
    let n = 0;
    for (const latencyMs of c.latencies) {
      n++;
      await h.db.insert(turns).values({
        id: `${c.id}_t${n}`,
        conversationId: c.id,
        turn: n,
        segmentId: c.segment,
        personaId: c.persona,
        variant: c.variant ?? null,
        model: c.model ?? 'offline',
        modelCalls: 1,
        inputTokens: (c.tokens ?? 100) - 10,
        outputTokens: 10,
        latencyMs,
        outcome: 'reply',
        createdAt: 1,
      });
    }
    for (const [i, type] of (c.events ?? []).entries())
      await h.db.insert(events).values({ id: `${c.id}_e${i}`, conversationId: c.id, type, data: {}, createdAt: 1 });
    for (const [i, rating] of (c.ratings ?? []).entries())
      await h.db.insert(feedback).values({ id: `${c.id}_f${i}`, conversationId: c.id, messageId: `${c.id}_m${i}`, rating, createdAt: 1 });
  }
  return h;
}

describe('admin metrics', () => {
  it('counts what each segment and persona variant did', async () => {
    const h = await seed([
      {
        id: 'v1',
        segment: 'vip',
        persona: 'vip',
        variant: 'a',
        latencies: [10, 30],
        tokens: 200,
        events: ['add_to_cart', 'add_to_cart'],
        ratings: [1, 1],
      },
      {
        id: 'v2',
        segment: 'vip',
        persona: 'vip',
        variant: 'b',
        latencies: [20],
        events: ['escalated'],
        ratings: [-1],
        model: 'offline (fallback)',
      },
      {
        id: 'v3',
        segment: 'vip',
        persona: 'vip',
        variant: 'a',
        latencies: [40, 50, 60],
        events: ['return_label_created', 'return_label_emailed'],
      },
      { id: 'n1', segment: 'new_visitor', persona: 'new-visitor', latencies: [5], events: ['add_to_cart'], ratings: [1] },
      // A turn that never committed leaves a conversation with no turns: not counted.
      { id: 'dead', segment: 'new_visitor', persona: 'new-visitor', latencies: [], turnCount: 0 },
    ]);
    const m = await computeMetrics(h.db, Date.UTC(2025, 0, 1));

    const vip = m.segments.find((s) => s.segment === 'vip')!;
    expect(vip).toMatchObject({
      conversations: 3,
      escalations: 1,
      resolvedWithoutEscalation: 0.667,
      addToCartConversion: 0.333, // one conversation added to cart (twice): counted once
      returnLabels: 1,
      csat: 0.667,
      feedback: { up: 2, down: 1 },
      medianLatencyMs: 35, // turns 10,20,30,40,50,60 → (30+40)/2
      turns: 6,
      modelFallbacks: 1,
    });
    expect(vip.tokensPerConversation).toBe(Math.round((200 * 2 + 100 + 100 * 3) / 3));

    const nv = m.segments.find((s) => s.segment === 'new_visitor')!;
    expect(nv).toMatchObject({
      conversations: 1,
      addToCartConversion: 1,
      csat: 1,
      medianLatencyMs: 5,
      escalations: 0,
      resolvedWithoutEscalation: 1,
    });

    const a = m.personas.find((p) => p.persona === 'vip' && p.variant === 'a')!;
    const b = m.personas.find((p) => p.persona === 'vip' && p.variant === 'b')!;
    expect(a).toMatchObject({ conversations: 2, medianLatencyMs: 40, returnLabels: 1, csat: 1, escalations: 0 });
    expect(b).toMatchObject({ conversations: 1, medianLatencyMs: 20, escalations: 1, csat: 0 });
    expect(m.personas.find((p) => p.persona === 'new-visitor')).toMatchObject({ variant: null, conversations: 1 });

    expect(m.totals).toMatchObject({ conversations: 4, escalations: 1, returnLabels: 1, feedback: { up: 3, down: 1 }, turns: 7 });
    expect(m.generatedAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('reports nulls, not zeros or NaN, where there is nothing to divide', async () => {
    const h = await seed([]);
    const m = await computeMetrics(h.db, 0);
    expect(m.segments).toEqual([]);
    expect(m.totals).toMatchObject({ conversations: 0, csat: null, medianLatencyMs: null, addToCartConversion: null });
    const h2 = await seed([{ id: 'x', segment: 'vip', persona: 'vip', latencies: [7] }]);
    const m2 = await computeMetrics(h2.db, 0);
    expect(m2.segments[0]).toMatchObject({ csat: null, feedback: { up: 0, down: 0 }, medianLatencyMs: 7 });
  });
});
