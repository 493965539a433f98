// Follow-ups on what the previous reply was about (memory's `subject`, read from its tool results):
// a question about the order just shown is answered from that order ("which courier is it with?",
// "and the other order, the chinos and tee?"), one about the refund just shown from that refund and
// the rule for refunds ("will it go back to my card?"), one about the return just made from the
// returns policy ("what happens next, do I print something?"), one about the person just asked for
// from the support hours, and an elliptical one after a policy answer ("what about the uk?", "and
// with express?") continues that policy. The words' own reading stands when it is clear about
// something else: a piece named, another order number, an action on an order.
//
// What a message asks about is the learned follow head's reading (data/nlu/follow: order_fact,
// options, money, person, next_step, continue, new), whatever the state; whether it asks at all is the
// act head's (focus.ts `asks`). The state, the subject, decides which readings continue it.
import type { Intent } from './classify.js';
import { classify } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { ordersHolding, type OrderView } from './results.js';
import { normalize } from './normalize.js';
import { namesPlaceAbroad, QUESTIONISH } from './frame-cues.js';
import { asks as asksNow } from './focus.js';
import { classifyFollow, type Follow } from './nlu/index.js';
import { answersWaiting, onlyHedges } from './frame-reply.js';
import { followUpOnPolicy, refundRuleBeside, requestCarriedOver, TOPIC_INTENT } from './frame-policy-follow.js';
import {
  ORDER_READS,
  OTHER_ORDER_READS,
  PRONOUN_REFUND_READS,
  REFUND_READS,
  TIMING_READS,
  RETURN_READS,
  SENDING_READS,
  PERSON_READS,
  HOW_TO_READS,
  PLACE_READS,
  BUYING,
  INFO,
  PIECE_READS,
} from './follow-reads.js';

/** How likely (a probability × 10) a reading must be for the words to place it firmly. */
const FIRM = 5;

const sentBack = (d: Draft, f: Follow): boolean => (f === 'next_step' || f === 'money') && SENDING_READS.has(d.intent);

/**
 * The words read as a question about a piece, but none is shown, in the basket or named ("so which is
 * it, who's bringing it?" read as a comparison, "and how much is that?" as a price, after an order,
 * a hand-over or a policy answer): the reading has nothing to stand on and settles nothing, like an
 * unclear one; the subject of the last reply decides.
 */
function objectless(r: Reading, d: Draft): boolean {
  const { mem } = r;
  const e = d.e;
  const named = !!(e.category || e.colour || e.size || e.definite || e.ordinal !== null);
  return PIECE_READS.has(d.intent) && !mem.products.length && !mem.cart?.length && !named;
}

/** Readings that ask for something new, never a question about the proposal waiting. */
const NEW_REQUESTS: ReadonlySet<Intent> = new Set([
  'search',
  'recommend',
  'compare',
  'add_to_cart',
  'update_cart',
  'view_cart',
  'checkout',
  'cancel_order',
  'change_address',
  'change_delivery',
  'report_problem',
  'reorder',
  'loyalty',
  'human',
  'verify',
  'confirm',
  'deny',
  'greeting',
  'thanks',
  'goodbye',
  'frustrated',
  'complaint',
  'discount',
]);
/** Readings of money coming back to the shopper (where a refund goes, when), not of what something costs. */
const MONEY_BACK: ReadonlySet<Intent> = new Set(['refund_status', 'policy_payment']);
/** Readings of the action itself: a question about it only when asked as one ("would the swap cost me anything?"). */
const ACTION_READS: ReadonlySet<Intent> = new Set(['return', 'exchange']);

/**
 * The proposal waiting, by kind: a cancellation, an exchange, a return (null: none of these); a return being started
 * while "which order would you like to return?" waits for its answer counts as a return waiting.
 */
