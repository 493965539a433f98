// Replies about the shopper's account: orders, returns, loyalty, verification and hand-over.
// Every number, date and code comes from the tool result (or the shopper's own words).
import type { Exchange } from './conversation.js';
import type { Frame } from './frame.js';
import { ASK_MARKERS, ASKS_EXCHANGE, OFFER_AFTER_LOOKUP, PHRASES } from './phrases.js';
import { refundLine } from './replies-retail.js';
import { NAME_WORDS } from './frame-pick.js';
import {
  inSizes,
  inStockSizes,
  listText,
  namesPiece,
  num,
  ordersHolding,
  onlyVerifiedOrders,
  ordersIn,
  outputOf,
  str,
  type OrderView,
  type ProductView,
} from './results.js';
import type { Reply } from './voice.js';

function statusSentence(o: OrderView): string {
  const n = `Order #${o.orderNumber}`;
  switch (o.status) {
    case 'processing':
      return `${n} is being prepared${o.placed ? ` (placed ${o.placed})` : ''} and hasn't shipped yet.`;
    case 'shipped':
      return `${n} is on its way${o.shipped ? `: it shipped on ${o.shipped}` : ''}${o.carrier ? ` with ${o.carrier}` : ''}${o.tracking ? `, tracking code ${o.tracking}` : ''}.${o.expectedBy ? ` It should arrive by ${o.expectedBy}.` : ''}`;
    case 'delivered':
      return `${n} was delivered${o.delivered ? ` on ${o.delivered}` : ''}.`;
    case 'returned':
      return `${n} has been returned.`;
    case 'cancelled':
      return `${n} was cancelled.`;
    default:
      return `${n}${o.status ? ` is ${o.status}` : ' is on your account'}.`;
  }
}

function orderLine(o: OrderView): string {
  const what = o.items.length ? `: ${listText(o.items.slice(0, 3))}${o.items.length > 3 ? ' and more' : ''}` : '';
  const when = o.status === 'delivered' && o.delivered ? `delivered ${o.delivered}` : (o.status ?? '');
  const ret = o.returnPossible && o.returnUntil ? `, returnable until ${o.returnUntil}` : '';
  return `#${o.orderNumber} (${when}${o.placed && o.status !== 'delivered' ? `, placed ${o.placed}` : ''}${ret})${what}`;
}

const NO_REFUND = (o: OrderView) => `No refund is recorded for order #${o.orderNumber} yet.`;

/**
 * "It never came" about an order the carrier marked delivered: the record and the shopper disagree,
 * so the reply says so, what to check first and who can trace it, instead of a plain "delivered".
 */
function deliveredNotReceived(o: OrderView, canHandOver: boolean): Reply {
  const body = `${statusSentence(o)} ${PHRASES.deliveredNotReceived}`;
  return canHandOver ? { kind: 'ask', body: `${body} ${PHRASES.humanOffer}` } : { kind: 'fact', body };
}

export function ordersReply(ex: Exchange, f: Frame, canHandOver = false): Reply {
  const r = accountOrdersReply(ex, f, canHandOver);
  // Verified in chat: the list holds the orders proven only, and says how to reach the others.
  return onlyVerifiedOrders(ex) ? { ...r, body: `${r.body}\n${PHRASES.otherOrders}` } : r;
}

