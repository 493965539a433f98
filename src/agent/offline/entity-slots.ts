// The word-by-word slots of a shopper message (entities.ts): size, colour, category, quantity,
// position, pronoun, descriptors and exclusions. Each token goes through a table of readers in
// order; the first one that takes the token ends its turn.
import { CATEGORY_WORDS, COLOUR_WORDS, NUMBER_WORDS, ORDINAL_WORDS } from './lexicon.js';
import type { CATEGORIES } from '../../tools/index.js';

type Category = (typeof CATEGORIES)[number];

const SIZE_WORDS: Record<string, string> = { xs: 'XS', xxs: 'XS', xl: 'XL', xxl: 'XXL', small: 'S', medium: 'M', med: 'M', large: 'L' };
const SIZE_LETTERS: Record<string, string> = { s: 'S', m: 'M', l: 'L' };
const SIZE_LEADS = new Set(['size', 'in', 'a', 'an', 'sz', 'eu', 'the', 'to']);
const SIZE_TAILS = new Set(['please', 'pls', 'then', 'instead']);
const SIZE_VERBS = new Set(['make', 'get', 'want', 'need', 'take', 'have']);
// How a piece runs, not a size: "too small", "runs large", "comes up small", "slightly big".
const SIZE_NEGATORS = new Set(['too', 'run', 'runs', 'running', 'fit', 'fits', 'bit', 'little', 'up', 'slightly', 'tad']);
/** A size chosen: "decided on M", "going with L", "opted for S" (the verb, then the word before the letter). */
const SIZE_CHOICES = new Set(['decided', 'settled', 'go', 'going', 'gone', 'went', 'opted', 'opt', 'chose', 'choose', 'picked', 'pick']);
const CHOICE_LINKS = new Set(['on', 'with', 'for']);
const PRONOUNS = new Set(['it', 'that', 'this', 'those', 'them', 'these']);
const QUANTITY_VERBS = new Set(['add', 'buy', 'take', 'get', 'put', 'order', 'want', 'need', 'give']);
const QUANTITY_NOUNS = new Set(['of', 'x', 'pcs', 'piece', 'item', 'unit', 'more']);

// Negation scope for search slots. A negator opens it; it covers the colour, material and style
// words that follow, across the few function words in between ("not the canvas ones", "no black
// or navy"), and closes at any other word ("no, I want a blue one" excludes nothing).
const NEGATORS = new Set(['not', 'no', 'dont', 'without', 'except', 'excluding', 'besides', 'non', 'nothing', 'avoid', 'hate', 'never']);
/** A second word that opens the scope after the first: "other than", "different from", "anything but", "instead of". */
const NEGATOR_PAIRS: Record<string, ReadonlySet<string>> = {
  than: new Set(['other', 'different', 'rather']),
  from: new Set(['different', 'apart', 'away']),
  to: new Set(['different']),
  of: new Set(['instead']),
  but: new Set(['anything', 'everything', 'all']),
};
const SCOPE_SKIP = new Set([
  'want',
  'like',
  'need',
  'do',
  'the',
  'a',
  'an',
  'any',
  'anything',
  'too',
  'in',
  'of',
  'made',
  'with',
  'ones',
  'one',
  'colour',
  'color',
  'or',
  'nor',
  'those',
  'these',
  'that',
  'really',
  'very',
  'more',
  'so',
  'such',
  'plain',
  'fabric',
  'material',
]);
/** Occasions that read like colours: a dress code, not a colour. */
const DRESS_CODES = new Set(['black tie', 'white tie']);

