// Which product or order a message points at among those in view (frame.ts): by name, position,
// colour, category, the words of its name, or "it".
import type { Intent } from './classify.js';
import { extractEntities, type Entities } from './entities.js';
import { normalize } from './normalize.js';
import type { Memory } from './memory.js';
import { asksAboutPage } from './product-facts.js';
import { namesPiece, ordersHolding, type OrderView, type ProductView } from './results.js';

// Shades a shopper calls by the family name ("the blue one" for a navy shirt).
const SHADES: Record<string, readonly string[]> = {
  blue: ['navy', 'cobalt', 'indigo', 'denim', 'sky', 'teal'],
  red: ['burgundy', 'crimson', 'scarlet', 'wine'],
  green: ['olive', 'khaki', 'sage', 'emerald', 'mint'],
  white: ['ivory', 'cream', 'off-white'],
  grey: ['charcoal', 'silver'],
  brown: ['camel', 'tan', 'chocolate', 'cognac'],
  beige: ['sand', 'camel', 'stone', 'taupe'],
  pink: ['rose', 'blush', 'fuchsia'],
  purple: ['lilac', 'lavender', 'violet', 'plum'],
  yellow: ['mustard', 'lemon'],
};

// Words that name a product (material, cut, style) rather than chat about it.
export const NAME_WORDS =
  /^(linen|silk|satin|cotton|wool|cashmere|leather|suede|denim|velvet|jersey|knit|floral|tea|wrap|slip|midi|maxi|mini|sheath|cocktail|halter|tiered|poplin|crepe|relaxed|wide|tailored|oversized|canvas|chino|puff|peasant|ribbed|merino|trench|puffer|ankle|strappy|block|ballet|slide|hoop|tote|crossbody)/;

// "the cheaper of the two", "the cheaper one" as well: a comparative said of the pieces shown picks one of them.
const CHEAPEST = /\b(cheapest|least expensive|lowest[- ]priced|lowest price|(the|that) (cheaper|less expensive)( one| ones| pair| of)?)\b/;
const DEAREST = /\b(most expensive|priciest|dearest|highest[- ]priced|(the|that) (pricier|dearer|more expensive)( one| ones| pair| of)?)\b/;

function colourOf(p: ProductView): string {
  return `${p.colour ?? ''} ${p.name}`.toLowerCase();
}

/** The product a message points at among those shown: by name, position, colour, category, name words or "it". */
export function pickProduct(products: readonly ProductView[], e: Entities, text = ''): ProductView | null {
  if (products.length === 0) return null;
  const lower = text.toLowerCase();
  const named = lower ? products.find((p) => lower.includes(p.name.toLowerCase())) : undefined;
  if (named) return named;
  if (e.ordinal !== null) return (e.ordinal === -1 ? products[products.length - 1] : products[e.ordinal - 1]) ?? null;
  let candidates = [...products];
  if (e.colour) {
    const c = e.colour;
    let byColour = candidates.filter((p) => new RegExp(`\\b${c}\\b`).test(colourOf(p)));
    if (!byColour.length) byColour = candidates.filter((p) => (SHADES[c] ?? []).some((s) => colourOf(p).includes(s)));
    // "a red dress" when none of those shown is red is another product.
    if (!byColour.length) return null;
    candidates = byColour;
  }
  // A description that fits none of them is about another product.
  if (e.category) {
    const byCat = candidates.filter((p) => p.category === e.category);
    if (byCat.length) candidates = byCat;
    else if (candidates.every((p) => p.category)) return null;
  }
  // "the chinos" among trousers: the pieces whose name has the word.
  if (e.categoryWord) {
    const byWord = candidates.filter((p) => p.name.toLowerCase().includes(e.categoryWord!));
    if (byWord.length) candidates = byWord;
  }
  if (e.descriptors.length) {
    const byName = candidates.filter((p) => e.descriptors.some((d) => p.name.toLowerCase().includes(d)));
    if (byName.length) candidates = byName;
    else if (e.descriptors.some((d) => NAME_WORDS.test(d))) return null;
  }
  // "the cheapest one", "the priciest": by the prices shown.
  const priced = candidates.filter((p) => p.price !== null);
  const by = CHEAPEST.test(lower) ? 1 : DEAREST.test(lower) ? -1 : 0;
  if (by && priced.length) {
    // Of several at that price ("the cheaper of the two" with two colours at $79), the one in the size asked for.
    const best = priced.reduce((a, b) => ((b.price! - a.price!) * by < 0 ? b : a)).price;
    const atBest = priced.filter((p) => p.price === best);
    return atBest.find((p) => e.size !== null && p.stock.some((x) => x.size === e.size && x.units > 0)) ?? atBest[0]!;
  }
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length < products.length) return candidates[0]!;
  return products.length === 1 ? products[0]! : null;
}