function accountOrdersReply(ex: Exchange, f: Frame, canHandOver: boolean): Reply {
  const orders = ordersIn(ex);
  const single = 'orderNumber' in ex.args && orders.length === 1;
  if (orders.length === 0) return { kind: 'fact', body: "I can't see any orders on your account yet." };
  if (single) {
    const o = orders[0]!;
    // "Where is my refund?": the order's refunds first, then the order.
    const refunds = o.refunds.map(refundLine);
    if (f.intent === 'refund_status')
      return {
        kind: 'fact',
        body: refunds.length ? `${refunds.join('\n')}\n${statusSentence(o)}` : `${NO_REFUND(o)} ${statusSentence(o)}`,
      };
    if (o.status === 'delivered' && f.notArrived && f.intent === 'order_status') return deliveredNotReceived(o, canHandOver);
    const parts = [statusSentence(o), ...refunds];
    if (o.items.length) parts.push(`It contains ${listText(o.items.slice(0, 4))}${o.items.length > 4 ? ' and more' : ''}.`);
    for (const l of o.returnLabels)
      parts.push(`A return label${l.trackingCode ? ` (${l.trackingCode})` : ''} was created for ${listText(l.items)}.`);
    if (o.returnPossible && o.returnUntil)
      parts.push(`You can return ${o.returnLabels.length ? 'the rest' : 'it'} until ${o.returnUntil}.`);
    // Asked about returning it: why it cannot go back now, in the tool's words ("the 30-day return window ended on …").
    else if (f.alsoPolicy === 'returns' && o.returnReason && !o.returnLabels.length)
      parts.push(`It can't be returned now: ${o.returnReason}.`);
    return { kind: 'fact', body: parts.join(' ') };
  }
  const shown = orders.slice(0, 3);
  const lines = shown.map(orderLine).join('\n');
  if (f.intent === 'return') {
    // "the sneakers are the wrong size": the order that has them, and why it cannot go back yet.
    // Named by the garment and its words ("the maxi dress"): the order whose items match the most of them.
    const holding = ordersHolding(orders, f.e);
    if (holding.length === 1 && !holding[0]!.returnPossible) {
      const o = holding[0]!;
      const why =
        o.status === 'delivered' ? 'its return window has closed' : 'it has not been delivered yet; a return can be made once it arrives';
      return { kind: 'fact', body: `${orderLine(o)}\nThis order can't be returned right now: ${why}.` };
    }
    const returnable = shown.filter((o) => o.returnPossible);
    return returnable.length
      ? { kind: 'ask', body: `${ASK_MARKERS.order} would you like to return?\n${lines}` }
      : { kind: 'fact', body: `None of your recent orders can be returned right now:\n${lines}` };
  }
  if (f.intent === 'reorder') return { kind: 'ask', body: `${ASK_MARKERS.order} would you like to order again?\n${lines}` };
  const intro = shown.length === 1 ? 'Your most recent order:' : `Your ${shown.length} most recent orders:`;
  if (shown.length === 1 && shown[0]!.status === 'delivered' && f.notArrived && f.intent === 'order_status')
    return deliveredNotReceived(shown[0]!, canHandOver);
  if (shown.length === 1)
    return {
      kind: 'fact',
      body: `${statusSentence(shown[0]!)}${shown[0]!.items.length ? ` It contains ${listText(shown[0]!.items.slice(0, 4))}.` : ''}`,
    };
  return { kind: 'fact', body: `${intro}\n${lines}\n${ASK_MARKERS.order} would you like to know more about?` };
}

/** The orders holding the piece named; in several, the one of them that can still go back, if only one can. */
export function holdingPiece(orders: readonly OrderView[], e: Frame['e']): OrderView[] {
  // "the maxi dress": an order holds it only with an item named by every word of a product's name said (a midi dress is not it).
  const named = e.descriptors.filter((w) => NAME_WORDS.test(w));
  const holding = ordersHolding(orders, e).filter((o) => o.items.some((i) => named.every((w) => namesPiece(i, w))));
  const open = holding.filter((o) => o.returnPossible);
  return holding.length > 1 && open.length === 1 ? open : holding;
}

/**
 * "Is it too late to send the sneakers back?" (Frame.stillReturnable): the order holding the piece, until when it can
 * go back (the order's date and the policy's window, as the order tool says) with the policy's conditions, and its
 * return offered, nothing proposed. Null when no order looked up holds the piece: the policy answers alone.
 */
