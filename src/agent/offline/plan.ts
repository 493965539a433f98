// The policy: given the frame and what this turn's tools already returned, the next step is
// either tool calls or a reply. Only tools the persona bound are ever called; a write
// (create_return_label with confirm: true) happens only on the shopper's yes to a proposal
// made in the previous turn, with exactly the proposed arguments.
import type { Frame } from './frame.js';
import { CHEAPER, garmentNotIn, pickProduct } from './frame.js';
import type { Memory } from './memory.js';
import type { Exchange } from './conversation.js';
import { policyTopic } from './classify.js';
import { inStockSizes, lastCartLines, namedSize, ordersIn, productsIn, type OrderView, type ProductView } from './results.js';
import type { Reply } from './voice.js';
import { call, reply, type Step } from './steps.js';
import { changeCart } from './plan-cart.js';
import { ASK_MARKERS, PHRASES } from './phrases.js';
import { askProduct, askSize, styleName } from './replies-shop.js';
import { PAGE_QUESTIONS } from './product-facts.js';
import { MEASURE_OR_SYSTEM, POINTS_AT, SIMILAR, WHATS_NEW, WHY_PICKED, compared, namedElsewhere, namedForComparison, numericClothingSize, orderMeant, plural, unreadable, wantsProductSearch } from './plan-reading.js';
import { NEWEST, OCCASION } from './lexicon.js';
import { ACTION_ECHO, isClearNo, isClearYes } from '../../core/index.js';
import { clarify, exchangeLine, serviceStep } from './plan-service.js';

export type { Call, Step } from './steps.js';

export interface PlanInput {
  frame: Frame;
  memory: Memory;
  tools: ReadonlySet<string>;
  /** This turn's tool exchanges so far. */
  done: readonly Exchange[];
}

