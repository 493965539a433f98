// Several requests in one message ("two things: where's my parcel, and do you have a rain jacket
// in L"): the message is cut at sentence ends and at connectives that start a new request, each
// piece is understood on its own, and pieces that are not a request of their own (a greeting, a
// "thanks", a low-confidence fragment, a second sentence about the same thing) go back to their
// neighbour. Two or more distinct requests remain → each is planned and answered, in order.
import type { Memory } from './memory.js';
import { classify, isConfident, type Intent } from './classify.js';
import type { Entities } from './entities.js';
import { CORRECTS, HOW_ASKED, imagines, SAME_AS_BEFORE, tellsDone, tellsPastPurchase } from './frame-cues.js';
import { triesOverride } from './frame.js';
import { asks, DELIVERY_QUESTION, statesIt, WANTS_A_PIECE } from './focus.js';
import { describesOrdered, isBarePlea, OPENS_A_REQUEST, pieces, type Piece } from './multi-cut.js';
import { MAX_PARTS } from './multi-options.js';
import { headsNext } from './multi-subject.js';

/** Questions about products: a pointer at one and the words that name it are one question (adding it is another request). */
const PRODUCT: ReadonlySet<string> = new Set(['search', 'stock', 'compare']);
/** Asking how buying works: what a piece named only by "it" asks after it is how that piece is bought. */
const HOW_TO_BUY: ReadonlySet<string> = new Set(['how_to_order', 'checkout']);

/** Intents that are not a request on their own: they join a neighbouring piece. */
const NOT_A_REQUEST: ReadonlySet<Intent> = new Set(['greeting', 'thanks', 'goodbye', 'confirm', 'deny', 'out_of_scope', 'unanswerable']);
/**
 * A yes or no opening a message with nothing waiting for one ("nope, not that. any green dresses?")
 * answers what was just shown: a part of its own. Never while a proposal or a question waits: that
 * answer is read whole, as the server reads consent.
 */
const ANSWERS: ReadonlySet<Intent> = new Set(['confirm', 'deny']);
/** A request outside the shop said beside one inside it ("write my essay, or at least tell me where my parcel is"): declined on its own, when the words are sure of it. */
const OUTSIDE = { intent: 'out_of_scope', score: 8 } as const;
/** What a person handed the chat takes care of anyway: it goes with a request for one (so does what no tool here does, "what will they see of my account?"). */
const FOR_A_PERSON: ReadonlySet<Intent> = new Set(['human', 'frustrated', 'complaint', 'report_problem', 'unsupported']);
/** …though a complaint or frustration said is acknowledged first (decide.ts: without offering the person again). */
const ACKNOWLEDGED: ReadonlySet<Intent> = new Set(['human', 'frustrated', 'complaint']);
/** What happened to a piece bought ("the linen trousers shrank after one wash"): the problem told, not a product question. */
const TELLS_WHAT_HAPPENED =
  /\b(arrived|came|turned up|shrank|shrunk|faded|broke|broken|ripped|torn|tore|stained|fell apart|snapped|stopped working|after (?:one|a|the first|two) wash(?:es)?)\b/i;