export function pieceReturnReply(done: readonly Exchange[], f: Frame): Reply | null {
  const looked = done.filter((d) => d.name === 'lookup_order' && d.result?.ok);
  const single = looked.find((d) => 'orderNumber' in d.args);
  const holding = holdingPiece(single ? ordersIn(single) : looked.flatMap(ordersIn), f.e);
  if (holding.length === 0) return null;
  if (holding.length > 1)
    return { kind: 'fact', body: `You have it in more than one order:\n${holding.slice(0, 3).map(orderLine).join('\n')}` };
  const o = holding[0]!;
  const words = [f.e.categoryWord, ...f.e.descriptors].filter((w): w is string => !!w && w.length >= 3);
  const item = o.items.find((i) => words.some((w) => namesPiece(i, w))) ?? `the ${f.e.categoryWord}`;
  const policy = done.map((d) => (d.name === 'store_policy' ? outputOf(d, 'store_policy') : null)).find((out) => out?.topic === 'returns');
  const rule = (key: string): string | null => (policy ? str(policy.policy[key]) : null);
  const cost = rule('cost');
  const condition = rule('condition');
  const where = `${item} came in order #${o.orderNumber}`;
  const label = o.returnLabels.find((l) => l.items.includes(item));
  if (label)
    return {
      kind: 'fact',
      body: `${where}, and a return label${label.trackingCode ? ` (${label.trackingCode})` : ''} was already created for it.`,
    };
  if (o.returnPossible && o.returnUntil) {
    return {
      kind: 'ask',
      body: `${where}${o.delivered ? `, delivered on ${o.delivered}` : ''}: you can still send it back until ${o.returnUntil}${condition ? ` (${condition})` : ''}.${cost ? ` ${cost}` : ''} ${ASK_MARKERS.startReturn} #${o.orderNumber}?`,
    };
  }
  if (o.status === 'processing' || o.status === 'shipped') {
    const window = rule('window');
    return {
      kind: 'fact',
      body: `${where}, which hasn't been delivered yet${window ? `: once it arrives, it can go back ${window}${condition ? ` (${condition})` : ''}` : ''}.${cost ? ` ${cost}` : ''}`,
    };
  }
  return {
    kind: 'fact',
    body: `${where}${o.delivered ? `, delivered on ${o.delivered}` : ''}: it can't be returned now${o.returnReason ? `: ${o.returnReason}` : ''}.`,
  };
}

const failed: Reply = { kind: 'fact', body: PHRASES.toolFailed };

export function returnReply(ex: Exchange, brief: boolean, asked = '', canSwap = false): Reply {
  const out = outputOf(ex, 'create_return_label');
  if (!out) return failed;
  if ('label' in out) {
    const { label } = out;
    const head =
      out.created === false && out.alreadyExisted
        ? `A return label for order #${label.orderNumber} already exists`
        : `Done: your return label for order #${label.orderNumber} is ready`;
    return {
      kind: 'fact',
      body: `${head}${label.items.length ? ` (${listText(label.items)})` : ''} and has been emailed to ${label.emailedTo}. Return tracking code: ${label.trackingCode}.${brief ? '' : ` ${label.next}`}`,
    };
  }
  const p = out.proposal;
  const free = p.cost === 'free' ? 'free ' : '';
  // Something arrived broken: sorry first.
  const sorry = /damaged|faulty|broken|defective|ripped|torn|stained|hole|wrong item/i.test(str(ex.args.reason) ?? '')
    ? "I'm sorry about that. "
    : '';
  // No tool swaps an item: an exchange is a return and a new order. With one, the swap waits for the size or colour
  // wanted (frame-swap-detail.ts reads it said next), the return proposed beside it.
  const swap = !ASKS_EXCHANGE.test(asked) ? '' : canSwap ? `${PHRASES.swapNeedsDetail} ` : `${PHRASES.noExchanges} `;
  const i = canSwap && swap ? 'i' : 'I';
  return {
    kind: 'ask',
    body: `${sorry}${swap}${i} can create a ${free}return label for order #${p.orderNumber}${p.items.length ? ` covering ${listText(p.items)}` : ''}, emailed to ${p.labelEmailedTo}.${p.returnWindowEnds && !brief ? ` The return window for this order is open until ${p.returnWindowEnds}.` : ''} Shall I go ahead?`,
  };
}

