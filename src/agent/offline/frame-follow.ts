// Follow-ups on what the previous reply was about (memory's `subject`, read from its tool results):
// a question about the order just shown is answered from that order ("which courier is it with?",
// "and the other order, the chinos and tee?"), one about the refund just shown from that refund and
// the rule for refunds ("will it go back to my card?"), one about the return just made from the
// returns policy ("what happens next, do I print something?"), one about the person just asked for
// from the support hours, and an elliptical one after a policy answer ("what about the uk?", "and
// with express?") continues that policy. The words' own reading stands when it is clear about
// something else: a piece named, another order number, an action on an order.
import type { Intent } from './classify.js';
import { classify } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { ordersHolding, type OrderView } from './results.js';
import { normalize } from './normalize.js';
import { namesPlaceAbroad } from './frame-cues.js';

/** Facts an order's details carry: its carrier, tracking, dates, whereabouts. */
const ORDER_FACT =
  /\b(carrier|courier|delivery (company|firm|service|partner)|shipping (company|firm|partner|service)|(which|what) (company|firm|service)|track\w*|sent (with|by|via)|shipped (with|by|via)|dispatch\w*|arriv\w*|receiv\w*|reach\w*|get (here|there|to me)|come|coming|date)\b/i;
/** What the shipping policy answers rather than one order: the options, their prices, places. */
const ASKS_OPTIONS =
  /\b(express|standard|next[- ]day|same[- ]day|cost|costs|price|how much|fee|free|options?|abroad|international|countr(y|ies)|pick ?up|collect|ship to|deliver to)\b/i;
/** Readings a question about the order just shown is often mistaken for. */
const ORDER_READS: ReadonlySet<Intent> = new Set(['policy_shipping', 'delivery_time', 'order_status', 'pickup']);

/** "the other order", "the jumper order", "the order with the boots": an order named by what it holds. */
const NAMES_AN_ORDER =
  /\b(other|that|this|the|my)\s+(\w+\s+){0,3}?(order|purchase|parcel|package|delivery)\b|\b(order|parcel|package) (with|for|of)\b/i;
const ORDER_WORDS = new Set(
  'the and other that this order orders purchase parcel package delivery with for what about how where one'.split(' '),
);
const PROBLEM = /\b(damaged|broken|missing|wrong|torn|ripped|hole|faulty|defective|stain\w*|scuff\w*|dirty|smell\w*)\b/i;
/** Readings a question about another order in view (named by its items) is mistaken for. */
const OTHER_ORDER_READS: ReadonlySet<Intent> = new Set([
  'search',
  'stock',
  'add_to_cart',
  'order_status',
  'report_problem',
  'delivery_time',
]);

/** Money words: a follow-up about a refund asks where or when the money goes. */
const MONEY = /\b(money|refund\w*|card|account|bank|statement|paid|payment|reflect\w*|credit\w*|cash|amount|how much)\b/i;
/** With only "it" to go on ("when will I see it?"), the readings that may be about the refund shown. */
const PRONOUN_REFUND_READS: ReadonlySet<Intent> = new Set([
  'refund_status',
  'policy_returns',
  'policy_payment',
  'unsupported',
  'unanswerable',
  'out_of_scope',
]);
/** With a money word, also the order's own readings ("when does the money reach my card?" read as delivery). */
const REFUND_READS: ReadonlySet<Intent> = new Set([...PRONOUN_REFUND_READS, 'order_status', 'delivery_time']);

/** Readings a question about the return just made is mistaken for. */
const RETURN_READS: ReadonlySet<Intent> = new Set([
  'how_to_order',
  'capabilities',
  'unsupported',
  'unanswerable',
  'out_of_scope',
  'refund_status',
  'policy_sizing',
  'order_status',
  'delivery_time',
]);

/** A person, or their answer: what a follow-up to a hand-over asks about. */
const PERSON =
  /\b(someone|somebody|anyone|anybody|person|agent|colleague|human|staff|team|reply|respond|answer|get back|hear back|call me|contact me)\b/i;

/** A question, wherever its question word stands ("ok so when does it hit my account"). */
const ASKS = /\?|\b(when|where|how|what|which|will|would|does|did|is|are|can|could|do i|have i)\b/i;

