// Plans for the intents the learned classifier added: how ordering works, delivery times, a
// refund's status, cancelling, changing an address, exchanging, reporting a problem, complaints,
// discount codes, small talk, "what can you do?", and the clarifying question when no intent is
// clear. Where a tool can act, it is called (behind verification and the approval rule); where
// none can, the answer says plainly what can and cannot be done here and offers a person.
import type { Frame } from './frame.js';
import type { Memory } from './memory.js';
import type { Intent } from './classify.js';
import { call, reply, type Step } from './steps.js';
import { PHRASES } from './phrases.js';
import { CATEGORY_WORDS, COLOUR_WORDS } from './lexicon.js';
import { normalize } from './normalize.js';
import { correctionEnd } from './entities.js';
import { addressAbroad } from './frame-cues.js';
import { namesPiece } from './results.js';
import { cancelsSome, mayCancelSome, someCancelledStep } from './plan-cancel.js';

interface ServiceInput {
  frame: Frame;
  memory: Memory;
  tools: ReadonlySet<string>;
  /** Verification first when the persona offers it; else an honest answer (plan.ts's needAccount). */
  needAccount: (fallback: string) => Step;
}

/** What each intent sounds like in a clarifying question ("Do you mean … or …?"). */
const ASKED_AS: Partial<Record<Intent, string>> = {
  search: 'finding a product',
  stock: 'a question about a product',
  recommend: 'some suggestions',
  add_to_cart: 'adding something to your basket',
  view_cart: 'your basket',
  checkout: 'checking out',
  how_to_order: 'how ordering works',
  order_status: 'where an order is',
  delivery_time: 'how long delivery takes',
  policy_shipping: 'delivery options and costs',
  return: 'returning something',
  refund_status: 'a refund you are waiting for',
  policy_returns: 'our returns policy',
  exchange: 'swapping for another size',
  cancel_order: 'cancelling an order',
  change_address: 'changing a delivery address',
  change_delivery: 'changing how an order is sent',
  pickup: 'collecting an order in person',
  report_problem: 'a problem with an item you received',
  complaint: 'making a complaint',
  loyalty: 'your points',
  discount: 'discount codes',
  policy_sizing: 'sizing',
  policy_payment: 'payment',
  policy_general: 'store information',
  policy_ai: 'how this assistant works',
  capabilities: 'what I can help with',
  human: 'talking to a person',
  reorder: 'ordering something again',
  update_cart: 'changing your basket',
};

/** One clarifying question naming the two or three likely intents. */
export function clarify(unsure: readonly Intent[]): Step | null {
  const options = [...new Set(unsure.map((i) => ASKED_AS[i]).filter((o): o is string => !!o))].slice(0, 3);
  if (options.length < 2) return null;
  const list = options.length === 2 ? `${options[0]} or ${options[1]}` : `${options[0]}, ${options[1]} or ${options[2]}`;
  return reply({ kind: 'ask', body: `I want to get this right: is it about ${list}?` });
}

/** An order action a tool may do (cancel, new address, exchange, report): behind verification, for a named order. */
function orderAction(tool: string, f: Frame, input: ServiceInput, args: Record<string, unknown>, fallback: string): Step {
  const { tools, memory } = input;
  // A shopper not yet known is asked to verify first: once verified, their own persona's order tools serve them.
  if (!memory.verified && tools.has('verify_customer') && !tools.has('lookup_order')) return input.needAccount(fallback);
  if (!tools.has(tool))
    return reply({ kind: 'ask', body: `${fallback} ${tools.has('escalate_to_human') ? PHRASES.humanOffer : ''}`.trim() });
  const orderNumber = f.orderNumber ?? f.e.orderNumbers[0] ?? null;
  if (!orderNumber) return tools.has('lookup_order') ? call('lookup_order', {}) : reply({ kind: 'ask', body: PHRASES.whichOrderNumber });
  return call(tool, { orderNumber, ...args, confirm: false });
}