/**
 * "are they real leather?" right after the boots were added, "the sand ones, what are they made of?" with three
 * colours shown: "they" is one piece that comes as a pair (boots, trousers), not a comparison, which needs two
 * pieces meant. The one the message picks out among those shown by its colour, or, naming none of them, the one
 * just added; null when the message names a position, a kind or two pieces.
 */
export function onePieceMeant(mem: Memory, words: ReadonlySet<string>, e: Entities): ProductView | null {
  if (mem.products.length < 2 || e.ordinal !== null || e.category) return null;
  const colourWords = (p: ProductView): string[] => (p.colour ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const byColour = mem.products.filter((p) => colourWords(p).length > 0 && colourWords(p).every((w) => words.has(w)));
  if (byColour.length === 1) return byColour[0]!;
  const added = mem.lastAdded ? mem.products.find((p) => p.id === mem.lastAdded!.productId) : undefined;
  return byColour.length === 0 && !e.colour && added ? added : null;
}

/** A colour asked of a piece ("does the second one come in blue?", "is the first one available in black?", "do they do it in red?"). */
const COMES_IN = /\b(come|comes|available|avail|do (you|they) (do|have|make|sell)|got|make|made|sold|exist)\b[^.?!]*?\bin\b/i;

/**
 * "does the second one come in blue?" about a piece singled out (by position, name or being the only one meant) that is
 * not blue: which colours that piece comes in (the same style searched by name), not the piece's price and sizes.
 */
export function asksAnotherColour(text: string, e: Entities, product: ProductView | null, intent: Intent): boolean {
  if (!product || e.colour === null || !COMES_IN.test(text) || !(intent === 'stock' || intent === 'search')) return false;
  const own = colourOf(product);
  return !new RegExp(`\\b${e.colour}\\b`).test(own) && !(SHADES[e.colour] ?? []).some((s) => own.includes(s));
}

/** Words that ask of every piece shown at once ("are any of them washable?", "which of those is wool?", "do they all have pockets?"). */
const EVERY_SHOWN = /\b(any|all|each|either|which|them|those|these|they)\b/i;

/**
 * A question about what the pages say, asked of the pieces shown together ("are any of them machine washable?" after a
 * list): all of them side by side, not "which one?". Not when one is picked out by its position, kind or colour.
 */
export function everyShownMeant(mem: Memory, text: string, e: Entities, product: ProductView | null): boolean {
  if (mem.products.length < 2 || e.ordinal !== null || e.category || e.colour) return false;
  return EVERY_SHOWN.test(text) && (!product || !mem.products.includes(product) || /\b(any|all|each|which)\b/i.test(text));
}

/**
 * The message names a specific garment ("jeans", "sneakers"; not just "shoes" or "top", which
 * item names need not contain) that no item of these orders is.
 */
export function garmentNotIn(orders: readonly OrderView[], e: Entities): boolean {
  const word = e.categoryWord;
  if (!word || !e.category) return false;
  // Named in other words for the same piece ("the sweater": a jumper), it is one of them.
  const inAny = (w: string) => orders.some((o) => o.items.some((i) => namesPiece(i, w)));
  if (!e.category.startsWith(word)) return !inAny(word);
  // The category's own name ("my shoes") may be worn by items not called so; said with a colour none
  // of them has either ("my champagne dress" to a shopper who never bought one), it is none of these.
  return e.colour !== null && !inAny(e.colour) && !inAny(word);
}

/**
 * The order a proposal waits on (a return, a swap, a cancellation), as far as it was shown, does not hold the garment the
 * message names ("show me some dresses" while a return of a jumper waits): a new request, never a detail of that proposal.
 */
export function pieceNotInWaiting(mem: Memory, e: Entities): boolean {
  const waiting = mem.pendingAction?.args.orderNumber ?? mem.pendingReturn?.orderNumber;
  const order = mem.orders.find((o) => o.orderNumber === waiting);
  const word = e.categoryWord;
  if (!order || !word) return false;
  // Named as the piece ("the tee") or as its kind ("the shoes" for sneakers): one of the order's.
  const kindOf = (item: string) => extractEntities(normalize(item)).category;
  return !order.items.some((i) => namesPiece(i, word) || (e.category !== null && kindOf(i) === e.category));
}

// "my last order", "what did I order last?", "the thing I bought last": the newest order.
const LATEST_ORDER =
  /\b(last|latest|recent|previous|newest) ((delivered|shipped|open|current) )?(order|purchase|delivery|one i|thing i|thing you)|\b(order(ed)?|bought|purchased|buy|got|get) (\w+ ){0,3}?last\b/i;
// "my last delivered order": the newest of those delivered.
const LATEST_WITH_STATUS = /\b(?:last|latest|recent|previous|newest) (delivered|shipped)\b/i;

/** What is done about a piece received: only a delivered order holds one. */
const AFTER_SALE_INTENTS: ReadonlySet<Intent> = new Set(['return', 'exchange', 'report_problem']);

/** Not yet on its way: an address can still change, an order still be cancelled. */
const stillOpen = (o: OrderView) => !o.shipped && !o.delivered && !/cancel|ship|deliver|return/i.test(o.status ?? '');

/**
 * "my latest order" in a list (newest first): the newest; the newest delivered one for "my last
 * delivered order"; for a new address or a cancellation, the newest that can still change.
 */
function latestOf(list: readonly OrderView[], text: string, intent: Intent): OrderView | undefined {
  // "the jumper from my last delivery" to swap or send back: the newest order delivered, what can go back.
  const status = LATEST_WITH_STATUS.exec(text)?.[1]?.toLowerCase() ?? (AFTER_SALE_INTENTS.has(intent) ? 'delivered' : undefined);
  const withStatus = status ? list.filter((o) => (o.status ?? '').toLowerCase() === status) : list;
  // None can change any more: no order is meant (the list, and why, is the answer).
  return intent === 'change_address' || intent === 'cancel_order' ? withStatus.find(stillOpen) : withStatus[0];
}

/**
 * The order a message points at among those in view. `list` is the latest full list of orders
 * (newest first) when the caller has one: "my last order" after one order's details is the
 * newest of that list, not the order on screen (an empty list: look them up first).
 */
export function pickOrder(
  all: readonly OrderView[],
  e: Entities,
  text: string,
  intent: Intent,
  list?: readonly OrderView[],
): string | null {
  if (e.orderNumbers[0]) return e.orderNumbers[0];
  if (all.length === 0) return null;
  // "return it" points at an order that can be returned, if only one of those was shown.
  const returnable = all.filter((o) => o.returnPossible);
  // A new address or a cancellation points at the one order not yet on its way, if only one is.
  const open = all.filter(stillOpen);
  const orders =
    e.ordinal === null && intent === 'return' && returnable.length === 1
      ? returnable
      : e.ordinal === null && (intent === 'change_address' || intent === 'cancel_order') && open.length === 1
        ? open
        : all;
  if (e.ordinal !== null) {
    // Lists are newest first: "my last order" is the newest, "the last one" the bottom of the list.
    const latest = e.ordinal === -1 && LATEST_ORDER.test(text);
    const o = latest ? latestOf(list ?? all, text, intent) : e.ordinal === -1 ? orders[orders.length - 1] : orders[e.ordinal - 1];
    return o?.orderNumber ?? null;
  }
  // "the sneakers one": the order whose items the words describe.
  const byItems = ordersHolding(orders, e);
  if (byItems.length) return byItems[0]!.orderNumber;
  // "my jeans" when no order shown has jeans: not one of these, whatever "them" says.
  if (garmentNotIn(orders, e)) return null;
  // "that order" / "it": the first (most salient) order shown.
  return e.pronoun || orders.length === 1 ? orders[0]!.orderNumber : null;
}

/** What a position points into: the products in view, or after one product's details ("the second one") the list shown before it. */
export const pointable = (mem: Memory, e: Entities): readonly ProductView[] =>
  e.ordinal !== null && mem.products.length <= 1 && mem.listed.length > 1 ? mem.listed : mem.products;

export const refersToSomethingElse = (e: Entities, p: ProductView) =>
  pickProduct([p], { ...e, pronoun: false, ordinal: null }) === null || e.ordinal !== null;

export const refersToSomething = (e: Entities) =>
  e.ordinal !== null || e.pronoun || e.colour !== null || e.category !== null || e.descriptors.length > 0;

/**
 * What a question about the pieces on the page means: "are they real leather?" read as a comparison right after
 * the boots were added is that pair; "are any of them machine washable?" read about one piece after a list is
 * every piece shown, side by side. Null when the reading stands.
 */
export function pageQuestionMeant(
  mem: Memory,
  text: string,
  tokens: readonly string[],
  d: { intent: Intent; e: Entities; product: ProductView | null },
): { intent: Intent; product: ProductView | null } | null {
  if (!asksAboutPage(text)) return null;
  const one = d.intent === 'compare' ? onePieceMeant(mem, new Set(tokens), d.e) : null;
  if (one) return { intent: 'stock', product: one };
  if (d.intent === 'stock' && everyShownMeant(mem, text, d.e, d.product)) return { intent: 'compare', product: null };
  return null;
}