/** A follow-up said as a continuation: "and with express?", "what about the uk", "ok so how long". */
const ELLIPTICAL = /^\W*(and|or|so|ok(ay)?|also|plus|what about|how about|what if)\b/i;

/** The intent a policy topic answers. */
const TOPIC_INTENT: Readonly<Record<string, Intent>> = {
  shipping: 'policy_shipping',
  returns: 'policy_returns',
  payment: 'policy_payment',
  sizing: 'policy_sizing',
  general: 'policy_general',
};
/** Readings a place named after the shipping policy is mistaken for. */
const PLACE_READS: ReadonlySet<Intent> = new Set(['search', 'stock', 'recommend', 'policy_general', 'smalltalk']);
/** Requests of a shopper on the way to buying a piece. */
const BUYING: ReadonlySet<Intent> = new Set(['add_to_cart', 'checkout', 'view_cart', 'how_to_order']);
/** Informational requests a follow-up the words leave unclear may continue. */
const INFO: ReadonlySet<Intent> = new Set([...Object.values(TOPIC_INTENT), 'delivery_time', 'how_to_order', 'pickup']);

const settle = (d: Draft, intent: Intent) => {
  d.intent = intent;
  d.settledByState = true;
};

/** Nothing in the words points elsewhere: no order number, no email (a proposal waiting outlives a side question). */
function free(r: Reading, d: Draft): boolean {
  return !d.e.orderNumbers.length && !d.e.email && !r.injection;
}

/** The order the message names by its items among the orders in view, another than the one just shown when it says "other". */
function otherOrder(r: Reading, d: Draft): string | null {
  const { mem, text } = r;
  if (!NAMES_AN_ORDER.test(text) || PROBLEM.test(text) || !OTHER_ORDER_READS.has(d.intent)) return null;
  const pool = new Map<string, OrderView>();
  for (const o of [...mem.orderList, ...mem.orders]) if (!pool.has(o.orderNumber)) pool.set(o.orderNumber, o);
  const shown = mem.subject.order;
  const others = /\bother\b/i.test(text) ? [...pool.values()].filter((o) => o.orderNumber !== shown) : [...pool.values()];
  // Every word that names an item counts ("the chinos and tee": the order with both, not every order with chinos).
  const said = [...normalize(text).tokens, ...(text.toLowerCase().match(/\p{L}+/gu) ?? [])];
  const words = [...new Set(said.filter((w) => w.length >= 3 && !ORDER_WORDS.has(w)).map((w) => w.replace(/s$/, '')))];
  const held = others.map((o) => words.filter((w) => o.items.some((i) => i.toLowerCase().includes(w))).length);
  const best = Math.max(0, ...held);
  const holding = best > 0 ? others.filter((_, k) => held[k] === best) : ordersHolding(others, d.e);
  return holding.length === 1 ? holding[0]!.orderNumber : null;
}

/** The order the follow-up means, when it is about an order; null leaves the turn as it was read. */
function aboutOrder(r: Reading, d: Draft): string | null {
  const { mem, text, vague } = r;
  const named = (mem.orders.length || mem.orderList.length) && !mem.products.length ? otherOrder(r, d) : null;
  if (named) return named;
  // The order just shown; after a list, the one order of it still on its way, for "what's the tracking code for it?".
  const underway = mem.orders.filter((o) => o.status === 'shipped' && !o.delivered);
  const shown = mem.subject.order ?? (d.e.pronoun && underway.length === 1 ? underway[0]!.orderNumber : null);
  const reads = ORDER_READS.has(d.intent) || vague || (d.intent === 'discount' && /\btrack/i.test(text));
  if (!shown || !reads || !ORDER_FACT.test(text) || ASKS_OPTIONS.test(text)) return null;
  // "when will my sneakers get here" about the order that has them; a piece it does not hold is another matter.
  const order = mem.orders.find((o) => o.orderNumber === shown);
  if (d.e.categoryWord && !order?.items.some((i) => i.toLowerCase().includes(d.e.categoryWord!))) return null;
  return shown;
}

