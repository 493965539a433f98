// Entities in a shopper message: order numbers, email, size, colour, category, price ceiling,
// quantity, and references to what the previous turn showed ("the second one", "the blue one", "it").
import type { Normalized } from './normalize.js';
import { CATEGORY_WORDS, COLOUR_WORDS, NUMBER_WORDS, ORDINAL_WORDS } from './lexicon.js';
import type { CATEGORIES } from '../../tools/index.js';

export type Category = (typeof CATEGORIES)[number];

export interface Entities {
  orderNumbers: string[];
  email: string | null;
  size: string | null;
  colour: string | null;
  category: Category | null;
  /** The word that named the category ("sneaker"), useful as a search term when it is a subtype. */
  categoryWord: string | null;
  maxPrice: number | null;
  /** The low end of "between $50 and $100". */
  minPrice: number | null;
  quantity: number | null;
  /** 1-based position in the previous list; -1 for "the last one". */
  ordinal: number | null;
  /** "it", "that", "this one", "those": points at the previous turn's single item. */
  pronoun: boolean;
  /** A definite product reference: "the wrap dress", "this jacket". */
  definite: boolean;
  /** "in my size", "my usual size": the size the customer usually buys. */
  mySize: boolean;
  /** Descriptive words left over for a free-text search ("linen", "wedding"). */
  descriptors: string[];
  /** What the shopper does not want: "not black", "no polyester", "different from the canvas ones". */
  exclude: string[];
  /** A US address written out ("500 Market Street, San Francisco, CA 94105"). */
  address: Record<string, string> | null;
}

