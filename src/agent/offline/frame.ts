// The frame of a turn: the shopper's intent with its arguments, after resolving references to
// what the previous turn showed ("the blue one", "that order") and filling in slots the
// previous reply asked for ("M" after "Which size would you like?").
import type { Intent } from './classify.js';
import type { Entities } from './entities.js';
import type { Memory } from './memory.js';
import { str, type ProductView } from './results.js';
import { asksAnotherColour, pageQuestionMeant, pickProduct, pointable, refersToSomething, refersToSomethingElse } from './frame-pick.js';
import {
  ADD_MORE,
  CART_QUANTITY,
  HOW_ASKED,
  isForeign,
  tellsPastPurchase,
  OTHER_COLOURS,
  QUESTIONISH,
  SHOW_WORDS,
  sizeStep,
  WHICH_COLOURS,
  tellsDone,
} from './frame-cues.js';
import { choosesOneShown, narrowSearch, POINTER, refinesSearch, wantsMore } from './frame-search.js';
import { answerQuestion, bareSlot, retryServes, type Draft, type Reading } from './frame-answer.js';
import { intentFromState } from './frame-state.js';
import {
  followUpOnOrder,
  givesAddress,
  goOnAfterVerifying,
  goOnWithPieceShown,
  goOnWithReturn,
  pickedFromList,
  resolveOrder,
} from './frame-order.js';
import { followUpOnSubject } from './frame-follow.js';
import { afterHandOver } from './frame-handover.js';
import { classifyFollow } from './nlu/index.js';
import { NUMBER_WORDS } from './lexicon.js';
import { saysNotArrived } from './plan-reading.js';
import { sizeInAnotherSystem } from './frame-size-system.js';
import { MAX_SHOWN } from './replies-shop.js';
import { asksAboutPage } from './product-facts.js';
import { PICK_OFFER } from './phrases.js';
import { answerToProposal, answerToWaiting, feltDetail, orderOfWaiting, readsAsAnswer, sameSizeAsBefore } from './frame-detail.js';
import { readTurn } from './frame-read.js';
import { courtesyTurn } from './frame-courtesy.js';
import { feltUnsure, unsureOf } from './frame-unsure.js';
import { retriedSwap } from './frame-retry.js';
import { hedgeWhileWaiting, replyToWaiting } from './frame-reply.js';
import { goOnWithFault } from './frame-fault.js';
import { narrowsWholeOrderOnly } from './frame-some-cancelled.js';
import { swapDetailForReturn } from './frame-swap-detail.js';

export { garmentNotIn, pickOrder, pickProduct } from './frame-pick.js';
export { sizeStep } from './frame-cues.js';
export { CHEAPER } from './frame-search.js';
export { triesOverride } from './frame-read.js';

export interface Frame {
  intent: Intent;
  e: Entities;
  text: string;
  /** A product the message refers to, resolved against the products shown before. */
  product: ProductView | null;
  /** An order number given or referred to. */
  orderNumber: string | null;
  /** The message tries to override the assistant's rules ("ignore your instructions", "admin mode"). */
  injection: boolean;
  /** Search results to skip: those already shown, when the shopper asks for more. */
  offset: number;
  /** Asks what a product's page says (material, care, pockets…) rather than what is in stock. */
  aboutProductPage: boolean;
  /** The words of that question: this message, or the one "which one?" was asked about ("how warm is it?" → "the first one"). */
  pageQuestion: string;
  /** Asks which colours a product comes in ("what colours does it come in?"). */
  aboutColours: boolean;
  /** Written in another language (German, French, Spanish, Italian), which this model does not read. */
  foreign: boolean;
  /** Today's date as the persona prompt states it ("Today is 2026-12-03"), if it does. */
  today?: string | null;
  /** The product page the shopper is on (the slug ending the address the prompt gives), if any. */
  pageProduct?: string | null;
  /** A verification turn: the request the shopper made before it, which the reply offers to go on with. */
  after?: Intent | null;
  /** No intent was clear and the conversation does not settle it: the likely ones, best first. */
  unsure?: Intent[] | null;
  /** A policy topic whose rule is answered beside the request ("will it go back to my card?" about a refund shown: the refund, and the rule for refunds). */
  alsoPolicy?: string | null;
  /** Asks only what the policy says under this topic ("if I cancel before it ships, do I get it all back?": the orders policy), nothing proposed. */
  ruleOf?: string | null;
  /** Asks how to buy a piece it names ("how do I buy the grey hoodie?"): the piece is found (and added when its size is clear), and how to check out is said. */
  buying?: boolean;
  /** A question about the exchange waiting ("would the swap cost me anything?"): the returns policy answers with its rule for exchanges. */
  aboutExchange?: boolean;
  /** Asks the next step of the return or swap waiting ("where do I take the box?"): the returns policy says how it goes on. */
  nextStep?: boolean;
  /** Asks whether a piece bought can still go back ("is it too late to send the sneakers back?"): the order holding it is looked up, until when it can go back is said and the return offered, nothing proposed (plan.ts aboutOneOrder). */
  stillReturnable?: boolean;
  /** The shopper says the order has not reached them (this message, or the request a verification serves). */
  notArrived?: boolean;
  /** A problem told with nothing asked, heard as a complaint: a return is offered beside the person (plan.ts asReturn). */
  returnOffered?: boolean;
  /** The policy topics the previous reply answered and the message it answered: a follow-up on one of them is answered with only the part it asks (replies-policy-parts.ts). */
  policyBefore?: { topics: string[]; asked: string } | null;
}