const SPEND_POINTS = /\b(spend|use|redeem|cash (them )?in|worth)\b/i;
const NEXT_TIER = /\b(get to|reach|become|next tier|next level|level up|upgrade|move up|how (do|can) i get) /i;
const EXPIRY = /\bexpir|\b(run out|go away|lose (them|my points))\b/i;

export function loyaltyReply(ex: Exchange, text = ''): Reply {
  const d = outputOf(ex, 'loyalty_status');
  if (!d) return failed;
  const { points, tier, perks, nextTier: next, pointsValue } = d;
  const have = `You have ${points} loyalty points.`;
  // A follow-up question about the points gets its answer, not the whole statement again.
  if (EXPIRY.test(text))
    return { kind: 'ask', body: `${have} I don't have information about points expiring, so I'd rather not guess. ${PHRASES.humanOffer}` };
  if (SPEND_POINTS.test(text)) return { kind: 'fact', body: `${pointsValue}: you can use them on any order. ${have}` };
  if (NEXT_TIER.test(text)) {
    const earn = perks.find((p) => /points? per/i.test(p));
    if (!next) return { kind: 'fact', body: `You're already a ${tier} member, our top tier.` };
    return { kind: 'fact', body: `${next.pointsNeeded} more points take you to ${next.tier}${earn ? `: you earn ${earn}` : ''}. ${have}` };
  }
  const parts = [
    `You have ${points} loyalty points${tier !== 'none' ? ` and you're a ${tier} member` : ''}.`,
    `${pointsValue}.`,
    next ? `${next.pointsNeeded} more points take you to ${next.tier}.` : '',
    perks.length ? `Your perks: ${listText(perks)}.` : '',
  ];
  return { kind: 'fact', body: parts.filter(Boolean).join(' '), perks: true };
}

