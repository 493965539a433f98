// Judges one turn against the acceptance table: general failures first (a failed turn, a product
// list for something that is not a search, a refusal of a shop topic, "No problem." to nothing
// done), then the goal's own wrong / right / weak rules, a clarifying question (weak when it
// names the goal, wrong when it does not), a generic offer of help (weak); anything else is wrong.
import { ACCEPTANCE, WRITE_TOOLS, type GeneralFailure, type IntentRules, type Rule, type ShopperState } from './acceptance.js';
import type { ActionIntent } from './set.js';

export type { ShopperState } from './acceptance.js';

export interface ObservedCall {
  name: string;
  args: Record<string, unknown>;
  ok: boolean;
  result: unknown;
}

export interface TurnObservation {
  status: number;
  error: string | null;
  reply: string;
  persona: string | null;
  toolCalls: ObservedCall[];
}

export type VerdictKind = 'right' | 'weak' | 'wrong';

export interface Verdict {
  verdict: VerdictKind;
  why: string;
}

/** The general failures, each a test on the turn. */
const GENERAL: Record<GeneralFailure, { test: (o: TurnObservation, spec: IntentRules) => boolean; why: string }> = {
  tool_error: {
    test: (o) => o.status !== 200 || !!o.error || /something went wrong/i.test(o.reply),
    why: 'the turn failed',
  },
  product_list: {
    test: (o) => o.toolCalls.some((c) => c.name === 'search_products' || c.name === 'recommend_products'),
    why: 'a product list for something that is not a search',
  },
  unasked_write: {
    test: (o, spec) => o.toolCalls.some((c) => WRITE_TOOLS.includes(c.name) && !namedTools(spec).has(c.name)),
    why: 'a change nobody asked for',
  },
  refusal: {
    test: (o) =>
      /\b(outside what I can|I can only help with shopping|don'?t have reliable information|not something I can do|I'?m not able to|can'?t help with)\b/i.test(
        o.reply,
      ),
    why: 'refused a shop topic',
  },
  bare_ack: {
    test: (o) => /^\s*No problem\b/i.test(o.reply) && !o.toolCalls.length,
    why: '"No problem." to something not done',
  },
};

/** A question offering two or three readings ("is it about … or …?"). */
const CLARIFYING = /\b(is it about|do you mean|did you mean|are you asking about)\b[^?]*\bor\b[^?]*\?/i;
/** A reply that only offers help in general. */
const GENERIC = /\b(didn'?t catch that|what would you like to do\?|how can I help\?)\s*$/i;

function ruleHolds(rule: Rule, o: TurnObservation, state: ShopperState): boolean {
  if (rule.state && rule.state !== state) return false;
  if (rule.reply && !rule.reply.test(o.reply)) return false;
  if (rule.tool) {
    const names: readonly string[] = typeof rule.tool === 'string' ? [rule.tool] : rule.tool;
    const call = o.toolCalls.find(
      (c) => names.includes(c.name) && Object.entries(rule.args ?? {}).every(([k, re]) => re.test(argText(c.args[k]))),
    );
    if (!call) return false;
  }
  return true;
}

/** Every tool the goal's right or weak rules name. */
function namedTools(spec: IntentRules): Set<string> {
  const names = new Set<string>();
  for (const r of [...spec.right, ...(spec.weak ?? [])])
    for (const t of typeof r.tool === 'string' ? [r.tool] : (r.tool ?? [])) names.add(t);
  return names;
}

const argText = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function judgeTurn(intent: ActionIntent, state: ShopperState, o: TurnObservation, table = ACCEPTANCE): Verdict {
  const spec: IntentRules = table[intent];
  for (const [name, g] of Object.entries(GENERAL) as Array<[GeneralFailure, (typeof GENERAL)[GeneralFailure]]>) {
    if (!spec.exempt?.includes(name) && g.test(o, spec)) return { verdict: 'wrong', why: `${g.why} (${name})` };
  }
  const wrong = spec.wrong?.find((r) => ruleHolds(r, o, state));
  if (wrong) return { verdict: 'wrong', why: wrong.note };
  const clarifying = !o.toolCalls.length && CLARIFYING.exec(o.reply);
  if (clarifying) {
    return spec.asked.test(clarifying[0])
      ? { verdict: 'weak', why: 'a clarifying question naming it' }
      : { verdict: 'wrong', why: 'a clarifying question that misses it' };
  }
  const right = spec.right.find((r) => ruleHolds(r, o, state));
  if (right) return { verdict: 'right', why: right.note };
  const weak = spec.weak?.find((r) => ruleHolds(r, o, state));
  if (weak) return { verdict: 'weak', why: weak.note };
  if (!o.toolCalls.length && GENERIC.test(o.reply)) return { verdict: 'weak', why: 'a generic offer of help' };
  return { verdict: 'wrong', why: 'no acceptable action' };
}
