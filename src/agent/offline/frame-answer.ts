// Replies to what the assistant asked (frame.ts): the answer to its question or to a proposal
// waiting ("order 28473, the chinos", "XL please"), and a bare slot with nothing asked. Also the
// reading and draft the frame's steps share.
import { classify, type Intent } from './classify.js';
import type { Entities } from './entities.js';
import type { Memory } from './memory.js';
import { namesPiece, type ProductView } from './results.js';
import { pickOrder, pickProduct, pieceNotInWaiting, pointable, refersToSomething } from './frame-pick.js';
import { POINTER } from './frame-search.js';
import { QUESTIONISH } from './frame-cues.js';
import { resizesSwap } from './frame-detail.js';
import { isClearNo, isClearYes } from '../../core/index.js';

export function merge(prev: Entities, cur: Entities): Entities {
  const out = { ...prev };
  for (const [k, v] of Object.entries(cur) as Array<[keyof Entities, unknown]>) {
    const empty = v === null || v === false || (Array.isArray(v) && v.length === 0);
    if (!empty) (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** What the turn reads from: the message, the conversation, and what the words alone said. */
export interface Reading {
  text: string;
  mem: Memory;
  u: ReturnType<typeof classify>;
  injection: boolean;
  /** The words settled nothing (off-topic, unsure, or only slots): the conversation decides. */
  vague: boolean;
  /** What the previous message named, read once if at all. */
  prevEntities: (prevUser: string) => Entities;
}

/** The frame as the steps build it. */
export interface Draft {
  intent: Intent;
  e: Entities;
  offset: number;
  /** The dialogue state, not the words, decided the intent (even when it is the words' guess). */
  settledByState: boolean;
  product: ProductView | null;
  /** The request a verification serves (see Frame.after). */
  after: Intent | null;
  /** A policy topic answered beside the request (see Frame.alsoPolicy). */
  alsoPolicy?: string | null;
  /** The policy topic that answers the request instead (see Frame.ruleOf). */
  ruleOf?: string | null;
  /** Asks how to buy a piece it names (see Frame.buying). */
  buying?: boolean;
  /** A question about the exchange waiting (see Frame.aboutExchange). */
  aboutExchange?: boolean;
  /** Asks the next step of the return or swap waiting (see Frame.nextStep). */
  nextStep?: boolean;
}

/**
 * The order a description picked, unless it names the piece in a size or colour that order's piece is not in: "do you
 * have white sneakers in 42?" with sneakers in 43 ordered asks the catalogue, it does not pick that order.
 */
function ofAnOrder(mem: Memory, e: Entities, picked: string | null): boolean {
  const order = picked ? mem.orders.find((o) => o.orderNumber === picked) : undefined;
  if (!order || !e.categoryWord) return picked !== null;
  const pieces = order.items.filter((i) => namesPiece(i, e.categoryWord!));
  const inSize = (i: string) => !e.size || i.includes(`(${e.size})`);
  const inColour = (i: string) => !e.colour || i.toLowerCase().includes(e.colour.toLowerCase());
  return !pieces.length || pieces.some((i) => inSize(i) && inColour(i));
}

/** A message answering the question the previous reply asked: that request, with this answer's slots. */
export function answerQuestion(r: Reading, d: Draft): void {
  const { text, mem } = r;
  const e = d.e;
  const prev = classify(mem.prevUser!, { shownProducts: mem.products.length, shownOrders: mem.orders.length });
  const answers =
    (mem.asked === 'size' && e.size !== null) ||
    // "the red one" answers "which one?"; "do you have a matching bag" after shoes is a new request.
    (mem.asked === 'product' && refersToSomething(e) && pickProduct(mem.products, e, text) !== null) ||
    // A description only answers "which order?" when it picks one of the orders shown;
    // "do you have red dresses?" after that question is a new request.
    (mem.asked === 'order' &&
      (e.orderNumbers.length > 0 ||
        (refersToSomething(e) && ofAnOrder(mem, e, pickOrder(mem.orders, e, text, prev.intent, mem.orderList))))) ||
    (mem.asked === 'verify' && (e.email !== null || e.orderNumbers.length > 0)) ||
    // An order number said to "what is the new address?": the order to move (asked again for that order), no new request.
    (mem.asked === 'address' && e.orderNumbers.length > 0 && !e.address);
  const proposal = proposalIntent(mem);
  // "order 28473, the chinos" or "XL please" while "Shall I go ahead?" waits: the detail the
  // proposal left open, so the same request again with it (a yes or a no stays one, and a
  // question — "do you have the jumper in XL?" — is a side question the proposal outlives).
  // A no with another size for the swap waiting ("belay that: L, not XL") is that swap, changed.
  const completes =
    proposal !== null &&
    // (a question changing the swap waiting, "could it be green instead of navy?", is that change: resizesSwap).
    (!QUESTIONISH.test(text) || resizesSwap(r, d)) &&
    (e.orderNumbers.length > 0 || e.size !== null || e.categoryWord !== null || resizesSwap(r, d)) &&
    // "before that, show me some dresses under 100" while the return of a jumper waits: a search, the return asked again
    // (but "make it an S, it goes under my coat" resizes the swap waiting: the coat is only the shopper's story).
    (resizesSwap(r, d) || (!pieceNotInWaiting(mem, e) && d.intent !== 'deny')) &&
    !isClearYes(text) &&
    !isClearNo(text);
  if (!answers && !completes) return;
  // "it" or "the second" in the answer replaces whatever the question pointed with ("my last order").
  const pointsItself = e.pronoun || e.ordinal !== null;
  // The request behind a proposal: the shopper's own words before it when they asked for an action, else the proposal's.
  const prevActs = ORDER_ACTIONS.has(prev.intent);
  const base = completes && !answers && !prevActs ? e : prev.entities;
  // "make it an S, it goes under my coat" resizing the swap: "it" is the piece swapped, the coat only the shopper's story.
  const said = resizesSwap(r, d) && e.pronoun ? { ...e, category: null, categoryWord: null, descriptors: [] } : e;
  d.e = merge(pointsItself ? { ...base, pronoun: false, ordinal: null } : base, said);
  d.intent = mem.asked === 'verify' ? 'verify' : completes && !answers && !prevActs ? proposal! : prev.intent;
  if (mem.asked === 'verify') d.after = classify(mem.verifyFor ?? mem.prevUser!).intent;
  d.settledByState = true;
}

/**
 * A verification retried after one that failed ("couldn't match", then the right email): it serves
 * the request made before the attempts, like one answering the question that asked for it.
 */
export function retryServes(r: Reading, d: Draft): void {
  const { mem } = r;
  if (!(d.intent === 'verify' && !d.after && mem.verifyFailed && mem.verifyFor)) return;
  const before = classify(mem.verifyFor).intent;
  if (before !== 'verify') d.after = before;
}

/** Requests about an order that end in a proposal awaiting a yes. */
const ORDER_ACTIONS: ReadonlySet<Intent> = new Set(['return', 'exchange', 'report_problem', 'cancel_order', 'change_address']);

/** The request a proposal awaiting a yes in the previous reply stands for, if one waits. */
function proposalIntent(mem: Memory): Intent | null {
  if (mem.asked !== 'confirm' && mem.asked !== 'confirmShort') return null;
  if (mem.pendingAction) return mem.pendingAction.action as Intent;
  return mem.pendingReturn ? 'return' : null;
}

/** A bare order number, email, size or pointer with no question pending. */
export function bareSlot(r: Reading, d: Draft): void {
  const { text, mem } = r;
  const e = d.e;
  if (e.email) d.intent = 'verify';
  else if (e.orderNumbers.length) d.intent = 'order_status';
  // Only a bare size ("M please"): "I'm between S and M usually" says more than which size to add.
  else if (e.size && mem.products.length && e.descriptors.length === 0) d.intent = 'add_to_cart';
  // "the black one" after a list: that product.
  else if ((e.ordinal !== null || POINTER.test(text)) && pickProduct(pointable(mem, e), e, text)) d.intent = 'stock';
}