/** Words that never make a useful free-text search term. */
const NOT_DESCRIPTIVE = new Set(
  (
    'different i me my usual normal regular own you your we our a an the this that these those it its is are am be was do does did have has had got get give show tell see find ' +
    'look looking search searching browse need want would like could can will may might please pls any some something anything thing ' +
    'for to of in on at by with from about and or but so if not no yes just also maybe really very much more most new cheap cheapest ' +
    'nice good great what which who how where when there here one ones kind sort type under below less than over max min dollar buck price damage budget between roughly approx approximately arrival arrivals newest latest arrived landed dropped status update wear wearing occasion men mens women womens man woman ladies return returns returning refund exchange ' +
    'size sizes color colour sell carry stock available store shop u buy add cart basket bag order put take pair couple few lot all other ' +
    'let us know else again still only even too go going around perhaps wanna gonna gimme hey hi hello thanks thank sure ok okay ' +
    'have has offer offering collection catalog catalogue item product products stuff range selection option options left ' +
    'then instead also actually well just rather else okay fine great cool hmm umm uh oh yeah yes same ' +
    // Amounts in words are a price (entities.ts reads them), not what the piece is.
    'eleven twelve fifteen twenty thirty forty fifty sixty seventy eighty ninety hundred dollars bucks ' +
    // When the shopper needs it is not what it is ("next week" is not a weekender bag).
    'next week weeks month months today tomorrow tonight soon day days monday tuesday wednesday thursday friday saturday sunday ' +
    'january february april june july august september october november december ' +
    // Interjections, intensifiers and a story's joining words ("omg, I totally need…", "since it's a wedding") are no part of the piece.
    'omg lol totally literally honestly seriously basically definitely absolutely ideally preferably since either thinking after ' +
    // When in the chat it is asked ("before that, show me…", "meanwhile, any scarves?") is no part of the piece either.
    'before meanwhile ' +
    // Who has it or wears it ("navy, if they have it", "she also needs a scarf") is no part of the piece.
    'he she him her his hers they them their theirs ' +
    // A hedge said with a detail ("M I think", "grey, I reckon") is no part of the piece.
    'think reckon suppose guess probably ' +
    // Feelings about a product and "like it" words say nothing about which product.
    'love loved loving similar alike perfect awesome amazing brilliant fab fabulous excellent ideal gorgeous lovely ' +
    // A negator's idioms of letting go ("never mind", "no worries", "nah forget it") say nothing about the piece: no exclusion.
    'mind worries worry rush hurry bother matter forget ' +
    // Asking for help to find it ("can you help me find boots") is the asking, not the piece.
    'help helping helped assist assisting assistance locate ' +
    // Verbs of asking about a product, not words in it.
    'none style styles bought ordered purchased come comes came supposed should pack packing recommend recommendation recommendations suggest suggestion suggestions ' +
    // Verbs of buying and paying: how to get a product, not what it is.
    'pay paying payment checkout purchase purchasing ordering place placing ' +
    // Other words for buying ("book", "sign up for", "grab") and the account it goes on.
    'book booking reserve sign signing grab account email ' +
    // Who it is for, and asking for more or for what is popular, do not describe a product.
    'gift gifts present presents idea ideas mum mom mother dad father boyfriend girlfriend husband wife partner sister brother ' +
    'daughter son friend grandma granddad guest him her them else others options cheaper expensive affordable best seller popular ' +
    'trending favourite favorite cost costs right now she his hers their ' +
    // Questions about a product's page (what it is made of, how to wash it) name no product.
    'made material fabric washable wash machine care instruction instructions lined stretchy fit ' +
    // How much of something, said of the products shown ("those are a bit much"), is no search term.
    'bit little quite somewhat kinda kind abit overly ' +
    // A formal request's and a self-correction's own words ("kindly advise how I proceed", "sorry, no wait, I mean", "this time") name no product.
    'kindly advise advice proceed sorry wait mean time obviously ' +
    // A count of the pieces shown ("the cheaper of the two", "which of the three") names none of them.
    'two three four five both'
  ).split(' '),
);

export interface TokenSlots {
  size: string | null;
  colour: string | null;
  category: Category | null;
  categoryWord: string | null;
  quantity: number | null;
  ordinal: number | null;
  pronoun: boolean;
  descriptors: string[];
  exclude: string[];
}

/** Where the scan is: the tokens, the current index (a reader may skip one), and the negation scope. */
interface Cursor {
  t: readonly string[];
  i: number;
  w: string;
  prev: string;
  next: string;
  negated: boolean;
}

/** Reads one token into the slots; true when it took the token (the next readers do not see it). */
type SlotReader = (c: Cursor, s: TokenSlots) => boolean;

function readNegator(c: Cursor): boolean {
  if (!(NEGATORS.has(c.w) || NEGATOR_PAIRS[c.w]?.has(c.prev))) return false;
  c.negated = true;
  return true;
}

function readDressCode(c: Cursor, s: TokenSlots): boolean {
  if (!DRESS_CODES.has(`${c.w} ${c.next}`)) return false;
  s.descriptors.push('formal');
  c.i++;
  return true;
}