/** Frustration is a part of its own only when it is with the assistant ("you keep giving me the same answer"); "really disappointed" after a problem is about the problem. */
const AT_THE_ASSISTANT = /\b(you|your|you'?re|youre|u|ur|yourself|this (chat|bot|assistant)|bot|robot|machine|answers?|replies|reply)\b/i;
/** A piece that asks or tells the shop to do something (not a situation told): "it" after it may start another request. */
const asksSomething = (text: string): boolean => /\?\s*$/.test(text) || OPENS_A_REQUEST.test(text);
/** Product and basket requests name what they are about: a piece that names nothing ("I have been more than patient", "sort it out") is not one. */
const NEEDS_A_PIECE: ReadonlySet<Intent> = new Set(['search', 'stock', 'add_to_cart', 'update_cart']);
const namesAPiece = (text: string, e: Entities, shown: boolean): boolean =>
  !!(e.category || e.colour || e.size || e.quantity !== null || e.maxPrice !== null || e.minPrice !== null || e.definite) ||
  ((e.ordinal !== null || e.pronoun) && shown) ||
  /\b(basket|cart|bag)\b/i.test(text);
/** A piece the words leave torn between two intents ("Nothing in my account.") is no request of its own: its best intent leads the next by a clear margin. */
const clearOf = (scores: Partial<Record<Intent, number>>, best: Intent): boolean =>
  Object.entries(scores).every(([k, v]) => k === best || (v ?? 0) <= (scores[best] ?? 0) - 1.5);
/** How sure (a probability × 10) the words must be of a piece's intent to make it a request of its own: after a weak cut, surer. */
const OWN = { strong: 3.5, weak: 8 } as const;

/** A request taken apart so far: its words, its intent (null while only a lead-in), and how it reads. */
interface Part {
  text: string;
  intent: Intent | null;
  score: number;
  pointer?: boolean;
  asks: boolean;
  /** Its intent leads the next by a clear margin. */
  clear?: boolean;
}

/** The intent a piece is a request of its own for, or null when it goes with a neighbour. */
function ownIntent(
  piece: Piece,
  u: ReturnType<typeof classify>,
  at: {
    first: boolean;
    last: Part | undefined;
    pointsBack: boolean;
    waiting: boolean;
    asks: () => boolean;
    asksLater: () => boolean;
    besideDelivery: boolean;
    /** A sure question about the terms of buying (delivery, returns) follows, with no connective saying another request starts before it. */
    beforeTerms: boolean;
    /** No word ("also", "then", "and") says that this piece and a neighbour are separate requests. */
    unlinked: boolean;
  },
): Intent | null {
  // After a comma or "and", both sides must be requests in their own right, and the second must not
  // point back at a situation told ("the sneakers are the wrong size, can I swap them?" is one request;
  // "where's order 39921, can you change the address on it" asks twice).
  const weak = piece.cut === 'weak';
  // A condition imagined before a comma or "and" ("If I order two sizes and send one back, do I pay…") is the condition of
  // what follows, not a request of its own (the act head reads it as hypothetical).
  // A question of its own before the cut ("how do I check out, and do you deliver to Canada?") needs only the bar of a
  // sentence end, clear of its next reading: two questions joined by "and" are two requests when the second is sure.
  const lastBar = at.last?.asks && at.last.clear ? OWN.strong : OWN.weak;
  const sure = weak
    ? u.score >= OWN.weak &&
      (at.last?.score ?? 0) >= lastBar &&
      (!u.entities.pronoun || !!at.last?.asks || at.last?.intent === 'verify') &&
      !imagines(at.last?.text ?? '')
    : u.score >= OWN.strong && clearOf(u.scores, u.intent);
  // Something told, asking nothing, before a piece that asks: the background to that request ("I'm never home
  // in the day, the courier leaves a card, so do you have other delivery options"), unless the words are sure of
  // it. Whether a piece asks is the act head's reading (focus.ts `asks`), asked only of a piece the words are unsure of.
  const background = u.score < OWN.weak && at.asksLater() && !at.asks();
  // A piece wanted, said as a want beside a question about delivery ("Do you have express delivery? I need a dress
  // for Saturday"), is why the shopper asks about delivery; a story told ("I'm buying a present for my brother,
  // he lives in Glasgow") that the words read as chat is the background of the request beside it.
  // So is a piece wanted that is not ready to go in the basket (no size, no quantity), said before a question about the
  // terms of buying it ("I want to get him the merino jumper anyway. What happens if he wants to return it?", "I'm off on
  // holiday and want the linen dress. I live in Chicago. If I order tonight, how long?"): the question is the request.
  const wanted = WANTS_A_PIECE.has(u.intent) || (u.intent === 'add_to_cart' && !u.entities.size && u.entities.quantity === null);
  const reason =
    (WANTS_A_PIECE.has(u.intent) && at.besideDelivery && statesIt(piece.text)) ||
    (wanted && at.beforeTerms && statesIt(piece.text)) ||
    (u.intent === 'smalltalk' && at.unlinked && !AT_THE_ASSISTANT.test(piece.text)) ||
    // "…the zip broke after a week, what can you do?": what can be done about the request before, not the assistant's abilities.
    (u.intent === 'capabilities' && !at.first && !!at.last?.intent);
  const request =
    (!NOT_A_REQUEST.has(u.intent) && !(u.intent === 'frustrated' && !AT_THE_ASSISTANT.test(piece.text))) ||
    (ANSWERS.has(u.intent) && at.first && !at.waiting) ||
    (u.intent === OUTSIDE.intent && u.score >= OUTSIDE.score && !u.lowConfidence);
  return isConfident(u) &&
    sure &&
    !background &&
    !reason &&
    request &&
    !(u.intent === 'add_to_cart' && tellsPastPurchase(piece.text)) &&
    (!NEEDS_A_PIECE.has(u.intent) || namesAPiece(piece.text, u.entities, at.pointsBack)) &&
    !(PRODUCT.has(u.intent) && TELLS_WHAT_HAPPENED.test(piece.text) && !asksSomething(piece.text))
    ? u.intent
    : null;
}

/** Requests about the shop and the basket, which no account is needed for: an email named beside them is no sign-in. */
export const NEEDS_NO_ACCOUNT: ReadonlySet<Intent> = new Set([
  'policy_shipping',
  'policy_returns',
  'policy_payment',
  'policy_sizing',
  'policy_general',
  'policy_ai',
  'delivery_time',
  'pickup',
  'how_to_order',
  'search',
  'stock',
  'compare',
  'recommend',
  'add_to_cart',
  'view_cart',
  'update_cart',
  'checkout',
  'discount',
  'capabilities',
]);

/** An order number given after a request, with no email to sign in by ("It was 28511."): the order that request is about, not a verification. */
const namesTheOrder = (own: Intent | null, e: Entities): boolean => own === 'verify' && !e.email && e.orderNumbers.length > 0;

/**
 * An identity claim comes first ("I'm sarah@…, 28473. then I want to swap the top"): verifying, then the request
 * (decide.ts chains them); an email anywhere else is read whole, and so is one named in passing beside requests that
 * need no account ("My account is tom@…. Which couriers do you use?", "…is my email if it helps. I just want to order
 * the wedges"): with no order number beside it, it is context.
 */
function emailReadWhole(text: string, requests: readonly Part[], ctx: Parameters<typeof classify>[1]): boolean {
  if (!/@/.test(text)) return false;
  if (requests[0]!.intent !== 'verify') return true;
  return requests.slice(1).every((p) => NEEDS_NO_ACCOUNT.has(p.intent!)) && !classify(requests[0]!.text, ctx).entities.orderNumbers.length;
}

/** Questions about the terms of buying a piece: how it is delivered, whether it can go back. */
const TERMS_OF_BUYING: ReadonlySet<string> = new Set([...DELIVERY_QUESTION, 'policy_returns']);

/** What a shopper may want done about an item already bought. */
const AFTER_SALE = new Set<string>(['return', 'exchange', 'report_problem']);
/** Readings of sizes told with no piece named ("The L is far too roomy; M, please."): a size, not a request of their own. */
const SIZE_TALK = new Set<string>(['update_cart', 'add_to_cart', 'policy_sizing', 'stock', 'search']);
/** A problem told and the feeling about it. */
const GRIEVANCE = new Set<string>(['complaint', 'report_problem']);
/** Asked about something on its way: a problem told after it, naming nothing else, is with that. */
const CHECKED = new Set<string>(['refund_status', 'order_status']);
/** A question about a different order than the one a problem was told of. */
const ANOTHER_ORDER = /\b(other|another|second|different|new|next)\b/i;
const namesNothing = (e: Entities): boolean =>
  !e.orderNumbers.length &&
  !e.email &&
  !e.category &&
  !e.colour &&
  !e.size &&
  e.maxPrice === null &&
  e.minPrice === null &&
  e.ordinal === null &&
  !e.definite;

/**
 * How each piece stands to its neighbours: whether it and the pieces after it ask (the act head, read once and only
 * when needed), beside a sure question about delivery, and with no word ("also", "then") saying another request follows.
 */
function neighbours(
  cut: readonly Piece[],
  read: ReadonlyArray<ReturnType<typeof classify>>,
): (i: number) => { asks: () => boolean; asksLater: () => boolean; besideDelivery: boolean; beforeTerms: boolean; unlinked: boolean } {
  const asking: Array<boolean | undefined> = [];
  const pieceAsks = (j: number): boolean => (asking[j] ??= asks(cut[j]!.text));
  const delivery = (j: number): boolean => !!read[j] && DELIVERY_QUESTION.has(read[j]!.intent) && read[j]!.score >= OWN.strong;
  const linkedBefore = (i: number): boolean => i > 0 && !cut[i]!.connective;
  const linkedAfter = (i: number): boolean => !!cut[i + 1] && !cut[i + 1]!.connective;
  const terms = (j: number): boolean => !!read[j] && TERMS_OF_BUYING.has(read[j]!.intent) && read[j]!.score >= OWN.strong;
  // The first piece after i that a connective cuts off, or the end: a terms question before it follows i unlinked.
  const beforeTerms = (i: number): boolean => {
    for (let j = i + 1; j < cut.length && !cut[j]!.connective; j++) if (terms(j)) return true;
    return false;
  };
  return (i) => ({
    asks: () => pieceAsks(i),
    asksLater: () => cut.some((_, j) => j > i && pieceAsks(j)),
    besideDelivery: (linkedBefore(i) && delivery(i - 1)) || (linkedAfter(i) && delivery(i + 1)),
    beforeTerms: beforeTerms(i),
    unlinked: linkedBefore(i) || linkedAfter(i),
  });
}

/** Adds a piece to the request before it, punctuated as the cut between them was. */
function joinTo(last: Part, piece: { text: string; cut: string }): void {
  last.text = /[.?!,;:]$/.test(last.text) ? `${last.text} ${piece.text}` : `${last.text}${piece.cut === 'weak' ? ',' : '.'} ${piece.text}`;
}

/**
 * "how do I order one of these, is it all online?": after how buying works was asked, a question of "it" naming no piece
 * and no connective is how that piece is bought (more of the question), no product search for the words left.
 */
function ofBuying(piece: Piece, u: ReturnType<typeof classify>, own: Intent | null, last: Part): boolean {
  const asksHowToBuy = HOW_TO_BUY.has(last.intent ?? '') || (last.intent === 'add_to_cart' && HOW_ASKED.test(last.text));
  return asksHowToBuy && PRODUCT.has(own ?? '') && !piece.connective && !u.entities.category && !u.entities.colour;
}

/**
 * A piece that goes with the request before it: no request of its own, the same one again, or more of it (the piece a
 * pointer points at, the remedy for a problem told, the piece told as the subject, the same grievance, a swap's size, a
 * correction or the order it is about). A piece told as the subject of the request after it takes that request's intent.
 */
function joinsLast(
  piece: Piece,
  u: ReturnType<typeof classify>,
  own: Intent | null,
  last: Part,
  at: { shownBefore: boolean; cartEmpty: boolean },
): boolean {
  // "do you have this in stock? the red wrap dress in XXL": a pointer and the piece it points at are one request.
  const samePiece = PRODUCT.has(own ?? '') && PRODUCT.has(last.intent ?? '') && u.entities.pronoun !== (last.pointer ?? false);
  // "The jumper from 28473 is too big. Can I swap it for a medium?": what to do about an item bought,
  // said of the piece the clause before named ("it", nothing shown before): one request, read whole.
  const pointsAtLast =
    !at.shownBefore && u.entities.pronoun && !u.entities.category && AFTER_SALE.has(own ?? '') && AFTER_SALE.has(last.intent ?? '');
  // "The trousers shrank after one wash. I want my money back.": a problem told, then what to do about it.
  // So is a problem with a delivery told, then where it is ("the tracking link is broken, can you tell me where my
  // parcel is"), unless the question is about another order ("…, and where is my other parcel?").
  // So is how a piece fits, told ("The chinos are a bit tight."), then the swap or return asked for it.
  const remedyForLast =
    !last.asks &&
    !u.entities.orderNumbers.length &&
    ((last.intent === 'report_problem' &&
      (own === 'return' || own === 'exchange' || (own === 'order_status' && !ANOTHER_ORDER.test(piece.text)))) ||
      (AFTER_SALE.has(last.intent ?? '') &&
        (own === 'return' || own === 'exchange') &&
        !(u.entities.categoryWord && u.entities.categoryWord !== classify(last.text).entities.categoryWord)));
  // "Got a navy sweater off you, fits like a tent. Need to ship it back.": a piece told, asking nothing, then what to do
  // about a piece bought, naming none of its own: the piece told is the one meant, no search of its own.
  const subjectOfLast =
    (PRODUCT.has(last.intent ?? '') || last.intent === 'add_to_cart') &&
    !last.asks &&
    !piece.connective &&
    !at.shownBefore &&
    AFTER_SALE.has(own ?? '') &&
    !u.entities.category;
  if (subjectOfLast) last.intent = own;
  // "I must say I am not happy. The box came crushed. Nobody told me anything.": the feeling and the problem told are one
  // complaint; and "Not received." naming nothing, after a refund or parcel asked about, is what is wrong with that one.
  const sameGrievance =
    (GRIEVANCE.has(own ?? '') && GRIEVANCE.has(last.intent ?? '')) ||
    (own === 'report_problem' && CHECKED.has(last.intent ?? '') && !u.entities.category && !u.entities.orderNumbers.length);
  // "…M is small for me, please change to L": with nothing in the basket, a change of size after a swap asked is more of the swap.
  // So is "I need it in M" after it: "it" is the piece to swap, not one for the basket.
  // So are the sizes told in a clause of their own, naming no piece ("Size M is a size too small; L, please.", "The L is
  // far too roomy;" read as a return): the swap's.
  const sizesOnly =
    !piece.connective &&
    u.entities.size !== null &&
    !u.entities.category &&
    !u.entities.orderNumbers.length &&
    (SIZE_TALK.has(own ?? '') || AFTER_SALE.has(own ?? ''));
  const moreOfSwap =
    AFTER_SALE.has(last.intent ?? '') &&
    (own === 'update_cart' || (own === 'add_to_cart' && u.entities.pronoun && !u.entities.category) || sizesOnly) &&
    at.cartEmpty &&
    !at.shownBefore;
  // Not a request of its own, or more of the same (a correction, the order it is about: "It was 28511.", or a plea to look
  // into it that names nothing: "…the refund is not back yet. Please help check"): with the piece before.
  const plea = !piece.connective && namesNothing(u.entities) && isBarePlea(piece.text);
  const addsTo = last.intent != null && (CORRECTS.test(piece.text) || namesTheOrder(own, u.entities) || plea);
  // "Any sign of my trainers? The white canvas ones.": which piece of the order asked about, no search of its own.
  const lastRead = { intent: last.intent, category: classify(last.text).entities.category };
  const ofTheOrder = describesOrdered(piece.text, piece.connective, u.entities, own, lastRead, at.shownBefore);
  return (
    own === null ||
    own === last.intent ||
    last.intent === null ||
    samePiece ||
    pointsAtLast ||
    remedyForLast ||
    moreOfSwap ||
    subjectOfLast ||
    sameGrievance ||
    ofTheOrder ||
    ofBuying(piece, u, own, last) ||
    addsTo
  );
}

/**
 * The requests in one message, each with its own words, in order. Every piece is classified on its
 * own; a piece becomes a request of its own only when the words are sure of an intent that differs
 * from the request before it (surer after a comma or "and" than after a sentence end or "also");
 * anything else (a greeting, "thanks", a fragment such as "size L", more about the same thing) goes
 * with the request before it, or the one after when it comes first.
 */
export function splitRequests(text: string, memory: Memory): string[] {
  // An answer to a question or a proposal is read whole: "yes, and …" is not two requests.
  // An attempt to override the rules is read whole: the action it asks for is refused with it.
  if (memory.pendingReturn || memory.asked || text.length > 600 || triesOverride(text)) return [text];
  const cut = pieces(text);
  if (cut.length < 2) return [text];
  const ctx = { shownProducts: memory.products.length, shownOrders: memory.orders.length };
  // "it" may point at a piece shown before, or one named earlier in this message.
  let shown = memory.products.length > 0 || !!memory.cart?.length;
  const shownBefore = shown;
  const parts: Part[] = [];
  let toldAside = false;
  const waiting = !!(memory.pendingAction || memory.offeredHuman);
  const read = cut.map((piece) => classify(piece.text, ctx));
  const beside = neighbours(cut, read);
  for (const [i, piece] of cut.entries()) {
    const u = read[i]!;
    const pointsBack = shown;
    shown ||= !!(u.entities.category || u.entities.colour || u.entities.definite);
    const last = parts[parts.length - 1];
    // A problem told only as background after a request (the act head: told) is left out: nothing proposed, no search.
    // After a problem told, a remedy said as told ("…is ruined. I expect a refund.") is what is asked about it (joinsLast).
    if (last?.intent != null && !GRIEVANCE.has(last.intent) && AFTER_SALE.has(u.intent) && tellsDone(piece.text)) {
      toldAside = true;
      continue;
    }
    // Praise of a piece ("I'm so pleased with the merino jumper") before a request naming its own ("…the chinos in L?"): a
    // pleasantry whose piece is not the request's (one pointing back, "…have it in green?", keeps it).
    const praise = u.intent === 'thanks' && u.score >= OWN.strong && (u.entities.category || u.entities.colour);
    if (praise && read.slice(i + 1).some((v) => v.entities.category && !NOT_A_REQUEST.has(v.intent))) {
      toldAside = true;
      continue;
    }
    // A detail kept as it was ("Can you send me a new pair then, same size?"): it changes nothing and asks nothing of its
    // own, and read with the request its words would pull that to a size question; left out.
    if (last?.intent != null && SAME_AS_BEFORE.test(piece.text)) {
      toldAside = true;
      continue;
    }
    // Reasons or the situation told after a request, asking nothing ("I'd like to cancel it. Reasons: the tee can wait"), the
    // words unsure of a request of their own: more of that request (the act head reads the piece as told).
    if (last?.intent != null && u.score < OWN.weak && statesIt(piece.text) && tellsDone(piece.text)) {
      joinTo(last, piece);
      continue;
    }
    // A heading naming an order ("jumper from last weeks order.") is no request: what the one after it is about (multi-subject.ts).
    const own = headsNext(i, cut, read) ? null : ownIntent(piece, u, { first: i === 0, last, pointsBack, waiting, ...beside(i) });
    if (last && joinsLast(piece, u, own, last, { shownBefore, cartEmpty: !memory.cart?.length })) {
      joinTo(last, piece);
      last.intent ??= own;
    } else
      parts.push({
        text: piece.text,
        intent: own,
        score: u.score,
        pointer: u.entities.pronoun && !u.entities.category,
        asks: asksSomething(piece.text),
        clear: clearOf(u.scores, u.intent),
      });
  }
  // A person asked for takes a problem a person handles anyway with them ("it arrived damaged and I want
  // to speak to somebody"); a complaint or frustration stays a part of its own, acknowledged before the hand-over.
  const human = parts.some((p) => p.intent === 'human');
  const requests = parts.filter((p) => p.intent !== null && !(human && FOR_A_PERSON.has(p.intent) && !ACKNOWLEDGED.has(p.intent)));
  // Only answers and declines: nothing asked of the shop, the message is read whole.
  if (requests.length < 2 || requests.every((p) => NOT_A_REQUEST.has(p.intent!)))
    return [toldAside && parts.length ? parts.map((p) => p.text).join(' ') : text];
  if (emailReadWhole(text, requests, ctx)) return [text];
  return requests.slice(0, MAX_PARTS).map((p) => p.text);
}
