// Plans for shopping: searching the catalog, a product's details, adding to and changing the
// basket, comparing pieces, and suggestions.
import type { Frame } from './frame.js';
import { inStockSizes, type ProductView } from './results.js';
import { call, reply, type IntentPlan, type Step } from './steps.js';
import { changeCart } from './plan-cart.js';
import { PHRASES } from './phrases.js';
import { askProduct, askSize, styleName } from './replies-shop.js';
import { POINTS_AT, WHATS_NEW, compared, namedForComparison, plural, wantsProductSearch } from './plan-reading.js';
import { NEWEST, OCCASION, STYLE } from './lexicon.js';
import { searchDescriptors } from './search-words.js';

const GOES_WITH = /\b(go(es)? with|goes well|match(es|ing)?|pair with|wear with)\b/i;

export function searchArgs(f: Frame): Record<string, unknown> {
  const e = f.e;
  // A copy: the descriptors belong to the message's reading, which is memoized for the next message said the same way.
  const words = [...searchDescriptors(f.text, e)];
  // Garment words finer than the category ("sneakers", "blazer") help ranking.
  if (e.categoryWord && e.category && !e.category.startsWith(e.categoryWord)) words.push(e.categoryWord);
  // The tool has no minimum-price field; its query reads "over $50" (and "new arrivals").
  if (e.minPrice !== null) words.push(`over $${e.minPrice}`);
  if (NEWEST.test(f.text)) words.push('new arrivals');
  const args: Record<string, unknown> = { query: words.join(' ').slice(0, 200), limit: 5 };
  if (f.offset > 0) args.offset = f.offset;
  if (e.category) args.category = e.category;
  if (e.colour) args.colour = e.colour;
  if (e.size) args.size = e.size;
  else if (e.mySize) args.mySize = true;
  if (e.maxPrice !== null) args.maxPrice = e.maxPrice;
  if (e.exclude.length) args.exclude = e.exclude;
  return args;
}

export function addOrAsk(p: ProductView, f: Frame, tools: ReadonlySet<string>): Step {
  const sizes = inStockSizes(p);
  const size = f.e.size ?? (sizes.length === 1 ? sizes[0]! : null);
  if (!size) return reply(askSize(p));
  if (!tools.has('add_to_cart')) return reply({ kind: 'fact', body: PHRASES.notAllowed });
  return call('add_to_cart', { productId: p.id, size, quantity: Math.min(10, Math.max(1, f.e.quantity ?? 1)) });
}

const planSearch: IntentPlan = ({ f, tools }) => {
  const e = f.e;
  // A bare "what's new?" to a shopper with personal picks gets those (the personas offer them as new pieces).
  if (WHATS_NEW.test(f.text) && !e.category && !e.colour && e.maxPrice === null && tools.has('recommend_products'))
    return call('recommend_products', { limit: 3 });
  return tools.has('search_products') ? call('search_products', searchArgs(f)) : reply({ kind: 'fact', body: PHRASES.notAllowed });
};

const planStock: IntentPlan = ({ f, memory, tools }) => {
  const e = f.e;
  // "what colours does it come in?": the same piece in every colour is a search by its name.
  if (f.product && f.aboutColours && tools.has('search_products'))
    return call('search_products', {
      query: styleName(f.product),
      ...(f.product.category ? { category: f.product.category } : {}),
      limit: 10,
    });
  if (!f.product && !memory.products.length && (e.pronoun || e.ordinal !== null) && !e.category && !e.colour) return reply(askProduct([]));
  if (f.product && tools.has('get_product')) return call('get_product', { productId: f.product.id });
  // "what is it made of?" with no product in view (or several): which one?
  if (f.aboutProductPage && !e.category && !e.colour) return reply(askProduct(memory.products));
  return tools.has('search_products') ? call('search_products', searchArgs(f)) : reply({ kind: 'fact', body: PHRASES.notAllowed });
};

const planAddToCart: IntentPlan = ({ f, memory, tools }) => {
  if (f.product) return addOrAsk(f.product, f, tools);
  if (wantsProductSearch(f) && tools.has('search_products')) {
    const { size: _size, ...args } = searchArgs(f);
    return call('search_products', args);
  }
  return reply(askProduct(memory.products));
};

const planCompare: IntentPlan = ({ f, memory, tools }) => {
  const products = compared(memory.products, f.text);
  // "the satin slip dress or the sequin party dress?" with neither shown: find each first.
  const named = products.length < 2 ? namedForComparison(f.text) : [];
  if (named.length >= 2 && tools.has('search_products') && tools.has('get_product'))
    return { kind: 'call', calls: named.map((query) => ({ name: 'search_products', args: { query, limit: 1 } })) };
  if (products.length < 2) return reply(askProduct(memory.products));
  if (!tools.has('get_product')) return reply({ kind: 'fact', body: PHRASES.notAllowed });
  return { kind: 'call', calls: products.map((p) => ({ name: 'get_product', args: { productId: p.id } })) };
};

const planViewCart: IntentPlan = ({ tools }) =>
  tools.has('view_cart') ? call('view_cart', {}) : reply({ kind: 'fact', body: PHRASES.notAllowed });

const planUpdateCart: IntentPlan = ({ f, memory, tools }) => {
  if (!tools.has('update_cart')) return reply({ kind: 'fact', body: PHRASES.notAllowed });
  // What is in the cart comes from a cart result; without a recent one, look first.
  if (memory.cart === null) return tools.has('view_cart') ? call('view_cart', {}) : reply({ kind: 'ask', body: PHRASES.whichCartLine });
  return changeCart(memory.cart, f);
};

const planRecommend: IntentPlan = ({ f, tools }) => {
  const e = f.e;
  // Ideas with a kind, colour, budget, occasion or style named ("something for a first date", "what's new in knitwear") are a search in those.
  if (
    !f.product &&
    !GOES_WITH.test(f.text) &&
    (e.category || e.colour || e.maxPrice !== null || OCCASION.test(f.text) || STYLE.test(f.text)) &&
    tools.has('search_products')
  )
    return call('search_products', searchArgs(f));
  if (tools.has('recommend_products')) return call('recommend_products', { limit: 3 });
  // "what goes with the first one?": which kind of piece to look for next to it.
  if (f.product && (e.ordinal !== null || e.pronoun || POINTS_AT.test(f.text)))
    return reply({
      kind: 'ask',
      body: `Happy to help you put a look together! What would you like to wear with the ${f.product.name}: ${f.product.category === 'trousers' ? 'a top' : 'trousers'}, shoes, a jacket or an accessory?`,
    });
  // "what goes with my chinos?": which kind of piece to look for next to them.
  if (e.categoryWord)
    return reply({
      kind: 'ask',
      body: `Happy to help you put a look together! What would you like to wear with the ${e.colour ? `${e.colour} ` : ''}${plural(e.categoryWord)}: a top, shoes, a jacket or an accessory?`,
    });
  return reply({
    kind: 'ask',
    body: 'Happy to suggest something! What are you shopping for (a dress, a top, shoes...), and do you have a colour or budget in mind?',
  });
};

export const SHOP_PLANS = {
  search: planSearch,
  stock: planStock,
  add_to_cart: planAddToCart,
  compare: planCompare,
  checkout: planViewCart,
  view_cart: planViewCart,
  update_cart: planUpdateCart,
  recommend: planRecommend,
} satisfies Record<string, IntentPlan>;
