// The order a turn means: the one named, pointed at or in view, the follow-ups an order shown
// settles ("and when will they get here?"), and the request a yes after verifying goes on with.
import { classify, type Intent } from './classify.js';
import type { Entities } from './entities.js';
import { pickOrder, pieceNotInWaiting } from './frame-pick.js';
import { addressAbroad, imagines, leansImagined, ONLY_SOME, POINTS_BACK } from './frame-cues.js';
import { merge, type Draft, type Reading } from './frame-answer.js';
import { kindOf, namesPiece, ordersHolding, ordersOfKind, type OrderView } from './results.js';
import { itemWords, stem } from './frame-follow.js';
import { ACTION_ECHO, consentWords } from '../../core/index.js';

/** The order the message means, and the intents an order in view settles. */
export function resolveOrder(r: Reading, d: Draft): string | null {
  const { text, mem, prevEntities } = r;
  // "yes but only the jumper" while a return is proposed: the same return, of fewer items.
  const pendingOrder = typeof mem.pendingReturn?.orderNumber === 'string' ? mem.pendingReturn.orderNumber : null;
  // "the chinos too" adds to it; "also need new sneakers" naming a piece the order does not hold is a new request.
  if (
    pendingOrder &&
    d.e.categoryWord &&
    /\b(only|just|too|also|as well)\b/i.test(text) &&
    d.intent !== 'deny' &&
    d.intent !== 'human' &&
    !pieceNotInWaiting(mem, d.e)
  ) {
    d.intent = 'return';
    d.settledByState = true;
  }
  // "return them" right after "the sneakers I ordered…": them is the sneakers.
  if (d.e.pronoun && !d.e.categoryWord && mem.orders.length && mem.prevUser && (d.intent === 'return' || d.intent === 'order_status')) {
    const named = prevEntities(mem.prevUser);
    if (named.categoryWord) d.e = { ...d.e, category: named.category, categoryWord: named.categoryWord };
  }
  const e = d.e;
  // "proceed with the cancellation" after a cancellation and a return were proposed together (the return the newer,
  // the one waiting, as the server keeps only the newest): the cancellation's own order, proposed again.
  // A yes naming it ("good, proceed with the cancellation": its consent words) is that request too.
  const namesCancel = consentWords(text).some((w) => w !== 'it' && ACTION_ECHO.cancel_order!.includes(w));
  const replaced =
    (d.intent === 'cancel_order' || (d.intent === 'confirm' && namesCancel)) &&
    !e.orderNumbers.length &&
    mem.pendingAction?.name !== 'cancel_order'
      ? mem.proposals.filter((p) => p.name === 'cancel_order').at(-1)
      : undefined;
  if (typeof replaced?.args.orderNumber === 'string') {
    d.intent = 'cancel_order';
    d.settledByState = true;
    return replaced.args.orderNumber;
  }
  // A swap or a problem with something bought points at an order the way a return does.
  // An address written out is for a change of address (settleIntent).
  const orderIntent: Intent =
    d.intent === 'exchange' || d.intent === 'report_problem'
      ? 'return'
      : givesAddress(r, e) && !mem.pendingAction
        ? 'change_address'
        : d.intent;
  // "my latest order" said in the request this message answers ("which order?" → an address): read with it.
  const pointedBefore = e.ordinal !== null && r.u.entities.ordinal === null && mem.asked !== null && mem.prevUser;
  const said = pointedBefore ? `${mem.prevUser} ${text}` : text;
  // "only the jumper, I keep the trousers" while a return waits: of the order waiting when it holds a piece named, not
  // another order holding the piece kept.
  const narrowsWaiting = pendingOrder && d.intent === 'return' && !e.orderNumbers.length && ONLY_SOME.test(text);
  const waitingHolds = narrowsWaiting && holdsNamed([...mem.orders, ...mem.orderList], pendingOrder, text);
  let orderNumber =
    (waitingHolds ? pendingOrder : null) ??
    pickOrder(mem.orders, e, said, orderIntent, mem.orderList) ??
    (orderIntent === 'return' ? pendingOrder : null);
  // "what about the sneakers one?" after a list of orders asks about an order, not the catalog.
  if (
    orderNumber &&
    !e.orderNumbers.length &&
    mem.orders.length &&
    !mem.products.length &&
    (d.intent === 'search' || d.intent === 'stock') &&
    /\b(one|order|about)\b/i.test(text)
  ) {
    d.intent = 'order_status';
  }
  if (!orderNumber && mem.orders.length === 0 && (e.pronoun || /\b(that|this|the same|my) order\b/i.test(text)))
    orderNumber = mem.mentionedOrder;
  // The address answering "what is the new address?": for the order it was asked for.
  if (!orderNumber && !e.orderNumbers.length && mem.asked === 'address' && givesAddress(r, e)) orderNumber = mem.mentionedOrder;
  return orderNumber;
}

