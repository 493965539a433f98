// A cancellation of some pieces of an order, not all ("cancel the tee, I keep the chinos", "remove only the t-shirt
// from today's order"): the cancel tool cancels whole orders only, so nothing is proposed; the reply says plainly what
// can be done (the whole order cancelled, or the piece sent back once it arrives) and offers a person.
import type { Frame } from './frame.js';
import type { OrderView } from './results.js';
import { listText, namesPiece } from './results.js';
import { itemWords, stem } from './frame-follow.js';
import { sameKindWords } from './lexicon.js';
import { PHRASES } from './phrases.js';
import { reply, type Step } from './steps.js';
import { classifyScope } from './nlu/index.js';

/**
 * How much of the order the words mean, the scope head's reading: `part`, something of it kept ("I keep the pants", "I
 * still want the trousers", "the chinos can stay"); `all`, the whole order ("the whole thing", "in its entirety");
 * `none`, neither said.
 */
const orderScope = (text: string) => classifyScope(text, ['all', 'part']).scope;

/** The message's words, "t-shirt" as one word, stemmed ("chinos": chino). */
const wordsOf = (text: string): string[] =>
  (
    text
      .toLowerCase()
      .replace(/\bt[\s-]shirt/g, 'tshirt')
      .match(/\p{L}+|\d+/gu) ?? []
  ).map(stem);

/** The word names the piece: a word of its name ("chinos") or its kind in other words ("the t-shirt" of a Crew Tee). */
const namesItem = (item: string, w: string): boolean =>
  w.length >= 3 && (itemWords(item).has(w) || (sameKindWords(w).length > 1 && namesPiece(item, w)));

/** Words that take a piece out of an order ("cancel the tee", "remove the t-shirt", "take the tee off"). */
const TAKES_OUT: ReadonlySet<string> = new Set(['cancel', 'remove', 'delete', 'drop', 'take']);

/**
 * A part of the order told by how much, no piece named ("only one item", "one of the items", "a single thing", "part of my
 * order", "some of the items"): a yes to the whole order would cancel more than was asked.
 */
const PIECES = '(?:items?|pieces?|things?|products?|articles?)';
const SOME_OF_IT = new RegExp(
  `\\b(?:one|1|a single|single|some|a few|certain)\\s+(?:of\\s+(?:(?:the|my|these|those)\\s+${PIECES}|it)|${PIECES})\\b` +
    '|\\b(?:part|some|half) of (?:it|(?:the |my |this |that )?order|the items|my items)\\b',
  'i',
);
/** A count of pieces is told ("one item", "one of the items", "part of my order"), not of orders ("one of my orders"). */
const partOfOrder = (text: string): boolean => SOME_OF_IT.test(text);

/** "only" or "just" before a piece ("just the tee", "only the t-shirt"), not before the action ("just cancel the order"). */
const ONLY_PIECE = /\b(only|just)\s+(?:the|my|that|this|these|those|one)\s+(?!order\b)\w/i;

/**
 * The words cancel some of the order's pieces, not the whole order: a part told by count ("only one item", "one of
 * the items", "part of my order"), a piece named and one kept ("the chinos can stay"),
 * a piece singled out ("just the tee"), or a piece the cancelling word takes ("cancel the tee", "remove the t-shirt from
 * my order") beside one left out. A piece told only as the reason ("the order 28511 I want to cancel, I ordered the same
 * trousers twice") is no partial cancellation: the whole order is.
 */
export function cancelsSome(order: OrderView, f: Pick<Frame, 'text' | 'e'>): boolean {
  const scope = orderScope(f.text);
  if (order.items.length < 2 || scope === 'all') return false;
  if (partOfOrder(f.text)) return true;
  const words = wordsOf(f.text);
  const named = order.items.filter(
    (item) => (f.e.categoryWord !== null && namesPiece(item, f.e.categoryWord)) || words.some((w) => namesItem(item, w)),
  );
  if (!named.length) return false;
  if (scope === 'part' || ONLY_PIECE.test(f.text)) return true;
  // The piece within a few words after the cancelling word is what it takes out.
  const taken = words.some((w, i) => TAKES_OUT.has(w) && words.slice(i + 1, i + 5).some((x) => named.some((item) => namesItem(item, x))));
  return taken && named.length < order.items.length;
}

/** The words may single out pieces (a piece named, one kept, "just the tee"): an order not yet seen is looked up first. */
export const mayCancelSome = (f: Frame): boolean =>
  f.e.categoryWord !== null || orderScope(f.text) === 'part' || ONLY_PIECE.test(f.text) || partOfOrder(f.text);

/** What can be done instead of cancelling one piece, with a person offered where one can be. */
export function someCancelledStep(order: OrderView, tools: ReadonlySet<string>): Step {
  const body =
    `${PHRASES.wholeOrderOnly} order #${order.orderNumber} holds ${listText(order.items)}. ` +
    'I can cancel the whole order for you (and you order again what you want to keep), or you keep the order and send ' +
    'back the piece you do not want once it arrives.';
  return tools.has('escalate_to_human') ? reply({ kind: 'ask', body: `${body} ${PHRASES.humanOffer}` }) : reply({ kind: 'fact', body });
}