export function verifyReply(ex: Exchange, canLookUp: boolean, after: string | null = null): Reply {
  const d = outputOf(ex, 'verify_customer');
  if (!d) return failed;
  const n = str(ex.args.orderNumber);
  if (d.alreadyVerified) return { kind: 'fact', body: "You're already signed in, so there's nothing to verify." };
  const thanks = `Thank you${d.firstName ? `, ${d.firstName}` : ''}: you're verified.`;
  // A basket filled before verifying joins the account's only if the shopper says so.
  if (d.guestBasket) return { kind: 'ask', body: `${thanks} ${PHRASES.askMergeBasket(d.guestBasket.lines)}` };
  if (canLookUp) return { kind: 'fact', body: `${thanks} How can I help with your orders?`, noFollowUp: true };
  // The chat service serves the rest of a verifying turn as the verified shopper's persona
  // (src/chat/reselect.ts), whose order tools look the order up at once; a persona without them: offer the lookup.
  // …naming what the shopper asked before verifying ("… so we can start the return?").
  const goOn = after && OFFER_AFTER_LOOKUP[after] ? ` ${OFFER_AFTER_LOOKUP[after]}` : '';
  return { kind: 'ask', body: `${thanks} ${n ? `${ASK_MARKERS.lookup} #${n} for you${goOn}?` : 'How can I help with your orders?'}` };
}

export function escalateReply(ex: Exchange, warm: boolean): Reply {
  const d = outputOf(ex, 'escalate_to_human');
  if (!d) return failed;
  const wait = d.expectedWaitMinutes;
  const when = ` A colleague will pick it up in about ${wait} ${wait === 1 ? 'minute' : 'minutes'}.`;
  const first = d.priority === 'high' && warm ? ' As a VIP you are first in the queue.' : '';
  return { kind: 'fact', body: `I've passed our conversation to the support team.${first}${when}`, noFollowUp: true };
}

/** A failed tool call, explained simply with a next step. Tool messages are never echoed. */
function cartFailure(ex: Exchange, field: string | undefined, known: readonly ProductView[]): Reply {
  const p = known.find((k) => k.id === str(ex.args.productId));
  // A cart change names the size it moves to; an add names the size it adds.
  const change = ex.name === 'update_cart';
  const size = str(change ? ex.args.newSize : ex.args.size);
  const unchanged = change ? ' Your cart is unchanged.' : '';
  if (field === 'quantity')
    return {
      kind: 'fact',
      body: `Sorry, I can't ${change ? 'make that' : 'add'} ${num(ex.args.quantity) ?? 'that many'} of ${p?.name ?? 'that item'}${size ? ` in ${size}` : ''}: there isn't enough in stock for that quantity.${unchanged}`,
    };
  if (!p)
    return {
      kind: 'ask',
      body: `Sorry, I couldn't ${change ? 'change that' : 'add that'}${size ? ` to size ${size}` : ''}.${unchanged} ${ASK_MARKERS.product}? Tell me the item and your size again.`,
    };
  const sizes = inStockSizes(p);
  const has = p.stock.some((s) => s.size.toUpperCase() === size?.toUpperCase());
  const why = has ? `${p.name} is sold out in ${size}.` : `${p.name} doesn't come in ${size}.`;
  return sizes.length
    ? { kind: 'ask', body: `Sorry, ${why}${unchanged} It's in stock ${inSizes(sizes)}. ${ASK_MARKERS.size}?` }
    : { kind: 'fact', body: `Sorry, ${why}${unchanged} It's sold out in every size right now.` };
}

export function failureReply(ex: Exchange, f: Frame, tools: ReadonlySet<string>, known: readonly ProductView[] = []): Reply {
  const err = ex.result!.error ?? { code: 'failed', message: '' };
  const offer = tools.has('escalate_to_human') ? ` ${PHRASES.humanOffer}` : '';
  const n = str(ex.args.orderNumber);
  switch (err.code) {
    case 'must_verify':
      if (n && err.field === 'orderNumber' && ex.name !== 'verify_customer') return { kind: 'ask', body: PHRASES.orderNotVerified(n) };
      return tools.has('verify_customer')
        ? { kind: 'ask', body: PHRASES.askVerify }
        : { kind: 'fact', body: 'Please sign in to your account so I can look at your orders.' };
    case 'not_found':
      if (ex.name === 'verify_customer') return { kind: 'ask', body: `${PHRASES.verifyFailed}` };
      if (n)
        return {
          kind: 'ask',
          body: `I couldn't find order #${n} on your account. Could you check the number? You can also ask me to list your recent orders.`,
        };
      return { kind: 'fact', body: "I couldn't find that item any more. Tell me what you're looking for and I'll search again." };
    case 'locked':
      return { kind: 'fact', body: `${PHRASES.verifyLocked}${offer}` };
    case 'refused':
    case 'unavailable':
      if (ex.name === 'add_to_cart' || ex.name === 'update_cart') return cartFailure(ex, err.field, known);
      return { kind: 'fact', body: `${refusal(ex, err.message)}${offer && ex.name === 'create_return_label' ? offer : ''}` };
    case 'invalid_arguments':
      if (ex.name === 'verify_customer') return { kind: 'ask', body: PHRASES.verifyFailed };
      if (ex.name === 'add_to_cart' || (ex.name === 'update_cart' && (err.field === 'newSize' || err.field === 'quantity')))
        return cartFailure(ex, err.field, known);
      return { kind: 'fact', body: `${PHRASES.toolFailed}${offer}` };
    case 'not_allowed':
      if (err.field === 'account') return { kind: 'fact', body: PHRASES.accountOnly };
      return { kind: 'fact', body: `${PHRASES.notAllowed}${offer}` };
    default:
      return { kind: 'fact', body: `${PHRASES.toolFailed}${offer}` };
  }
}

/** The tools' refusal reasons are written for shoppers ("the 30-day return window ended on …"); only the reason clause is kept. */
function refusal(ex: Exchange, message: string): string {
  const first = message.split(/(?<=\.)\s/)[0] ?? '';
  const reason = /(?:because|:)\s*([^.]{3,160})/.exec(first)?.[1]?.trim();
  if (ex.name === 'create_return_label')
    return `I can't create a return label for order #${str(ex.args.orderNumber) ?? ''}${reason ? `: ${reason}` : ''}.`;
  return `Sorry, that didn't work${reason ? `: ${reason}` : ''}.`;
}
