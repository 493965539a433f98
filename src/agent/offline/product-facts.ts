// What a product page says about material, care and fit, read out of its description by fixed
// patterns. Only words from these lists ever reach a reply: the description itself is data the
// offline model never repeats (a description may carry text meant to steer an assistant).

import { normalize } from './normalize.js';

export interface ProductFacts {
  /** "linen", "wool blend", "leather": fabric words the description names, in its order. */
  material: string | null;
  /** A care instruction of a known shape ("machine wash at 30°C", "dry clean only"). */
  care: string | null;
  /** How it fits, as a clause after the product's name ("has a slim fit; size up if you are between sizes"). */
  fit: string | null;
  /** The warmest of its fabrics (0 airy … 3 warmest); null when a fabric is unknown or unranked. */
  warmth: number | null;
}

// A feature a shopper asks about ("is it waterproof?", "does it have a hood?"): the words of the
// question, the words of a description that state it, and what the reply says (never the description's words).
// Waterproofing is also asked as the weather the piece must stand ("any good in a downpour?", "will it keep me dry?"),
// as warmth is asked as the cold ("for cold weather").
const WET_WEATHER = String.raw`\bkeeps? (?:me|you|it|the rain|water) (?:dry|out)\b|\bin (?:\w+ ){0,2}(?:rain|downpour|storm|showers?|drizzle|wet weather)\b`;
export const FEATURES: ReadonlyArray<{ key: string; asked: RegExp; stated: RegExp; say: string }> = [
  {
    key: 'waterproof',
    asked: new RegExp(String.raw`\bwater ?proof|\bwater[- ]resistant|\brain ?proof|${WET_WEATHER}`, 'i'),
    stated: /\bwaterproof\b|\btaped seams\b/i,
    say: 'is waterproof',
  },
  { key: 'lined', asked: /\blined\b|\blining\b/i, stated: /\b(fully |half[- ])?lined\b|\blining\b/i, say: 'is lined' },
  { key: 'stretch', asked: /\bstretch(y|es)?\b/i, stated: /\bstretch(y)?\b/i, say: 'has some stretch' },
  { key: 'zip', asked: /\bzip(per)?\b/i, stated: /\bzip(per|ped)?\b/i, say: 'has a zip' },
  { key: 'hood', asked: /\bhood(ed|s)?\b/i, stated: /\bhood(ed)?\b/i, say: 'has a hood' },
  { key: 'vegan', asked: /\bvegan\b/i, stated: /\bvegan\b/i, say: 'is vegan' },
  // How it goes on: "do I have to pull them on?", "are they slip-ons?", "is the waist elastic?".
  {
    key: 'pull-on',
    asked: /\b(pull|slip|slide)(ed|s|ing)?[- ](it|them|these|those)?\s*on\b|\b(pull|slip)[- ]?ons?\b|\beasy to (get|put|pull) on\b/i,
    stated: /\b(pull|slip)-on\b|\belastic(ated)? (gussets?|sides?)\b/i,
    say: 'is a pull-on style',
  },
  {
    key: 'elastic-waist',
    asked: /\belastic(ated|ised|ized)?\b|\bstretchy waist/i,
    stated: /\belastic(ated|ised|ized)? waist(band)?\b/i,
    say: 'has an elasticated waist',
  },
  { key: 'drawstring', asked: /\bdrawstring\b/i, stated: /\bdrawstring\b/i, say: 'has a drawstring' },
];

// Fabric words with a rough warmth (0 airy … 3 warmest) for "which one is warmer?"; null: no verdict.
const FABRICS: Record<string, number | null> = Object.fromEntries(
  Object.entries({
    3: 'shearling|down-filled|duck down|goose down|cashmere|fleece|wool|merino wool|merino|tweed',
    2: 'corduroy|knit|leather|faux leather|vegan leather|suede|denim|velvet|gabardine',
    1: 'cotton|organic cotton|recycled polyester|jersey|twill|canvas|viscose|crepe|poplin|lyocell|nylon|polyester|oxford|modal|rayon|tencel|hemp|bamboo|ripstop',
    0: 'linen|silk|satin|chiffon|mesh|muslin|broderie anglaise|broderie|straw|lace',
    none: 'brass|acetate|elastane|spandex|sequin|sterling silver|gold-plated',
  }).flatMap(([rank, words]) => words.split('|').map((w) => [w, rank === 'none' ? null : Number(rank)])),
);
// How a piece is made can make it warm whatever its shell is ("a quilted puffer … in recycled nylon"): padding or fill.
const WARM_BUILD =
  /\b(quilted|puffer|padded|padding|insulated|insulation|down[- ]filled|(recycled |synthetic |down )?fill(ing)?|thermal)\b/i;
const FABRIC_RE = new RegExp(
  `\\b(${Object.keys(FABRICS)
    .sort((a, b) => b.length - a.length)
    .join('|')})( blend| mix)?\\b`,
  'gi',
);

const CARE: ReadonlyArray<[RegExp, (m: RegExpExecArray) => string]> = [
  [
    /\bmachine[- ]wash(?:able)?(?: (?:at|on) (\d{2})\s*°?\s*c| (cold|warm|gentle))?/i,
    (m) => `machine wash${m[1] ? ` at ${m[1]}°C` : m[2] ? ` ${m[2].toLowerCase()}` : ''}`,
  ],
  [/\bhand[- ]wash(?: only)?/i, (m) => (/only/i.test(m[0]) ? 'hand wash only' : 'hand wash')],
  [/\bdry[- ]clean(?: only)?/i, (m) => (/only/i.test(m[0]) ? 'dry clean only' : 'dry clean')],
  [/\bwipe clean\b/i, () => 'wipe clean with a damp cloth'],
  [/\bspot clean\b/i, () => 'spot clean only'],
];