/** The order `orderNumber` (as shown) holds a piece the text names by a word of its items' names. */
function holdsNamed(orders: readonly OrderView[], orderNumber: string, text: string): boolean {
  const words = (text.match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 3).map(stem);
  const items = orders.find((o) => o.orderNumber === orderNumber)?.items ?? [];
  return items.some((item) => words.some((w) => itemWords(item).has(w)));
}

/**
 * A follow-up about the order the previous reply showed: "and when will they get here?" is that
 * order's expected date, not the delivery times in general. A return only imagined ("if they don't
 * fit can he send them back?") is a question for the returns policy, not a return to propose.
 */
const HOW_TO = /\bhow (do|does|would|can|should|will) (i|we|you|that|this|it|returns?|returning)\b|\bhow (does|would) (that|it) work\b/i;

export function followUpOnOrder(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { text, mem } = r;
  const e = d.e;
  // …and so is how returning works for an order still on its way ("how do I return these sneakers?" before they arrive).
  const onItsWay = mem.orders.some((o) => o.orderNumber === orderNumber && !o.delivered);
  const asksAboutReturning = (d.intent === 'return' || d.intent === 'exchange') && !mem.pendingReturn && !mem.pendingAction;
  // "if my niece would rather another colour, is that possible?": imagined, about no piece or order named.
  const namesNothing = !e.categoryWord && !e.orderNumbers.length && e.size === null && e.colour === null && !orderNumber;
  if (asksAboutReturning && ((onItsWay && HOW_TO.test(text)) || imagines(text) || (namesNothing && leansImagined(text)))) {
    d.intent = 'policy_returns';
    d.settledByState = true;
    return orderNumber;
  }
  // "if I cancel an order before it ships, do I get the full amount back?": the rule, no cancellation proposed
  // (the orders policy has it, also when the words read as a returns question).
  const ruleAsked = d.intent === 'policy_returns' && /\bcancel/i.test(text);
  if (ruleAsked || ((d.intent === 'cancel_order' || d.intent === 'change_address') && !mem.pendingAction && imagines(text))) {
    d.ruleOf = 'orders';
    d.settledByState = true;
    return orderNumber;
  }
  // "when will my sneakers reach me?": the pieces bought, so their order, not delivery times in general.
  if (
    d.intent === 'delivery_time' &&
    e.categoryWord &&
    !e.orderNumbers.length &&
    new RegExp(`\\bmy\\s+(\\w+\\s+){0,2}${e.categoryWord}`, 'i').test(text)
  ) {
    d.intent = 'order_status';
    d.settledByState = true;
    return orderNumber;
  }
  if (d.intent !== 'delivery_time' || e.orderNumbers.length || e.category || mem.products.length || !POINTS_BACK.test(text))
    return orderNumber;
  // The order the previous reply was about, still on its way.
  const shown = mem.orders.filter(
    (o) => mem.prevReply.includes(`#${o.orderNumber}`) && !o.delivered && !/cancel|deliver|return/i.test(o.status ?? ''),
  );
  const meant = shown.find((o) => o.orderNumber === mem.mentionedOrder) ?? (shown.length === 1 ? shown[0] : undefined);
  if (!meant) return orderNumber;
  d.intent = 'order_status';
  d.settledByState = true;
  return meant.orderNumber;
}

/**
 * Requests about one order that a yes to the lookup offered after verifying goes on with. An action
 * (a return, a swap) is not among them: the order is shown first, and the action is asked for on it.
 */
const GOES_ON: ReadonlySet<Intent> = new Set(['order_status', 'refund_status']);

/**
 * "yes" to "Shall I look up order #28511 for you to check on your refund?": the request made before
 * verifying ("has my money come back?"), for that order, with what it named.
 */
export function goOnAfterVerifying(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem } = r;
  if (!(d.intent === 'confirm' && mem.asked === 'lookup' && mem.offeredOrder && mem.lookupFor)) return orderNumber;
  const before = classify(mem.lookupFor);
  if (!GOES_ON.has(before.intent)) return orderNumber;
  d.intent = before.intent;
  d.e = merge(before.entities, d.e);
  d.settledByState = true;
  return mem.offeredOrder;
}

/**
 * "yes" (or "ok, start it") to "Shall I start its return from order #28473?", offered after saying until when a piece
 * of it can go back: the return of that piece, proposed as a return asked for is (the orders read again, the one
 * holding the piece that can go back; a second yes makes the label).
 */
export function goOnWithReturn(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem } = r;
  if (!(mem.asked === 'startReturn' && mem.offeredReturn && mem.prevUser)) return orderNumber;
  if (!(d.intent === 'confirm' || (d.intent === 'return' && !d.e.orderNumbers.length))) return orderNumber;
  d.intent = 'return';
  d.e = merge(r.prevEntities(mem.prevUser), d.e);
  d.settledByState = true;
  return null;
}

