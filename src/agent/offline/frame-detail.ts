// Details said in passing that the conversation places (frame.ts): a size or colour said with a
// feeling ("ugh, fine, M then"), a size said to be "the same as last time" for the piece in view, and
// a clear yes (core/consent) to the proposal waiting, whatever its words lean to, and a message read
// as the answer to the question the last reply asked.
import { classify, type Intent } from './classify.js';
import type { Entities } from './entities.js';
import type { Memory } from './memory.js';
import type { Draft, Reading } from './frame-answer.js';
import { ACTION_ECHO, detailEcho, isClearNo, isClearYes } from '../../core/index.js';
import { newSize } from './frame-follow.js';
import { namesPiece } from './results.js';
import { pieceNotInWaiting } from './frame-pick.js';
import { agreesOnCondition, ALL_OFFERED, ONLY_SOME } from './frame-cues.js';

/**
 * A detail said with a feeling ("ugh, fine, the large then", "no, green, not blue, come on") about what is in view:
 * the words read as annoyance or chat, but what they carry is a size, colour or price for the search,
 * list or question before, so the conversation places it like a bare detail (the feeling's words are no product words).
 */
export function feltDetail(u: Reading['u'], mem: Memory): boolean {
  const e = u.entities;
  const detail = e.size !== null || e.colour !== null || e.exclude.length > 0 || e.maxPrice !== null;
  const inView = mem.lastSearch !== null || mem.products.length > 0 || mem.asked === 'size' || mem.asked === 'product';
  // "ugh fine, M then" with nothing waiting for a yes: the concession is a mood too, the size the detail.
  const mood =
    u.intent === 'frustrated' || u.intent === 'smalltalk' || (u.intent === 'confirm' && !mem.pendingAction && !mem.pendingReturn);
  return mood && detail && inView && !e.orderNumbers.length && !e.email && !e.category;
}

/**
 * "43, same as my last pair" with one piece in view that comes in that size: the size is what was the same, so
 * that piece, not the last order again ("my last pair" is the purchase before, not the last of a list).
 */
export function sameSizeAsBefore(r: Reading, d: Draft): void {
  const { mem } = r;
  const e = d.e;
  const inView = mem.products.length === 1 ? mem.products[0]! : d.product;
  if (d.intent !== 'reorder' || !e.size || !inView || e.orderNumbers.length) return;
  if (!inView.stock.some((x) => x.size === e.size && x.units > 0)) return;
  d.intent = 'add_to_cart';
  d.product = inView;
}

/**
 * An answer to the proposal waiting, however its words lean: a clear yes, "both" to proposals made together, or a yes
 * said of a person ("yes, connect me"), which is the person.
 */
export function answerToProposal(r: Reading, d: Draft): void {
  clearYesToProposal(r, d);
  answersAllProposed(r, d);
  // "yes if it still arrives by Friday" to a proposal: an answer to it, a conditional one (the plan asks again).
  if ((r.mem.pendingAction || r.mem.pendingReturn) && agreesOnCondition(r.text)) d.intent = 'confirm';
  personAskedWhileWaiting(r, d);
}

/**
 * "yes cancel it" to a proposed cancellation, "Very well, please proceed. Regards, M. Reid" to a proposed return:
 * a yes, whatever the words lean to (core/consent decides, as on the server). A return asked for again in words
 * ("ok, please return it") stays that request (frame.ts pendingAnswers reads it right after the proposal).
 */
function clearYesToProposal(r: Reading, d: Draft): void {
  const { mem, text } = r;
  const echo = mem.pendingAction ? pendingEcho(mem) : mem.pendingReturn && d.intent !== 'return' ? ACTION_ECHO.return_label : null;
  if (!echo || !isClearYes(text, { echo })) return;
  d.intent = 'confirm';
  d.settledByState = true;
}

/**
 * "yes, connect me" while a cancellation waits: a yes said of another request, a person. Read without the proposal's
 * pull towards an answer the words ask for a person, and core/consent reads no yes to the proposal in them: the
 * hand-over, the proposal left waiting (asked again after it), never confirmed.
 */
function personAskedWhileWaiting(r: Reading, d: Draft): void {
  const { mem, text } = r;
  if (d.intent !== 'confirm' || !(mem.pendingAction || mem.pendingReturn)) return;
  if (isClearYes(text, { echo: pendingEcho(mem) }) || classify(text).intent !== 'human') return;
  d.intent = 'human';
  d.settledByState = true;
}