function searchArgs(f: Frame): Record<string, unknown> {
  const e = f.e;
  const words = [...e.descriptors];
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

function humanReason(f: Frame): string {
  const text = f.text.replace(/\s+/g, ' ').trim();
  return `Shopper asked for a person: "${text.length > 200 ? `${text.slice(0, 199)}…` : text}"`;
}

function returnReason(f: Frame): string | undefined {
  const m = /\b(too (?:small|big|large|long|short|tight|loose)|wrong (?:size|colou?r|item)|doesn'?t fit|does not fit|damaged|faulty|broken|defective|ripped|torn|stained|has a hole|changed my mind)\b/i.exec(f.text);
  return m ? m[1]!.toLowerCase() : undefined;
}

function addOrAsk(p: ProductView, f: Frame, tools: ReadonlySet<string>): Step {
  const sizes = inStockSizes(p);
  const size = f.e.size ?? (sizes.length === 1 ? sizes[0]! : null);
  if (!size) return reply(askSize(p));
  if (!tools.has('add_to_cart')) return reply({ kind: 'fact', body: PHRASES.notAllowed });
  return call('add_to_cart', { productId: p.id, size, quantity: Math.min(10, Math.max(1, f.e.quantity ?? 1)) });
}

/**
 * The items of an order the message names ("the chinos", "the jumper"), when it names some of
 * them but not all; null means the whole order.
 */
function namedItems(order: OrderView, f: Frame): number[] | null {
  const words = [f.e.categoryWord, f.e.colour, ...f.e.descriptors].filter((w): w is string => !!w && w.length >= 3);
  if (!words.length || order.items.length < 2) return null;
  const picked = order.items.flatMap((item, i) => (words.some((w) => item.toLowerCase().includes(w)) ? [i] : []));
  return picked.length && picked.length < order.items.length ? picked : null;
}

/**
 * The return proposal for an order: of the items the message names if it names some (their ids
 * come from looking the order up, when the order was only seen in a list), else of every item.
 */
function proposeReturn(orderNumber: string, order: OrderView | null, f: Frame, tools: ReadonlySet<string>, pending: Record<string, unknown> | null = null): Step {
  const reason = returnReason(f);
  const args: Record<string, unknown> = { orderNumber, confirm: false, ...(reason ? { reason } : {}) };
  // "only the jumper" for an order not looked up yet: its items first.
  if (!order && f.e.categoryWord && tools.has('lookup_order')) return call('lookup_order', { orderNumber });
  const picked = order ? namedItems(order, f) : null;
  if (order && picked) {
    let ids = picked.map((i) => order.itemIds[i]);
    if (!ids.every((id): id is string => !!id)) {
      if (tools.has('lookup_order')) return call('lookup_order', { orderNumber });
    } else {
      // "the chinos too" while the jumper's return is proposed: both.
      const before = pending?.orderNumber === orderNumber && ADDS_TO.test(f.text) && Array.isArray(pending.items) ? pending.items.filter((x): x is string => typeof x === 'string') : [];
      ids = [...new Set([...before, ...ids])];
      if (ids.length < order.items.length) args.items = ids;
    }
  }
  return call('create_return_label', args);
}

const FORGOT = /\b(forgot|forget|forgotten|don'?t (remember|know|have)|can'?t (remember|find)|no idea|lost)\b/i;
const PAGE_ITEM_INTENTS: ReadonlySet<string> = new Set(['search', 'stock', 'add_to_cart']);
const ADDS_TO = /\b(too|also|as well)\b/i;

/** The email and order number to verify with: this message's, else the latest the conversation gave. */
function verificationHalves(f: Frame, memory: Memory): { email: string | null; orderNumber: string | null } {
  return { email: f.e.email ?? memory.mentionedEmail, orderNumber: f.e.orderNumbers[0] ?? memory.mentionedOrder };
}

/**
 * What verification still needs. `first`: the shopper asked about their orders and has not been
 * asked yet ("track order 28473": only the email is missing, so only the email is asked for).
 */
function askMissingHalf(email: string | null, orderNumber: string | null, first: boolean): Reply {
  if (email && !orderNumber) return { kind: 'ask', body: PHRASES.askVerifyOrder };
  if (orderNumber && !email) return { kind: 'ask', body: first ? PHRASES.askVerifyEmailFor(orderNumber) : PHRASES.askVerifyEmail };
  return { kind: 'ask', body: PHRASES.askVerify };
}

/** Needs account tools the persona lacks: verification first if it is offered, else honesty. */
function needAccount(tools: ReadonlySet<string>, memory: Memory, fallback: string, f: Frame): Step {
  if (tools.has('verify_customer') && !memory.verified) {
    // Both halves already given (an email earlier, the order number now): that is the verification.
    const { email, orderNumber } = verificationHalves(f, memory);
    if (email && orderNumber) return call('verify_customer', { email, orderNumber });
    return reply(askMissingHalf(email, orderNumber, true));
  }
  return reply({ kind: 'fact', body: `${fallback} ${tools.has('escalate_to_human') ? PHRASES.humanOffer : ''}`.trim() });
}

// Acting on the shopper's behalf (changing the cart, proposing or confirming a return) never
// follows a message that tries to override the rules; reading is still fine (tools authorize).
const ACTIONS: ReadonlySet<string> = new Set(['return', 'reorder', 'add_to_cart', 'update_cart', 'confirm']);
const GOES_WITH = /\b(go(es)? with|goes well|match(es|ing)?|pair with|wear with)\b/i;
/** With an attempt to override the rules, these are refused too: what the override asks for (a discount, a favour) is no plain request. */
const INJECTED_ASKS: ReadonlySet<string> = new Set(['unanswerable', 'out_of_scope', 'discount', 'unsupported']);
/** Requests about the shopper's own account and orders. */
const ACCOUNT_ASKS: ReadonlySet<string> = new Set(['order_status', 'loyalty', 'return', 'reorder', 'refund_status', 'cancel_order', 'change_address', 'exchange', 'report_problem']);
const NOT_REQUESTS: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye', 'confirm', 'deny']);
const SIZED_ASKS: ReadonlySet<string> = new Set(['search', 'stock', 'add_to_cart']);

/**
 * With no tool for a swap or a claim, what the shop can do here is a return (with how swaps work);
 * so is a swap not yet said in full ("can I swap them?"): that order's return, or why it cannot go back.
 */
function asReturn(f: Frame, memory: Memory, tools: ReadonlySet<string>): Frame {
  const noSwap = f.intent === 'exchange' && (!tools.has('exchange_items') || !exchangeLine(f, memory));
  return noSwap || (f.intent === 'report_problem' && !tools.has('report_problem')) ? { ...f, intent: 'return' } : f;
}

export function firstStep({ frame: f, memory, tools }: PlanInput): Step {
  f = asReturn(f, memory, tools);
  const e = f.e;
  if (f.injection && (ACTIONS.has(f.intent) || INJECTED_ASKS.has(f.intent))) return reply({ kind: 'ask', body: PHRASES.injection });
  // A wrong guess at words it cannot read would be worse than saying so.
  if (f.foreign && !f.e.orderNumbers.length && !f.e.email) return reply({ kind: 'ask', body: `${PHRASES.englishOnly}${tools.has('escalate_to_human') ? ` ${PHRASES.humanOffer}` : ''}` });
  // "a dress in size 14", "do you have it in a 10?", "add it in a 12": clothes here are XS–XXL,
  // so which of our sizes that is comes first (a fresh search reads only its own words).
  if (SIZED_ASKS.has(f.intent) && numericClothingSize(f, f.intent === 'search' ? [] : memory.products) && tools.has('store_policy')) return call('store_policy', { topic: 'sizing' });
  // "do you have this in a medium?" with nothing shown: the product page the shopper is on, if
  // the prompt gives one; else which item, rather than everything in M.
  if (PAGE_ITEM_INTENTS.has(f.intent) && e.pronoun && !f.product && memory.products.length === 0 && !e.category && !e.colour && e.descriptors.length === 0) {
    if (f.pageProduct && tools.has('get_product')) return call('get_product', { productId: f.pageProduct });
    return reply(askProduct([]));
  }
  // "I forgot which email I used" / "I don't have my order number" while verification is asked for: where to find both.
  if (memory.asked === 'verify' && FORGOT.test(f.text) && !e.email && !e.orderNumbers.length) {
    return reply({ kind: 'ask', body: `${PHRASES.forgotVerification}${tools.has('escalate_to_human') ? ` If you can't find it, ${PHRASES.humanOffer}` : ''}` });
  }
  // "why did you pick the first one?" about a pick that says why: that reason, no new picks.
  if (WHY_PICKED.test(f.text) && f.product?.because) return reply({ kind: 'fact', body: `I picked ${f.product.name} because it ${f.product.because.replace(/^it /, '')}.` });
  const similarAsk = SIMILAR.test(f.text) ? f.text : memory.asked === 'product' && memory.prevUser && SIMILAR.test(memory.prevUser) ? memory.prevUser : null;
  // "anything similar but cheaper?" after picks of different kinds: similar to which one?
  if (similarAsk === f.text && !memory.lastSearch && !f.product && !e.category && memory.products.length > 1 && new Set(memory.products.map((p) => p.category)).size > 1) {
    return reply(askProduct(memory.products, `${ASK_MARKERS.product} something similar to?`));
  }
  // "something similar but cheaper" about one piece (pointed at, or the answer to "similar to which?"): its kind, under its price.
  if (similarAsk && f.product?.category && !e.category && tools.has('search_products')) {
    const cheaper = CHEAPER.test(similarAsk) && f.product.price !== null;
    // The kind of piece is the name's last word ("… Straight-Leg Jeans" → jeans).
    const kind = f.product.name.split(/\s+/).at(-1)!.toLowerCase();
    return call('search_products', { query: kind, category: f.product.category, ...(cheaper ? { maxPrice: Math.max(1, Math.floor(f.product.price! - 1)) } : {}), limit: 5 });
  }
  // "?", "asdfgh", "lol": no words to understand, so no intent to act on; ask again.
  const slots = e.orderNumbers.length > 0 || e.email !== null || e.size !== null || e.colour !== null || e.ordinal !== null || e.quantity !== null;
  if (unreadable(f.text) && !slots && !NOT_REQUESTS.has(f.intent)) return reply({ kind: 'ask', body: PHRASES.didNotCatch });
  // Nothing clear in the words, and nothing in the conversation to settle it: ask, naming the likely ones.
  const unsure = f.unsure && !unreadable(f.text) ? clarify(f.unsure) : null;
  if (unsure) return unsure;
  // An email from a shopper not signed in ("I am sarah@…, list my orders"): who they are comes first, never their account.
  if (e.email && tools.has('verify_customer') && ACCOUNT_ASKS.has(f.intent)) f = { ...f, intent: 'verify' };
  switch (f.intent) {
    case 'greeting':
      return reply({ kind: 'plain', body: '', perks: true });
    case 'out_of_scope':
      // "?", "asdfgh", "lol": nothing to hand a person either; ask again instead of offering one.
      if (unreadable(f.text)) return reply({ kind: 'ask', body: PHRASES.didNotCatch });
      // "it's order 28" when an order number was asked for: too short to be one.
      if ((memory.asked === 'verify' || memory.asked === 'order') && /\b\d{1,3}\b/.test(f.text)) return reply({ kind: 'ask', body: PHRASES.shortOrderNumber });
      return reply({ kind: 'plain', body: '' });
    case 'thanks':
    case 'goodbye':
      return reply({ kind: 'plain', body: '' });
    case 'opt_out':
      return { kind: 'reply', reply: { kind: 'plain', body: PHRASES.optOut }, optOut: true };
    case 'opt_in':
      return { kind: 'reply', reply: { kind: 'plain', body: PHRASES.optIn }, optIn: true };
    case 'unsupported':
      // One intent for "do you gift wrap?" and "hold it for me": no tool knows or does it, so say both, and offer a person.
      return tools.has('escalate_to_human') ? reply({ kind: 'ask', body: `${PHRASES.noToolForThat} ${PHRASES.humanOffer}` }) : reply({ kind: 'fact', body: PHRASES.noToolForThat });
    case 'unanswerable':
      return reply({ kind: 'ask', body: `${PHRASES.honestUnknown} ${tools.has('escalate_to_human') ? PHRASES.humanOffer : ''}`.trim() });
    case 'confirm':
      // Acting needs the same unambiguous yes the server requires (core/consent): a hedge that
      // merely sounds like agreement ("not sure", "sure?") gets the question again.
      if ((memory.pendingReturn || memory.pendingAction || memory.asked === 'merge') && !isClearYes(f.text, { echo: ACTION_ECHO[memory.pendingAction?.action ?? ''] })) return reply({ kind: 'ask', body: PHRASES.askConfirmAgain });
      if (memory.pendingAction && tools.has(memory.pendingAction.name)) return call(memory.pendingAction.name, { ...memory.pendingAction.args, confirm: true });
      if (memory.asked === 'merge' && tools.has('view_cart')) return call('view_cart', { mergeGuestCart: true });
      // A yes right after the proposal confirms it; a later one must say what it agrees to.
      if (memory.pendingReturn && tools.has('create_return_label') && (memory.pendingAge === 1 || memory.asked === 'confirm' || /\b(return|label|refund|send (it|them) back)/i.test(f.text))) {
        return call('create_return_label', { ...memory.pendingReturn, confirm: true });
      }
      if (memory.offeredHuman && tools.has('escalate_to_human')) return call('escalate_to_human', { reason: memory.prevUser ? `Shopper accepted a hand-over after: "${memory.prevUser.slice(0, 200)}"` : 'Shopper accepted a hand-over' });
      if (memory.asked === 'lookup' && tools.has('lookup_order')) {
        const n = f.orderNumber ?? memory.offeredOrder;
        return call('lookup_order', n ? { orderNumber: n } : {});
      }
      return reply({ kind: 'ask', body: PHRASES.confirmNothing });
    case 'deny':
      // Declining needs a plain no, as the server reads it: "why not" or "not sure" asks again.
      if ((memory.pendingReturn || memory.pendingAction || memory.asked === 'merge') && !isClearNo(f.text)) return reply({ kind: 'ask', body: PHRASES.askConfirmAgain });
      if (memory.pendingAction) return reply({ kind: 'fact', body: PHRASES.denyAction });
      if (memory.asked === 'merge') return reply({ kind: 'fact', body: PHRASES.denyMerge });
      // Nothing was offered, so nothing to decline: ask what they would like rather than "No problem."
      if (!memory.pendingReturn && !memory.pendingAction && !memory.offeredHuman && !memory.asked) return reply({ kind: 'ask', body: PHRASES.didNotCatch });
      return reply({ kind: 'fact', body: memory.pendingReturn ? PHRASES.denyReturn : PHRASES.denyGeneric });
    case 'search':
      // A bare "what's new?" to a shopper with personal picks gets those (the personas offer them as new pieces).
      if (WHATS_NEW.test(f.text) && !e.category && !e.colour && e.maxPrice === null && tools.has('recommend_products')) return call('recommend_products', { limit: 3 });
      return tools.has('search_products') ? call('search_products', searchArgs(f)) : reply({ kind: 'fact', body: PHRASES.notAllowed });
    case 'stock':
      // "what colours does it come in?": the same piece in every colour is a search by its name.
      if (f.product && f.aboutColours && tools.has('search_products')) return call('search_products', { query: styleName(f.product), ...(f.product.category ? { category: f.product.category } : {}), limit: 10 });
      if (!f.product && !memory.products.length && (e.pronoun || e.ordinal !== null) && !e.category && !e.colour) return reply(askProduct([]));
      if (f.product && tools.has('get_product')) return call('get_product', { productId: f.product.id });
      // "what is it made of?" with no product in view (or several): which one?
      if (f.aboutProductPage && !e.category && !e.colour) return reply(askProduct(memory.products));
      return tools.has('search_products') ? call('search_products', searchArgs(f)) : reply({ kind: 'fact', body: PHRASES.notAllowed });
    case 'add_to_cart':
      if (f.product) return addOrAsk(f.product, f, tools);
      if (wantsProductSearch(f) && tools.has('search_products')) {
        const { size: _size, ...args } = searchArgs(f);
        return call('search_products', args);
      }
      return reply(askProduct(memory.products));
    case 'compare': {
      const products = compared(memory.products, f.text);
      // "the satin slip dress or the sequin party dress?" with neither shown: find each first.
      const named = products.length < 2 ? namedForComparison(f.text) : [];
      if (named.length >= 2 && tools.has('search_products') && tools.has('get_product')) return { kind: 'call', calls: named.map((query) => ({ name: 'search_products', args: { query, limit: 1 } })) };
      if (products.length < 2) return reply(askProduct(memory.products));
      if (!tools.has('get_product')) return reply({ kind: 'fact', body: PHRASES.notAllowed });
      return { kind: 'call', calls: products.map((p) => ({ name: 'get_product', args: { productId: p.id } })) };
    }
    case 'checkout':
    case 'view_cart':
      return tools.has('view_cart') ? call('view_cart', {}) : reply({ kind: 'fact', body: PHRASES.notAllowed });
    case 'update_cart':
      if (!tools.has('update_cart')) return reply({ kind: 'fact', body: PHRASES.notAllowed });
      // What is in the cart comes from a cart result; without a recent one, look first.
      if (memory.cart === null) return tools.has('view_cart') ? call('view_cart', {}) : reply({ kind: 'ask', body: PHRASES.whichCartLine });
      return changeCart(memory.cart, f);
    case 'order_status':
      if (!tools.has('lookup_order')) return needAccount(tools, memory, PHRASES.noOrdersTool, f);
      return call('lookup_order', f.orderNumber ? { orderNumber: f.orderNumber } : {});
    case 'return':
      if (!tools.has('create_return_label')) {
        if (tools.has('lookup_order') || f.orderNumber || (tools.has('verify_customer') && !memory.verified)) return needAccount(tools, memory, PHRASES.noReturnsTool, f);
        return tools.has('store_policy') ? call('store_policy', { topic: 'returns' }) : needAccount(tools, memory, PHRASES.noReturnsTool, f);
      }
      if (f.orderNumber) return proposeReturn(f.orderNumber, memory.orders.find((o) => o.orderNumber === f.orderNumber) ?? null, f, tools, memory.pendingReturn);
      return tools.has('lookup_order') ? call('lookup_order', {}) : reply({ kind: 'ask', body: 'Which order would you like to return? Please tell me the order number.' });
    case 'reorder':
      if (!tools.has('reorder')) return needAccount(tools, memory, "I'm not able to reorder from this chat.", f);
      if (f.orderNumber) return call('reorder', { orderNumber: f.orderNumber });
      return tools.has('lookup_order') ? call('lookup_order', {}) : reply({ kind: 'ask', body: 'Which order would you like again? Please tell me the order number.' });
    case 'loyalty':
      if (tools.has('loyalty_status')) return call('loyalty_status', {});
      if (tools.has('verify_customer') && !memory.verified && tools.has('store_policy')) return call('store_policy', { topic: 'general' });
      return tools.has('store_policy') ? call('store_policy', { topic: 'general' }) : reply({ kind: 'fact', body: PHRASES.notAllowed });
    case 'recommend':
      // Ideas with a kind, colour, budget or occasion named ("something for a first date", "what's new in knitwear") are a search in those.
      if (!f.product && !GOES_WITH.test(f.text) && (e.category || e.colour || e.maxPrice !== null || OCCASION.test(f.text)) && tools.has('search_products')) return call('search_products', searchArgs(f));
      if (tools.has('recommend_products')) return call('recommend_products', { limit: 3 });
      // "what goes with the first one?": which kind of piece to look for next to it.
      if (f.product && (e.ordinal !== null || e.pronoun || POINTS_AT.test(f.text))) return reply({ kind: 'ask', body: `Happy to help you put a look together! What would you like to wear with the ${f.product.name}: ${f.product.category === 'trousers' ? 'a top' : 'trousers'}, shoes, a jacket or an accessory?` });
      // "what goes with my chinos?": which kind of piece to look for next to them.
      if (e.categoryWord) return reply({ kind: 'ask', body: `Happy to help you put a look together! What would you like to wear with the ${e.colour ? `${e.colour} ` : ''}${plural(e.categoryWord)}: a top, shoes, a jacket or an accessory?` });
      return reply({ kind: 'ask', body: 'Happy to suggest something! What are you shopping for (a dress, a top, shoes...), and do you have a colour or budget in mind?' });
    case 'frustrated':
      return reply({ kind: 'ask', body: `${PHRASES.frustrated} ${tools.has('escalate_to_human') ? PHRASES.humanOffer : PHRASES.frustratedRetry}` });
    case 'human':
      if (tools.has('escalate_to_human')) return call('escalate_to_human', { reason: humanReason(f) });
      return reply({ kind: 'fact', body: PHRASES.humanUnavailable });
    case 'verify':
      // Not offered to a shopper who is signed in already: no switching accounts.
      if (!tools.has('verify_customer')) return reply({ kind: 'fact', body: PHRASES.noVerify });
      {
        // After "couldn't match", a new email alone retries with the order number given before.
        const { email, orderNumber } = verificationHalves(f, memory);
        if (email && orderNumber) return call('verify_customer', { email, orderNumber });
        return reply(askMissingHalf(email, orderNumber, false));
      }
    default: {
      const service = serviceStep({ frame: f, memory, tools, needAccount: (fallback) => needAccount(tools, memory, fallback, f) });
      if (service) return service;
      const topic = policyTopic(f.intent);
      // "is it true to size?", "does it run small?" about the product in view: its page says how it fits.
      if (topic === 'sizing' && f.product && PAGE_QUESTIONS.fit.test(f.text) && !MEASURE_OR_SYSTEM.test(f.text) && tools.has('get_product')) return call('get_product', { productId: f.product.id });
      if (topic && tools.has('store_policy')) return call('store_policy', { topic });
      return reply({ kind: 'plain', body: '' });
    }
  }
}

/** After this turn's tool results: chain one more call when the request needs it, else compose. */
export function nextStep(input: PlanInput): Step {
  const { tools, done } = input;
  const f = asReturn(input.frame, input.memory, tools);
  const last = done[done.length - 1];
  if (!last?.result || done.length >= 4) return { kind: 'compose' };
  const already = (name: string) => done.some((d) => d.name === name);
  const r = last.result;

  // The product page's item, looked up for "do you have this in M?" / "add this in M".
  if (last.name === 'get_product' && f.pageProduct && last.args.productId === f.pageProduct) {
    if (!r.ok) return reply(askProduct([])); // not a product page after all
    const [p] = productsIn(r.data);
    if (p && f.intent === 'add_to_cart' && !already('add_to_cart')) return addOrAsk(p, f, tools);
  }

  if (last.name === 'verify_customer' && r.ok) {
    const n = f.e.orderNumbers[0];
    if (n && (f.intent === 'order_status' || f.intent === 'verify') && tools.has('lookup_order')) return call('lookup_order', { orderNumber: n });
    if (n && f.intent === 'return' && tools.has('create_return_label')) return call('create_return_label', { orderNumber: n, confirm: false });
    return { kind: 'compose' };
  }
  if (last.name === 'search_products' && r.ok && f.intent === 'add_to_cart' && !already('add_to_cart')) {
    // Only what the shopper named: a kind or colour of product, and words that matched as said.
    if (r.data.approximate === true || (f.e.category === null && f.e.colour === null)) return { kind: 'compose' };
    // The search left the size out, so the piece meant is found even when its size is gone.
    // "add a red dress in M": the first that has M; "add the linen wrap dress": only that one.
    const found = productsIn(r.data);
    const size = f.e.size;
    // A one-size piece needs no size: "add the black leather belt" adds it.
    const oneSize = (x: ProductView) => x.stock.length === 1 && namedSize(x.stock[0]!.size) === null && inStockSizes(x).length === 1;
    const fits = (x: ProductView) => (size ? inStockSizes(x).includes(size) : oneSize(x));
    const p = pickProduct(found, { ...f.e, ordinal: null, pronoun: false }, f.text) ?? (f.e.definite && found.length > 1 ? null : (found.find(fits) ?? found[0]));
    if (p && fits(p)) return addOrAsk(p, f, tools);
    // The piece, but not in that size: say so and ask for one it has.
    if (p && size && found.length === 1) return reply({ kind: 'ask', body: `${p.name} isn't in stock in ${size}. ${askSize(p).body}` });
    return { kind: 'compose' };
  }
  // "is the merino jumper machine washable?" with nothing in view: the piece it names, then its details.
  if (last.name === 'search_products' && r.ok && f.aboutProductPage && (f.intent === 'stock' || f.intent === 'search') && !already('get_product') && tools.has('get_product')) {
    const found = productsIn(r.data);
    // One piece, or one style in several colours (their product details are the same).
    const p = pickProduct(found, { ...f.e, ordinal: null, pronoun: false }, f.text) ?? (found.length > 0 && new Set(found.map(styleName)).size === 1 ? found[0] : undefined);
    if (p && r.data.approximate !== true) return call('get_product', { productId: p.id });
  }
  // A comparison of products found by name: now each one's details.
  if (f.intent === 'compare' && done.every((d) => d.name === 'search_products') && tools.has('get_product')) {
    const found = done.flatMap((d) => (d.result?.ok ? productsIn(d.result.data).slice(0, 1) : []));
    if (found.length >= 2) return { kind: 'call', calls: found.map((p) => ({ name: 'get_product', args: { productId: p.id } })) };
  }
  // The order looked up to learn its items' ids (proposeReturn): now the proposal.
  if (last.name === 'lookup_order' && r.ok && 'orderNumber' in last.args && f.intent === 'return' && tools.has('create_return_label') && !already('create_return_label')) {
    const [order] = ordersIn(r.data);
    if (order?.returnPossible) return proposeReturn(order.orderNumber, order, f, tools);
  }
  if (last.name === 'lookup_order' && r.ok && !('orderNumber' in last.args)) {
    const orders = ordersIn(r.data);
    if (f.intent === 'return' && tools.has('create_return_label')) {
      const returnable = orders.filter((o) => o.returnPossible);
      if (returnable.length === 1 && !garmentNotIn(returnable, f.e) && !namedElsewhere(orders, returnable[0]!, f)) return proposeReturn(returnable[0]!.orderNumber, returnable[0]!, f, tools);
    }
    // "my last order" / "what I got last time": the newest.
    if (f.intent === 'reorder' && tools.has('reorder') && orders.length && (f.e.ordinal === -1 || /\blast time\b/i.test(f.text))) return call('reorder', { orderNumber: orders[0]!.orderNumber });
    // "my last order hasn't arrived": that order's details rather than the list.
    const meant = f.intent === 'order_status' && orders.length > 1 && tools.has('lookup_order') ? orderMeant(orders, f) : null;
    if (meant) return call('lookup_order', { orderNumber: meant });
  }
  // Looked at the cart to find the line to change.
  if (last.name === 'view_cart' && r.ok && f.intent === 'update_cart' && tools.has('update_cart') && !already('update_cart')) {
    return changeCart(lastCartLines([last]) ?? [], f);
  }
  return { kind: 'compose' };
}