/**
 * Requests about a piece received that the shopper may narrow, once the order is shown, to the pieces that go, and the
 * action each goes on with: whether a piece can still go back ("can I still return the jumper from it?") starts its return.
 */
const NARROWED: Partial<Record<Intent, Intent>> = { return: 'return', exchange: 'exchange', policy_returns: 'return' };
/** Readings of a piece singled out that carry no request of their own beside it (a yes, a basket's or a search's words). */
const SINGLES_OUT: ReadonlySet<Intent> = new Set([
  'confirm',
  'return',
  'exchange',
  'view_cart',
  'update_cart',
  'add_to_cart',
  'search',
  'stock',
  'thanks',
  'out_of_scope',
]);

/**
 * "yes please, just the sweater" / "only the boots, the cardigan stays" after a return (or swap) was asked about and
 * the delivered order was shown, nothing proposed: that request, of the piece singled out of the order shown (the
 * shopper's request of the recent turns, memory's `recentUsers`), never a basket or a bare yes with nothing waiting.
 */
export function goOnWithPieceShown(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem, text } = r;
  const order = mem.orders.length === 1 ? mem.orders[0]! : null;
  const word = d.e.categoryWord;
  if (!order?.delivered || !word || mem.pendingReturn || mem.pendingAction || d.settledByState) return orderNumber;
  if (!ONLY_SOME.test(text) || !SINGLES_OUT.has(d.intent) || d.e.orderNumbers.some((n) => n !== order.orderNumber)) return orderNumber;
  if (!order.items.some((i) => namesPiece(i, word))) return orderNumber;
  const asked = mem.recentUsers.map((m) => NARROWED[classify(m).intent]).find((i) => i !== undefined);
  if (!asked) return orderNumber;
  d.intent = asked;
  d.settledByState = true;
  return order.orderNumber;
}

/** An address written out: a US one read into its parts, or one abroad answering "what is the new address?" (the plan says where the shop delivers). */
export const givesAddress = (r: Reading, e: Entities): boolean => !!e.address || (r.mem.asked === 'address' && addressAbroad(r.text));

/** The readings of a piece described right after a list of orders: a search, a look-up, when it comes ("…the white sneakers. they come before Sunday?"). */
const PICKS_FROM_LIST: ReadonlySet<Intent> = new Set(['search', 'recommend', 'compare', 'order_status', 'delivery_time']);
/** Readings that pick from the list only when the words are unsure of them: its stock, the basket. */
const PICKS_WHEN_UNSURE: ReadonlySet<Intent> = new Set(['stock', 'add_to_cart', 'update_cart', 'view_cart']);
/** Words pointing at one piece already there ("the white shoes", "my trainers"), not any piece of a kind. */
const POINTS_AT = /\b(the|those|that|my)\b/i;
/** How likely (a probability × 10) a reading must be for the words to place it firmly. */
const FIRM = 5;

/**
 * "the white sneakers one, that already went out", "the one with the navy jumper, what else was in it?" right after the
 * list of the shopper's orders: the one order of the list holding that piece (its colour too, when one is said) is
 * looked up, never a product search or the basket. A size, a price or an order number said is a request of its own; so
 * is a piece no order of the list holds, or one several hold, and a stock or basket request the words are sure of.
 */
export function pickedFromList(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem, u } = r;
  const e = d.e;
  const unsure = (u.scores[d.intent] ?? 0) < FIRM;
  if (d.settledByState || !(PICKS_FROM_LIST.has(d.intent) || (PICKS_WHEN_UNSURE.has(d.intent) && unsure))) return orderNumber;
  if (mem.orderList.length < 2 || mem.subject.order || mem.products.length || mem.pendingAction || mem.pendingReturn) return orderNumber;
  if (!e.categoryWord || e.size || e.maxPrice !== null || e.minPrice !== null || e.orderNumbers.length) return orderNumber;
  const colour = e.colour?.toLowerCase();
  const named = ordersHolding(mem.orderList, e).filter((o) => !colour || o.items.some((i) => i.toLowerCase().includes(colour)));
  // No item called by the words, in that colour ("not the jumper, the white shoes" of a list with white sneakers): the one
  // order holding a piece of that kind in that colour, when the words point at one ("the", "my") or are unsure of a search.
  const holding = named.length
    ? named
    : unsure || POINTS_AT.test(r.text)
      ? ordersOfKind(mem.orderList, new Set(r.u.norm.tokens.map(kindOf).filter((k) => k !== undefined)), e.colour)
      : [];
  if (holding.length !== 1 || (orderNumber && orderNumber !== holding[0]!.orderNumber)) return orderNumber;
  d.intent = 'order_status';
  d.settledByState = true;
  return holding[0]!.orderNumber;
}
