// A heading before a request ("jumper from last weeks order. swap L for M", "sneakers order. is it on the van yet?",
// "the chinos from my delivered order. want to send them back"): a clause that only names one of the shopper's orders
// (an order word, and a piece, a time or a state of it at most) says what the request after it is about, as a colon
// would; it is no request of its own (alone the classifier reads it as a reorder, a look-up or how to order), and the two
// are read as one. A closed construction, like multi-cut.ts's BARE_PLEA: a noun phrase, no verb in it.
import { CATEGORY_WORDS, COLOUR_WORDS, sameKindWords } from './lexicon.js';

/** The words that name an order the shopper has. */
const ORDER_WORDS = new Set(['order', 'orders', 'delivery', 'purchase', 'parcel', 'package', 'shipment']);
/** Words a heading may hold besides them: determiners, prepositions, when and in what state, which piece, its size. */
const HEADING_WORDS = new Set(
  (
    'the my a an this that these those our his her their your me re regarding about ref from of in with on for at ' +
    'one ones item items pair box last latest recent previous earlier other first second new old today todays yesterday ' +
    'morning mornings afternoon evening night week weeks month days ago weekend monday tuesday wednesday thursday friday ' +
    'saturday sunday delivered shipped placed sent arrived cancelled processing xs s m l xl xxl small medium large size'
  ).split(' '),
);

const singular = (w: string): string => w.replace(/(?:es|s)$/, '');
const namesPiece = (w: string): boolean =>
  w in CATEGORY_WORDS ||
  singular(w) in CATEGORY_WORDS ||
  w.replace(/s$/, '') in CATEGORY_WORDS ||
  sameKindWords(w).length > 1 ||
  w in COLOUR_WORDS;

/** Only names an order of the shopper's (at most eight words, an order word or number among them), asking nothing of it. */
export function onlyNamesAnOrder(text: string): boolean {
  const words = text
    .toLowerCase()
    .replace(/'s\b|’s\b/g, 's')
    .split(/[^a-z0-9-]+/)
    .filter(Boolean);
  if (!words.length || words.length > 8 || !words.some((w) => ORDER_WORDS.has(w) || /^\d{4,10}$/.test(w))) return false;
  return words.every((w) => ORDER_WORDS.has(w) || HEADING_WORDS.has(w) || /^\d+$/.test(w) || namesPiece(w));
}

/** What may be asked of an order named before: where it is, when it comes, sending back, swapping, cancelling, moving it. */
const OF_AN_ORDER: ReadonlySet<string> = new Set([
  'order_status',
  'delivery_time',
  'return',
  'exchange',
  'cancel_order',
  'change_address',
  'refund_status',
  'report_problem',
]);

/**
 * Piece i is a heading of the one after it: it only names an order, and the next, with no connective between ("also",
 * "then"), asks something of an order and names no other kind of piece.
 */
export function headsNext(
  i: number,
  cut: ReadonlyArray<{ text: string; connective: boolean }>,
  read: ReadonlyArray<{ intent: string; entities: { category: string | null } }>,
): boolean {
  const next = cut[i + 1];
  const nextRead = read[i + 1];
  if (!next || !nextRead || next.connective || !OF_AN_ORDER.has(nextRead.intent)) return false;
  const category = nextRead.entities.category;
  return (!category || category === read[i]?.entities.category) && onlyNamesAnOrder(cut[i]!.text);
}
