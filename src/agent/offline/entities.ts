// Entities in a shopper message: order numbers, email, size, colour, category, price ceiling,
// quantity, and references to what the previous turn showed ("the second one", "the blue one", "it").
import { normalize, type Normalized } from './normalize.js';
import { readTokenSlots, type TokenSlots } from './entity-slots.js';
import { COLOUR_WORDS, CORRECTION_MARKERS, PAIRING_MARKERS, UNIT_WORDS } from './lexicon.js';
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
// A street's words may be an ordinal ("900 SW 5th Ave"); a unit may run into the city ("Suite 1200 Portland, OR 97204").
const STREET_WORD = String.raw`(?:[a-z][a-z.'#-]*|\d{1,3}(?:st|nd|rd|th))`;
const UNIT = String.raw`(?:(?:apt|apartment|flat|suite|ste|unit|room|rm|floor|fl)\b\.?|#)\s*#?\s*[\w-]*\d[\w-]*`;
const ADDRESS = new RegExp(
  String.raw`\b(\d{1,6}\s+${STREET_WORD}(?:\s+${STREET_WORD})*?)\s*,\s*(?:(${UNIT})\s*,?\s*)?([a-z][a-z .]*?)\s*,\s*([a-z]{2})\s+(\d{5}(?:-\d{4})?)\b`,
  'i',
);
/** A unit named anywhere beside the address ("…, NV 89109. Attn Marcus Reid, room 1412"): its second line (never "#28511"). */
const UNIT_SAID = /\b((?:apt|apartment|flat|suite|ste|unit|room|rm|floor|fl)\b\.?\s*#?\s*[\w-]*\d[\w-]*)/i;

// The same written without commas, as dictation gives it ("77 Birch Avenue Beaverton OR 97005"):
// the street ends at its street-type word, the state is a US state's code before the ZIP.
const STREET_TYPES =
  'street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|terrace|ter|parkway|pkwy|highway|hwy|circle|cir|square|sq|trail|loop';
const US_STATES =
  'al|ak|az|ar|ca|co|ct|de|dc|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|nh|nj|nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy';
const ADDRESS_PLAIN = new RegExp(
  String.raw`\b(\d{1,6}\s+(?:${STREET_WORD}\s+){0,4}?(?:${STREET_TYPES})\.?)\s*,?\s+(?:(${UNIT})\s*,?\s+)?([a-z][a-z .]*?)\s*,?\s+(${US_STATES})\.?\s+(\d{5}(?:-\d{4})?)\b`,
  'i',
);

// The street set off by a comma and the city not ("77 NE Broadway, Portland OR 97232"): the state is a US state's code.
const ADDRESS_CITY_STATE = new RegExp(
  String.raw`\b(\d{1,6}\s+${STREET_WORD}(?:\s+${STREET_WORD})*?)\s*,\s*(?:(${UNIT})\s*,?\s*)?([a-z][a-z .]*?)\s+(${US_STATES})\.?\s+(\d{5}(?:-\d{4})?)\b`,
  'i',
);

export function parseAddress(text: string): Record<string, string> | null {
  const m = ADDRESS.exec(text) ?? ADDRESS_PLAIN.exec(text) ?? ADDRESS_CITY_STATE.exec(text);
  if (!m) return null;
  // The text arrives lower-cased: addresses are written back in title case.
  const title = (x: string) => x.trim().replace(/\b[a-z]/g, (c) => c.toUpperCase());
  const unit = m[2] ?? UNIT_SAID.exec(text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length))?.[1];
  return { line1: title(m[1]!), ...(unit ? { line2: title(unit) } : {}), city: title(m[3]!), state: m[4]!.toUpperCase(), zip: m[5]! };
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/;
// An address said rather than typed, as dictation writes it: "marcus at example dot com".
const SPOKEN_EMAIL =
  /\b([a-z0-9][a-z0-9_-]*(?:\s+dot\s+[a-z0-9_-]+)*)\s+at\s+([a-z0-9][a-z0-9-]*(?:\s*(?:\bdot\b|\.)\s*[a-z0-9-]+)*?)\s*(?:\bdot\b|\.)\s*(com|net|org|edu|gov|io|co|uk|us|ca|de|fr|info|biz|me)\b/;

function emailIn(lower: string): string | null {
  const typed = EMAIL.exec(lower)?.[0];
  if (typed) return typed;
  const m = SPOKEN_EMAIL.exec(lower);
  const dots = (x: string) => x.replace(/\s*(?:\bdot\b|\.)\s*/g, '.');
  return m ? `${dots(m[1]!)}@${dots(m[2]!)}.${m[3]}` : null;
}

// Amounts in words, read as digits for a price ("under a hundred and fifty" is "under 150").
const UNITS = UNIT_WORDS;
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SMALL = String.raw`(?:(${Object.keys(TENS).join('|')})(?:[\s-]+(${Object.keys(UNITS).slice(0, 9).join('|')}))?|(${Object.keys(UNITS).join('|')}))`;
const AMOUNT = new RegExp(
  String.raw`\b(?:(a|one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+(?:and\s+)?${SMALL})?|${SMALL})\b`,
  'g',
);

function amountsInDigits(text: string): string {
  return text.replace(AMOUNT, (whole, h?: string, t1?: string, u1?: string, s1?: string, t2?: string, u2?: string, s2?: string) => {
    const small = (t?: string, u?: string, one?: string) => (t ? TENS[t]! + (u ? UNITS[u]! : 0) : one ? UNITS[one]! : 0);
    const n = h ? (h === 'a' ? 1 : UNITS[h]!) * 100 + small(t1, u1, s1) : small(t2, u2, s2);
    // "one", "two": a quantity, not an amount.
    return n >= 20 ? String(n) : whole;
  });
}
const PRICE_RANGE = /\b(?:between|from)\s*\$?\s*(\d+(?:\.\d+)?)\s*(?:dollars|bucks|usd)?\s*(?:and|to|-)\s*\$?\s*(\d+(?:\.\d+)?)/;
// An amount of something other than money after the number ("within fifty yards", "under 10 minutes"): no price.
const MEASURED = String.raw`(?!\d|\.\d|\s*(?:%|(?:day|week|month|year|hour|minute|min|mile|yard|metre|meter|feet|foot|ft|km|cm|inch|kg|lb|percent)(?:e?s)?\b))`;
const PRICE_PATTERNS = [
  // "nothing over 100", "not above $80", "none more than 60": a ceiling said as what is turned down.
  new RegExp(
    String.raw`(?:under|below|less than|cheaper than|max(?:imum)?|up to|at most|no more than|(?:nothing|not|none)\s+(?:over|above|more than|dearer than|pricier than)|within|<)\s*(?:of\s*)?\$?\s*(\d+(?:\.\d+)?)${MEASURED}`,
  ),
  // "my budget is 80", "budget around 100", "about $60", "roughly 120": a ceiling (a size is never "around 100").
  /\bbudget\s*(?:(?:is|of|around|about|roughly|max|up to|:)\s*)*\$?\s*(\d+(?:\.\d+)?)/,
  /\b\$?([2-9]\d|\d{3,})\s*-?ish\b/,
  /\b(?:around|about|roughly|approx(?:imately)?|~)\s*\$?\s*([2-9]\d|\d{3,})\b(?!\s*(?:%|(?:day|week|month|year|hour|minute|min|cm|in|inch|kg|lb|percent|off)(?:e?s)?\b))/,
  /\$\s*(\d+(?:\.\d+)?)/,
  /(\d+(?:\.\d+)?)\s*(?:dollars|bucks|usd|\$)/,
];
const MY_SIZE = /\bmy (usual |normal |regular |own )?size\b|\bsize i (usually |normally )?(wear|take|buy)\b/;

/** A place inside a building ("room 1412", "Suite 1200", "apt 3015"): part of an address, no order number. */
const WITHIN_BUILDING = /\b(room|rm|suite|ste|apt|apartment|unit|flat|floor|fl|bldg|building|box|dept|desk)\.?\s*#?\s*$/;
/** A year told ("broke in 2019", "since 2021", "back in '98"): a time, no order number. */
const YEAR_TOLD = /\b(in|since|from|until|till|of|around|circa|year|back in)\s*$/;

function isOrderNumberContext(lower: string, match: RegExpExecArray): boolean {
  const before = lower.slice(Math.max(0, match.index - 14), match.index);
  const after = lower.slice(match.index + match[0].length, match.index + match[0].length + 8);
  if (WITHIN_BUILDING.test(before)) return false;
  if (/^(19|20)\d\d$/.test(match[1]!) && YEAR_TOLD.test(before) && !/\border\b[^.]*$/.test(before)) return false;
  return !/(under|below|less than|max|up to|at most|\$)\s*$/.test(before) && !/^\s*(dollars|bucks|usd|\$)/.test(after);
}

/** Order numbers: long digit runs that are not prices ("under 1000" is a budget). */
function extractOrderNumbers(withoutEmail: string): string[] {
  const orderNumbers: string[] = [];
  const numRe = /#?\b(\d{4,10})\b/g;
  for (let m = numRe.exec(withoutEmail); m; m = numRe.exec(withoutEmail)) {
    if (isOrderNumberContext(withoutEmail, m) && !orderNumbers.includes(m[1]!)) orderNumbers.push(m[1]!);
  }
  return orderNumbers;
}

/** The price range or ceiling; a number read as a ceiling leaves `orderNumbers`. */
function extractPrices(n: Normalized, withoutEmail: string, email: string | null, orderNumbers: string[]) {
  let maxPrice: number | null = null;
  let minPrice: number | null = null;
  // The words as written, then as corrected ("undr 100" is "under 100").
  const said = amountsInDigits(withoutEmail);
  const priced = PRICE_PATTERNS.some((re) => re.test(said)) || PRICE_RANGE.test(said) || email ? said : n.padded;
  const range = PRICE_RANGE.exec(priced);
  if (range && Number(range[1]) < Number(range[2]) && !orderNumbers.includes(range[2]!)) {
    minPrice = Number(range[1]);
    maxPrice = Number(range[2]);
  }
  for (const re of maxPrice === null ? PRICE_PATTERNS : []) {
    // A ceiling said again corrects the one before it ("under 100, sorry, under 150"): the last one counts.
    const m = [...priced.matchAll(new RegExp(re.source, `${re.flags.replace('g', '')}g`))].at(-1);
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
  return { maxPrice, minPrice };
}

// A size standing as a clause of its own: "39", "add the first one, L, 2 of them", "38. just add it"; also said
// unsure of itself ("…in grey this time? M I guess?", "L I think", "42 probably"), or added after a dash or an "and"
// ("wait — 43", "oh and 43").
const SIZE_CLAUSE =
  /(?:^|[,.;!?—–]|\s-)\s*(?:(?:oh\s+)?and\s+)?(?:size\s+)?(xxs|xs|s|m|l|xl|xxl|3[5-9]|4[0-7])\s*(?:please|pls|thanks|i (?:guess|think|reckon|suppose)|probably|maybe|perhaps)?\s*(?=[,.;!?]|$)/;
const CLAUSE_SIZES: Record<string, string> = { xxs: 'XS', xs: 'XS', s: 'S', m: 'M', l: 'L', xl: 'XL', xxl: 'XXL' };

function clauseSize(lower: string): string | null {
  const w = SIZE_CLAUSE.exec(lower.trim())?.[1];
  return w ? (CLAUSE_SIZES[w] ?? w) : null;
}

/** Where what follows the last correction starts ("the green jumper, no wait, mine's navy": at "mine's"); -1 with none. */
export function correctionEnd(tokens: readonly string[]): number {
  let at = -1;
  for (let i = 0; i < tokens.length; i++)
    for (const m of CORRECTION_MARKERS)
      if (m.every((w, j) => tokens[i + j] === w)) at = i + (m[m.length - 1] === 'the' ? m.length - 1 : m.length);
  return at;
}

/**
 * A message that corrects itself ("the olive chinos, sorry, the cargo ones, no wait, the chinos, in M"): the piece
 * named after the last correction replaces the one named before it, like for like (a colour a colour, the words
 * naming a piece the words naming one), and is no exclusion ("no, the slip one"). Nothing named after it: the whole.
 */
function corrected(tokens: readonly string[], whole: TokenSlots): TokenSlots {
  const at = correctionEnd(tokens);
  if (at <= 0 || at >= tokens.length) return whole;
  const after = readTokenSlots(tokens.slice(at));
  const before = readTokenSlots(tokens.slice(0, at));
  const namesPiece = after.categoryWord !== null || after.colour !== null;
  const renames = namesPiece || (after.descriptors.length > 0 && (before.descriptors.length > 0 || before.categoryWord !== null));
  if (!renames && after.size === null && after.ordinal === null) return whole;
  const named = new Set([...after.descriptors, after.colour, after.categoryWord].filter((w): w is string => !!w));
  return {
    ...whole,
    colour: after.colour ?? whole.colour,
    category: after.category ?? whole.category,
    categoryWord: after.categoryWord ?? whole.categoryWord,
    size: after.size ?? whole.size,
    ordinal: after.ordinal ?? whole.ordinal,
    descriptors: renames ? after.descriptors : whole.descriptors,
    exclude: whole.exclude.filter((x) => !named.has(x)),
  };
}

/**
 * A colour only talked about, then the one chosen ("khaki's gonna show every stain. the black ones", "burgundy would
 * stand out a mile. the grey one then"): the last colour pointed at as "the <colour> one(s)/pair" is the colour meant,
 * when another colour was named before it and that one is not excluded ("the black one, not the burgundy one").
 */
function chosen(tokens: readonly string[], whole: TokenSlots): TokenSlots {
  if (whole.colour === null) return whole;
  let pointed: string | null = null;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const c = tokens[i] === 'the' ? COLOUR_WORDS[tokens[i + 1]!] : undefined;
    if (c && /^(one|ones|pair)$/.test(tokens[i + 2]!) && !whole.exclude.includes(c)) pointed = c;
  }
  if (pointed === null || pointed === whole.colour) return whole;
  return { ...whole, colour: pointed, descriptors: whole.descriptors.filter((d) => d !== pointed) };
}

/**
 * A piece sought with the one it must go with ("brown, to match my shoes", "a belt to go with my navy chinos"): the
 * slots are the sought piece's, read before the pairing words; the companion's category, colour and words are not
 * searched for. Nothing named before them ("something to go with my chinos"): the whole.
 */
function paired(tokens: readonly string[], whole: TokenSlots): TokenSlots {
  const at = tokens.findIndex((_, i) => PAIRING_MARKERS.some((m) => m.every((w, j) => tokens[i + j] === w)));
  if (at <= 0) return whole;
  const before = readTokenSlots(tokens.slice(0, at));
  if (before.category === null && before.colour === null) return whole;
  return { ...before, size: before.size ?? whole.size, quantity: before.quantity ?? whole.quantity };
}

/**
 * Where each sentence after the first begins among the tokens (a full stop, '!', '?' or ';' then a space), for the
 * negation scope to end with its sentence. Read sentence by sentence; when that does not give the same tokens, none.
 */
function sentenceStarts(n: Normalized): ReadonlySet<number> {
  const pieces = n.lower.split(/(?<=[a-z][.!?;])\s+/);
  if (pieces.length < 2) return new Set();
  const starts = new Set<number>();
  const all: string[] = [];
  for (const piece of pieces) {
    if (all.length) starts.add(all.length);
    all.push(...normalize(piece).tokens);
  }
  return all.join(' ') === n.tokens.join(' ') ? starts : new Set();
}

export function extractEntities(n: Normalized): Entities {
  const lower = n.lower;
  const email = emailIn(lower);
  const withoutEmail = email ? lower.replace(EMAIL.test(lower) ? email : SPOKEN_EMAIL, ' ') : lower;
  const address = parseAddress(lower);
  // An address's ZIP and house number are no order numbers ("12 Oak Avenue, Seattle, WA 98101").
  const inAddress = new Set(address ? [address.zip!, address.zip!.slice(0, 5), /^\d+/.exec(address.line1!)?.[0] ?? ''] : []);
  const orderNumbers = extractOrderNumbers(withoutEmail).filter((x) => !inAddress.has(x));
  const { maxPrice, minPrice } = extractPrices(n, withoutEmail, email, orderNumbers);
  // The words of an address are no slots ("1200 NE 3rd Ave" points at no third order).
  const addressWords = new Set(address ? Object.values(address).flatMap((v) => v.toLowerCase().split(/[\s,]+/)) : []);
  const tokens = addressWords.size ? n.tokens.filter((t) => !addressWords.has(t)) : n.tokens;
  const starts = tokens === n.tokens ? sentenceStarts(n) : new Set<number>();
  const slots = corrected(tokens, chosen(tokens, paired(tokens, readTokenSlots(tokens, starts))));
  const categoryWord = slots.categoryWord;
  const definite = categoryWord !== null && new RegExp(`\\b(the|this|that)\\s+(\\w+\\s+){0,5}?${categoryWord}`).test(n.padded);
  const mySize = MY_SIZE.test(n.padded);
  return {
    orderNumbers,
    email,
    size: slots.size ?? clauseSize(withoutEmail),
    colour: slots.colour,
    category: slots.category,
    categoryWord,
    maxPrice,
    minPrice,
    quantity: slots.quantity,
    ordinal: slots.ordinal,
    pronoun: slots.pronoun,
    definite,
    mySize,
    descriptors: slots.descriptors,
    exclude: [...new Set(slots.exclude)],
    address,
  };
}
