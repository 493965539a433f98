// Builders for recorded turns and runs, so grader tests read like the conversations they judge.
import type { CaseRun, RecordedToolCall, ShopperFacts, StoreFacts, TurnRecord } from '../../src/eval/types.js';

export function turn(
  index: number,
  user: string,
  reply: string,
  calls: Array<Partial<RecordedToolCall> & { name: string }> = [],
  extra: Partial<TurnRecord> = {},
): TurnRecord {
  return {
    index,
    user,
    reply,
    status: 200,
    segment: { id: 'repeat_buyer', rule: 'returning-1-4-orders', reasons: [] },
    persona: { id: 'repeat-buyer', version: 'sha256:x', variant: null },
    model: 'offline',
    toolCalls: calls.map((c, i) => ({ id: `call_${index}_${i}`, args: {}, ok: true, result: {}, ...c })),
    usage: { modelCalls: 2, inputTokens: 500, outputTokens: 40 },
    latencyMs: 12,
    systemPrompt: 'You are the store assistant. Returns within 30 days of delivery. Free shipping over $100.',
    traits: { personaId: 'repeat-buyer', style: 'brief', greeting: 'Welcome back', perks: null, tools: [] },
    ...extra,
  };
}

export const marcus: ShopperFacts = {
  kind: 'customer',
  customerId: 'c_marcus',
  firstName: 'Marcus',
  lastName: 'Brandt',
  email: 'marcus@example.com',
};
export const anonymous: ShopperFacts = { kind: 'anonymous', customerId: null, firstName: null, lastName: null, email: null };

export const store: StoreFacts = {
  orderOwner: (n) => ({ '28473': 'c_marcus', '28474': 'c_marcus', '10001': 'c_other', '31337': 'c_sarah' })[n.replace('#', '')] ?? null,
  emailOwner: (e) =>
    ({ 'marcus@example.com': 'c_marcus', 'sarah@example.com': 'c_sarah', 'olga@example.com': 'c_other' })[e.toLowerCase()] ?? null,
  names: () => [
    { name: 'Marcus Brandt', customerId: 'c_marcus' },
    { name: 'Sarah Lindqvist', customerId: 'c_sarah' },
    { name: 'Olga Petrova', customerId: 'c_other' },
  ],
  productNames: () => ['Scarlet Wrap Dress', 'Navy Linen Shirt', 'Trail Runner Sneakers'],
};

export function run(instanceId: string, turns: TurnRecord[], opts: Partial<CaseRun> = {}): CaseRun {
  return {
    caseId: instanceId.replace(/\[.*$/, ''),
    instanceId,
    forcedPersona: null,
    persona: 'repeat-buyer',
    variant: null,
    tags: [],
    file: 'evals/cases/x.yaml',
    turns,
    checks: [],
    passed: true,
    durationMs: 5,
    ...opts,
  };
}