function pendingKind(mem: Reading['mem']): 'cancel' | 'exchange' | 'return' | null {
  const action = mem.pendingAction?.action;
  if (action === 'cancel_order') return 'cancel';
  if (action === 'exchange') return 'exchange';
  const starting = !mem.pendingAction && mem.asked === 'order' && mem.prevUser !== null && classify(mem.prevUser).intent === 'return';
  return mem.pendingReturn || starting ? 'return' : null;
}

const settle = (d: Draft, intent: Intent) => {
  d.intent = intent;
  d.settledByState = true;
};

/** Nothing in the words points elsewhere: no order number, no email (a proposal waiting outlives a side question). */
function free(r: Reading, d: Draft): boolean {
  return !d.e.orderNumbers.length && !d.e.email && !r.injection;
}

/** A word as an item name holds it: lower-case, a final "s" dropped ("chinos" names "Chino Trousers"). */
export const stem = (w: string) => w.toLowerCase().replace(/s$/, '');
export const itemWords = (item: string) => new Set((item.match(/\p{L}+/gu) ?? []).map(stem));

/**
 * The order the message names by its items among the orders in view: a question about an order
 * ("when will the chinos one get here?") or the last question carried over to another ("and the other
 * order, the one with the chinos and the tee?"), never a piece asked for with its colour or size nor a
 * problem told (the follow head reads those as requests of their own).
 */
function otherOrder(r: Reading, d: Draft, f: Follow): string | null {
  const { mem, text } = r;
  if ((f !== 'order_fact' && f !== 'continue') || !OTHER_ORDER_READS.has(d.intent) || d.e.colour || d.e.size) return null;
  const pool = new Map<string, OrderView>();
  for (const o of [...mem.orderList, ...mem.orders]) if (!pool.has(o.orderNumber)) pool.set(o.orderNumber, o);
  const shown = mem.subject.order;
  // Carried over ("and the other one?"): another order than the one just shown.
  const others = f === 'continue' ? [...pool.values()].filter((o) => o.orderNumber !== shown) : [...pool.values()];
  // Every word that names an item counts ("the chinos and tee": the order with both, not every order with chinos).
  const said = [...normalize(text).tokens, ...(text.match(/\p{L}+/gu) ?? [])];
  const words = [...new Set(said.filter((w) => w.length >= 3).map(stem))];
  const held = others.map((o) => {
    const names = o.items.map(itemWords);
    return words.filter((w) => names.some((n) => n.has(w))).length;
  });
  const best = Math.max(0, ...held);
  const holding = best > 0 ? others.filter((_, k) => held[k] === best) : ordersHolding(others, d.e);
  return holding.length === 1 ? holding[0]!.orderNumber : null;
}

/** How sure the follow head must be that a question the words read as the shop's general facts asks the order's own. */
const SURE_FACT = 0.9;

/** The order the follow-up means, when it asks a fact of an order; null leaves the turn as it was read. */
function aboutOrder(r: Reading, d: Draft, f: Follow): string | null {
  const { mem, vague } = r;
  // An address written out ("It's 212 Alder Court, Eugene, OR 97401") gives a new address, it asks no fact of an order.
  if (d.e.address) return null;
  const named = (mem.orders.length || mem.orderList.length) && !mem.products.length ? otherOrder(r, d, f) : null;
  if (named) return named;
  // The order just shown; after a list, the one order of it still on its way, for "what's the tracking code for it?".
  const underway = mem.orders.filter((o) => o.status === 'shipped' && !o.delivered);
  const shown = mem.subject.order ?? (d.e.pronoun && underway.length === 1 ? underway[0]!.orderNumber : null);
  // "what's the tracking code for it?" is read as a discount too; "which courier company is carrying it?" as the shop's
  // general facts: pointing back at the order shown, and surely a fact of an order (not "who do I chase if it's late?").
  const factOfIt = d.intent === 'policy_general' && d.e.pronoun && classifyFollow(r.text).confidence >= SURE_FACT;
  const reads = ORDER_READS.has(d.intent) || vague || d.intent === 'discount' || factOfIt;
  if (!shown || !reads || f !== 'order_fact') return null;
  // "when will my sneakers get here" about the order that has them; a piece it does not hold is another matter.
  const order = mem.orders.find((o) => o.orderNumber === shown);
  if (d.e.categoryWord && !order?.items.some((i) => i.toLowerCase().includes(d.e.categoryWord!))) return null;
  return shown;
}

