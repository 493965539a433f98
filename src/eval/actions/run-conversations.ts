// Runs each conversation of a set through the real app exactly as the single-message runner
// does (HTTP app → chat service → agent loop → the configured model → real tools over a copy of
// a freshly seeded demo store), but all its turns in ONE conversation: one session, the
// conversation id of the first reply carried on, the cart, verification and proposals kept
// between turns. After each turn it reads the proposal left waiting, so a judge can tell a
// withdrawn proposal from one still open.
import { readPending } from '../../shop/index.js';
import type { ModelProvider } from '../../agent/index.js';
import { chatTurn } from '../runner/client.js';
import { createHarness, type CaseEnv } from '../runner/harness.js';
import { stableKey } from '../runner/run-case.js';
import type { Conversation } from './conversations.js';
import type { DialogueObservation } from './acceptance-dialogue.js';
import { refundUnderWay, VERIFIED_SHOPPER } from './run.js';

export interface ConversationRun {
  conversation: Conversation;
  observations: DialogueObservation[];
}

export interface ConversationRunOptions {
  promptsDir: string;
  rulesFile: string;
  provider: ModelProvider;
  /** The store's fixed "now" (ms). */
  now: number;
  onTurn?: (done: number, total: number) => void;
}

export async function runConversations(conversations: readonly Conversation[], opts: ConversationRunOptions): Promise<ConversationRun[]> {
  const harness = await createHarness({ promptsDir: opts.promptsDir, rulesFile: opts.rulesFile, now: opts.now, provider: opts.provider });
  const total = conversations.reduce((n, c) => n + c.turns.length, 0);
  let done = 0;
  const out: ConversationRun[] = [];
  try {
    for (const conversation of conversations) {
      const key = stableKey(`conversation:${conversation.id}`);
      const env = harness.openCase(key);
      try {
        out.push({
          conversation,
          observations: await runOne(env, conversation, key, () => opts.onTurn?.(++done, total)),
        });
      } finally {
        env.dispose();
      }
    }
  } finally {
    harness.close();
  }
  return out;
}

async function runOne(env: CaseEnv, c: Conversation, key: string, tick: () => void): Promise<DialogueObservation[]> {
  let token: string | null = null;
  if (c.state === 'verified') {
    if (c.setup === 'refund_pending') await refundUnderWay(env);
    token = await env.token(VERIFIED_SHOPPER.customerId);
  }
  let conversationId: string | null = null;
  const observations: DialogueObservation[] = [];
  for (const turn of c.turns) {
    const r = await chatTurn(env.app, { token, sessionId: `s_conv_${key}_session`, conversationId, message: turn.text });
    conversationId = r.conversationId ?? conversationId;
    observations.push({
      status: r.status,
      error: r.error ?? null,
      reply: r.reply,
      persona: r.persona?.id ?? null,
      toolCalls: r.toolCalls.map((call) => ({ name: call.name, args: call.args, ok: call.ok, result: call.result })),
      pendingAfter: conversationId ? await pendingAction(env, conversationId) : null,
    });
    tick();
  }
  return observations;
}

async function pendingAction(env: CaseEnv, conversationId: string): Promise<string | null> {
  const p = await readPending(env.store.db, conversationId);
  return p && typeof p.action === 'string' ? p.action : null;
}