/**
 * "both" after two proposals made in one reply (a return and a cancellation): an answer to them, never a search or a
 * policy for the word. The one the server holds waits for its yes (core/consent decides; else it is put again, plan-talk).
 */
function answersAllProposed(r: Reading, d: Draft): void {
  if (!saysAllProposed(r.text, r.mem)) return;
  d.intent = 'confirm';
  d.settledByState = true;
}

/** The message says "both" / "all of them" to two or more proposals made together, one of them waiting. */
export const saysAllProposed = (text: string, mem: Memory): boolean =>
  !!(mem.pendingAction || mem.pendingReturn) && mem.proposals.length >= 2 && ALL_OFFERED.test(text);

/**
 * The words a yes to the proposal waiting may say, as the server reads them (shop's proposalEcho): its action's,
 * and for a swap what it gives ("yes, XL, go" to a swap to XL; "yes, L" to a swap from L is no yes).
 */
export function pendingEcho(mem: Memory): readonly string[] | undefined {
  const a = mem.pendingAction;
  if (!a) return mem.pendingReturn ? ACTION_ECHO.return_label : undefined;
  const own = ACTION_ECHO[a.action];
  // Of a swap of several pieces, a yes naming one may keep only that one (as the server reads it).
  if (a.action !== 'exchange' || !Array.isArray(a.args.items) || a.args.items.length !== 1) return own;
  const given = a.args.items.map((i: unknown) =>
    i && typeof i === 'object'
      ? Object.values(i)
          .filter((v): v is string => typeof v === 'string')
          .join(' ')
      : '',
  );
  return [...(own ?? []), ...detailEcho(given)];
}

/** Intents that carry no request of their own after a question: their words are the answer's slots. */
const SLOT_ONLY: ReadonlySet<Intent> = new Set(['out_of_scope', 'unanswerable', 'search', 'stock', 'confirm', 'verify']);
/** A probability (× 10) from which the words settle the intent whatever the conversation. */
const FIRM = 7;
/** Names an item, not "it", answering "which order?". */
const namesItemFor = (mem: Memory, e: Entities) => mem.asked === 'order' && e.categoryWord !== null && !e.pronoun;
/** A few words with no question of their own ("the jumper one", "oh the chinos"): read first as the answer to a question asked. */
const shortAnswer = (text: string) => !/\?/.test(text) && (text.match(/[\p{L}\d]+/gu) ?? []).length <= 5;

/**
 * A message with a slot, after the last reply asked a question, is read as its answer when its words carry no request
 * of their own, are vague, or are a few words the classifier is not sure of. A few words naming an item after
 * "which order?" are read first as the answer, however sure of a request the words are ("oh I meant the chinos";
 * answerQuestion keeps them only when they pick one order shown).
 */
export function readsAsAnswer(r: Reading, d: Draft): boolean {
  const { text, mem, u, vague } = r;
  return (
    SLOT_ONLY.has(d.intent) ||
    vague ||
    (shortAnswer(text) && (u.score < FIRM || namesItemFor(mem, d.e) || namesWaiting(mem, d.e))) ||
    resizesSwap(r, d)
  );
}

/**
 * A few words naming the order a proposal waits on and a piece it holds ("order 28473, the chinos"): the detail that
 * proposal left open, however sure the words are of a look-up.
 */
function namesWaiting(mem: Memory, e: Entities): boolean {
  const waiting = mem.pendingAction?.args.orderNumber ?? mem.pendingReturn?.orderNumber;
  return typeof waiting === 'string' && e.orderNumbers.includes(waiting) && e.categoryWord !== null && !pieceNotInWaiting(mem, e);
}

/**
 * A no with another size or colour for the swap waiting ("belay that: L, not XL", "hang on, M not XL"): that swap,
 * changed (frame-answer.ts), never withdrawn. So is another size or colour said in a basket's words ("actually make it
 * an L instead", "make it the olive, still M") with nothing in the basket: "it" is the piece of the swap; and one asked
 * in a search's words of "it" or instead of the swap's own colour.
 */
export const resizesSwap = (r: Reading, d: Draft): boolean =>
  r.mem.pendingAction?.action === 'exchange' &&
  (newSize(r.mem, d.e.size) || newColour(r.mem, d.e.colour)) &&
  (d.intent === 'deny' ||
    isClearNo(r.text, { echo: pendingEcho(r.mem) }) ||
    basketWordsForSwap(r, d) ||
    searchWordsForSwap(r, d) ||
    swapWordsOfIt(d));

