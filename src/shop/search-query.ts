// Reads the shopper's own words ("red dress under $150 in M") into structured filters, so
// search works the same whether the model fills the fields or passes the sentence as `query`.
import { normalizeSize } from './format.js';

export interface ParsedQuery {
  /** Words of which one must match something (stemmed): the shopper's, and what occasion words also match. */
  terms: string[];
  /** The shopper's own search words (stemmed), as said: what "nothing matched …" reports. */
  said: string[];
  /** Garment words ("boots", "jeans"): they rank matches but, being covered by the category, need not match. */
  rankTerms: string[];
  /** The garment words finer than their category ("belt", not "accessory"): when some product is one, only those are shown. */
  garments?: string[];
  category?: string;
  colour?: string;
  size?: string;
  maxPriceCents?: number;
  minPriceCents?: number;
  /** "new arrivals", "what's new in tops", "your latest dresses": newest first. */
  newest?: true;
}

const NEWEST =
  /\b(new arrivals?|newest|new[- ]in|just (?:in|arrived|landed|dropped)|latest|what'?s new|anything new|something new|new (?:stuff|things|collection|season|releases?|products?|items?|pieces?|styles?|in stock))\b/i;

const CATEGORY_WORDS: Record<string, readonly string[]> = {
  dresses: ['dress', 'gown', 'frock', 'sundress'],
  tops: [
    'top',
    'shirt',
    'blouse',
    'tee',
    'tshirt',
    'sweater',
    'jumper',
    'knit',
    'knitwear',
    'cardigan',
    'tank',
    'camisole',
    'cami',
    'hoodie',
    'polo',
  ],
  trousers: ['trouser', 'pant', 'jean', 'chino', 'slack', 'legging', 'short', 'culotte'],
  shoes: ['shoe', 'sneaker', 'trainer', 'boot', 'heel', 'sandal', 'loafer', 'flat', 'pump', 'mule', 'footwear'],
  outerwear: ['outerwear', 'coat', 'jacket', 'blazer', 'parka', 'trench', 'raincoat', 'puffer', 'gilet', 'vest'],
  accessories: [
    'accessory',
    'accessorie',
    'bag',
    'handbag',
    'tote',
    'belt',
    'scarf',
    'hat',
    'cap',
    'jewelry',
    'jewellery',
    'necklace',
    'earring',
    'bracelet',
    'sunglass',
    'wallet',
    'glove',
  ],
};

/** Colour words a shopper may use, mapped to the family the catalog colours are matched against. */
export const COLOUR_FAMILIES: Record<string, readonly string[]> = {
  red: ['red', 'burgundy', 'crimson', 'scarlet', 'wine', 'cherry', 'ruby'],
  blue: ['blue', 'navy', 'cobalt', 'denim', 'indigo', 'sky', 'azure'],
  green: ['green', 'olive', 'khaki', 'sage', 'emerald', 'mint', 'forest'],
  black: ['black', 'charcoal'],
  white: ['white', 'ivory', 'cream', 'off-white'],
  grey: ['grey', 'gray', 'silver', 'charcoal'],
  brown: ['brown', 'camel', 'tan', 'chocolate', 'cognac', 'beige', 'taupe'],
  beige: ['beige', 'sand', 'nude', 'camel', 'cream', 'taupe'],
  pink: ['pink', 'rose', 'blush', 'fuchsia', 'magenta'],
  purple: ['purple', 'lilac', 'lavender', 'violet', 'plum'],
  yellow: ['yellow', 'mustard', 'lemon', 'gold'],
  orange: ['orange', 'rust', 'coral', 'terracotta'],
};

const COLOUR_ALIASES: Record<string, string> = { gray: 'grey' };

/** Shades read from free text; words that are also materials or names (denim, gold, rose, camel) are not. */
const TEXT_SHADES = new Set(
  'navy burgundy crimson scarlet olive khaki beige ivory charcoal lilac lavender violet fuchsia magenta mustard teal turquoise maroon cobalt indigo emerald taupe'.split(
    ' ',
  ),
);

const STOPWORDS = new Set(
  'a an the and or for with without do does you your have has any i im me my we our show find looking look want wanted need needs some something in of on to at is are be it its this that these those please can could would like get got buy new nice good under below over above less more than cheaper dollars dollar usd bucks size sizes max maximum up most around about from between what which there one ones pair pairs cheap affordable budget inexpensive priced price arrival arrivals newest latest just arrived landed dropped whats stuff things collection season release releases item items piece pieces style styles anything everything wear wearing outfit outfits occasion'.split(
    ' ',
  ),
);

/**
 * Occasion and feel words shoppers use that product text rarely contains: each also matches the
 * words such products are described and tagged with ("gala" finds evening and party pieces).
 */
const ALSO_MATCHES: Record<string, readonly string[]> = Object.fromEntries(
  Object.entries({
    gala: 'evening party cocktail sequin satin',
    'ball prom': 'evening party satin sequin',
    formal: 'evening tailored satin',
    elegant: 'evening tailored satin silk',
    'dressy fancy': 'evening party satin',
    glam: 'evening party sequin',
    'dinner night': 'evening party',
    date: 'evening party romantic',
    wedding: 'wedding evening',
    'interview business professional': 'work office tailored',
    smart: 'tailored work classic',
    warm: 'warm winter wool cashmere fleece padded cosy',
    'cozy cosy': 'cosy knit fleece winter',
    comfy: 'cosy relaxed loungewear casual',
    comfortable: 'relaxed casual loungewear',
    beach: 'beach vacation summer linen',
    'holiday vacation': 'holiday vacation summer',
    hot: 'summer linen vacation',
    cold: 'winter warm wool padded',
    rainy: 'rain waterproof',
    'gym running': 'running sport',
    'graduation ceremony christening baptism communion': 'tailored classic party romantic',
    'birthday anniversary celebration': 'party evening romantic',
    'funeral memorial': 'black tailored classic',
    brunch: 'casual romantic floral summer',
    'festival concert': 'casual bohemian denim summer',
    'christmas xmas': 'party evening velvet sequin',
    'colourful colorful bright vibrant': 'floral red yellow pink green orange emerald',
    'office meeting': 'work office tailored',
    'travel trip': 'travel weekend casual',
  }).flatMap(([words, also]) => words.split(' ').map((w) => [w, also.split(' ')])),
);

/** Garments the catalog names in other words ("sweaters" are its jumpers and knitwear). */
const GARMENT_ALSO: Record<string, readonly string[]> = {
  sweater: ['jumper', 'knitwear', 'pullover'],
  jumper: ['sweater', 'knitwear', 'pullover'],
  pullover: ['jumper', 'sweater'],
  knit: ['knitwear', 'jumper', 'sweater', 'cardigan'],
  knitwear: ['knit', 'jumper', 'sweater', 'cardigan'],
  trainer: ['sneaker'],
  sneaker: ['trainer'],
  pant: ['trouser'],
  trouser: ['pant'],
  tee: ['tshirt'],
  tshirt: ['tee'],
  hoodie: ['sweatshirt'],
  handbag: ['bag'],
  purse: ['bag', 'wallet'],
};

const SIZE_TOKEN = '(xxs|xs|s|m|l|xl|xxl|2xl|small|medium|large|x-small|x-large|\\d{2})';

/** A crude stem that maps plural and singular to one form: dresses → dress, boots → boot. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('sses')) return word.slice(0, -2);
  if (/(ar|ea|ol|al)ves$/.test(word)) return `${word.slice(0, -3)}f`; // scarves → scarf
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export function tokenize(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/t-shirt/g, 'tshirt')
      // "what's", "women's": the contraction or possessive, not a word "s".
      .replace(/['’]s\b/g, '')
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
  );
}

function parsePrices(text: string): Pick<ParsedQuery, 'maxPriceCents' | 'minPriceCents'> & { rest: string } {
  const out: Pick<ParsedQuery, 'maxPriceCents' | 'minPriceCents'> = {};
  const num = '\\$?\\s*(\\d+(?:\\.\\d{1,2})?)\\s*(?:\\$|dollars?|usd|bucks)?';
  const cents = (s: string | undefined) => Math.round(Number(s) * 100);
  let rest = text;
  const between = new RegExp(`between\\s+${num}\\s+(?:and|-|to)\\s+${num}`, 'i').exec(rest);
  if (between) {
    out.minPriceCents = cents(between[1]);
    out.maxPriceCents = cents(between[2]);
    rest = rest.replace(between[0], ' ');
  }
  const max =
    new RegExp(`(?:under|below|less than|cheaper than|max(?:imum)?|up to|at most|no more than|<=?)\\s*${num}`, 'i').exec(rest) ??
    new RegExp(`${num}\\s*(?:or less|or under|or below|max)`, 'i').exec(rest);
  if (max) {
    out.maxPriceCents = cents(max[1]);
    rest = rest.replace(max[0], ' ');
  }
  const min = new RegExp(`(?:over|above|more than|at least|>=?)\\s*${num}`, 'i').exec(rest);
  if (min) {
    out.minPriceCents = cents(min[1]);
    rest = rest.replace(min[0], ' ');
  }
  return { ...out, rest };
}

function parseSize(text: string): { size?: string; rest: string } {
  const patterns = [
    new RegExp(`\\bsize\\s*(?:eu\\s*)?${SIZE_TOKEN}\\b`, 'i'),
    new RegExp(`\\beu\\s*(\\d{2})\\b`, 'i'),
    new RegExp(`\\bin (?:an? |size )?(xxs|xs|s|m|l|xl|xxl|2xl)\\b`, 'i'),
    /\b(XXS|XS|XL|XXL|2XL)\b/,
  ];
  for (const p of patterns) {
    const m = p.exec(text);
    if (m?.[1]) return { size: normalizeSize(m[1]), rest: text.replace(m[0], ' ') };
  }
  return { rest: text };
}

export function categoryOfWord(word: string): string | undefined {
  const w = stem(word);
  for (const [category, words] of Object.entries(CATEGORY_WORDS)) {
    if (w === stem(category) || words.includes(w)) return category;
  }
  return undefined;
}

export function colourOfWord(word: string): string | undefined {
  const w = COLOUR_ALIASES[word] ?? word;
  return w in COLOUR_FAMILIES || TEXT_SHADES.has(w) ? w : undefined;
}

/** Every catalog colour a colour word should match: "red" → red, burgundy, crimson…; "navy" → navy. */
export function colourMatches(colour: string): string[] {
  const c = colour.trim().toLowerCase();
  const key = COLOUR_ALIASES[c] ?? c;
  return [...new Set([key, ...(COLOUR_FAMILIES[key] ?? [])])];
}

export function parseQuery(query: string): ParsedQuery {
  const newest = NEWEST.test(query);
  const prices = parsePrices(query);
  const sized = parseSize(prices.rest);
  const words = tokenize(sized.rest);
  const categories = new Set<string>();
  let colour: string | undefined;
  const terms: string[] = [];
  const rankTerms: string[] = [];
  const said: string[] = [];
  for (const word of words) {
    const cat = categoryOfWord(word);
    if (cat) {
      categories.add(cat);
      rankTerms.push(stem(word));
      continue;
    }
    const col = colourOfWord(word);
    if (col && !colour) {
      colour = col;
      continue;
    }
    if (STOPWORDS.has(word) || /^\d+$/.test(word)) continue;
    said.push(stem(word));
    terms.push(stem(word), ...(ALSO_MATCHES[word] ?? []).map(stem));
  }
  const parsed: ParsedQuery = { terms: [...new Set(terms)], said: [...new Set(said)], rankTerms: [...new Set(rankTerms)] };
  // Two categories ("a dress and shoes") is a wish for both: filtering on one would hide the other,
  // so the garment words have to match instead.
  if (categories.size === 1) {
    parsed.category = [...categories][0];
    const generic = new Set([stem(parsed.category!), CATEGORY_WORDS[parsed.category!]![0]]);
    const garments = parsed.rankTerms.filter((w) => !generic.has(w));
    if (garments.length) parsed.garments = [...new Set(garments.flatMap((w) => [w, ...(GARMENT_ALSO[w] ?? [])]))];
  } else {
    parsed.said.push(...parsed.rankTerms);
    parsed.terms.push(...parsed.rankTerms.splice(0));
  }
  if (colour) parsed.colour = colour;
  if (sized.size) parsed.size = sized.size;
  if (prices.maxPriceCents !== undefined) parsed.maxPriceCents = prices.maxPriceCents;
  if (prices.minPriceCents !== undefined) parsed.minPriceCents = prices.minPriceCents;
  if (newest) parsed.newest = true;
  return parsed;
}