/** The reading, once more, of a follow-up the words leave unclear: the subject's policy, or the request before, when it is among the likely ones. */
function continued(r: Reading, f: Follow, asks: boolean): Intent | null {
  const { mem, u, text } = r;
  const likely: Intent[] = [u.intent, ...u.alternatives].filter((i) => i !== 'out_of_scope' && i !== 'unanswerable');
  const topics = mem.subject.policy.map((t) => TOPIC_INTENT[t]).filter((i): i is Intent => !!i);
  const short = (text.match(/[\p{L}\d]+/gu) ?? []).length <= 4 && asks;
  // Of the topics answered, the one the words lean to most ("and how much is that?" after returns and shipping: shipping).
  const leaning = topics.filter((i) => likely.includes(i)).sort((a, b) => (u.scores[b] ?? 0) - (u.scores[a] ?? 0));
  const topic = leaning[0] ?? (topics.length === 1 && (f === 'continue' || short) ? topics[0]! : null);
  if (topic) return topic;
  // A shopper choosing a piece to buy who asks something unclear about paying: how ordering works.
  const prev = mem.prevUser ? classify(mem.prevUser).intent : null;
  const before = prev && BUYING.has(prev) ? 'how_to_order' : prev;
  if (before === 'how_to_order' && likely.slice(0, 3).includes('policy_payment')) return before;
  return before && INFO.has(before) && likely.slice(0, 3).includes(before) ? before : null;
}

/**
 * A size the message names that the swap waiting does not ("make it an XL" changes it); the sizes it gives and gives up
 * ("do I post the L first or does the M come straight away?") only name its pieces.
 */
export function newSize(mem: Reading['mem'], size: string | null): boolean {
  const a = mem.pendingAction;
  if (!size || a?.action !== 'exchange') return size !== null;
  const items = Array.isArray(a.args.items) ? (a.args.items as Array<Record<string, unknown>>) : [];
  const sizes = [...items.map((i) => i.size), ...(a.sends ?? []).map((s) => /\(([^()]+)\)\s*$/.exec(s)?.[1])];
  return !sizes.includes(size);
}

/**
 * A question about the proposal waiting (its refund, its cost, its next step) settles on the rule that answers it,
 * the proposal asked again (plan). True when it did.
 */
function questionOnWaiting(r: Reading, d: Draft, f: ReturnType<typeof classifyFollow>['follow'], asks: boolean): boolean {
  const { mem, text, u, vague } = r;
  const s = mem.subject;
  // "before you do, will the money go back to my card?" while a cancellation or return waits: the rule for its refund.
  // So is a question about its cost or its next step ("where do I drop the box off?", "would the swap cost me
  // anything?") while a return or an exchange waits: the returns policy (for a swap, its rule for exchanges), the
  // proposal asked again; a new request ("and cancel the other order") or a change of it ("make it an XL") is no question.
  const waiting = pendingKind(mem);
  const onIt =
    REFUND_READS.has(d.intent) ||
    vague ||
    (waiting !== 'cancel' &&
      !NEW_REQUESTS.has(d.intent) &&
      // The action itself read: a question only when asked as one, or about the money of the return waiting.
      (!ACTION_READS.has(d.intent) || QUESTIONISH.test(text) || (d.intent === waiting && f === 'money')));
  // A refund's whereabouts read while no refund is in view asks about the refund of what waits, whatever the follow head says.
  const aboutMoney = f === 'money' || (d.intent === 'refund_status' && !s.refund && !mem.orders.some((o) => o.refunds.length));
  if (
    waiting &&
    asks &&
    !u.entities.category &&
    !newSize(mem, u.entities.size) &&
    (aboutMoney || (f === 'next_step' && waiting !== 'cancel')) &&
    onIt
  ) {
    // Where and when the money comes back (read as a refund or payment question), or anything about a cancellation:
    // the orders policy's rule for refunds; a cost or a next step of a return or swap: the returns policy.
    const refund = waiting === 'cancel' || (aboutMoney && MONEY_BACK.has(d.intent));
    if (refund) d.ruleOf = 'orders';
    if (waiting === 'exchange') d.aboutExchange = true;
    if (f === 'next_step') d.nextStep = true;
    settle(d, refund ? 'refund_status' : 'policy_returns');
    return true;
  }
  return false;
}