/** A swap asked again of "it" in another size or colour, naming no order ("swap it for an S, it goes under my coat"): the swap waiting, changed. */
const swapWordsOfIt = (d: Draft): boolean => d.intent === 'exchange' && d.e.pronoun && !d.e.orderNumbers.length;

/** The colours the swap waiting gives and gives up ("Navy Merino Crew-Neck Jumper (L)" sent back: navy). */
function swapColours(mem: Memory): string[] {
  const a = mem.pendingAction;
  const items = Array.isArray(a?.args.items) ? (a!.args.items as Array<Record<string, unknown>>) : [];
  const given = items.map((i) => i.colour).filter((c): c is string => typeof c === 'string');
  const sent = (a?.sends ?? []).flatMap((x) => x.toLowerCase().split(/[\s()]+/));
  return [...given.map((c) => c.toLowerCase()), ...sent];
}

/** Another colour than the swap waiting gives or gives up ("green instead of navy" to a swap of the navy jumper). */
const newColour = (mem: Memory, colour: string | null): boolean => colour !== null && !swapColours(mem).includes(colour.toLowerCase());

/**
 * The swap's piece in another colour or size asked in a search's words ("could it be green instead of navy?", "them in
 * olive rather than the navy?"): no piece named but "it" or the swap's own colour put aside, no order: that swap, changed.
 */
const searchWordsForSwap = (r: Reading, d: Draft): boolean =>
  (d.intent === 'search' || d.intent === 'stock') &&
  (d.e.categoryWord === null || d.e.pronoun) &&
  !d.e.orderNumbers.length &&
  (d.e.pronoun || d.e.exclude.some((x) => swapColours(r.mem).includes(x.toLowerCase())));

/**
 * A change said in a basket's words (update the cart, add) with nothing in the basket, of "it" or of no piece named (a
 * piece named beside "it" is the shopper's story: "make it XL, I wear it over shirts").
 */
const basketWordsForSwap = (r: Reading, d: Draft): boolean =>
  BASKET.has(d.intent) && !r.mem.cart?.length && (d.e.categoryWord === null || d.e.pronoun) && !d.e.orderNumbers.length;

/**
 * A swap said while a swap or a return waits, naming no order ("no wait, make it the green one in L"): of the order
 * waiting, not of another order whose pieces the words happen to fit.
 */
export function orderOfWaiting(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem } = r;
  // A ZIP put right while a new address waits ("the zip is 98109 not 98101") is no order number: the order waiting.
  const moving = mem.pendingAction?.action === 'change_address' ? mem.pendingAction.args.orderNumber : null;
  // So is a whole address written again with no order named: the order whose change waits.
  const named = d.e.orderNumbers.length > 0 && orderNumber !== d.e.address?.zip;
  if (d.intent === 'change_address' && typeof moving === 'string' && (orderNumber === d.e.address?.zip || !named)) return moving;
  const waiting = mem.pendingAction?.action === 'exchange' ? mem.pendingAction.args.orderNumber : mem.pendingReturn?.orderNumber;
  if (d.intent !== 'exchange' || d.e.orderNumbers.length || typeof waiting !== 'string') return orderNumber;
  keepsSwapRest(r, d);
  return waiting;
}

/** The swap waiting sends back a piece the word names ("the jumper", "the sweater"). */
const swapSends = (mem: Memory, word: string): boolean => !!mem.pendingAction?.sends?.some((x) => namesPiece(x, word));

/** The piece of the swap waiting, as proposed (its `item`), as the words would name it. */
function pieceSwapped(mem: Memory): Pick<Entities, 'categoryWord' | 'category' | 'descriptors'> {
  const items = mem.pendingAction?.args.items;
  const first: unknown = Array.isArray(items) ? items[0] : null;
  const item = first && typeof first === 'object' ? (first as Record<string, unknown>).item : null;
  return { categoryWord: typeof item === 'string' ? item : null, category: null, descriptors: [] };
}

/**
 * The swap waiting changed in one detail ("could it be camel instead?" to a swap for a navy M): the same piece, with
 * what the message leaves unsaid as the swap had it (the M kept), unless another piece is named.
 */
