// A turn about the previous search (frame.ts): narrowing it ("what about in blue?", "cheaper
// ones?"), or its next page ("show me more", "none of these").
import type { Intent } from './classify.js';
import type { Entities } from './entities.js';
import type { Memory } from './memory.js';
import { str, type ProductView } from './results.js';
import { pickProduct } from './frame-pick.js';
import { classifyScope } from './nlu/index.js';

export const REFINABLE: ReadonlySet<Intent> = new Set(['search', 'stock', 'recommend', 'confirm', 'deny', 'out_of_scope', 'unanswerable']);
/** Readings of another colour or size "instead" that only a piece bought could make a swap or a change of. */
const SWAP_READS: ReadonlySet<Intent> = new Set(['exchange', 'change_address']);
export const CHEAPER =
  /\b(cheaper|less expensive|lower price|more affordable|not (too |so |that |very )?(expensive|pricey|dear)|too (expensive|pricey|dear)|affordable|inexpensive|budget[- ]friendly)\b/i;
const SEARCH_CUE =
  /\b(some|something|anything|any|others?|ones|show me|what about|how about|do you have|got any|have you got|is there|are there)\b/i;

/** "only the grey ones", "just the leather ones", "only the green please": a kind of piece kept, the rest of the list left out. */
const ONLY_THOSE = /\b(only|just)\s+(the\s+)?(\w+\s+){1,2}ones\b|\bonly\s+(the\s+)?\w+(\s+(please|pls|thanks|thx))?\W*$/i;

const PLURAL_POINTER = /\b(these|those|they|them)\b/i;

// The style of the pieces shown asked to change ("something less formal", "more relaxed", "a bit dressier"): the same kind of
// piece in other words, so the search keeps its category (and colour, size, budget) and takes the new words for the old.
const STYLE_WORDS =
  'casual|formal|relaxed|dressy|smart|fancy|simple|plain|elegant|sporty|classic|colou?rful|modern|fitted|loose|warm|light|comfortable|comfy|cosy|cozy|stiff|structured|edgy|bold|understated|feminine|practical|glam(orous)?';
const RESTYLE = new RegExp(
  String.raw`\b(more|less|not (as|so|too)|bit|little|slightly|much)\s+(${STYLE_WORDS})\b|\b(dressier|smarter|fancier|simpler|plainer|looser|warmer|lighter|comfier|cosier|cozier|brighter|darker|edgier|bolder)\b`,
  'i',
);
/** The style words the shopper moves away from ("less formal", "not so fancy"): left out of the new search. */
const AWAY_FROM = new RegExp(String.raw`\b(?:less|not (?:as|so|too))\s+(${STYLE_WORDS})\b`, 'gi');
export const restyles = (text: string): boolean => RESTYLE.test(text);

/** A choice said as settled ("black it is then", "go with the navy", "the camel then", "I'll have the grey"): the scope head's `one`. */
const chooses = (text: string): boolean => classifyScope(text, ['one', 'all']).scope === 'one';

/** A settled choice of a colour only one of the pieces shown has: that piece, not the search narrowed to it. */
export const choosesOneShown = (e: Entities, text: string, mem: Memory): boolean =>
  e.colour !== null &&
  e.size === null &&
  !ONLY_THOSE.test(text) &&
  chooses(text) &&
  mem.products.filter((p) => pickProduct([p], e, text) !== null).length === 1;

// "the red one", "that blue one"; "the cheaper of the two" points at one of those shown as well.
export const POINTER =
  /\b(the|this|that|these|those)\s+(\w+\s+){0,3}?ones?\b|\b(the|that) (cheaper|pricier|dearer|more expensive|less expensive) of\b/i;

/**
 * A message that only changes a filter of the previous turn's search (colour, size, price, or
 * the same category) and points at nothing shown. A new category is a new search; "it" or "the
 * second one" is about a product; a pending proposal or question takes the message first.
 */
