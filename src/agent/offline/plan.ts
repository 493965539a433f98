// The policy: given the frame and what this turn's tools already returned, the next step is
// either tool calls or a reply. Only tools the persona bound are ever called; a write
// (create_return_label with confirm: true) happens only on the shopper's yes to a proposal
// made in the previous turn, with exactly the proposed arguments.
import type { Frame } from './frame.js';
import { garmentNotIn, pickOrder, pickProduct } from './frame.js';
import type { Memory } from './memory.js';
import type { Exchange } from './conversation.js';
import { classify, policyTopic, type Intent } from './classify.js';
import { imagines } from './frame-cues.js';
import { inStockSizes, lastCartLines, namedSize, ordersIn, outputOf, productsIn, type ProductView } from './results.js';
import { call, reply, type Chain, type IntentPlan, type Link, type Step } from './steps.js';
import { afterVerifying, proveAnotherOrder, servedRequest } from './plan-verify.js';
import { changeCart } from './plan-cart.js';
import { askProduct, askSize, styleName } from './replies-shop.js';
import { PAGE_QUESTIONS } from './product-facts.js';
import { MEASURE_OR_SYSTEM, namedElsewhere, orderMeant } from './plan-reading.js';
import { exchangeLine, problemKind, serviceStep, stepAwaitsOrder } from './plan-service.js';
import { ACCOUNT_PLANS, needAccount, pieceInOrders, proposeReturn } from './plan-account.js';
import { SHOP_PLANS, addOrAsk } from './plan-shop.js';
import { TALK_PLANS } from './plan-talk.js';
import { GUARDS } from './plan-guards.js';

export type { Call, Step } from './steps.js';

export interface PlanInput {
  frame: Frame;
  memory: Memory;
  tools: ReadonlySet<string>;
  /** This turn's tool exchanges so far. */
  done: readonly Exchange[];
}

/** Requests about the shopper's own account and orders. */
const ACCOUNT_ASKS: ReadonlySet<string> = new Set([
  'order_status',
  'loyalty',
  'return',
  'reorder',
  'refund_status',
  'cancel_order',
  'change_address',
  'exchange',
  'report_problem',
]);

const SPEAKS_OF_SWAP =
  /\b(swap\w*|exchang\w*|switch|replac\w*|trade|change|return\w*|refund\w*|money back|send (it|them|this|that|these|those) back|sizes?|fit|fits|too (small|big|large|long|short|tight|loose)|bigger|smaller)\b/i;

/**
 * With no tool for a swap or a claim, what the shop can do here is a return (with how swaps work);
 * so is a swap not yet said in full ("can I swap them?"): that order's return, or why it cannot go back.
 */
function asReturn(f: Frame, memory: Memory, tools: ReadonlySet<string>): Frame {
  // Only a message that speaks of swapping a piece becomes a return proposal: a write is proposed
  // only for a request for it ("send it with DHL instead" leaning to a swap proposes nothing).
  const speaksOfSwap = SPEAKS_OF_SWAP.test(f.text) || !!f.e.categoryWord || f.e.size !== null || f.e.colour !== null;
  // One size up or down of an order not yet seen waits for its lookup (orderToSwap), not a return.
  const awaits = tools.has('exchange_items') && tools.has('lookup_order') && stepAwaitsOrder(f, memory);
  const noSwap = f.intent === 'exchange' && speaksOfSwap && (!tools.has('exchange_items') || (!exchangeLine(f, memory) && !awaits));
  // A piece missing from the box has nothing to go back: heard, with the person who has it traced (plan-service.ts complaintStep).
  if ((f.intent === 'report_problem' || f.intent === 'return') && !tools.has('report_problem') && problemKind(f.text) === 'missing')
    return { ...f, intent: 'complaint' };
  if (f.intent === 'report_problem' && !tools.has('report_problem'))
    return remedyAsked(f) ? { ...f, intent: 'return' } : { ...f, intent: 'complaint', returnOffered: true };
  return noSwap ? { ...f, intent: 'return' } : f;
}