const MISSING =
  /\b(missing|(?:was|were|is|are)(?:n'?t| not) (?:in|there|inside)|not in the (?:box|parcel|package)|only (?:got|received)|never got the|left out|(?:came|arrived|turned up|delivered) without|only the \w+ (?:came|arrived|was in|were in|turned up)|just the \w+ (?:inside|in the (?:box|parcel)))\b/i;

/**
 * A complaint heard: an apology, and a person offered (and a return, for a problem told with nothing asked). A piece
 * missing from the box has nothing to send back: the person, who has it traced.
 */
function complaintStep(f: Frame, tools: ReadonlySet<string>): Step {
  if (problemKind(f.text) === 'missing')
    return tools.has('escalate_to_human')
      ? reply({ kind: 'ask', body: `${PHRASES.complaint} ${PHRASES.missingPiece} ${PHRASES.humanOffer}` })
      : reply({ kind: 'fact', body: `${PHRASES.complaint} ${PHRASES.missingPiece}` });
  if (f.returnOffered && tools.has('create_return_label') && tools.has('escalate_to_human')) {
    const choices = f.e.categoryWord ? PHRASES.returnOrPersonPiece : PHRASES.returnOrPerson;
    return reply({ kind: 'ask', body: `${PHRASES.complaint} ${choices}` });
  }
  return tools.has('escalate_to_human')
    ? reply({ kind: 'ask', body: `${PHRASES.complaint} ${PHRASES.humanOffer}` })
    : reply({ kind: 'fact', body: PHRASES.complaint });
}

/** Where a refund is: the refund tool, else the order (which shows its refunds), else the policy's timings. */
function refundStatusStep(input: ServiceInput, policy: (topic: string) => Step | null): Step {
  const { frame: f, tools } = input;
  const orderNumber = f.orderNumber ?? f.e.orderNumbers[0];
  const on = orderNumber ? { orderNumber } : {};
  if (tools.has('refund_status')) {
    if (!input.memory.verified && tools.has('verify_customer') && !tools.has('lookup_order'))
      return input.needAccount(PHRASES.noRefundStatus);
    return call('refund_status', on);
  }
  // lookup_order shows an order's refunds: the shopper's own refund, not the policy's timings.
  if (tools.has('lookup_order')) return call('lookup_order', on);
  // Not known yet: the refund timings from the policy.
  return policy('returns') ?? input.needAccount(PHRASES.noRefundStatus);
}

/**
 * What no tool here does ("send it with DHL instead", "upgrade my order to express": how a placed
 * order travels), said plainly, with a person offered where one can be.
 */
const cannot = (body: string, tools: ReadonlySet<string>): Step =>
  tools.has('escalate_to_human') ? reply({ kind: 'ask', body: `${body} ${PHRASES.humanOffer}` }) : reply({ kind: 'fact', body });

export function serviceStep(input: ServiceInput): Step | null {
  const { frame: f, tools } = input;
  const policy = (topic: string) => (tools.has('store_policy') ? call('store_policy', { topic }) : null);
  switch (f.intent) {
    case 'smalltalk':
      return reply({ kind: 'ask', body: PHRASES.smalltalk });
    case 'capabilities':
      return reply({ kind: 'ask', body: capabilities(tools) });
    case 'how_to_order':
      // "How do I check out?" with a basket: the basket and where to pay, like "checkout".
      if (input.memory.cart?.length && tools.has('view_cart')) return call('view_cart', {});
      return policy('payment');
    case 'delivery_time':
      return policy('shipping');
    case 'discount':
      return reply({ kind: 'ask', body: `${PHRASES.noDiscounts} ${tools.has('escalate_to_human') ? PHRASES.humanOffer : ''}`.trim() });
    case 'complaint':
      return complaintStep(f, tools);
    case 'refund_status':
      return refundStatusStep(input, policy);
    case 'cancel_order':
      return someCancelled(input) ?? orderAction('cancel_order', f, input, reasonArg(f), PHRASES.noCancel);
    case 'change_delivery':
      return cannot(PHRASES.noCarrierChange, tools);
    // "can I click and collect?": what the shipping policy says about collecting in person, and how orders travel.
    case 'pickup':
      return policy('shipping') ?? cannot(PHRASES.noToolForThat, tools);
    case 'change_address': {
      const address = f.e.address;
      // An address abroad: the shipping policy says where the shop delivers (never a made-up answer).
      if (!address && addressAbroad(f.text) && tools.has('store_policy')) return call('store_policy', { topic: 'shipping' });
      return orderAction('change_shipping_address', f, input, address ? { address } : {}, PHRASES.noAddressChange);
    }
    case 'exchange': {
      if (!tools.has('exchange_items')) return null;
      const swap = exchangeLine(f, input.memory);
      // "change it for a bigger size" before the order was seen: the size (or colour) bought is read from the order first.
      if (stepAwaitsOrder(f, input.memory) && tools.has('lookup_order'))
        return call('lookup_order', (f.orderNumber ?? f.e.orderNumbers[0]) ? { orderNumber: f.orderNumber ?? f.e.orderNumbers[0] } : {});
      if (!swap) return reply({ kind: 'ask', body: PHRASES.askExchange });
      return orderAction('exchange_items', f, input, { items: [swap] }, PHRASES.noExchange);
    }
    case 'report_problem':
      if (!tools.has('report_problem')) return null;
      return orderAction(
        'report_problem',
        f,
        input,
        { problem: problemKind(f.text), ...(f.e.categoryWord ? { items: namedPieces(f) } : {}), note: f.text.slice(0, 500) },
        PHRASES.noClaims,
      );
    default:
      return null;
  }
}

/**
 * Some pieces of an order cancelled, not all (plan-cancel.ts): what can be done instead, said plainly; an order named
 * by its number but not yet seen is looked up first, so its pieces are known before anything is proposed.
 */
function someCancelled({ frame: f, memory, tools }: ServiceInput): Step | null {
  const orderNumber = f.orderNumber ?? f.e.orderNumbers[0];
  if (!orderNumber || !tools.has('cancel_order') || (!memory.verified && !tools.has('lookup_order'))) return null;
  const order = memory.orders.find((o) => o.orderNumber === orderNumber);
  if (order) return cancelsSome(order, f) ? someCancelledStep(order, tools) : null;
  return mayCancelSome(f) && tools.has('lookup_order') ? call('lookup_order', { orderNumber }) : null;
}

function reasonArg(f: Frame): Record<string, unknown> {
  const text = f.text.replace(/\s+/g, ' ').trim();
  return { reason: text.length > 200 ? `${text.slice(0, 199)}…` : text };
}

/** "What can you do?": what this persona's tools can actually do, nothing more. */
function capabilities(tools: ReadonlySet<string>): string {
  const can: string[] = [];
  if (tools.has('search_products')) can.push('find pieces by kind, colour, size and budget');
  if (tools.has('get_product')) can.push('tell you about a product (sizes, stock, materials)');
  if (tools.has('add_to_cart')) can.push('fill and change your basket');
  if (tools.has('lookup_order') || tools.has('verify_customer')) can.push('check your orders and deliveries');
  if (tools.has('create_return_label')) can.push('start a return with a free label');
  if (tools.has('cancel_order')) can.push('cancel an order that has not shipped');
  if (tools.has('loyalty_status')) can.push('look up your points');
  if (tools.has('store_policy')) can.push('answer questions on delivery, returns, sizing and payment');
  if (tools.has('escalate_to_human')) can.push('connect you with a colleague');
  const list = can.length > 1 ? `${can.slice(0, -1).join(', ')} and ${can.at(-1)}` : (can[0] ?? 'answer questions about the shop');
  return `I can ${list}. What would you like to do?`;
}

const LETTERS = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const BIGGER = /\b(bigger|larger|size up|up (a|one) size)\b/i;
const SMALLER = /\b(smaller|size down|down (a|one) size)\b/i;

/**
 * A swap one size up or down ("could I change it for a bigger size?") of an order whose pieces are not in view yet:
 * the size it was bought in is unknown until the order is looked up, so the swap waits for that (plan.ts orderToSwap).
 */
export function stepAwaitsOrder(f: Frame, memory: Memory): boolean {
  // So does a colour named with no size, not as the one wanted ("my navy jumper for a softer colour, maybe the green"): which is the one bought?
  const colourOnly = f.e.colour !== null && f.e.size === null && !wantedColour(f.text) && !wantedSize(f.text, null);
  if (!BIGGER.test(f.text) && !SMALLER.test(f.text) && !colourOnly) return false;
  const n = f.orderNumber ?? f.e.orderNumbers[0] ?? null;
  return !memory.orders.some((o) => o.orderNumber === n);
}

/** The swap asked for: the piece named (or the only one), in the size or colour named, or one size up or down from what was bought. */
export function exchangeLine(f: Frame, memory: Memory): Record<string, string> | null {
  const item = swapWaiting(f, memory) ?? firstOfKind(f) ?? swappedBefore(f, memory);
  const bought =
    (item ? null : returnWaiting(f, memory)) ??
    memory.orders.find((o) => o.orderNumber === f.orderNumber)?.items.find((i) => !item || namesPiece(i, item)) ??
    null;
  let size = wantedSize(f.text, /\(([A-Z]{1,3}|\d{2})\)/.exec(bought ?? '')?.[1] ?? null) ?? f.e.size;
  if (!size && bought && (BIGGER.test(f.text) || SMALLER.test(f.text))) {
    const had = /\(([A-Z]{1,3}|\d{2})\)/.exec(bought)?.[1];
    const at = had ? LETTERS.indexOf(had) : -1;
    if (at >= 0) size = LETTERS[Math.min(LETTERS.length - 1, Math.max(0, at + (BIGGER.test(f.text) ? 1 : -1)))] ?? null;
    else if (had && /^\d{2}$/.test(had)) size = String(Number(had) + (BIGGER.test(f.text) ? 1 : -1));
  }
  const colour = wantedColour(f.text) ?? otherColour(f.text, bought) ?? f.e.colour;
  if (!size && !colour) return null;
  // The word said, or the piece bought by its own name when the word is another for it ("the sweater": the jumper).
  const boughtName = bought ? bought.replace(/\s*\(.*$/, '') : null;
  const name = item && (!boughtName || boughtName.toLowerCase().includes(item)) ? item : (boughtName ?? item);
  if (!name) return null;
  return { item: name, ...(size ? { size } : {}), ...(colour ? { colour } : {}) };
}

/** "the chino pant": of two words for the same kind of piece, the first, which names it more closely (the second may be no word its name uses). */
function firstOfKind(f: Frame): string | null {
  const word = f.e.categoryWord;
  if (!word) return null;
  const tokens = normalize(f.text).tokens;
  // A piece the words never said (the swap waiting's, frame-detail.ts): that one, not another of its kind in the story.
  if (!tokens.includes(word)) return word;
  return tokens.find((w) => CATEGORY_WORDS[w] && CATEGORY_WORDS[w] === CATEGORY_WORDS[word]) ?? word;
}

const SIZE_SAID: Record<string, string> = {
  xxs: 'XS',
  xs: 'XS',
  s: 'S',
  small: 'S',
  m: 'M',
  med: 'M',
  medium: 'M',
  l: 'L',
  large: 'L',
  xl: 'XL',
  xxl: 'XXL',
};
const SIZE_TOKEN = String.raw`(xxs|xs|s|m|l|xl|xxl|small|med|medium|large|3[5-9]|4[0-7])`;
/** A size after a word that wants it ("change to L", "need it in M", "for a medium"), or an arrow ("L -> M"). */
const SIZE_WANTED = new RegExp(
  String.raw`(?:\b(?:to|for|into|in|need|want|get)\s+|(?:-+>|→|⇒|=>)\s*)(?:(?:a|an|the|size|it|them|one|same|in)\s+){0,3}${SIZE_TOKEN}\b`,
  'g',
);
/** A size standing as a clause of its own ("…; L, please"). */
const SIZE_ALONE = new RegExp(String.raw`(?:^|[,.;:!?—–])\s*(?:size\s+)?${SIZE_TOKEN}\s*(?:please|pls|instead|then)?\s*(?=[,.;!?]|$)`, 'g');

/**
 * "M is small for me, please change to L", "L is swimming on me. need it in M": in a swap the size wanted is the one
 * asked for (after "to", "in", "for", or standing alone), the last so said, never the size the piece was bought in.
 */
function wantedSize(text: string, had: string | null): string | null {
  const lower = text.toLowerCase().replace(/[’']/g, "'");
  for (const pattern of [SIZE_WANTED, SIZE_ALONE]) {
    const said = [...lower.matchAll(pattern)].map((m) => SIZE_SAID[m[1]!] ?? m[1]!).filter((z) => z !== had);
    if (said.length) return said.at(-1)!;
  }
  return null;
}

/**
 * The one piece of the return waiting on this order: "scratch that, swap them for an L" while the chinos' return
 * waits turns that return into a swap of the chinos, not of the order's first piece.
 */
/**
 * A detail said to the swap waiting ("yes, L, please do", a yes with a word consent cannot read): that swap's piece
 * as it was proposed, unless this message names a piece of its own (one carried from an earlier message may be worded otherwise).
 */
function swapWaiting(f: Frame, memory: Memory): string | null {
  const a = memory.pendingAction;
  const items = a?.name === 'exchange_items' && a.args.orderNumber === f.orderNumber ? a.args.items : null;
  if (!Array.isArray(items) || items.length !== 1 || normalize(f.text).tokens.some((w) => CATEGORY_WORDS[w])) return null;
  const item = (items[0] as Record<string, unknown>).item;
  return typeof item === 'string' ? item : null;
}

/**
 * "scratch that, swap them for the olive ones in M" after a swap proposed (and declined) on this order: "them" is
 * that swap's piece, not the order's first piece.
 */
function swappedBefore(f: Frame, memory: Memory): string | null {
  if (!f.e.pronoun) return null;
  const last = memory.proposals.filter((p) => p.name === 'exchange_items' && p.args.orderNumber === f.orderNumber).at(-1);
  const items = last?.args.items;
  const item = Array.isArray(items) && items.length === 1 ? (items[0] as Record<string, unknown>).item : null;
  return typeof item === 'string' ? item : null;
}

function returnWaiting(f: Frame, memory: Memory): string | null {
  const p = memory.pendingReturn;
  const ids = Array.isArray(p?.items) ? p.items : [];
  if (!p || p.orderNumber !== f.orderNumber || ids.length !== 1) return null;
  const order = memory.orders.find((o) => o.orderNumber === f.orderNumber);
  const at = order ? order.itemIds.indexOf(String(ids[0])) : -1;
  return at >= 0 ? order!.items[at]! : null;
}

/** "the navy jumper for the grey one", "swap it to green": the colour after for/to/into/in is the one wanted, not the one bought. */
function wantedColour(text: string): string | null {
  const said = [
    ...normalize(text)
      .tokens.join(' ')
      .matchAll(/\b(?:for|to|into|in)\s+(?:(?:a|an|the|one|it|them|that|same|one)\s+){0,2}([a-z]+)\b/g),
  ];
  const colours = said.map((m) => COLOUR_WORDS[m[1]!]).filter((c): c is string => !!c);
  return colours.at(-1) ?? null;
}

/**
 * "swap my stone chinos for a different colour. Maybe the olive?": with no colour after "for"/"to", the colour named
 * that the piece bought is not in (the last so named), never the colour it was bought in.
 */
function otherColour(text: string, bought: string | null): string | null {
  if (!bought) return null;
  const had = normalize(bought)
    .tokens.map((w) => COLOUR_WORDS[w])
    .filter((c): c is string => !!c);
  // A colour taken back ("the green jumper, no wait, mine's navy") is no colour wanted: only what follows the correction.
  const tokens = normalize(text).tokens;
  const named = tokens
    .slice(Math.max(0, correctionEnd(tokens)))
    .map((w) => COLOUR_WORDS[w])
    .filter((c): c is string => !!c && !had.includes(c));
  return named.at(-1) ?? null;
}

/** Every piece a problem names ("the boots are scuffed and the cardigan is torn"), not only the first. */
function namedPieces(f: Frame): string[] {
  const words = normalize(f.text).tokens.filter(
    (w, i, all) => CATEGORY_WORDS[w] && !(w === 'bag' && ['my', 'your'].includes(all[i - 1] ?? '')),
  );
  return [...new Set([f.e.categoryWord!, ...words])];
}

/**
 * What kind of problem a message reports, as report_problem takes it. Missing: a piece said to be absent from the box
 * ("missing", "wasn't in the parcel", "left out") or the order said to have come without it ("arrived without the
 * chinos"), or only some of it said to have come ("only the jumper came", "just the jumper inside").
 */
export function problemKind(text: string): 'damaged' | 'missing' | 'wrong_item' {
  if (MISSING.test(text)) return 'missing';
  if (/\b(wrong|not what i ordered|different (item|one|colou?r|size))\b/i.test(text)) return 'wrong_item';
  return 'damaged';
}
