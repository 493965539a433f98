// Runs one case instance through the app turn by turn, then grades the recorded conversation.
import type { EvalCase } from '../case-schema.js';
import { gradeRun, type GradeOptions } from '../graders/index.js';
import type { CaseRun, TurnRecord } from '../types.js';
import { chatTurn } from './client.js';
import { runCustomAssertion } from './custom-assert.js';
import { traitsOf, type Harness } from './harness.js';
import { readStoreState } from './state.js';
import { gradeState } from '../graders/state.js';
import { insertFixtures, loadStoreFacts, materializeShopper } from './store.js';

export interface Instance {
  evalCase: EvalCase;
  instanceId: string;
  forcedPersona: string | null;
  repetition: number;
}

/** A short stable key: session ids, customer ids and db ids derive from it, so reruns match. */
export function stableKey(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36).padStart(7, '0');
}

export async function runInstance(h: Harness, inst: Instance, grade: GradeOptions): Promise<CaseRun> {
  const started = performance.now();
  const c = inst.evalCase;
  // Repetitions share the key on purpose: the same inputs, so pass^k measures the model's variance.
  const key = stableKey(inst.instanceId);
  const env = h.openCase(key, { forcePersona: inst.forcedPersona });
  const turns: TurnRecord[] = [];
  const base = { caseId: c.id, instanceId: inst.instanceId, forcedPersona: inst.forcedPersona, tags: c.tags, file: c.file };
  try {
    await insertFixtures(env.store.db, c.fixtures.products, { now: env.now, key });
    const shopper = await materializeShopper(env.store.db, c.shopper, { now: env.now, key });
    const store = await loadStoreFacts(env.store.db, h.storeRows);
    const token = shopper.tokenFor ? await env.token(shopper.tokenFor) : null;
    const sessionId = `s_eval_${key}_session`;
    let conversationId: string | null = null;
    for (const [i, spec] of c.turns.entries()) {
      const before = env.rendered.length;
      const r = await chatTurn(env.app, { token, sessionId, conversationId, message: spec.user, page: spec.page ?? c.page });
      const persona = env.rendered.length > before ? env.rendered[env.rendered.length - 1]! : null;
      const { conversationId: conv, ...rest } = r;
      turns.push({ ...rest, index: i + 1, systemPrompt: persona?.systemPrompt ?? '', traits: persona ? traitsOf(persona) : null });
      if (r.error) break;
      conversationId = conv;
    }
    const checks = await gradeRun({ evalCase: c, run: { turns, forcedPersona: inst.forcedPersona }, shopper: shopper.facts, store }, grade);
    checks.push(...(await runCustomAssertion(c, { caseId: c.id, turns, shopper: shopper.facts })));
    if (c.state)
      checks.push(
        ...gradeState(
          c.state,
          await readStoreState(env.store.db, c.state, { customerId: shopper.facts.customerId ?? shopper.tokenFor, sessionId }),
        ),
      );
    const personaOf = turns[0]?.persona;
    return {
      ...base,
      persona: inst.forcedPersona ?? personaOf?.id ?? 'unknown',
      variant: personaOf?.variant ?? null,
      turns,
      checks,
      passed: !checks.some((x) => x.status === 'fail'),
      durationMs: performance.now() - started,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      ...base,
      persona: inst.forcedPersona ?? turns[0]?.persona?.id ?? 'unknown',
      variant: null,
      turns,
      checks: [{ grader: 'runner', status: 'fail', reason: message }],
      passed: false,
      durationMs: performance.now() - started,
      error: message,
    };
  } finally {
    env.dispose();
  }
}