/** The reading, once more, of a follow-up the words leave unclear: the subject's policy, or the request before, when it is among the likely ones. */
function continued(r: Reading): Intent | null {
  const { mem, u, text } = r;
  const likely: Intent[] = [u.intent, ...u.alternatives].filter((i) => i !== 'out_of_scope' && i !== 'unanswerable');
  const topics = mem.subject.policy.map((t) => TOPIC_INTENT[t]).filter((i): i is Intent => !!i);
  const short = (text.match(/[\p{L}\d]+/gu) ?? []).length <= 4 && ASKS.test(text);
  const topic = topics.find((i) => likely.includes(i)) ?? (topics.length === 1 && (ELLIPTICAL.test(text) || short) ? topics[0]! : null);
  if (topic) return topic;
  // A shopper choosing a piece to buy who asks something unclear about paying: how ordering works.
  const prev = mem.prevUser ? classify(mem.prevUser).intent : null;
  const before = prev && BUYING.has(prev) ? 'how_to_order' : prev;
  if (before === 'how_to_order' && likely.slice(0, 3).includes('policy_payment')) return before;
  return before && INFO.has(before) && likely.slice(0, 3).includes(before) ? before : null;
}

/** Settles a follow-up on the previous reply's subject; returns the order it is about (or the one given). */
export function followUpOnSubject(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem, text, u, vague } = r;
  const s = mem.subject;
  const e = d.e;
  if (!free(r, d) || d.settledByState) return orderNumber;
  const unsure = u.lowConfidence && d.intent === u.intent;
  const asks = ASKS.test(text);
  // "before you do, will the money go back to my card?" while a cancellation or return waits: the rule for its refund.
  const waiting = mem.pendingAction?.action === 'cancel_order' ? 'cancel' : mem.pendingReturn ? 'return' : null;
  if (waiting && asks && !e.category && MONEY.test(text) && (REFUND_READS.has(d.intent) || vague)) {
    if (waiting === 'cancel') d.ruleOf = 'orders';
    settle(d, waiting === 'cancel' ? 'refund_status' : 'policy_returns');
    return orderNumber;
  }
  // "will it go back to my card?", "when does it hit my account?" about the refund just shown:
  // that refund, and the rule for refunds beside it.
  if (
    s.refund &&
    asks &&
    !e.category &&
    (REFUND_READS.has(d.intent) || vague) &&
    (MONEY.test(text) || (e.pronoun && PRONOUN_REFUND_READS.has(d.intent)))
  ) {
    settle(d, 'refund_status');
    d.alsoPolicy = 'orders';
    return s.refund;
  }
  const order = aboutOrder(r, d);
  if (order) {
    settle(d, 'order_status');
    return order;
  }
  // "what happens next?", "how long until the money shows?" about the return just made or proposed: the returns policy.
  // A sure reading of the order's status ("what's the status of that order?") is about the order, not the return.
  const orderItself = d.intent === 'order_status' && !unsure && !vague;
  if (s.returned && !e.category && !orderItself && (RETURN_READS.has(d.intent) || unsure || vague) && (asks || unsure)) {
    settle(d, 'policy_returns');
    return orderNumber;
  }
  // "how long until someone gets back to me?" after handing over: when the people answer.
  if (s.handedOver && PERSON.test(text) && (ORDER_READS.has(d.intent) || unsure || vague) && !e.category) {
    settle(d, 'policy_general');
    return orderNumber;
  }
  // "what about ireland?" after where the shop delivers: a place is the shipping policy's, not a search.
  if (s.policy.includes('shipping') && namesPlaceAbroad(text) && !e.category && (PLACE_READS.has(d.intent) || unsure || vague)) {
    settle(d, 'policy_shipping');
    return orderNumber;
  }
  // "what about the uk", "and with express?": the policy just answered, for the new slot.
  const noOrder = !mem.orders.length && !mem.mentionedOrder;
  if (unsure || vague || (d.intent === 'change_delivery' && noOrder && s.policy.includes('shipping'))) {
    const next = d.intent === 'change_delivery' ? 'policy_shipping' : continued(r);
    if (next && !e.category) settle(d, next);
  }
  return orderNumber;
}
