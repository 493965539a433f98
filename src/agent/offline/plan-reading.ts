// What the planner reads in a message beyond the frame: whether it can be read at all, which
// numbers are sizes, what a comparison names, which order of a fresh list it means.
import type { Frame } from './frame.js';
import { ordersHolding, type OrderView, type ProductView } from './results.js';
import { pickOrder } from './frame.js';
import { ARRIVAL_WORDS, NOT_ARRIVED_NEGATORS, NOT_ARRIVED_PHRASES, ORDINAL_WORDS } from './lexicon.js';
import { canonicalPhrase, normalize } from './normalize.js';
import { classifyReply } from './nlu/index.js';

export { unreadable } from './unreadable.js';

/**
 * While a proposal waits, the reply head's likeliest reading of the message is a go-ahead ("Engage.", "right, chalk
 * it up"), in whatever words; false without the head. Never consent: only core/consent's yes makes anything run.
 */
export const goesAhead = (text: string): boolean => classifyReply(text)?.reply === 'yes';

/**
 * A number of one to three digits said when an order number was asked for ("its order 28"): too short to be one. A count
 * or a time ("I ordered it 2 weeks ago", "3 items", "$40"), or a digit in an email address, is no order number at all.
 */
const SHORT_NUMBER =
  /(?<![$£€]|\d[.,])\b\d{1,3}\b(?![.,]\d)(?!\s*(?:%|(?:days?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?|items?|pieces?|pairs?|things?|orders?|times?|ago)\b))/i;
export const saysShortOrderNumber = (text: string): boolean => SHORT_NUMBER.test(text.replace(/\S+@\S+/g, ' '));

/** A sizing question with the shopper's own numbers (a measurement, a UK/US size): the chart answers it. */
export const MEASURE_OR_SYSTEM = /\b(uk|us|eu|inch|inches|cm|waist|bust|chest|hips?)\b|\d/i;

/** "new arrivals", "what's new", "just came in": the search reads these words as newest first. */

/** "the black one", "that linen one": a pointer at something on screen. */
export const POINTS_AT = /\b(the|this|that) \w+ one\b/i;
/** A bare "what's new?": a shopper with personal picks gets those. */
export const WHATS_NEW = /\b(what'?s|what is|anything|something) new\b/i;

/** "chino" → "chinos", "dress" → "dresses", "jeans" stays. */
export const plural = (w: string) => (/(s|x|ch|sh)$/.test(w) ? (/(ss|x|ch|sh)$/.test(w) ? `${w}es` : w) : `${w}s`);

/** A UK/US dress size (2–20) asked of clothes, which the catalog sizes XS–XXL; shoes and jeans waists (28+) are numbers. */
export function numericClothingSize(f: Frame, shown: readonly ProductView[]): boolean {
  if (f.e.size === null || !/^\d{1,2}$/.test(f.e.size) || Number(f.e.size) > 20) return false;
  // The piece meant: named, pointed at, or what every product on screen is.
  const category =
    f.e.category ??
    f.product?.category ??
    (shown.length && shown.every((p) => p.category === shown[0]!.category) ? shown[0]!.category : null);
  return category !== 'shoes' && category !== 'accessories';
}

export const wantsProductSearch = (f: Frame) =>
  f.e.category !== null || f.e.colour !== null || f.e.descriptors.length > 0 || f.e.maxPrice !== null;

/** The things a comparison names itself ("between the X and the Y", "X vs Y"), at most three. */
export function namedForComparison(text: string): string[] {
  const body = (/\bbetween\b(.*)$/i.exec(text)?.[1] ?? /\bcompare\b(.*)$/i.exec(text)?.[1] ?? text).replace(/[?!.]+/g, ' ');
  const parts = body
    .split(/\s*(?:,|\band\b|\bor\b|\bvs\.?|\bversus\b|\bwith\b)\s*/i)
    .map((p) => p.replace(/^\s*(the|a|an|that|this)\s+/i, '').trim());
  const named = parts.filter(
    (p) => /[a-z]{3}/i.test(p) && !/^(them|those|these|both|it|one|ones|the (first|second|third|last)( one)?)$/i.test(p),
  );
  // "the black and the grey wool coats": the shared words go with each ("black wool coats").
  const last = named.at(-1)?.split(/\s+/) ?? [];
  const shared = last.length >= 2 ? last.slice(1).join(' ') : '';
  const whole = named.map((p) => (shared && !/\s/.test(p) ? `${p} ${shared}` : p));
  return whole.length >= 2 ? whole.slice(0, 3) : [];
}

/** The products a comparison is about: those named by position ("the first and the third"), else all shown (up to three). */
export function compared(shown: readonly ProductView[], text: string): ProductView[] {
  const positions = [...text.toLowerCase().matchAll(/\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|last)\b/g)].map(
    (m) => ORDINAL_WORDS[m[1]!]!,
  );
  const named = [...new Set(positions)]
    .map((n) => (n === -1 ? shown[shown.length - 1] : shown[n - 1]))
    .filter((p): p is ProductView => !!p);
  return (named.length >= 2 ? named : shown).slice(0, 3);
}

const NOT_ARRIVED = NOT_ARRIVED_PHRASES.map(canonicalPhrase);

const NEGATORS = NOT_ARRIVED_NEGATORS.map(canonicalPhrase);
const ARRIVALS = ARRIVAL_WORDS.map(canonicalPhrase);
/** Words that may stand between the negator and the arrival ("nothing has even arrived"). */
const NEGATED_WITHIN = 1;

/** The shopper says an order has not reached them ("it never came", "nothing has arrived", "still waiting for my parcel"). */
export function saysNotArrived(text: string): boolean {
  const said = normalize(text).padded;
  if (NOT_ARRIVED.some((p) => said.includes(p))) return true;
  const words = said.trim().split(' ');
  return words.some((_, i) => {
    if (!NEGATORS.some((n) => ` ${words.slice(i).join(' ')} `.startsWith(n))) return false;
    const after = ` ${words.slice(i + 1, i + 1 + NEGATED_WITHIN + 1).join(' ')} `;
    return ARRIVALS.some((a) => after.includes(a));
  });
}

/** The one order of a fresh list the message points at: by position ("my last order"), by what it holds, or the only one still on its way when it "hasn't arrived". */
export function orderMeant(orders: readonly OrderView[], f: Frame): string | null {
  if (f.e.ordinal !== null) return pickOrder(orders, f.e, f.text, f.intent);
  // "the status of the sneakers": the one order that has them.
  const holding = ordersHolding(orders, f.e);
  if (holding.length === 1) return holding[0]!.orderNumber;
  if (!saysNotArrived(f.text)) return null;
  const underway = orders.filter((o) => !o.delivered && o.status !== 'delivered' && o.status !== 'cancelled');
  return underway.length === 1 ? underway[0]!.orderNumber : null;
}

/** "the maxi dress" when the maxi dress is in another order than this one: not this order's return. */
export function namedElsewhere(orders: readonly OrderView[], candidate: OrderView, f: Frame): boolean {
  const holding = ordersHolding(orders, f.e);
  return holding.length > 0 && !holding.includes(candidate);
}

/** "why did you pick the first one?", "why this one?": the reason a pick was made. */
export const WHY_PICKED =
  /\bwhy (did|do|would|have) you (pick|choose|chose|recommend|suggest|select|show)|\bwhy (this|that|the \w+ one|it)\b/i;
/** "something similar", "anything like it": the same kind of piece. */
export const SIMILAR = /\b(similar|something like|anything like|more like)\b/i;
