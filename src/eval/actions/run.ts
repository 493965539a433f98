// Runs each message of an action set as ONE real turn of the real app (HTTP app → chat service →
// agent loop → the configured model → real tools over a copy of a freshly seeded demo store),
// twice: as an anonymous shopper and as a verified demo customer. Each message gets its own copy
// of the store and a fresh conversation, so no message sees another's cart, ticket or proposal.
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../db/seed/index.js';
import { cancelOrder, findOwnedOrder } from '../../shop/index.js';
import type { ModelProvider } from '../../agent/index.js';
import { chatTurn } from '../runner/client.js';
import { createHarness, type CaseEnv } from '../runner/harness.js';
import { stableKey } from '../runner/run-case.js';
import type { ActionItem } from './set.js';
import type { ShopperState, TurnObservation } from './judge.js';

export const SHOPPER_STATES: readonly ShopperState[] = ['anonymous', 'verified'];

/** The verified shopper: a repeat buyer with a delivered (returnable) order, one on its way, and a refund under way. */
export const VERIFIED_SHOPPER = {
  customerId: DEMO_SHOPPERS.marcus.id,
  email: DEMO_SHOPPERS.marcus.email,
  refundFrom: PROCESSING_ORDERS.marcus,
} as const;

export interface ActionRunOptions {
  promptsDir: string;
  rulesFile: string;
  provider: ModelProvider;
  /** The store's fixed "now" (ms). */
  now: number;
  states?: readonly ShopperState[];
  onTurn?: (done: number, total: number) => void;
}

export interface ActionTurn {
  item: ActionItem;
  state: ShopperState;
  observation: TurnObservation;
}

export async function runActionSet(items: readonly ActionItem[], opts: ActionRunOptions): Promise<ActionTurn[]> {
  const states = opts.states ?? SHOPPER_STATES;
  const harness = await createHarness({ promptsDir: opts.promptsDir, rulesFile: opts.rulesFile, now: opts.now, provider: opts.provider });
  const out: ActionTurn[] = [];
  const total = items.length * states.length;
  try {
    for (const state of states) {
      for (const [i, item] of items.entries()) {
        const key = stableKey(`${state}:${i}:${item.text}`);
        const env = harness.openCase(key);
        try {
          out.push({ item, state, observation: await oneTurn(env, state, key, item.text) });
        } finally {
          env.dispose();
        }
        opts.onTurn?.(out.length, total);
      }
    }
  } finally {
    harness.close();
  }
  return out;
}

async function oneTurn(env: CaseEnv, state: ShopperState, key: string, text: string): Promise<TurnObservation> {
  let token: string | null = null;
  if (state === 'verified') {
    await refundUnderWay(env);
    token = await env.token(VERIFIED_SHOPPER.customerId);
  }
  const r = await chatTurn(env.app, { token, sessionId: `s_act_${key}`, conversationId: null, message: text });
  return {
    status: r.status,
    error: r.error ?? null,
    reply: r.reply,
    persona: r.persona?.id ?? null,
    toolCalls: r.toolCalls.map((c) => ({ name: c.name, args: c.args, ok: c.ok, result: c.result })),
  };
}

/** The verified shopper cancelled an order an hour before: a refund is pending when the message arrives. */
export async function refundUnderWay(env: CaseEnv): Promise<void> {
  const { db, atomic } = env.store;
  const owned = await findOwnedOrder(db, VERIFIED_SHOPPER.customerId, VERIFIED_SHOPPER.refundFrom);
  if (!owned) throw new Error(`the demo store lacks order ${VERIFIED_SHOPPER.refundFrom}`);
  const done = await cancelOrder(db, atomic, {
    owned,
    reason: 'ordered by mistake',
    refundId: 'rf_actions_setup',
    conversationId: 'conv_actions_setup',
    now: env.now - 3_600_000,
  });
  if (!done) throw new Error(`could not set up the refund for order ${VERIFIED_SHOPPER.refundFrom}`);
}
