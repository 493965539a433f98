// A swap tried again after the tool refused it ("Stone chinos in S are sold out", then "olive in S then?", "ugh, the
// navy ones, same size"): another colour or size said for the piece just refused is that swap again, on the same order,
// with what this message changes and the rest as it was asked (memory's `refusedSwap`, from the tool call, not the reply).
import type { Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { CATEGORY_WORDS } from './lexicon.js';
import { normalize } from './normalize.js';
import { extractEntities } from './entities.js';
import { isClearNo } from '../../core/index.js';

/**
 * Requests of their own a message with a colour or size may still be, when the words are sure of them (an order's
 * whereabouts, a refund, a person, the basket); short fillers around a bare detail are not ("meh, XS then" read as
 * thanks, "too bad. go XS then" as a yes, "ugh. XS instead?" as a new address: no address, no pleasantry carries a size).
 */
const STANDS: ReadonlySet<Intent> = new Set([
  'order_status',
  'refund_status',
  'cancel_order',
  'human',
  'complaint',
  'frustrated',
  'report_problem',
  'loyalty',
  'discount',
  'view_cart',
  'checkout',
  'policy_shipping',
  'delivery_time',
  'change_delivery',
  'pickup',
]);

/** How likely (a probability × 10) another reading must be for the words to stand against the retry. */
const SURE = 5;

/**
 * What is said after the refusal said back in surprise, the first question ("no grey? ok, green then", "No grey in L?
 * Green L then.", "no S?? and the navy, is S possible?"): that question refuses nothing, nor does the retry asked as
 * another question; the no, if any, follows it ("no grey? forget it then").
 */
const afterAsked = (text: string): string => {
  const at = text.indexOf('?');
  const rest = at < 0 ? '' : text.slice(at + 1);
  return /[\p{L}\d]/u.test(rest) ? rest : text;
};

/** The refusal said back as a no of what was refused ("ok no red, the grey then", "not the L then, M"): no no of the retry. */
function withoutRefused(text: string, wish: { size: string | null; colour: string | null }): string {
  const refused = [wish.colour, wish.size].filter((x): x is string => !!x).map((x) => x.replace(/[^\p{L}\d ]/gu, ''));
  if (!refused.length) return text;
  return text.replace(new RegExp(`\\b(?:no|not|nope)\\s+(?:the\\s+|any\\s+|in\\s+)?(?:${refused.join('|')})\\b[,.!]?`, 'giu'), ' ');
}

/** The piece, size and colour the refused swap asked for. */
function refusedWish(args: Record<string, unknown>): { item: string; size: string | null; colour: string | null } | null {
  const items = Array.isArray(args.items) ? (args.items as Array<Record<string, unknown>>) : [];
  const first = items.length === 1 ? items[0] : undefined;
  if (!first || typeof first.item !== 'string') return null;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return { item: first.item, size: text(first.size), colour: text(first.colour) };
}

/**
 * The refused swap asked again with this message's colour or size; returns the order it is on (or the order given
 * when the message is no such retry). A piece of another kind, another order, or a request the words are sure of
 * (a question about an order, a hand-over, a no) is no retry.
 */
export function retriedSwap(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem, u } = r;
  const refused = mem.refusedSwap;
  const wish = refused ? refusedWish(refused) : null;
  const order = typeof refused?.orderNumber === 'string' ? refused.orderNumber : null;
  if (!wish || !order || d.settledByState) return orderNumber;
  // The refusal said back ("ok no red, the grey then") is no no of what follows it: the slots read without it.
  const said = withoutRefused(r.text, wish);
  const e = said === r.text ? d.e : { ...extractEntities(normalize(said)), orderNumbers: d.e.orderNumbers };
  if ((!e.colour && !e.size) || e.email || e.address) return orderNumber;
  if (e.orderNumbers.some((n) => n !== order)) return orderNumber;
  if (((u.scores[u.intent] ?? 0) >= SURE && STANDS.has(u.intent)) || isClearNo(afterAsked(said))) return orderNumber;
  const word = normalize(wish.item).tokens.find((w) => CATEGORY_WORDS[w]) ?? null;
  if (e.category && word && CATEGORY_WORDS[word] !== e.category) return orderNumber;
  d.e = {
    ...e,
    category: e.category ?? (word ? CATEGORY_WORDS[word]! : null),
    categoryWord: e.categoryWord ?? word,
    size: e.size ?? wish.size,
    colour: e.colour ?? wish.colour,
  };
  d.intent = 'exchange';
  d.settledByState = true;
  return order;
}