function readExcluded(c: Cursor, s: TokenSlots): boolean {
  if (!c.negated) return false;
  const w = c.w;
  // A garment word excludes that kind only once the thing sought is named ("a bag other than the tote"), by its
  // kind or as a piece described by the words of its name ("the crew neck one, not the tank").
  const described = !s.category && s.descriptors.length > 0 && c.t.slice(0, c.i).some((x) => x === 'one' || x === 'ones');
  const sought = (s.category && CATEGORY_WORDS[w] === s.category && w !== s.categoryWord) || described;
  const kind = CATEGORY_WORDS[w] ? (sought ? w : null) : undefined;
  const word =
    COLOUR_WORDS[w] ??
    (kind !== undefined ? kind : w.length >= 3 && !NOT_DESCRIPTIVE.has(w) && !/^\d+$/.test(w) && !SIZE_WORDS[w] ? w : null);
  // A word already sought, said again after "not", names a variant of it, not the thing ("cashmere, not
  // 'cashmere-feel'", "wool, not a wool mix"): the rest of the phrase is excluded, the word stays sought.
  if (word && (s.descriptors.includes(word) || word === s.colour)) return true;
  if (word) {
    s.exclude.push(word);
    return true;
  }
  if (SCOPE_SKIP.has(w)) return true;
  c.negated = false;
  return false;
}

/** A size said as given up for another ("swap L for M", "large for a medium", "from L to M"): the other is the size meant. */
const isSize = (w: string | undefined): boolean => !!w && !!(SIZE_WORDS[w] || SIZE_LETTERS[w]);
const TRADED_FOR = new Set(['for', 'to']);
function tradedAway(t: readonly string[], i: number): boolean {
  return TRADED_FOR.has(t[i + 1] ?? '') && (isSize(t[i + 2]) || (SIZE_LEADS.has(t[i + 2] ?? '') && isSize(t[i + 3])));
}
/** The size taken in its place ("… L for M"): the letter after "for" or "to" with a size just before. */
const tradedInto = (t: readonly string[], i: number): boolean =>
  TRADED_FOR.has(t[i - 1] ?? '') ? isSize(t[i - 2]) : SIZE_LEADS.has(t[i - 1] ?? '') && TRADED_FOR.has(t[i - 2] ?? '') && isSize(t[i - 3]);

function readSizeWord(c: Cursor, s: TokenSlots): boolean {
  if (!(SIZE_WORDS[c.w] && !SIZE_NEGATORS.has(c.prev))) return false;
  if (!tradedAway(c.t, c.i)) s.size ??= SIZE_WORDS[c.w]!;
  return true;
}

/** A size set against the one it replaces ("L, not XL", "M rather than the L"): the words between them. */
const SET_AGAINST = new Set(['not', 'rather', 'than', 'the', 'a', 'an']);

/** Whether the size letter at `i` is followed by "not"/"rather" and the size it replaces. */
function setAgainstSize(t: readonly string[], i: number): boolean {
  if (t[i + 1] !== 'not' && t[i + 1] !== 'rather') return false;
  const other = t.slice(i + 1, i + 5).find((x) => !SET_AGAINST.has(x));
  return !!other && !!(SIZE_WORDS[other] || SIZE_LETTERS[other]);
}

// A lone letter is a size after "size"/"in", in a short answer ("S then", "M please"), before
// "then"/"instead", what something is made ("make it S then", "get them L"), the size chosen ("decided on M"),
// or set against the size it replaces ("L, not XL").
function readSizeLetter(c: Cursor, s: TokenSlots): boolean {
  const { t, i, w, prev, next } = c;
  const letter =
    SIZE_LETTERS[w] &&
    (SIZE_LEADS.has(prev) ||
      setAgainstSize(t, i) ||
      t.length <= 3 ||
      SIZE_TAILS.has(next) ||
      (i === t.length - 1 && prev !== 'i') ||
      ((prev === 'it' || prev === 'them') && SIZE_VERBS.has(t[i - 2] ?? '')) ||
      (CHOICE_LINKS.has(prev) && SIZE_CHOICES.has(t[i - 2] ?? '')) ||
      tradedInto(t, i));
  if (!letter) return false;
  if (tradedAway(t, i)) return true;
  s.size ??= SIZE_LETTERS[w]!;
  return true;
}