export function refinesSearch(intent: Intent, e: Entities, text: string, mem: Memory, vague: boolean): boolean {
  // "Brown instead." right after a list, with no order in view: read as a swap, but there is nothing bought to swap.
  const swapOfNothing = SWAP_READS.has(intent) && !mem.orders.length && !mem.orderList.length && !mem.pendingAction;
  if (!mem.lastSearch || !(REFINABLE.has(intent) || vague || swapOfNothing) || mem.pendingReturn || mem.asked || mem.offeredHuman)
    return false;
  // "got it in blue?" after several products: the same search in blue ("it" picks none of them).
  // "those are a bit much, anything under $100?": "those" is the list, the rest asks for others like it.
  const pointsAtList =
    (e.pronoun && e.colour !== null && mem.products.length > 1 && (intent === 'out_of_scope' || intent === 'stock')) ||
    (PLURAL_POINTER.test(text) &&
      e.ordinal === null &&
      !POINTER.test(text) &&
      SEARCH_CUE.test(text) &&
      (e.maxPrice !== null || e.colour !== null || CHEAPER.test(text) || RESTYLE.test(text)));
  // "anything other than the canvas ones", "not in black": what to leave out of the same search.
  if (e.exclude.length && !e.orderNumbers.length && !e.email && (!e.category || e.category === mem.lastSearch.category)) return true;
  // "just the white ones" when none of those in view is white points at no product: it narrows the search.
  // "only the grey ones, please" (no size): a filter on the list, whether or not one of those in view is grey.
  const pointsAtNone =
    e.colour !== null &&
    !e.pronoun &&
    e.ordinal === null &&
    (!pickProduct(mem.products, e, text) || (ONLY_THOSE.test(text) && e.size === null));
  if (
    (e.pronoun && !pointsAtList) ||
    choosesOneShown(e, text, mem) ||
    e.ordinal !== null ||
    ((e.definite || POINTER.test(text)) && !pointsAtNone) ||
    e.orderNumbers.length ||
    e.email
  )
    return false;
  if (e.category && e.category !== mem.lastSearch.category) return false;
  // A bare size after a list ("M please") is about the products shown; with a word that asks
  // for more ("any in M?", "something in black, size S"), or after a search that showed nothing, it narrows the search.
  if (e.size !== null && intent !== 'search' && !SEARCH_CUE.test(text) && mem.products.length) return false;
  // "something less formal?" after dresses: the same kind in another style (a new kind named is a new search, above).
  // Asked as a question of those shown ("which is warmer?", "is it more casual?") it compares, not narrows.
  const restyled =
    RESTYLE.test(text) && !!str(mem.lastSearch.category) && (SEARCH_CUE.test(text) || !/\b(which|what|is|are|does|do)\b/i.test(text));
  return e.colour !== null || e.size !== null || e.maxPrice !== null || CHEAPER.test(text) || restyled;
}

const MORE = /\b(more|else|others?|another|different)\b/i;
/** "not my style", "none of these": the shown ones are not it, so the next ones. */
export const REJECTS_SHOWN =
  /\b(not (really )?my style|not for me|none of (these|them|those)|(do not|don'?t) like (these|them|those|any))\b/i;
export const MORE_ONLY = /^\W*(more|next|next page|more please|keep going|go on)\W*$/i;

/**
 * "show me more", "anything else?", "other colours?" right after a search: the same search, past
 * the products shown (or, for other colours, without the colour filter).
 */
export function wantsMore(intent: Intent, e: Entities, text: string, mem: Memory): boolean {
  const rejects = REJECTS_SHOWN.test(text);
  if (
    intent !== 'search' ||
    !mem.lastSearch ||
    mem.pendingReturn ||
    mem.asked === 'order' ||
    !(rejects || MORE.test(text) || MORE_ONLY.test(text))
  )
    return false;
  if (e.category && e.category !== mem.lastSearch.category) return false;
  // "something more casual" asks for other words, not the next page.
  return (
    e.colour === null &&
    e.size === null &&
    e.maxPrice === null &&
    (!e.pronoun || rejects) &&
    e.ordinal === null &&
    e.descriptors.length === 0
  );
}

/** The previous search's filters with the new message's on top. */
export function narrowSearch(last: Record<string, unknown>, e: Entities, text: string, shown: readonly ProductView[]): Entities {
  const cheaper = e.maxPrice === null && CHEAPER.test(text);
  // The last query's words, without the floor of a price range ("over $100") once cheaper ones are asked for.
  const query = (str(last.query) ?? '').replace(e.minPrice !== null || cheaper ? /\bover \$\d+(\.\d+)?/g : /$^/, ' ');
  // A garment named again ("any champagne dresses?" after "the red linen wrap dress", "red trainers"
  // after "boots") is a request in its own words: the filters stay, the old search words do not.
  // A style asked to change ("something less formal") drops the old words ("birthday dinner") and the style moved away from.
  const restyled = RESTYLE.test(text);
  const away = new Set([...text.matchAll(AWAY_FROM)].map((m) => m[1]!.toLowerCase()));
  const words = e.categoryWord || restyled ? [] : query.split(/\s+/).filter(Boolean);
  let maxPrice = e.maxPrice ?? (typeof last.maxPrice === 'number' ? last.maxPrice : null);
  const prices = shown.map((p) => p.price).filter((p): p is number => p !== null);
  // "cheaper ones": below the cheapest shown (dollars, to the cent); not when another colour is asked for,
  // which the pieces shown are no measure of ("a red one, not too expensive").
  const newColour = e.colour !== null && e.colour !== str(last.colour);
  if (cheaper && prices.length && !newColour) maxPrice = Math.round(Math.min(...prices) * 100 - 1) / 100;
  const exclude = [
    ...new Set([...(Array.isArray(last.exclude) ? last.exclude.filter((x): x is string => typeof x === 'string') : []), ...e.exclude]),
  ];
  const lastColour = str(last.colour);
  return {
    ...e,
    exclude,
    category: e.category ?? (str(last.category) as Entities['category']),
    categoryWord: e.category ? e.categoryWord : null,
    colour: e.colour ?? (lastColour && exclude.includes(lastColour) ? null : lastColour),
    size: e.size ?? str(last.size),
    maxPrice,
    descriptors: [...new Set([...words, ...e.descriptors.filter((d) => !CHEAPER.test(d) && !away.has(d))])],
  };
}
