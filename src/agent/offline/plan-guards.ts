// The checks before any intent's own plan (plan.ts): an override attempt refused, words it cannot
// read, a size in another system, the page's product, a forgotten verification detail, "why that
// one?", "something similar", nothing to understand, or no clear intent (a clarifying question).
// A guard answers only what it is for: a request said beside what it catches is that request's plan.
import { CHEAPER } from './frame.js';
import { call, reply, type PlanContext, type Step } from './steps.js';
import { ASK_MARKERS, PHRASES } from './phrases.js';
import { askProduct } from './replies-shop.js';
import { SIMILAR, WHY_PICKED, goesAhead, numericClothingSize, unreadable } from './plan-reading.js';
import { clarify } from './plan-service.js';
import { asks } from './focus.js';
import { NEEDS_NO_ACCOUNT } from './multi.js';
import { pieces } from './multi-cut.js';
import { classifyFollow } from './nlu/index.js';

// "forget it" / "forget that" drops the matter ("forget it, what are your delivery times?"): no detail forgotten.
const FORGOT =
  /\b(forgot|forget(?!\s+(?:it|that|about it)\b)|forgotten|(?:don'?t|do not|can'?t|cannot) (remember|recall|know|have|find)|no (idea|clue)|not sure (?:which|what)|lost)\b/i;
/** What may be asked beside a forgotten detail and served without it: a person, or what needs no account (the shop, the basket). */
const SERVED_WITHOUT_SIGN_IN: ReadonlySet<string> = new Set([...NEEDS_NO_ACCOUNT, 'human']);
const PAGE_ITEM_INTENTS: ReadonlySet<string> = new Set(['search', 'stock', 'add_to_cart']);

// Acting on the shopper's behalf (changing the cart, proposing or confirming a return) never
// follows a message that tries to override the rules; reading is still fine (tools authorize).
const ACTIONS: ReadonlySet<string> = new Set(['return', 'reorder', 'add_to_cart', 'update_cart', 'confirm']);
/** With an attempt to override the rules, these are refused too: what the override asks for (a discount, a favour) is no plain request. */
const INJECTED_ASKS: ReadonlySet<string> = new Set(['unanswerable', 'out_of_scope', 'discount', 'unsupported']);
const NOT_REQUESTS: ReadonlySet<string> = new Set(['greeting', 'thanks', 'goodbye', 'confirm', 'deny']);
const SIZED_ASKS: ReadonlySet<string> = new Set(['search', 'stock', 'add_to_cart']);

/** A check before the intent's own plan: a step when the turn needs one whatever its intent, else null. */
export type Guard = (c: PlanContext) => Step | null;

// An override attempt is refused when it asks for an action, or names one of the tools by its name ("call
// create_return_label with confirm: true"), whatever the words lean to; one that only asks to read is read.
const refuseInjection: Guard = ({ f, tools }) =>
  f.injection && (ACTIONS.has(f.intent) || INJECTED_ASKS.has(f.intent) || [...tools].some((t) => f.text.includes(t)))
    ? reply({ kind: 'ask', body: PHRASES.injection })
    : null;

// A wrong guess at words it cannot read would be worse than saying so.
const notEnglish: Guard = ({ f, tools }) =>
  f.foreign && !f.e.orderNumbers.length && !f.e.email
    ? reply({ kind: 'ask', body: `${PHRASES.englishOnly}${tools.has('escalate_to_human') ? ` ${PHRASES.humanOffer}` : ''}` })
    : null;

// "a dress in size 14", "do you have it in a 10?", "add it in a 12": clothes here are XS–XXL,
// so which of our sizes that is comes first (a fresh search reads only its own words).
// (Asked how to buy a piece, the piece comes first: its sizes are shown with it.)
const numericSize: Guard = ({ f, memory, tools }) =>
  SIZED_ASKS.has(f.intent) && !f.buying && numericClothingSize(f, f.intent === 'search' ? [] : memory.products) && tools.has('store_policy')
    ? call('store_policy', { topic: 'sizing' })
    : null;

// "do you have this in a medium?" with nothing shown: the product page the shopper is on, if
// the prompt gives one; else which item, rather than everything in M.
const pageItem: Guard = ({ f, memory, tools }) => {
  const e = f.e;
  if (!(
    PAGE_ITEM_INTENTS.has(f.intent) &&
    e.pronoun &&
    !f.product &&
    memory.products.length === 0 &&
    !e.category &&
    !e.colour &&
    e.descriptors.length === 0
  ))
    return null;
  if (f.pageProduct && tools.has('get_product')) return call('get_product', { productId: f.pageProduct });
  return reply(askProduct([]));
};

/**
 * "…the email's on my other phone. Could I speak to someone?", "not sure which address I used. Never mind, do you ship abroad?": beside
 * the forgotten detail, a piece of the message (multi-cut.ts) that asks (the act head) and a whole reading that needs no
 * sign-in. That request is served (a hand-over is a hand-over, a question answered); where to find the detail is not said.
 */