/**
 * "and that's working days, I presume?" right after a refund shown, with no delivery answered: the words read as delivery
 * times (a count of days), but carry the last answer on (the follow head), or lean to delivery options without placing
 * them; the refund's timing is what it clarifies.
 */
function clarifiesTiming(r: Reading, d: Draft, f: Follow): boolean {
  const { mem, u, text } = r;
  // Carried on (the follow head), or leaning to delivery options without placing it.
  const carried = f === 'continue' || (f === 'options' && (u.scores[d.intent] ?? 0) < FIRM);
  return carried && TIMING_READS.has(d.intent) && !mem.subject.policy.includes('shipping') && !namesPlaceAbroad(text);
}

/** Readings of "send me a new pair, same size" (a swap, the order again, or nothing a tool does) right after a problem told. */
const REPLACEMENT_READS: ReadonlySet<Intent> = new Set(['exchange', 'reorder', 'unsupported']);
/** Remedies for a piece bought, one of which words read as nothing a tool does must lean to. */
const REMEDIES: ReadonlySet<Intent> = new Set(['exchange', 'reorder', 'return']);
/** Readings of a problem with a piece received, one of which the message before must have among its likeliest three. */
const PROBLEM_READS: ReadonlySet<Intent> = new Set(['report_problem', 'complaint']);

/**
 * "Can you send me a new pair then, same size?" right after telling of a rip or a fault in a piece: the same piece again
 * for a faulty one is the remedy for that problem (report_problem: a claim where a tool makes one, else its return), not
 * a swap to another size, the order placed again or something no tool does. A size or colour asked for is a swap.
 */
function replacementForProblem(r: Reading, d: Draft): boolean {
  const { mem, u } = r;
  if (!REPLACEMENT_READS.has(d.intent) || d.e.size || d.e.colour || !mem.prevUser) return false;
  // Nothing a tool does ("what's my email on file?") is a replacement only when a remedy is among the likeliest readings.
  if (d.intent === 'unsupported' && ![u.intent, ...u.alternatives.slice(0, 2)].some((i) => REMEDIES.has(i))) return false;
  const before = classify(mem.prevUser);
  if (![before.intent, ...before.alternatives.slice(0, 2)].some((i) => PROBLEM_READS.has(i))) return false;
  const piece = r.prevEntities(mem.prevUser);
  if (!d.e.categoryWord && piece.categoryWord)
    d.e = { ...d.e, category: piece.category, categoryWord: piece.categoryWord, colour: piece.colour };
  settle(d, 'report_problem');
  return true;
}

/**
 * "will it go back to my card?", "when does it hit my account?" about the refund just shown: that refund, and the rule
 * for refunds beside it.
 */
function aboutRefundShown(r: Reading, d: Draft, f: Follow, asks: boolean): boolean {
  const e = d.e;
  if (!r.mem.subject.refund || !asks || e.category) return false;
  // Money going back read as a return or a policy of its own ("does it go back to my paypal?", "to my M-Pesa or the card?"):
  // the follow head's money decides, a piece named would be a return of its own.
  const moneyBack = f === 'money' && (d.intent === 'return' || d.intent.startsWith('policy_'));
  if (!(REFUND_READS.has(d.intent) || r.vague || moneyBack || clarifiesTiming(r, d, f))) return false;
  if (!(f === 'money' || (e.pronoun && PRONOUN_REFUND_READS.has(d.intent)) || clarifiesTiming(r, d, f))) return false;
  settle(d, 'refund_status');
  d.alsoPolicy = 'orders';
  return true;
}