/**
 * A problem told with no remedy said ("the box came crushed and wet, and nobody told me anything", "the seams on my
 * chinos came apart after one wash") nor among the words' likely readings: heard, with a return and a person offered,
 * nothing proposed, whether or not a piece is named; "…I expect a refund", "can I send it back?", the order named with
 * it ("the chinos in order 28473 arrived torn"), a piece that came damaged or "…what can you do?" after it ask one.
 */
function remedyAsked(f: Frame): boolean {
  if (SPEAKS_OF_SWAP.test(f.text) || f.e.orderNumbers.length || asksWhatCanBeDone(f.text)) return true;
  // A piece that came damaged ("the jumper arrived with a hole in it"): its return, unlike a fault that came with wear.
  if (f.e.categoryWord && ARRIVED_SO.test(f.text)) return true;
  const s = classify(f.text).scores;
  return (s.return ?? 0) + (s.exchange ?? 0) + (s.refund_status ?? 0) >= REMEDY_READING;
}
/** A piece told as it came out of the parcel ("arrived torn", "came with a stain", "straight out of the box"). */
const ARRIVED_SO =
  /\barrived\b|\b(?:came|turned up|showed up|was delivered|were delivered|got delivered)\s+(?:with|torn|broken|damaged|ripped|stained|faulty|cracked|in pieces)\b|\bout of the (?:box|parcel|package|bag)\b/i;
/** How likely (a probability × 10) a remedy must be among the readings of a problem told to be what it asks. */
const REMEDY_READING = 1.5;

/**
 * The fault told, then what the assistant can do about it asked in a sentence of its own ("…a seam already came apart.
 * what can you do?"): a remedy wanted, not the choices. Alone ("what are my options?") it asks for the choices.
 */
const asksWhatCanBeDone = (text: string): boolean =>
  text
    .split(/[.?!;,]+\s*/)
    .slice(1)
    .some((clause) => /\w/.test(clause) && classify(clause).intent === 'capabilities');

/**
 * A question about the returns policy for one order named ("can I still send back the chinos from 28473?",
 * "what's your return policy on order 71001"), from a shopper whose orders can be looked up: that order
 * (which says until when it can go back, or that its window has closed) with the returns policy beside it.
 * A question proposes nothing, however its words lean; nor does a rule the shopper claims for themselves.
 */
export function aboutOneOrder(f: Frame, memory: Memory, tools: ReadonlySet<string>): Frame {
  // Named in the message itself: a follow-up on the return just made is answered from the policy (frame-follow.ts).
  const n = f.e.orderNumbers[0];
  // An attempt to override the rules is refused whole (refuseInjection), never turned into a look-up.
  if (f.intent !== 'policy_returns' || f.injection || f.ruleOf || memory.pendingReturn || memory.pendingAction) return f;
  if (!tools.has('lookup_order') || !tools.has('store_policy')) return f;
  if (n) return { ...f, intent: 'order_status', orderNumber: n, alsoPolicy: 'returns' };
  // "is it too late to send the sneakers back?": a piece of the shopper's own, asked about, not imagined ("if the boots
  // don't fit…") nor one of the catalogue's in view: the order holding it, until when it can go back, the return offered.
  if (f.e.categoryWord && !f.product && ownPiece(f) && !imagines(f.text))
    return { ...f, intent: 'order_status', alsoPolicy: 'returns', stillReturnable: true };
  return f;
}