const FIT: ReadonlyArray<[RegExp, string]> = [
  [/\bslim fit\b/i, 'has a slim fit'],
  [/\brelaxed fit\b/i, 'has a relaxed fit'],
  [/\boversized fit\b|\bcut oversized\b/i, 'has an oversized fit'],
  [/\bregular fit\b/i, 'has a regular fit'],
  [/\beasy,? comfortable fit\b/i, 'is cut for an easy, comfortable fit'],
  [/\btrue to size\b/i, 'fits true to size'],
];
const FIT_ADVICE: ReadonlyArray<[RegExp, string]> = [
  [/\bsize up\b/i, 'size up if you are between sizes'],
  [/\bsize down\b/i, 'size down for a closer fit'],
  [/\btake the larger\b/i, 'take the larger size if you are between sizes'],
  [/\btake the smaller\b/i, 'take the smaller size if you are between sizes'],
];

/** Fabrics a shopper asks about by name ("is it real leather?", "are the grey ones wool?"). */
const FABRIC_ASKED = 'cotton|linen|silk|wool|leather|polyester|cashmere|merino|suede|denim|nylon|satin|velvet|viscose|fleece|acrylic';
const FABRIC_NAMED = new RegExp(String.raw`\b(${FABRIC_ASKED})\b`, 'i');
/** The fabric a yes/no question names ("are they wool?"), to answer it with a yes or a no before what it is made of. */
export const fabricAsked = (message: string): string | null => FABRIC_NAMED.exec(message)?.[1]?.toLowerCase() ?? null;

/** What a question about one product asks for, besides stock: its price, or what its page says. */
export const PAGE_QUESTIONS = {
  price: /\b(how much|price|cost|costs)\b/i,
  material: new RegExp(
    String.raw`\b(made (of|from|out of)|materials?|fabrics?)\b|\b(real|genuine|actual|proper|pure|100 ?%?) (${FABRIC_ASKED})\b|` +
      String.raw`\b(is|are) (it|this|that|they|these|those|the( \w+){1,3}) (${FABRIC_ASKED})(?=\s*([?.!,]|$|or\b|right\b|though\b|too\b|at all\b))|\bpu\b|\b(faux|fake|synthetic|plastic)[- ](leather|fur|suede|stuff)\b`,
    'i',
  ),
  care: /\b(wash|washable|washing|dry[- ]clean|clean it|care|iron|ironing|creases?|wrinkles?|shrinks?)\b/i,
  fit: /\b(fit|fits|fitting|runs? (small|large|big)|(come|comes|coming|came) up (small|large|big|short|long)|true to size|snug|tight|baggy|boxy)\b/i,
  warmth:
    /\b(how warm|warm enough|keep (me|you) warm|(is|are) (it|this|that|they|these|those|the( \w+){1,4}) warm|warmth|insulated|for (the )?cold|cold weather|breathable|too hot)\b/i,
  other: new RegExp(
    String.raw`\b(pockets?|lined|lining|stretchy|stretch|see[- ]through|sheer|waterproof|water[- ]resistant|hood(?:ed)?|vegan|zip(?:per)?|buttons?|elastic(?:ated|ised|ized)?|drawstring|(?:pull|slip)[- ]?ons?|(?:pull|slip)(?:ed|s|ing)? (?:it|them|these|those) on|length|how long (?:is|are) (?:it|this|that|they|these|those|the (?!delivery|shipping|return|refund|wait)\w+))\b|${WET_WEATHER}`,
    'i',
  ),
};

/** The features (`FEATURES`' keys) a description states, of those a shopper asks about. */
export function productFeatures(description: string | null): string[] {
  const text = (description ?? '').slice(0, 2000);
  return FEATURES.filter((x) => x.stated.test(text)).map((x) => x.key);
}

/** The message as written and with its typos corrected ("is it realy waterprof?"), for the patterns above. */
export const readable = (text: string): string => `${text} |${normalize(text).padded}`;

/** Asks what a product's page says (material, care, pockets…), which needs a product to answer. */
export const asksAboutPage = (message: string): boolean => {
  const text = readable(message);
  return (
    PAGE_QUESTIONS.material.test(text) ||
    PAGE_QUESTIONS.care.test(text) ||
    PAGE_QUESTIONS.other.test(text) ||
    PAGE_QUESTIONS.warmth.test(text)
  );
};

export function productFacts(description: string | null): ProductFacts {
  if (!description) return { material: null, care: null, fit: null, warmth: null };
  const text = description.slice(0, 2000);
  const materials: string[] = [];
  for (const m of text.matchAll(FABRIC_RE)) {
    const word = m[0].toLowerCase();
    if (!materials.some((x) => x.includes(word) || word.includes(x))) materials.push(word);
  }
  let care: string | null = null;
  for (const [re, say] of CARE) {
    const m = re.exec(text);
    if (m) {
      care = say(m);
      break;
    }
  }
  const fit = FIT.find(([re]) => re.test(text))?.[1] ?? null;
  const advice = FIT_ADVICE.find(([re]) => re.test(text))?.[1] ?? null;
  return {
    material: materials.length ? materials.slice(0, 3).join(' and ') : null,
    warmth: WARM_BUILD.test(text) ? 3 : warmthOf(materials),
    care,
    fit: fit && advice ? `${fit}; ${advice}` : (fit ?? (advice ? `comes with a sizing tip: ${advice}` : null)),
  };
}

function warmthOf(materials: readonly string[]): number | null {
  const ranks = materials.map((m) => FABRICS[m.replace(/ (blend|mix)$/, '')] ?? null);
  return ranks.length && ranks.every((r) => r !== null) ? Math.max(...(ranks as number[])) : null;
}