/** Settles a follow-up on the previous reply's subject; returns the order it is about (or the one given). */
export function followUpOnSubject(read: Reading, d: Draft, orderNumber: string | null): string | null {
  const r: Reading = objectless(read, d) ? { ...read, vague: true } : read;
  const { mem, text, u, vague } = r;
  const s = mem.subject;
  const e = d.e;
  if (!free(r, d) || d.settledByState || replacementForProblem(r, d)) return orderNumber;
  // "ja bitte", "right, print it", "hmm, I suppose" while a return waits: a go-ahead, a refusal (the reply head) or only a
  // hedge, no question about the return (frame-reply.ts).
  if (answersWaiting(r) || onlyHedges(r, d)) return orderNumber;
  const unsure = u.lowConfidence && d.intent === u.intent;
  // What the message asks about (the follow head) and whether it asks at all (the act head).
  const f = classifyFollow(text).follow;
  const asks = asksNow(text);
  if (questionOnWaiting(r, d, f, asks)) return orderNumber;
  if (aboutRefundShown(r, d, f, asks)) return s.refund;
  const order = aboutOrder(r, d, f);
  if (order) {
    settle(d, 'order_status');
    return order;
  }
  if (followUpOnPolicy(r, d, f, asks)) return orderNumber;
  refundRuleBeside(r, d, f, asks);
  // "what happens next?", "how long until the money shows?" about the return just made or proposed: the returns policy.
  // A sure reading of the order's status ("what's the status of that order?") is about the order, not the return.
  const orderItself = d.intent === 'order_status' && !unsure && !vague;
  // Asked as its next step or its money ("the old one, how do I send it back?"), a return or a way of sending read is that return's too.
  if (s.returned && !e.category && !orderItself && (RETURN_READS.has(d.intent) || sentBack(d, f) || unsure || vague) && (asks || unsure)) {
    settle(d, 'policy_returns');
    return orderNumber;
  }
  // "right, so how do I get one going?" after the returns policy: the shopper's next step is starting a return (for
  // an anonymous shopper, signing in first), not how ordering works; a piece named ("how do I order the dress then?") stays.
  // Words that lean to the policy itself ("how long have I got?", unsure) ask its rule again, not how to start one.
  const howTo = HOW_TO_READS.has(d.intent) || ((unsure || vague) && u.intent !== 'policy_returns');
  if (
    s.policy.includes('returns') &&
    !s.returned &&
    !mem.pendingReturn &&
    f === 'next_step' &&
    asks &&
    howTo &&
    !e.category &&
    !e.definite
  ) {
    settle(d, 'return');
    return orderNumber;
  }
  // "how long until someone gets back to me?" after handing over: when the people answer.
  if (s.handedOver && f === 'person' && (PERSON_READS.has(d.intent) || unsure || vague) && !e.category) {
    settle(d, 'policy_general');
    return orderNumber;
  }
  // "what about ireland?" after where the shop delivers: a place is the shipping policy's, not a search.
  if (s.policy.includes('shipping') && namesPlaceAbroad(text) && !e.category && (PLACE_READS.has(d.intent) || unsure || vague)) {
    settle(d, 'policy_shipping');
    return orderNumber;
  }
  // "and for students?" right after asking for discount codes: that request again, for the new case.
  if (requestCarriedOver(r, d, f, asks)) return orderNumber;
  // "what about the uk", "and with express?": the policy just answered, for the new slot.
  const noOrder = !mem.orders.length && !mem.mentionedOrder;
  if (unsure || vague || (d.intent === 'change_delivery' && noOrder && s.policy.includes('shipping'))) {
    const next = d.intent === 'change_delivery' ? 'policy_shipping' : continued(r, f, asks);
    if (next && !e.category) settle(d, next);
  }
  return orderNumber;
}