function readNumber(c: Cursor, s: TokenSlots): boolean {
  const { t, i, w, prev, next } = c;
  if (!/^\d{1,2}$/.test(w)) return false;
  const v = Number(w);
  const shoeish = v >= 35 && v <= 47;
  // "a UK 12", "US 8", "in a 10": a dress size the store's chart converts (XS–XXL).
  // ("us" only after "a"/"in"/…: "send us 2" is not a size.)
  const before = t[i - 2];
  const dressSize =
    v >= 2 &&
    v <= 20 &&
    !QUANTITY_NOUNS.has(next) &&
    (prev === 'uk' || (prev === 'us' && (before === undefined || SIZE_LEADS.has(before))) || (prev === 'a' && before === 'in'));
  if (prev === 'size' || prev === 'sz' || prev === 'eu' || dressSize || (shoeish && (prev === 'in' || prev === 'a' || next === 'eu'))) {
    s.size ??= w;
    return true;
  }
  if (v >= 1 && v <= 10 && (QUANTITY_NOUNS.has(next) || QUANTITY_VERBS.has(prev))) s.quantity ??= v;
  if (prev === 'number' || prev === 'option' || prev === 'no') s.ordinal ??= v;
  return true;
}

function readQuantityWord(c: Cursor, s: TokenSlots): boolean {
  if (!(NUMBER_WORDS[c.w] !== undefined && (QUANTITY_NOUNS.has(c.next) || (QUANTITY_VERBS.has(c.prev) && c.next !== 'size')))) return false;
  s.quantity ??= NUMBER_WORDS[c.w]!;
  return true;
}

function readOrdinalWord(c: Cursor, s: TokenSlots): boolean {
  const { w, next } = c;
  if (ORDINAL_WORDS[w] === undefined) return false;
  // "my last order" is a reference too, but "last time" is not.
  if (!(w === 'last' && (next === 'time' || next === 'week' || next === 'month' || next === 'year'))) s.ordinal ??= ORDINAL_WORDS[w]!;
  return true;
}

// "a jacket that is waterproof": "that" after a noun starts a description, it points at nothing.
function readRelativeThat(c: Cursor): boolean {
  const prev = c.prev;
  return c.w === 'that' && !!(CATEGORY_WORDS[prev] || prev === 'something' || prev === 'anything' || prev === 'one');
}

function readPronoun(c: Cursor, s: TokenSlots): boolean {
  if (!PRONOUNS.has(c.w)) return false;
  s.pronoun = true;
  return true;
}

function readColour(c: Cursor, s: TokenSlots): boolean {
  if (!COLOUR_WORDS[c.w]) return false;
  s.colour ??= COLOUR_WORDS[c.w]!;
  return true;
}

function readCategory(c: Cursor, s: TokenSlots): boolean {
  const { w, prev } = c;
  if (!(CATEGORY_WORDS[w] && !(w === 'bag' && (prev === 'my' || prev === 'your')))) return false;
  // In a compound the last noun is the thing: a "t-shirt dress" is a dress, a "dress shirt" a shirt.
  const compound = s.categoryWord !== null && prev === s.categoryWord;
  if (!s.category || compound) {
    if (compound) s.descriptors.push(s.categoryWord!);
    s.category = CATEGORY_WORDS[w]!;
    s.categoryWord = w;
  }
  return true;
}

function readDescriptor(c: Cursor, s: TokenSlots): boolean {
  const w = c.w;
  // "too fancy", "less shiny", "a bit flashy": what the shopper does not want is no search term.
  const toned = c.prev === 'too' || c.prev === 'less' || c.prev === 'bit' || c.prev === 'little' || c.prev === 'overly';
  if (w.length >= 3 && !NOT_DESCRIPTIVE.has(w) && !/^\d/.test(w) && !toned) s.descriptors.push(w);
  return true;
}

/** The readers, in the order they get a token. */
const SLOT_READERS: readonly SlotReader[] = [
  readNegator,
  readDressCode,
  readExcluded,
  readSizeWord,
  readSizeLetter,
  readNumber,
  readQuantityWord,
  readOrdinalWord,
  readRelativeThat,
  readPronoun,
  readColour,
  readCategory,
  readDescriptor,
];

/** `starts`: where a new sentence begins; a negation's scope ends with its sentence ("not desperate. Grey or black"). */
export function readTokenSlots(t: readonly string[], starts: ReadonlySet<number> = new Set()): TokenSlots {
  const s: TokenSlots = {
    size: null,
    colour: null,
    category: null,
    categoryWord: null,
    quantity: null,
    ordinal: null,
    pronoun: false,
    descriptors: [],
    exclude: [],
  };
  const c: Cursor = { t, i: 0, w: '', prev: '', next: '', negated: false };
  for (c.i = 0; c.i < t.length; c.i++) {
    c.w = t[c.i]!;
    if (starts.has(c.i)) c.negated = false;
    c.prev = t[c.i - 1] ?? '';
    c.next = t[c.i + 1] ?? '';
    SLOT_READERS.some((read) => read(c, s));
  }
  return s;
}