// "500 Market Street, Apt 3, San Francisco, CA 94105": number and street (no digits after the house
// number, so "order 28511 to 500 Market St" starts at 500), an optional unit, city, state, ZIP.
const ADDRESS = /\b(\d{1,6}\s+[A-Za-z][A-Za-z .'#-]*?)\s*,\s*(?:((?:apt|apartment|suite|ste|unit|#)\.?\s*[\w-]+)\s*,\s*)?([A-Za-z][A-Za-z .]*?)\s*,\s*([A-Za-z]{2})\s+(\d{5}(?:-\d{4})?)\b/i;

export function parseAddress(text: string): Record<string, string> | null {
  const m = ADDRESS.exec(text);
  if (!m) return null;
  // The text arrives lower-cased: addresses are written back in title case.
  const title = (x: string) => x.trim().replace(/\b[a-z]/g, (c) => c.toUpperCase());
  return { line1: title(m[1]!), ...(m[2] ? { line2: title(m[2]) } : {}), city: title(m[3]!), state: m[4]!.toUpperCase(), zip: m[5]! };
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/;
const PRICE_RANGE = /\b(?:between|from)\s*\$?\s*(\d+(?:\.\d+)?)\s*(?:dollars|bucks|usd)?\s*(?:and|to|-)\s*\$?\s*(\d+(?:\.\d+)?)/;
const PRICE_PATTERNS = [
  /(?:under|below|less than|cheaper than|max(?:imum)?|up to|at most|no more than|within|<)\s*(?:of\s*)?\$?\s*(\d+(?:\.\d+)?)/,
  // "my budget is 80", "budget around 100", "about $60", "roughly 120": a ceiling (a size is never "around 100").
  /\bbudget\s*(?:(?:is|of|around|about|roughly|max|up to|:)\s*)*\$?\s*(\d+(?:\.\d+)?)/,
  /\b\$?([2-9]\d|\d{3,})\s*-?ish\b/,
  /\b(?:around|about|roughly|approx(?:imately)?|~)\s*\$?\s*([2-9]\d|\d{3,})\b(?!\s*(?:%|(?:day|week|month|year|hour|minute|min|cm|in|inch|kg|lb|percent|off)(?:e?s)?\b))/,
  /\$\s*(\d+(?:\.\d+)?)/,
  /(\d+(?:\.\d+)?)\s*(?:dollars|bucks|usd|\$)/,
];
const SIZE_WORDS: Record<string, string> = { xs: 'XS', xxs: 'XS', xl: 'XL', xxl: 'XXL', small: 'S', medium: 'M', med: 'M', large: 'L' };
const SIZE_LETTERS: Record<string, string> = { s: 'S', m: 'M', l: 'L' };
const SIZE_LEADS = new Set(['size', 'in', 'a', 'an', 'sz', 'eu', 'the', 'to']);
const MY_SIZE = /\bmy (usual |normal |regular |own )?size\b|\bsize i (usually |normally )?(wear|take|buy)\b/;
const SIZE_TAILS = new Set(['please', 'pls', 'then', 'instead']);
const SIZE_VERBS = new Set(['make', 'get', 'want', 'need', 'take', 'have']);
const SIZE_NEGATORS = new Set(['too', 'run', 'runs', 'running', 'fit', 'fits', 'bit', 'little']);
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
const SCOPE_SKIP = new Set(['want', 'like', 'need', 'do', 'the', 'a', 'an', 'any', 'anything', 'too', 'in', 'of', 'made', 'with', 'ones', 'one', 'colour', 'color', 'or', 'nor', 'those', 'these', 'that', 'really', 'very', 'more', 'so', 'such', 'plain', 'fabric', 'material']);
/** Occasions that read like colours: a dress code, not a colour. */
const DRESS_CODES = new Set(['black tie', 'white tie']);

/** Words that never make a useful free-text search term. */
const NOT_DESCRIPTIVE = new Set(
  ('different i me my usual normal regular own you your we our a an the this that these those it its is are am be was do does did have has had got get give show tell see find ' +
    'look looking search searching browse need want would like could can will may might please pls any some something anything thing ' +
    'for to of in on at by with from about and or but so if not no yes just also maybe really very much more most new cheap cheapest ' +
    'nice good great what which who how where when there here one ones kind sort type under below less than over max min dollar buck price budget between roughly approx approximately arrival arrivals newest latest arrived landed dropped status update wear wearing occasion men mens women womens man woman ladies return returns returning refund exchange ' +
    'size sizes color colour sell carry stock available store shop u buy add cart basket bag order put take pair couple few lot all other ' +
    'let us know else again still only even too go going around perhaps wanna gonna gimme hey hi hello thanks thank sure ok okay ' +
    'have has offer offering collection catalog catalogue item product products stuff range selection option options left ' +
    'then instead also actually well just rather else okay fine great cool hmm umm uh oh yeah yes ' +
    // When the shopper needs it is not what it is ("next week" is not a weekender bag).
    'next week weeks month months today tomorrow tonight soon day days monday tuesday wednesday thursday friday saturday sunday ' +
    // Feelings about a product and "like it" words say nothing about which product.
    'love loved loving similar alike perfect awesome amazing brilliant fab fabulous excellent ideal gorgeous lovely ' +
    // Verbs of asking about a product, not words in it.
    'none style styles bought ordered purchased come comes came supposed should pack packing recommend recommendation recommendations suggest suggestion suggestions ' +
    // Who it is for, and asking for more or for what is popular, do not describe a product.
    'gift gifts present presents idea ideas mum mom mother dad father boyfriend girlfriend husband wife partner sister brother ' +
    'daughter son friend grandma granddad guest him her them else others options cheaper expensive affordable best seller popular ' +
    'trending favourite favorite cost costs right now she his hers their ' +
    // Questions about a product's page (what it is made of, how to wash it) name no product.
    'made material fabric washable wash machine care instruction instructions lined stretchy fit').split(' '),
);

function isOrderNumberContext(lower: string, match: RegExpExecArray): boolean {
  const before = lower.slice(Math.max(0, match.index - 14), match.index);
  const after = lower.slice(match.index + match[0].length, match.index + match[0].length + 8);
  return !/(under|below|less than|max|up to|at most|\$)\s*$/.test(before) && !/^\s*(dollars|bucks|usd|\$)/.test(after);
}

export function extractEntities(n: Normalized): Entities {
  const lower = n.lower;
  const email = EMAIL.exec(lower)?.[0] ?? null;
  const withoutEmail = email ? lower.replace(email, ' ') : lower;

  const orderNumbers: string[] = [];
  const numRe = /#?\b(\d{4,10})\b/g;
  for (let m = numRe.exec(withoutEmail); m; m = numRe.exec(withoutEmail)) {
    if (isOrderNumberContext(withoutEmail, m) && !orderNumbers.includes(m[1]!)) orderNumbers.push(m[1]!);
  }

  let maxPrice: number | null = null;
  let minPrice: number | null = null;
  // The words as written, then as corrected ("undr 100" is "under 100").
  const priced = PRICE_PATTERNS.some((re) => re.test(withoutEmail)) || PRICE_RANGE.test(withoutEmail) || email ? withoutEmail : n.padded;
  const range = PRICE_RANGE.exec(priced);
  if (range && Number(range[1]) < Number(range[2]) && !orderNumbers.includes(range[2]!)) {
    minPrice = Number(range[1]);
    maxPrice = Number(range[2]);
  }
  for (const re of maxPrice === null ? PRICE_PATTERNS : []) {
    const m = re.exec(priced);
    if (m && !(orderNumbers.includes(m[1]!) && re !== PRICE_PATTERNS[0])) {
      const v = Number(m[1]);
      if (v > 0 && v <= 100_000) {
        maxPrice = v;
        const i = orderNumbers.indexOf(m[1]!);
        if (i >= 0) orderNumbers.splice(i, 1);
        break;
      }
    }
  }

  const t = n.tokens;
  let size: string | null = null;
  let colour: string | null = null;
  let category: Category | null = null;
  let categoryWord: string | null = null;
  let quantity: number | null = null;
  let ordinal: number | null = null;
  let pronoun = false;
  const descriptors: string[] = [];
  const exclude: string[] = [];
  let negated = false;

  for (let i = 0; i < t.length; i++) {
    const w = t[i]!;
    const prev = t[i - 1] ?? '';
    const next = t[i + 1] ?? '';
    if (NEGATORS.has(w) || NEGATOR_PAIRS[w]?.has(prev)) {
      negated = true;
      continue;
    }
    if (DRESS_CODES.has(`${w} ${next}`)) {
      descriptors.push('formal');
      i++;
      continue;
    }
    if (negated) {
      // A garment word excludes that kind only once the thing sought is named ("a bag other than the tote").
      const kind = CATEGORY_WORDS[w] ? (category && CATEGORY_WORDS[w] === category && w !== categoryWord ? w : null) : undefined;
      const word = COLOUR_WORDS[w] ?? (kind !== undefined ? kind : w.length >= 3 && !NOT_DESCRIPTIVE.has(w) && !/^\d+$/.test(w) && !SIZE_WORDS[w] ? w : null);
      if (word) {
        exclude.push(word);
        continue;
      }
      if (!SCOPE_SKIP.has(w)) negated = false;
      else continue;
    }
    if (SIZE_WORDS[w] && !SIZE_NEGATORS.has(prev)) {
      size ??= SIZE_WORDS[w]!;
      continue;
    }
    // A lone letter is a size after "size"/"in", in a short answer ("S then", "M please"), before
    // "then"/"instead", or what something is made ("make it S then", "get them L").
    if (SIZE_LETTERS[w] && (SIZE_LEADS.has(prev) || t.length <= 3 || SIZE_TAILS.has(next) || (i === t.length - 1 && prev !== 'i') || ((prev === 'it' || prev === 'them') && SIZE_VERBS.has(t[i - 2] ?? '')))) {
      size ??= SIZE_LETTERS[w]!;
      continue;
    }
    if (/^\d{1,2}$/.test(w)) {
      const v = Number(w);
      const shoeish = v >= 35 && v <= 47;
      // "a UK 12", "US 8", "in a 10": a dress size the store's chart converts (XS–XXL).
      // ("us" only after "a"/"in"/…: "send us 2" is not a size.)
      const before = t[i - 2];
      const dressSize = v >= 2 && v <= 20 && !QUANTITY_NOUNS.has(next) && (prev === 'uk' || (prev === 'us' && (before === undefined || SIZE_LEADS.has(before))) || (prev === 'a' && before === 'in'));
      if (prev === 'size' || prev === 'sz' || prev === 'eu' || dressSize || (shoeish && (prev === 'in' || prev === 'a' || next === 'eu'))) {
        size ??= w;
        continue;
      }
      if (v >= 1 && v <= 10 && (QUANTITY_NOUNS.has(next) || QUANTITY_VERBS.has(prev))) quantity ??= v;
      if (prev === 'number' || prev === 'option' || prev === 'no') ordinal ??= v;
      continue;
    }
    if (NUMBER_WORDS[w] !== undefined && (QUANTITY_NOUNS.has(next) || (QUANTITY_VERBS.has(prev) && next !== 'size'))) {
      quantity ??= NUMBER_WORDS[w]!;
      continue;
    }
    if (ORDINAL_WORDS[w] !== undefined) {
      // "my last order" is a reference too, but "last time" is not.
      if (!(w === 'last' && (next === 'time' || next === 'week' || next === 'month' || next === 'year'))) ordinal ??= ORDINAL_WORDS[w]!;
      continue;
    }
    // "a jacket that is waterproof": "that" after a noun starts a description, it points at nothing.
    if (w === 'that' && (CATEGORY_WORDS[prev] || prev === 'something' || prev === 'anything' || prev === 'one')) continue;
    if (PRONOUNS.has(w)) {
      pronoun = true;
      continue;
    }
    if (COLOUR_WORDS[w]) {
      colour ??= COLOUR_WORDS[w]!;
      continue;
    }
    if (CATEGORY_WORDS[w] && !(w === 'bag' && (prev === 'my' || prev === 'your'))) {
      // In a compound the last noun is the thing: a "t-shirt dress" is a dress, a "dress shirt" a shirt.
      const compound = categoryWord !== null && prev === categoryWord;
      if (!category || compound) {
        if (compound) descriptors.push(categoryWord!);
        category = CATEGORY_WORDS[w]!;
        categoryWord = w;
      }
      continue;
    }
    // "too fancy", "less shiny": what the shopper does not want is no search term.
    const toned = prev === 'too' || prev === 'less';
    if (w.length >= 3 && !NOT_DESCRIPTIVE.has(w) && !/^\d/.test(w) && !toned) descriptors.push(w);
  }
  const definite = categoryWord !== null && new RegExp(`\\b(the|this|that)\\s+(\\w+\\s+){0,5}?${categoryWord}`).test(n.padded);
  const mySize = MY_SIZE.test(n.padded);
  return { orderNumbers, email, size, colour, category, categoryWord, maxPrice, minPrice, quantity, ordinal, pronoun, definite, mySize, descriptors, exclude: [...new Set(exclude)], address: parseAddress(n.lower) };
}