/** Asks for the chart or fit advice, which the sizing guide answers even about one piece. */
const SIZE_CHART =
  /\b(chart|guide|measure|measurements?|between sizes|size (should|do|would) i|which size (should|do|would|for)|what size (should|do|would|for|am))\b/i;

/** The slots the conversation fills: a narrowed search, its next page, an answer, a bare slot. */
function slotsFromConversation(r: Reading, d: Draft): void {
  const { text, mem, vague } = r;
  const e = d.e;
  const hasSlot = e.size !== null || e.orderNumbers.length > 0 || e.email !== null || e.quantity !== null || refersToSomething(e);
  // "what about in blue?", "anything under $80?", "something in black, size S" right after a
  // search narrow it (before a bare size after a list is read as "add that one").
  if (refinesSearch(d.intent, e, text, mem, vague)) {
    d.e = narrowSearch(mem.lastSearch!, e, text, mem.products);
    d.intent = 'search';
  } else if (wantsMore(d.intent, e, text, mem)) {
    const last = mem.lastSearch!;
    d.e = narrowSearch(last, e, text, mem.products);
    if (OTHER_COLOURS.test(text)) d.e = { ...d.e, colour: null };
    else d.offset = (typeof last.offset === 'number' ? last.offset : 0) + Math.min(MAX_SHOWN, mem.products.length);
  } else if (mem.asked && mem.prevUser !== null && hasSlot && readsAsAnswer(r, d)) {
    answerQuestion(r, d);
    // A bare size answering "which one would you like?": the piece asked for before it, in that size (resolveProduct).
    if (!d.settledByState && mem.asked === 'product' && vague && e.size !== null) bareSlot(r, d);
  } else if (!mem.asked && vague && hasSlot) {
    bareSlot(r, d);
  }
}

/** A yes to a pending return, and the page question a "which one?" answer carries. Returns that question. */
function pendingAnswers(r: Reading, d: Draft): string {
  const { text, mem, u, vague } = r;
  const e = d.e;
  // "ok then return it" / "return them" answering "Shall I go ahead?" about that return: a yes.
  // Naming another item or order, or hedging ("but", "instead"), is a new request.
  if (
    d.intent === 'return' &&
    mem.pendingReturn &&
    mem.pendingAge === 1 &&
    (u.scores.deny ?? 0) <= 1 &&
    !e.categoryWord &&
    !e.orderNumbers.length &&
    !QUESTIONISH.test(text) &&
    // "the money goes back to my card right..." asks about its refund (the follow head), no yes.
    classifyFollow(text).follow !== 'money'
  )
    d.intent = 'confirm';
  // "sick, send it" while a swap waits: a few words leaning to a return, naming nothing, answer the swap (consent
  // decides whether it is a yes; if not, it is asked again), never a return proposed in its place.
  if (
    d.intent === 'return' &&
    mem.pendingAction?.action === 'exchange' &&
    (text.match(/[\p{L}\d]+/gu) ?? []).length <= 5 &&
    !e.categoryWord &&
    !e.orderNumbers.length &&
    !QUESTIONISH.test(text) &&
    !/\b(refund|money|instead|rather|back)\b/i.test(text)
  )
    d.intent = 'confirm';

  // "the first one" answering "which one?" after "how warm is it?": that question, about that one.
  const pageQuestion =
    !asksAboutPage(text) && mem.asked === 'product' && mem.prevUser !== null && asksAboutPage(mem.prevUser) ? mem.prevUser : text;
  if (pageQuestion !== text && vague && mem.products.length) d.intent = 'stock';
  return pageQuestion;
}

