// Follow-ups on a policy just answered (memory's `subject.policy`) whose words lean, firmly or not, to a neighbouring
// reading that the conversation rules out: after the shipping policy, "and if I pay for the quicker one?" reads as the
// payment methods and "what would that set me back?" as a recommendation, though both ask the price of express; after
// the returns policy, "do I pay the postage?" reads as the shipping policy, though the postage asked about is the
// return's, and "so I can still send my boots back then?" reads as a return wanted, though it checks the rule for a
// piece of the shopper's own. Called from frame-follow.ts once a proposal, a refund or an order shown has had its say.
//
// Whether the message follows up at all is the follow head's reading (continue, money, options, next_step; never
// new, order_fact or person), whether it asks the act head's; a piece, a size or a colour named is a request of its own.
import type { Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import type { Follow } from './nlu/index.js';
import { namesPlaceAbroad } from './frame-cues.js';

/** The intent a policy topic answers. */
export const TOPIC_INTENT: Readonly<Record<string, Intent>> = {
  shipping: 'policy_shipping',
  returns: 'policy_returns',
  payment: 'policy_payment',
  sizing: 'policy_sizing',
  general: 'policy_general',
};
const POLICY_READS: ReadonlySet<Intent> = new Set(Object.values(TOPIC_INTENT));
/** Follow readings that carry the policy on: its cost, its next step, the same question for another case. */
const CARRIED: ReadonlySet<Follow> = new Set(['continue', 'money', 'options', 'next_step']);
/** A price asked with nothing but "that"/"it" to point at: read as a recommendation or a search. */
const PIECE_ASKS: ReadonlySet<Intent> = new Set(['recommend', 'search', 'stock', 'compare']);
/** How likely (a probability × 10) a reading must be for the words to place it firmly. */
const FIRM = 5;

const settle = (d: Draft, intent: Intent) => {
  d.intent = intent;
  d.settledByState = true;
};

/** The policy just answered that a follow-up continues, or null (the words' reading stands). */
function continuedTopic(r: Reading, d: Draft, f: Follow): Intent | null {
  const { mem, u, text } = r;
  const e = d.e;
  const answered = mem.subject.policy.map((t) => TOPIC_INTENT[t]).filter((i): i is Intent => !!i);
  const named = !!(e.category || e.categoryWord || e.colour || e.size || e.definite || e.ordinal !== null);
  if (!answered.length || named || !CARRIED.has(f) || answered.includes(d.intent)) return null;
  const likely: Intent[] = [u.intent, ...u.alternatives.slice(0, 2)];
  const leaning = answered.filter((i) => likely.includes(i)).sort((a, b) => (u.scores[b] ?? 0) - (u.scores[a] ?? 0))[0];
  // Another policy the words are not sure of, the one just answered among the likeliest: that one again.
  if (POLICY_READS.has(d.intent) && (u.scores[d.intent] ?? 0) < FIRM && leaning) return leaning;
  // The postage of a return, its cost or next step, right after the returns policy (not the shipping policy, not a place abroad).
  const returnsOnly = answered.includes('policy_returns') && !answered.includes('policy_shipping');
  if (returnsOnly && d.intent === 'policy_shipping' && (f === 'money' || f === 'next_step') && !namesPlaceAbroad(text))
    return 'policy_returns';
  // "what would that cost me?" with no piece shown, in the basket or named: the price of what the policy just said.
  const nothingInView = !mem.products.length && !mem.cart?.length && !mem.orders.length;
  if (PIECE_ASKS.has(d.intent) && e.pronoun && nothingInView && (f === 'money' || f === 'continue') && answered.length === 1)
    return answered[0]!;
  return null;
}

/** Settles a follow-up on the policy just answered; true when it did. */
export function followUpOnPolicy(r: Reading, d: Draft, f: Follow, asks: boolean): boolean {
  const { mem } = r;
  if (!asks || !mem.subject.policy.length) return false;
  // "so I could still send the jumper back then?" right after the returns policy: the follow head reads the rule carried
  // over to a piece of the shopper's own (continue), not a return asked for (new): that rule for it (plan.ts aboutOneOrder
  // looks its order up and says until when), no return proposed on a question.
  if (d.intent === 'return' && f === 'continue' && mem.subject.policy.includes('returns') && !mem.pendingReturn && !mem.pendingAction) {
    settle(d, 'policy_returns');
    return true;
  }
  const topic = continuedTopic(r, d, f);
  if (!topic) return false;
  settle(d, topic);
  return true;
}

/**
 * "how soon does the money reach my card?" about an order in view with no refund recorded on it (nothing waiting, no
 * refund shown): the order is looked up as read, and the rule for refunds said beside it, since the question is its timing.
 */
export function refundRuleBeside(r: Reading, d: Draft, f: Follow, asks: boolean): void {
  const { mem } = r;
  if (d.intent !== 'refund_status' || f !== 'money' || !asks || mem.subject.refund || mem.pendingAction || mem.pendingReturn) return;
  if (!mem.orders.length || mem.orders.some((o) => o.refunds.length)) return;
  d.alsoPolicy = 'orders';
}