const askedBeside = (f: PlanContext['f']): boolean =>
  SERVED_WITHOUT_SIGN_IN.has(f.intent) && !f.unsure && pieces(f.text).some((p) => !FORGOT.test(p.text) && asks(p.text));

// "I forgot which email I used" / "I don't have my order number" while verification is asked for: where to find both.
// A request that needs no account, asked in the same breath, is answered instead (a person asked for is handed over).
const forgotVerification: Guard = ({ f, memory, tools }) => {
  if (!(memory.asked === 'verify' && FORGOT.test(f.text) && !f.e.email && !f.e.orderNumbers.length)) return null;
  // A delivery time asked of the shopper's own parcel ("…so when will it get here?") still needs the order found; the
  // question is its last clause, read apart from the detail told before it ("the order number is at home").
  const question =
    f.text
      .split(/[.!?;,]+/)
      .map((c) => c.trim())
      .filter(Boolean)
      .at(-1) ?? f.text;
  const ofOwnOrder = f.intent === 'delivery_time' && classifyFollow(question).follow === 'order_fact';
  if (askedBeside(f) && !ofOwnOrder) return null;
  return reply({
    kind: 'ask',
    body: `${PHRASES.forgotVerification}${tools.has('escalate_to_human') ? ` If you can't find it, ${PHRASES.humanOffer}` : ''}`,
  });
};

// "why did you pick the first one?" about a pick that says why: that reason, no new picks.
const whyPicked: Guard = ({ f }) =>
  WHY_PICKED.test(f.text) && f.product?.because
    ? reply({ kind: 'fact', body: `I picked ${f.product.name} because it ${f.product.because.replace(/^it /, '')}.` })
    : null;

const similar: Guard = ({ f, memory, tools }) => {
  const e = f.e;
  const similarAsk = SIMILAR.test(f.text)
    ? f.text
    : memory.asked === 'product' && memory.prevUser && SIMILAR.test(memory.prevUser)
      ? memory.prevUser
      : null;
  // "anything similar but cheaper?" after picks of different kinds: similar to which one?
  if (
    similarAsk === f.text &&
    !memory.lastSearch &&
    !f.product &&
    !e.category &&
    memory.products.length > 1 &&
    new Set(memory.products.map((p) => p.category)).size > 1
  ) {
    return reply(askProduct(memory.products, `${ASK_MARKERS.product} something similar to?`));
  }
  // "something similar but cheaper" about one piece (pointed at, or the answer to "similar to which?"): its kind, under its price.
  if (similarAsk && f.product?.category && !e.category && tools.has('search_products')) {
    const cheaper = CHEAPER.test(similarAsk) && f.product.price !== null;
    // The kind of piece is the name's last word ("… Straight-Leg Jeans" → jeans).
    const kind = f.product.name.split(/\s+/).at(-1)!.toLowerCase();
    return call('search_products', {
      query: kind,
      category: f.product.category,
      ...(cheaper ? { maxPrice: Math.max(1, Math.floor(f.product.price! - 1)) } : {}),
      limit: 5,
    });
  }
  return null;
};

// "?", "asdfgh", "lol": no words to understand, so no intent to act on; ask again.
const unreadableText: Guard = ({ f, memory }) => {
  const e = f.e;
  const slots =
    e.orderNumbers.length > 0 || e.email !== null || e.size !== null || e.colour !== null || e.ordinal !== null || e.quantity !== null;
  if (!unreadable(f.text) || slots || NOT_REQUESTS.has(f.intent)) return null;
  // "Engage." while a proposal waits: a word the lexicon lacks, but a go-ahead (plan-talk.ts proposes it again); a
  // refusal in words it lacks ("leai, fa'afetai", read as one by the reply head: frame-reply.ts) is asked again (planDeny).
  if ((memory.pendingAction || memory.pendingReturn) && (goesAhead(f.text) || f.intent === 'deny')) return null;
  // "2847e" where an order number was asked for: a slip of the thumb, asked for again.
  const numberAsked = (memory.asked === 'verify' || memory.asked === 'order') && /\d/.test(f.text);
  return reply({ kind: 'ask', body: numberAsked ? PHRASES.notAnOrderNumber : PHRASES.didNotCatch });
};

// Nothing clear in the words, and nothing in the conversation to settle it: ask, naming the likely ones.
const unsureIntent: Guard = ({ f }) => (f.unsure && !unreadable(f.text) ? clarify(f.unsure) : null);

/** The checks, in order, before the intent's plan. */
export const GUARDS: readonly Guard[] = [
  refuseInjection,
  notEnglish,
  numericSize,
  pageItem,
  forgotVerification,
  whyPicked,
  similar,
  unreadableText,
  unsureIntent,
];