/** Basket turns: a swap with no basket is a return, another colour, a size step, a quantity. */
function cartTurn(r: Reading, d: Draft): void {
  const { text, mem, u } = r;
  // "can I swap the jumper for a medium?" with no cart in view is about something bought.
  if (d.intent === 'update_cart' && !mem.cart?.length && (u.scores.return ?? 0) >= 3.5) d.intent = 'return';
  // "right, back to the jackets: the navy one, M, pop it in" with no basket line to change: a piece shown, added.
  const picked = mem.products.length > 0 && (d.e.colour !== null || d.e.ordinal !== null) && !!pickProduct(pointable(mem, d.e), d.e, text);
  if (d.intent === 'update_cart' && !mem.cart?.length && picked && (u.scores.add_to_cart ?? 0) >= 2.5) d.intent = 'add_to_cart';
  // "and one in black, size S" after adding the white one: the same search in black.
  // After a search that showed nothing ("Black will do then, in medium."), that colour is shown first, not added unseen.
  if (d.intent === 'add_to_cart' && d.e.colour && !d.e.category && mem.lastSearch && !pickProduct(pointable(mem, d.e), d.e, text)) {
    d.e = narrowSearch(mem.lastSearch, d.e, text, mem.products);
    if (!mem.products.length) d.intent = 'search';
  }

  // "actually in a bigger size" with a cart shown: that line, one size up (or down).
  if (mem.cart?.length && !mem.pendingReturn && sizeStep(text) && !d.e.orderNumbers.length) d.intent = 'update_cart';
  // "make it 2" with a cart shown sets that line's quantity.
  const setQuantity = mem.cart?.length ? CART_QUANTITY.exec(text) : null;
  if (setQuantity) {
    d.intent = 'update_cart';
    d.e = { ...d.e, quantity: NUMBER_WORDS[setQuantity[2]!.toLowerCase()] ?? Number(setQuantity[2]) };
  }
}

/** The product the message means: the one a size was asked about, the one pointed at, "it", "2 more". */
function resolveProduct(r: Reading, d: Draft): void {
  const { text, mem, prevEntities } = r;
  const e = d.e;
  // After "X is in stock in S and M. Which size would you like?" the answer is about X.
  const askedAbout = mem.asked === 'size' ? (mem.products.find((p) => mem.prevReply.includes(p.name)) ?? null) : null;
  const pool = pointable(mem, e);
  d.product = askedAbout && !refersToSomethingElse(e, askedAbout) ? askedAbout : pool.length ? pickProduct(pool, e, text) : null;
  // "add it" after a list: "it" is what the shopper asked about in the previous message; so is a bare size
  // added after a list ("M then" after the jumpers they asked for came with a tee and a hoodie).
  const bareSize = d.intent === 'add_to_cart' && e.size !== null && !e.colour && !e.category && e.ordinal === null && !e.descriptors.length;
  // "what's the damage on those?" right after a piece was added: "those" is that piece.
  const ofAdded = mem.lastAdded && e.pronoun && !e.colour && !e.category && e.ordinal === null;
  if (!d.product && ofAdded) d.product = mem.products.find((p) => p.id === mem.lastAdded!.productId) ?? null;
  if (!d.product && (e.pronoun || bareSize) && mem.products.length > 1 && mem.prevUser) {
    d.product = pickProduct(mem.products, prevEntities(mem.prevUser), mem.prevUser);
  }
  // "add 2 more", "one more", "another one" right after adding something: more of that, same size.
  const more = mem.lastAdded && !SHOW_WORDS.test(text) ? ADD_MORE.exec(text) : null;
  const added = more ? mem.products.find((p) => p.id === mem.lastAdded!.productId) : undefined;
  if (more && added && !e.category && !e.colour && e.ordinal === null) {
    d.intent = 'add_to_cart';
    d.product = added;
    const n = more[1] ? (NUMBER_WORDS[more[1].toLowerCase()] ?? Number(more[1])) : 1;
    d.e = { ...e, size: e.size ?? mem.lastAdded!.size, quantity: Number.isFinite(n) && n > 0 ? n : 1 };
  }
}