/** A purchase told ("a top I got from you", "I ordered boots"): for a shopper not signed in, "my" alone ("my grandson may not like it") is too little. */
const BOUGHT = /\bi(?:'ve| have)? (?:got|bought|ordered|received|purchased)\b|\bfrom (?:you|your (?:shop|store|site))\b/i;
/** Words that point at a piece of the shopper's own ("my jumper", "those sneakers", "a top I got from you"), not a kind in general. */
const OWN_PIECE = new RegExp(`\\b(my|mine|our|these|those)\\b|${BOUGHT.source}`, 'i');
/** "the chinos", "my jumper": a piece of the shopper's own; "returns on jumpers", "can shoes be returned?": the rule for a kind. */
const ownPiece = (f: Frame): boolean => f.e.definite || OWN_PIECE.test(f.text);

/** Any other intent: a service plan (plan-service.ts), a product's fit, or the policy on the topic. */
const planOther: IntentPlan = ({ f, memory, tools }) => {
  const service = serviceStep({ frame: f, memory, tools, needAccount: (fallback) => needAccount(tools, memory, fallback, f) });
  if (service) return service;
  const topic = policyTopic(f.intent);
  // "is it true to size?", "does it run small?" about the product in view: its page says how it fits.
  if (topic === 'sizing' && f.product && PAGE_QUESTIONS.fit.test(f.text) && !MEASURE_OR_SYSTEM.test(f.text) && tools.has('get_product'))
    return call('get_product', { productId: f.product.id });
  if (topic && tools.has('store_policy')) return call('store_policy', { topic });
  return reply({ kind: 'plain', body: '' });
};

/** The first step for each intent; intents not listed go to planOther. */
const INTENT_PLANS: Partial<Record<Intent, IntentPlan>> = { ...TALK_PLANS, ...SHOP_PLANS, ...ACCOUNT_PLANS };

export function firstStep({ frame, memory, tools }: PlanInput): Step {
  let f = asReturn(frame, memory, tools);
  for (const guard of GUARDS) {
    const step = guard({ f, memory, tools });
    if (step) return step;
  }
  // An email from a shopper not signed in ("I am sarah@…, list my orders"): who they are comes first, never their account.
  if (f.e.email && tools.has('verify_customer') && ACCOUNT_ASKS.has(f.intent)) f = { ...f, intent: 'verify' };
  // "if I cancel before it ships, do I get it all back?": what the policy says, nothing proposed.
  if (f.ruleOf && tools.has('store_policy')) return call('store_policy', { topic: f.ruleOf });
  const step = (INTENT_PLANS[f.intent] ?? planOther)({ f, memory, tools });
  // "will it go back to my card?" about a refund shown: that refund, and the rule beside it.
  if (f.alsoPolicy && step.kind === 'call' && tools.has('store_policy'))
    return { ...step, calls: [...step.calls, { name: 'store_policy', args: { topic: f.alsoPolicy } }] };
  return step;
}

// The product page's item, looked up for "do you have this in M?" / "add this in M".
const afterPageProduct: Link = ({ f, tools, last, r, already }) => {
  if (!(last.name === 'get_product' && f.pageProduct && last.args.productId === f.pageProduct)) return null;
  if (!r.ok) return reply(askProduct([])); // not a product page after all
  const [p] = productsIn(last);
  if (p && f.intent === 'add_to_cart' && !already('add_to_cart')) return addOrAsk(p, f, tools);
  return null;
};

const afterVerify = afterVerifying((c) => (INTENT_PLANS[c.f.intent] ?? planOther)(c));

const searchToAdd: Link = ({ f, tools, last, r, already }) => {
  if (!(last.name === 'search_products' && r.ok && f.intent === 'add_to_cart' && !already('add_to_cart'))) return null;
  // Only what the shopper named: a kind or colour of product, and words that matched as said.
  // A colour alone names no piece ("the navy one" with nothing shown): the list, not an add.
  // Words that matched nothing ("hola, the same stone chinos…") leave the piece unsure, unless the
  // rest of the request (kind, colour and size) found exactly one.
  const approximate = outputOf(last, 'search_products')?.approximate === true;
  const oneByFilters = approximate && f.e.colour !== null && f.e.size !== null && productsIn(last).length === 1;
  if ((approximate && !oneByFilters) || f.e.category === null) return { kind: 'compose' };
  // The search left the size out, so the piece meant is found even when its size is gone.
  // "add a red dress in M": the first that has M; "add the linen wrap dress": only that one.
  const found = productsIn(last);
  const size = f.e.size;
  // A one-size piece needs no size: "add the black leather belt" adds it.
  const oneSize = (x: ProductView) => x.stock.length === 1 && namedSize(x.stock[0]!.size) === null && inStockSizes(x).length === 1;
  const fits = (x: ProductView) => (size ? inStockSizes(x).includes(size) : oneSize(x));
  const p =
    pickProduct(found, { ...f.e, ordinal: null, pronoun: false }, f.text) ??
    (f.e.definite && found.length > 1 ? null : (found.find(fits) ?? found[0]));
  if (p && fits(p)) return addOrAsk(p, f, tools);
  // The piece, but not in that size: say so and ask for one it has.
  if (p && size && found.length === 1) return reply({ kind: 'ask', body: `${p.name} isn't in stock in ${size}. ${askSize(p).body}` });
  return { kind: 'compose' };
};

// "is the merino jumper machine washable?" with nothing in view: the piece it names, then its details.
const searchToPage: Link = ({ f, tools, last, r, already }) => {
  if (!(
    last.name === 'search_products' &&
    r.ok &&
    f.aboutProductPage &&
    (f.intent === 'stock' || f.intent === 'search') &&
    !already('get_product') &&
    tools.has('get_product')
  ))
    return null;
  const found = productsIn(last);
  // One piece, or one style in several colours (their product details are the same).
  const p =
    pickProduct(found, { ...f.e, ordinal: null, pronoun: false }, f.text) ??
    (found.length > 0 && new Set(found.map(styleName)).size === 1 ? found[0] : undefined);
  return p && outputOf(last, 'search_products')?.approximate !== true ? call('get_product', { productId: p.id }) : null;
};

// A comparison of products found by name: now each one's details.
const comparedFound: Link = ({ f, tools, done }) => {
  if (!(f.intent === 'compare' && done.every((d) => d.name === 'search_products') && tools.has('get_product'))) return null;
  const found = done.flatMap((d) => productsIn(d).slice(0, 1));
  return found.length >= 2 ? { kind: 'call', calls: found.map((p) => ({ name: 'get_product', args: { productId: p.id } })) } : null;
};

// The order looked up to learn its items' ids (proposeReturn): now the proposal.
const orderToReturn: Link = ({ f, tools, last, r, already }) => {
  if (!(
    last.name === 'lookup_order' &&
    r.ok &&
    'orderNumber' in last.args &&
    f.intent === 'return' &&
    tools.has('create_return_label') &&
    !already('create_return_label')
  ))
    return null;
  const [order] = ordersIn(last);
  return order?.returnPossible ? proposeReturn(order.orderNumber, order, f, tools) : null;
};

// The order looked up for a swap one size up or down (plan-service stepAwaitsOrder), or for a cancellation naming a
// piece (plan-cancel.ts): now the swap, from the size bought, or the cancellation (or what can be done instead).
const orderToSwap: Link = ({ f, memory, tools, last, r, already }) => {
  const tool = f.intent === 'exchange' ? 'exchange_items' : f.intent === 'cancel_order' ? 'cancel_order' : null;
  if (!(tool && last.name === 'lookup_order' && r.ok && 'orderNumber' in last.args && !already(tool))) return null;
  const seen = { ...memory, orders: [...ordersIn(last), ...memory.orders] };
  const orderNumber = f.orderNumber ?? String(last.args.orderNumber);
  return serviceStep({ frame: { ...f, orderNumber }, memory: seen, tools, needAccount: () => ({ kind: 'compose' }) });
};

const fromOrderList: Link = ({ f, tools, last, r }) => {
  if (!(last.name === 'lookup_order' && r.ok && !('orderNumber' in last.args))) return null;
  const orders = ordersIn(last);
  if (f.intent === 'return' && tools.has('create_return_label')) {
    const returnable = orders.filter((o) => o.returnPossible);
    if (returnable.length === 1 && !garmentNotIn(returnable, f.e) && !namedElsewhere(orders, returnable[0]!, f))
      return proposeReturn(returnable[0]!.orderNumber, returnable[0]!, f, tools);
  }
  // "Where is my refund?" with no number: the one order in the list a refund can come from (cancelled or returned).
  const refunded = f.intent === 'refund_status' ? orders.filter((o) => o.status === 'cancelled' || o.status === 'returned') : [];
  if (refunded.length === 1 && tools.has('lookup_order')) return call('lookup_order', { orderNumber: refunded[0]!.orderNumber });
  // "my last order" / "what I got last time": the newest.
  if (f.intent === 'reorder' && tools.has('reorder') && orders.length && (f.e.ordinal === -1 || /\blast time\b/i.test(f.text)))
    return call('reorder', { orderNumber: orders[0]!.orderNumber });
  // "my last order hasn't arrived": that order's details rather than the list.
  const meant = f.intent === 'order_status' && orders.length > 1 && tools.has('lookup_order') ? orderMeant(orders, f) : null;
  return meant ? call('lookup_order', { orderNumber: meant }) : null;
};

// "change the address on my latest order", "swap the chinos from my last delivered order for an L":
// the orders listed, the one the words point at (latest, by status, by the items named) gets the
// action's proposal straight away rather than a "which order?".
const ORDER_CHANGES: Record<string, string> = {
  change_address: 'change_shipping_address',
  cancel_order: 'cancel_order',
  exchange: 'exchange_items',
  report_problem: 'report_problem',
};
const actionFromList: Link = ({ f, memory, tools, last, r, already }) => {
  const tool = ORDER_CHANGES[f.intent];
  if (!(tool && last.name === 'lookup_order' && r.ok && !('orderNumber' in last.args) && tools.has(tool) && !already(tool))) return null;
  if (f.orderNumber || f.e.orderNumbers.length) return null;
  const orders = ordersIn(last);
  // A swap or a problem points at an order the way a return does (frame.ts resolveOrder).
  const as: Intent = f.intent === 'exchange' || f.intent === 'report_problem' ? 'return' : f.intent;
  const meant = pickOrder(orders, { ...f.e, pronoun: false }, f.text, as, orders);
  if (!meant) return null;
  // The orders just listed are in view: a swap names the piece bought by its own name ("the sweater": the jumper), in its size.
  const seen = { ...memory, orders: [...orders, ...memory.orders] };
  const step = serviceStep({ frame: { ...f, orderNumber: meant }, memory: seen, tools, needAccount: () => ({ kind: 'compose' }) });
  // Some pieces of the order meant cancelled, not all: what can be done instead (plan-cancel.ts), never the list.
  if (step?.kind === 'reply' && f.intent === 'cancel_order') return step;
  return step?.kind === 'call' && step.calls.every((c) => c.name === tool) ? step : null;
};

// Looked at the cart to find the line to change.
const cartToChange: Link = ({ f, tools, last, r, already }) =>
  last.name === 'view_cart' && r.ok && f.intent === 'update_cart' && tools.has('update_cart') && !already('update_cart')
    ? changeCart(lastCartLines([last]) ?? [], f)
    : null;

/** The links, in order: the first that gives a step decides. */
const LINKS: readonly Link[] = [
  pieceInOrders,
  afterPageProduct,
  proveAnotherOrder,
  afterVerify,
  searchToAdd,
  searchToPage,
  comparedFound,
  orderToReturn,
  orderToSwap,
  fromOrderList,
  actionFromList,
  cartToChange,
];

/** After this turn's tool results: chain one more call when the request needs it, else compose. */
export function nextStep(input: PlanInput): Step {
  const { tools, done } = input;
  const f = asReturn(servedRequest(input.frame, input.memory, done), input.memory, tools);
  const last = done[done.length - 1];
  if (!last?.result || done.length >= 4) return { kind: 'compose' };
  const chain: Chain = { f, memory: input.memory, tools, done, last, r: last.result, already: (name) => done.some((d) => d.name === name) };
  for (const link of LINKS) {
    const step = link(chain);
    if (step) return step;
  }
  return { kind: 'compose' };
}