function keepsSwapRest(r: Reading, d: Draft): void {
  const a = r.mem.pendingAction;
  const items = a?.action === 'exchange' && Array.isArray(a.args.items) ? (a.args.items as Array<Record<string, unknown>>) : [];
  const item = items.length === 1 ? items[0]! : null;
  if (!item || typeof item.item !== 'string' || (d.e.size && d.e.colour)) return;
  if (d.e.categoryWord && !d.e.pronoun && !namesPiece(item.item, d.e.categoryWord)) return;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  d.e = { ...d.e, size: d.e.size ?? text(item.size), colour: d.e.colour ?? text(item.colour) };
}

/** Basket intents a size said of a piece kept leans to. */
const BASKET: ReadonlySet<Intent> = new Set(['update_cart', 'view_cart', 'add_to_cart']);

// A flat or suite number, or a ZIP, said as the right one ("apt 21 not 12"): the one not after "not".
const UNIT_FIX = /(?<!\bnot\s{1,3})\b((?:apt|apartment|suite|ste|unit|flat|room)\b\.?\s*#?\s*[\w-]*\d[\w-]*)/i;
const ZIP_FIX = /(?<!\bnot\s{1,3})\b(\d{5})\b/;

const escaped = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The street line with its house number put right, said as the right one: before the street's name ("320 Oak Street,
 * not 230") or with the number proposed put aside ("it's 58, not 85"); never a number after "not".
 */
function houseFixed(text: string, line1: string | undefined): string | null {
  const m = /^(\d{1,6}[a-z]?)\s+(\p{L}[\p{L}'-]*)(.*)$/iu.exec(line1?.trim() ?? '');
  if (!m) return null;
  const [, had, name, rest] = m as unknown as [string, string, string, string];
  const beforeName = new RegExp(`(?<!\\bnot\\s{1,3})\\b(\\d{1,6}[a-z]?)\\s+${escaped(name)}\\b`, 'i').exec(text)?.[1];
  const putAside = new RegExp(`(?<!\\bnot\\s{1,3})\\b(\\d{1,6}[a-z]?)\\b,?\\s+not\\s+${escaped(had)}\\b`, 'i').exec(text)?.[1];
  const house = beforeName ?? putAside;
  return house && house.toLowerCase() !== had.toLowerCase() ? `${house} ${name}${rest}` : null;
}

/**
 * "oh wait, it's apt 21 not 12, sorry" or "no, 320 Oak Street, not 230" while a new address waits: no withdrawal, the
 * same change proposed again with the flat number, ZIP or house number put right; the rest of the address as proposed.
 */
function addressCorrected(r: Reading, d: Draft): boolean {
  const waiting = r.mem.pendingAction?.action === 'change_address' ? r.mem.pendingAction.args.address : null;
  if (!waiting || typeof waiting !== 'object') return false;
  const proposed = waiting as Record<string, string>;
  // An address written out is another one (addressGivenAgain); the one waiting, carried into the slots, is no new one.
  if (d.e.address && addressKey(d.e.address) !== addressKey(proposed)) return false;
  const unit = UNIT_FIX.exec(r.text)?.[1]?.replace(/\b[a-z]/g, (c) => c.toUpperCase());
  const zip = ZIP_FIX.exec(r.text)?.[1];
  const line1 = houseFixed(r.text, proposed.line1);
  const fixed = { ...proposed, ...(unit ? { line2: unit } : {}), ...(zip ? { zip } : {}), ...(line1 ? { line1 } : {}) };
  if (fixed.line2 === proposed.line2 && fixed.zip === proposed.zip && fixed.line1 === proposed.line1) return false;
  d.e = { ...d.e, address: fixed, orderNumbers: d.e.orderNumbers.filter((x) => x !== zip) };
  d.intent = 'change_address';
  d.settledByState = true;
  return true;
}

/** The line, unit and ZIP of an address, as compared (case and spacing aside). */
const addressKey = (a: Record<string, unknown>): string =>
  [a.line1, a.line2, a.zip].map((x) => (typeof x === 'string' ? x.toLowerCase().replace(/\s+/g, ' ').trim() : '')).join('|');

/**
 * A whole address written out again while a new address waits, other than the one proposed ("no wait, it's flat 2.
 * 3310 N Williams Ave flat 2, Portland OR 97227"), whatever no or wait comes with it: no withdrawal and no yes, the
 * same order's change proposed again with the address as now written. The same address again is left to consent.
 */
function addressGivenAgain(r: Reading, d: Draft): boolean {
  const waiting = r.mem.pendingAction?.action === 'change_address' ? r.mem.pendingAction.args.address : null;
  const given = d.e.address;
  if (!waiting || typeof waiting !== 'object' || !given || addressKey(waiting as Record<string, unknown>) === addressKey(given))
    return false;
  d.intent = 'change_address';
  d.settledByState = true;
  return true;
}

/**
 * A no, or the action's own words again, while a proposal waits: withdrawn (or turned into the swap said instead), or
 * the waiting cancellation answered rather than proposed twice.
 */
export function answerToWaiting(r: Reading, d: Draft): void {
  const { text, mem, u } = r;
  if (addressCorrected(r, d) || addressGivenAgain(r, d)) return;
  const e = d.e;
  // "wait, don't cancel it" / "no, leave the return" while a proposal waits: a no (core/consent reads it so),
  // whatever action its words name; a new request beside it ("no, show me jackets") stays one.
  const proposed = mem.pendingAction?.action ?? (mem.pendingReturn ? 'return' : null);
  // "no wait, what I want is the same jumper in a small" to a return: the no withdraws it, and the swap said with a
  // size or colour (the words' likeliest reading, if unsure) is asked for, of the same piece.
  // So is another swap said instead of the one waiting ("scratch that, swap them for the olive ones in M instead").
  // (a swap's piece changed in basket words, "no wait, make it the green one in L", is that too).
  const swapWords = u.intent === 'exchange' || (proposed === 'exchange' && (BASKET.has(u.intent) || u.intent === 'search'));
  // The size of the piece sent back, said with a no ("forget the swap, my nephew can have the L"), is the piece kept.
  const kept = e.colour === null && e.size !== null && !!mem.pendingAction?.sends?.some((x) => x.endsWith(`(${e.size})`));
  // A no with another size for the swap waiting ("hang on, M not XL"): that swap, resized.
  const swapInstead =
    ((proposed === 'return' || proposed === 'exchange') && swapWords && (e.size !== null || e.colour !== null) && !kept) ||
    resizesSwap(r, d);
  // So is a no that says the size kept ("forget the swap, my brother can have the L"): no basket change, no piece named.
  const sizeKept = BASKET.has(d.intent) && !e.categoryWord && !e.orderNumbers.length;
  // "no, don't cancel. Just send it to my office: 1500 SW First Ave, Portland OR 97201": a cancellation withdrawn for a
  // whole new address is that order's change of address, proposed for a yes of its own (the no still runs nothing).
  const withdrawn = d.intent === 'deny' || isClearNo(text, { echo: pendingEcho(mem) });
  if (proposed === 'cancel_order' && e.address && !e.orderNumbers.length && withdrawn) {
    d.intent = 'change_address';
    d.settledByState = true;
    return;
  }
  // "No no, not all. Only the trousers." to a return of a whole order: no withdrawal, the return of the pieces named.
  if (proposed === 'return' && e.categoryWord !== null && ONLY_SOME.test(text)) {
    d.intent = 'return';
    d.settledByState = true;
    return;
  }
  const answers = d.intent === proposed || d.intent === 'confirm' || r.vague || sizeKept || resizesSwap(r, d);
  if (proposed && answers && isClearNo(text, { echo: pendingEcho(mem) })) {
    d.intent = swapInstead ? 'exchange' : 'deny';
    d.settledByState ||= swapInstead;
    // "wait, make it XL not medium, I wear it over shirts": the swap waiting resized; a piece its order does not hold is
    // only the shopper's story, the piece swapped stays the one proposed.
    if (swapInstead && resizesSwap(r, d) && e.categoryWord !== null && !swapSends(mem, e.categoryWord))
      d.e = { ...e, ...pieceSwapped(mem) };
  }
  // "I'll sleep on it. Not today, thank you." to a return or a person offered (nothing proposed yet): that offer declined.
  const offered = mem.asked === 'startReturn' || mem.asked === 'lookup' || mem.offeredHuman;
  if (!proposed && offered && (r.vague || d.intent === 'confirm' || d.intent === 'deny') && isClearNo(text)) {
    d.intent = 'deny';
    d.settledByState = true;
  }
  // "please cancel it" (or "mabye, cancel it") to the cancellation waiting answers it, its word no refusal: a yes
  // only when core/consent reads one, else it is asked again (not proposed twice).
  const waitingCancel = mem.pendingAction?.action === 'cancel_order' ? mem.pendingAction.args.orderNumber : null;
  if (waitingCancel && d.intent === 'cancel_order' && (!e.orderNumbers.length || e.orderNumbers.includes(String(waitingCancel))))
    d.intent = 'confirm';
}