/** A pick from a list offered for the basket, and the size an add takes when none is named. */
function resolvePick(r: Reading, d: Draft): void {
  const { text, mem, prevEntities } = r;
  const product = d.product;
  // "the second one" / "I'll take the red one" answering "Tell me which one you like and I will
  // add it to your cart (in L)": that one (in L). A question about it ("is the second one warm?") is not a pick.
  // A pick that names a size it has in stock ("the canvas ones, 42", "the wool one, in M") is that add.
  const offer = PICK_OFFER.exec(mem.prevReply);
  const sized = d.e.size !== null && !!product?.stock.some((x) => x.size === d.e.size && x.units > 0);
  // "the cheapest one, size M" reads like a search; pointing at one of those shown, it is a pick.
  // So is a choice settled on the colour of one of them ("black it is then", "the camel then").
  const chosen = choosesOneShown(d.e, text, mem);
  const pointsAtShown = (d.e.ordinal !== null || POINTER.test(text) || chosen) && !!product && mem.products.includes(product);
  if (
    (offer || sized || (chosen && pointsAtShown)) &&
    product &&
    (d.e.size === null || sized) &&
    (d.intent === 'stock' || d.intent === 'out_of_scope' || (d.intent === 'search' && pointsAtShown)) &&
    !QUESTIONISH.test(text) &&
    !asksAboutPage(text)
  ) {
    d.intent = 'add_to_cart';
    const size = offer?.[1];
    if (!sized && size && product.stock.some((x) => x.size === size && x.units > 0)) d.e = { ...d.e, size };
  }
  // "put it in my basket" right after "does it come in XL?": that size; else the size the search asked for.
  if (d.intent === 'add_to_cart' && d.e.size === null && product) {
    const asked = mem.prevUser && mem.prevReply.includes(product.name) ? prevEntities(mem.prevUser).size : null;
    const size = [asked, str(mem.lastSearch?.size)].find((s) => s && product.stock.some((x) => x.size === s && x.units > 0));
    if (size) d.e = { ...d.e, size };
  }
}

/** The last word on the intent: a basket swap, an address, a yes to an action, checkout, a weak guess. */
function settleIntent(r: Reading, d: Draft): void {
  const { text, mem, u } = r;
  const e = d.e;
  // "I want to swap the jumper for a medium" with a jumper in the basket: the basket line, not an order.
  if (d.intent === 'exchange' && mem.cart?.length && e.categoryWord && mem.cart.some((l) => l.name.toLowerCase().includes(e.categoryWord!)))
    d.intent = 'update_cart';
  // An address written out with an order, or answering "what is the new address?", or alone (no identity): a new address.
  if (
    givesAddress(r, e) &&
    (e.orderNumbers.length ||
      mem.asked === 'address' ||
      (d.intent === 'verify' && !e.email) ||
      ['order_status', 'policy_shipping', 'delivery_time', 'change_delivery', 'out_of_scope', 'deny', 'cancel_order'].includes(d.intent)) &&
    !mem.pendingAction
  ) {
    d.intent = 'change_address';
    d.settledByState = true;
  }
  // "I cancelled my last order": done already and told, no action to propose; the order is looked at.
  if ((d.intent === 'cancel_order' || d.intent === 'return') && tellsDone(text)) {
    d.intent = 'order_status';
    d.settledByState = true;
  }
  answerToWaiting(r, d);
  // "yes cancel it" to a proposed cancellation, a signed "very well, proceed" to a return, "both" to two proposals made
  // together, "yes if it still arrives by Friday": an answer to them (core/consent decides whether it is a yes).
  answerToProposal(r, d);
  // What the message does with the proposal waiting, where the rules above guessed (the reply head, frame-reply.ts).
  replyToWaiting(r, d);
  // "the tan ones, what sizes?" with loafers shown: the sizes that piece comes in, not the size chart.
  if (d.intent === 'policy_sizing' && d.product && refersToSomething(e) && !SIZE_CHART.test(text)) d.intent = 'stock';
  // "I bought the navy one and loved it": a purchase told is about that piece, never a basket write;
  // told with no piece at all ("I'll think about it"), it asks nothing.
  // (A detail whose words settle nothing, "ugh fine, M then", tells no purchase: the conversation made it an add.)
  if (d.intent === 'add_to_cart' && !r.vague && tellsPastPurchase(text))
    d.intent = d.product ? 'stock' : e.category || e.colour ? 'search' : 'thanks';
  // "ok, gracias, bye", "enjoy your weekend": only courtesy, a pleasantry (frame-courtesy.ts).
  courtesyTurn(r, d);
  sizeInAnotherSystem(d, text);
  // "how do I buy the grey hoodie?": that piece, found (and added once its size is clear), with how to check out.
  if (d.intent === 'how_to_order' && e.category && !e.orderNumbers.length) {
    d.intent = 'add_to_cart';
    d.buying = true;
  }
  // "I want to order the white sneakers in 42, how can I do this?": the same, asked as how.
  if (d.intent === 'add_to_cart' && HOW_ASKED.test(text) && e.category) d.buying = true;
  // "the same chinos I bought before, in stone, size M": that piece again, not a whole order over.
  if (d.intent === 'reorder' && e.category && (e.colour || e.size) && !e.orderNumbers.length) d.intent = 'add_to_cart';
  // "43, same as my last pair" with one piece in view: that piece in 43, not the last order again.
  sameSizeAsBefore(r, d);
  // "How do I check out?" with a basket: the basket and where to pay.
  if (d.intent === 'how_to_order' && mem.cart?.length) d.intent = 'checkout';
  // A guess the conversation did not turn into something else is no intent to act on; but a
  // message whose likeliest reading is a feeling ("worst shopping experience ever") is never
  // declined as off-topic: it is acknowledged, with a person offered (plan-talk / plan-service).
  if (u.lowConfidence && d.intent === u.intent && !d.settledByState) d.intent = feltUnsure(u, mem) ?? 'out_of_scope';
}

