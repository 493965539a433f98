// Follow-ups on a policy just answered (memory's `subject.policy`) whose words lean, firmly or not, to a neighbouring
// reading that the conversation rules out: after the shipping policy, "and if I pay for the quicker one?" reads as the
// payment methods and "what would that set me back?" as a recommendation, though both ask the price of express; after
// the returns policy, "do I pay the postage?" reads as the shipping policy, though the postage asked about is the
// return's, and "so I can still send my boots back then?" reads as a return wanted, though it checks the rule for a
// piece of the shopper's own. Called from frame-follow.ts once a proposal, a refund or an order shown has had its say.
//
// Also a fragment carried over right after an informational request ("and for students?" after discount codes): that
// request again (requestCarriedOver).
//
// Whether the message follows up at all is the follow head's reading (continue, money, options, next_step; never
// new, order_fact or person), whether it asks the act head's; a piece, a size or a colour named is a request of its own.
import type { Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { classifyFollow, type Follow } from './nlu/index.js';
import { namesPlaceAbroad } from './frame-cues.js';
import { classify } from './classify.js';
import { policyPartAsked } from './replies-policy-parts.js';

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
/** Readings a fragment carried over has when its words have nothing of the shop in them ("and US?" read as chat). */
const STANDLESS: ReadonlySet<Intent> = new Set(['smalltalk', 'capabilities', 'out_of_scope', 'unanswerable']);

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
  // A fragment carried over that the words read as chat or nothing of the shop ("and US?" after the size guide): the policy they lean to.
  if (f === 'continue' && STANDLESS.has(d.intent) && leaning) return leaning;
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
  const topic = continuedTopic(r, d, f) ?? partContinued(r, d);
  if (!topic) return false;
  settle(d, topic);
  return true;
}

/** Readings a part of a policy is mistaken for: another policy, an order's delivery or status, or nothing of the shop. */
const PART_MISREADS: ReadonlySet<Intent> = new Set([...POLICY_READS, ...STANDLESS, 'delivery_time', 'order_status', 'pickup']);

/**
 * One part of the policy just answered, the part head sure of it, that the words read as another policy, an order or
 * nothing of the shop ("how long i got" after the returns policy read as delivery times, "do I get a tracking number?"
 * after the shipping policy as an order to look up): that policy again (replies-policy.ts says the part alone). Nothing
 * named of its own (a piece, an order); how to send a return back is left to the return's next step (frame-follow.ts).
 */
function partContinued(r: Reading, d: Draft): Intent | null {
  const e = d.e;
  if (!PART_MISREADS.has(d.intent) || e.category || e.categoryWord || e.colour || e.size || e.orderNumbers.length) return null;
  const asked = policyPartAsked(r.mem.subject.policy, r.text);
  return asked && asked.part !== 'how' ? (TOPIC_INTENT[asked.topic] ?? null) : null;
}

/**
 * "how soon does the money reach my card?" about an order in view with no refund recorded on it (nothing waiting, no
 * refund shown), or asked further on in the conversation before any order was seen ("will it go back on my card?" after
 * asking to undo a purchase): the orders are looked up as read, and the rule for refunds (when, and that it goes to the
 * original payment method) said beside them, since the question is its timing or where it lands.
 */
export function refundRuleBeside(r: Reading, d: Draft, f: Follow, asks: boolean): void {
  const { mem } = r;
  if (d.intent !== 'refund_status' || f !== 'money' || !asks || mem.subject.refund || mem.pendingAction || mem.pendingReturn) return;
  if (!(mem.orders.length || mem.prevUser) || mem.orders.some((o) => o.refunds.length)) return;
  d.alsoPolicy = 'orders';
}

/** Requests a fragment may carry over to another case ("and for students?" after discount codes): the shop's information. */
const CARRIED_REQUESTS: ReadonlySet<Intent> = new Set([...POLICY_READS, 'discount', 'loyalty', 'delivery_time', 'pickup']);
/** How many words a fragment carried over has at most ("and for students?", "what about for nurses then?"). */
const FRAGMENT_WORDS = 5;
/** How sure the follow head must be that words read as nothing of the shop carry the request over. */
const SURE_CARRIED = 0.9;

/**
 * A fragment carried over (the follow head's `continue`: "and for students?", "what about gift cards?") right after an
 * informational request, the words unsure of their own reading (below FIRM) and leaning to that request among the
 * likeliest three, or with no reading of their own at all: that request again, for the new case. Nothing named (a
 * piece, a size, a colour, an order) stays the words' own. True when it settled.
 */
export function requestCarriedOver(r: Reading, d: Draft, f: Follow, asks: boolean): boolean {
  const { mem, u, text } = r;
  const e = d.e;
  if (f !== 'continue' || !asks || !mem.prevUser || d.intent !== u.intent) return false;
  // Firm words stand, unless they read as nothing of the shop and the follow head is sure it is carried over ("what about NHS?").
  const standless = STANDLESS.has(d.intent) && classifyFollow(text).confidence >= SURE_CARRIED;
  if ((u.scores[d.intent] ?? 0) >= FIRM && !standless) return false;
  if (e.category || e.categoryWord || e.colour || e.size || e.orderNumbers.length || e.ordinal !== null) return false;
  if ((text.match(/[\p{L}\d]+/gu) ?? []).length > FRAGMENT_WORDS) return false;
  const before = classify(mem.prevUser).intent;
  // Words with no reading of their own ("what about for nurses?") carry it over whatever they lean to; unsure words, when they lean to it.
  const leaning = [u.intent, ...u.alternatives.slice(0, 2)].includes(before);
  if (!CARRIED_REQUESTS.has(before) || before === d.intent || !(leaning || u.lowConfidence || standless)) return false;
  settle(d, before);
  return true;
}