export function buildFrame(text: string, mem: Memory): Frame {
  const r = readTurn(text, mem);
  const e = feltDetail(r.u, mem) ? { ...r.u.entities, descriptors: [] } : r.u.entities;
  const d: Draft = { intent: r.u.intent, e, offset: 0, settledByState: false, product: null, after: null };
  intentFromState(r, d);
  slotsFromConversation(r, d);
  // "the bigger one, L I think" while the return of a swap not said in full waits: that swap, said in full; "if it has
  // to be" while a proposal waits: only a hedge, asked again, before the order in view or the reply's subject place it.
  swapDetailForReturn(r, d);
  hedgeWhileWaiting(r, d);
  const pageQuestion = pendingAnswers(r, d);
  cartTurn(r, d);
  resolveProduct(r, d);
  const page = pageQuestionMeant(r.mem, text, r.u.norm.tokens, d);
  if (page) [d.intent, d.product] = [page.intent, page.product];
  resolvePick(r, d);
  let orderNumber = followUpOnSubject(r, d, followUpOnOrder(r, d, afterHandOver(r, d, resolveOrder(r, d))));
  settleIntent(r, d);
  goOnWithFault(r, d);
  orderNumber = goOnAfterVerifying(r, d, orderNumber);
  orderNumber = goOnWithReturn(r, d, orderNumber);
  orderNumber = goOnWithPieceShown(r, d, orderNumber);
  orderNumber = pickedFromList(r, d, orderNumber);
  orderNumber = orderOfWaiting(r, d, orderNumber);
  orderNumber = retriedSwap(r, d, orderNumber);
  orderNumber = narrowsWholeOrderOnly(r, d, orderNumber);
  retryServes(r, d);
  return {
    intent: d.intent,
    e: d.e,
    text,
    product: d.product,
    orderNumber,
    injection: r.injection,
    offset: d.offset,
    aboutProductPage: asksAboutPage(pageQuestion),
    pageQuestion,
    aboutColours: WHICH_COLOURS.test(text) || asksAnotherColour(text, d.e, d.product, d.intent),
    foreign: isForeign(text),
    unsure: unsureOf(r, d),
    after: d.after,
    alsoPolicy: d.alsoPolicy ?? null,
    ruleOf: d.ruleOf ?? null,
    buying: d.buying ?? false,
    aboutExchange: d.aboutExchange ?? false,
    nextStep: d.nextStep ?? false,
    notArrived: saysNotArrived(d.after ? (r.mem.verifyFor ?? r.mem.prevUser ?? text) : text),
    policyBefore: r.mem.subject.policy.length ? { topics: r.mem.subject.policy, asked: r.mem.subject.asked } : null,
  };
}
