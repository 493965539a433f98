// Understanding one message: the learned intent classifier (./nlu, trained from data/nlu/train)
// gives every intent a probability; nothing here weighs words by hand. What words cannot know is
// added as a prior from the conversation (`applyContext`: a pointer at products just shown, orders
// in view, a proposal waiting). Slots (sizes, colours, prices, exclusions, order numbers) are read
// by entities.ts; dialogue state on top (answers to a question asked, refining a search) is frame.ts.
import { createMemo, optOutChange } from '../../core/index.js';
import { forgetToolResults } from './conversation.js';
import { normalize, type Normalized } from './normalize.js';
import { extractEntities, type Entities } from './entities.js';
import { COLOUR_WORDS, INTENTS, type ScoredIntent } from './lexicon.js';
import { classifyIntent } from './nlu/index.js';
import { focusOnRequest, unsigned } from './focus.js';
import { toolSchemas, type ToolArgs } from '../../tools/index.js';

export type Intent = ScoredIntent;
/** The store_policy tool's topics (the shop's POLICY_TOPICS), the one list. */
export type PolicyTopic = ToolArgs['store_policy']['topic'];
const POLICY_TOPICS: readonly string[] = toolSchemas.store_policy.shape.topic.options;

/** What the previous turn left open, as far as understanding the next message is concerned. */
export interface ClassifyContext {
  /** A return label was proposed and awaits yes/no. */
  pendingProposal?: boolean;
  /** The previous turn showed products (a list or one product). */
  shownProducts?: number;
  /** The previous turn showed orders. */
  shownOrders?: number;
  /** The previous turn offered a human hand-over. */
  offeredHuman?: boolean;
}

export interface Understanding {
  intent: Intent;
  score: number;
  /** Runner-up, for multi-intent messages ("hi, where is my order"). */
  scores: Partial<Record<Intent, number>>;
  entities: Entities;
  norm: Normalized;
  /** No intent is clear: the planner asks which of `alternatives` (and `intent`) was meant. */
  lowConfidence: boolean;
  /** The next most probable intents, best first. */
  alternatives: Intent[];
}

/** Below this (a probability of 0.35) the best intent is a guess. */
const LOW_CONFIDENCE = 3.5;
const KNOWN: ReadonlySet<string> = new Set(INTENTS);
const isIntent = (label: string): label is Intent => KNOWN.has(label);

// Equal scores go to the intent that is costlier to miss.
const PRIORITY: Intent[] = [
  'opt_out',
  'opt_in',
  'unsupported',
  'human',
  'frustrated',
  'complaint',
  'report_problem',
  'cancel_order',
  'change_address',
  'change_delivery',
  'exchange',
  'verify',
  'return',
  'refund_status',
  'reorder',
  'update_cart',
  'add_to_cart',
  'order_status',
  'view_cart',
  'checkout',
  'how_to_order',
  'compare',
  'stock',
  'loyalty',
  'discount',
  'recommend',
  'policy_ai',
  'policy_returns',
  'delivery_time',
  'pickup',
  'policy_shipping',
  'policy_sizing',
  'policy_payment',
  'policy_general',
  'capabilities',
  'search',
  'confirm',
  'deny',
  'goodbye',
  'thanks',
  'smalltalk',
  'greeting',
  'out_of_scope',
  'unanswerable',
];

function add(scores: Partial<Record<Intent, number>>, intent: Intent, w: number): void {
  scores[intent] = (scores[intent] ?? 0) + w;
}

// Every decision re-reads the conversation, so the same few messages are classified again and
// again (twice a turn, and for each later turn in the window): results are kept, by message and
// the context flags that change them, in a small LRU. They are frozen: callers build new values.
const memo = createMemo<string, Understanding>(2_000);

/** Forgets every remembered classification and tool result (benchmarks measure a message never seen before). */
export function forgetUnderstandings(): void {
  memo.clear();
  forgetToolResults();
}

export function classify(text: string, ctx: ClassifyContext = {}): Understanding {
  const key = `${ctx.pendingProposal ? 1 : 0}${ctx.shownProducts ? 1 : 0}${ctx.shownOrders ? 1 : 0}${ctx.offeredHuman ? 1 : 0}${text}`;
  return memo.get(key, () => {
    const u = understand(text, ctx);
    Object.freeze(u.scores);
    Object.freeze(u.entities);
    Object.freeze(u.norm);
    return Object.freeze(u);
  });
}

function understand(text: string, ctx: ClassifyContext): Understanding {
  const norm = normalize(text);
  // Slots are read without the sign-off and the name under it ("Regards, M. Reid": no size M).
  const signed = unsigned(text);
  const e = extractEntities(signed === text ? norm : normalize(signed));
  // Only slots ("size 8", "the second one", "28473"): the words ask nothing, the conversation decides (frame.ts).
  if (onlySlots(norm, e)) return { intent: 'out_of_scope', score: 0, scores: {}, entities: e, norm, lowConfidence: true, alternatives: [] };
  // A long letter or story is read for its request: courtesy and background left out (focus.ts).
  const prediction = focusOnRequest(text, classifyIntent(text, { topK: 3 }), (clause) => classifyIntent(clause, { topK: 3 }));
  const scores: Partial<Record<Intent, number>> = {};
  for (const [label, p] of Object.entries(prediction.probabilities)) if (isIntent(label)) scores[label] = p * 10;
  // The one opt-out detector the chat service also acts on (src/core/opt-out.ts): privacy is not a guess.
  const privacy = optOutChange(text);
  if (privacy) add(scores, privacy, 12);
  applyContext(scores, e, ctx, norm.tokens.length);
  // The prior reweighs, then the scores are probabilities again (× 10): context decides between
  // readings the words leave open, not against a reading they make clear.
  const total = Object.values(scores).reduce((sum, v) => sum + Math.max(0, v ?? 0), 0);
  if (total > 0) for (const k of Object.keys(scores) as Intent[]) scores[k] = (Math.max(0, scores[k]!) / total) * 10;
  const pick = notRefusedOnATie(best(scores), scores);
  const alternatives = Object.entries(scores)
    .filter((entry): entry is [Intent, number] => isIntent(entry[0]) && entry[0] !== pick.intent)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 3)
    .map(([label]) => label);
  return { intent: pick.intent, score: pick.score, scores, entities: e, norm, lowConfidence: pick.score < LOW_CONFIDENCE, alternatives };
}

/** Readings that turn the shopper away: they must lead clearly, never by a near tie with a shop topic. */
const TURNS_AWAY: ReadonlySet<Intent> = new Set<Intent>(['out_of_scope']);
const TIE = 0.85;

/**
 * "how do i get in touch with <the shop>": off-topic 0.48, the shop's contact details 0.46. A refusal on a near tie
 * turns a shopper away from what they came for (issue 20: never a generic refusal for a shopping topic); the
 * runner-up shop reading is taken, and what it answers comes from a tool, so a miss costs an answer, not a fact.
 */
function notRefusedOnATie(
  pick: { intent: Intent; score: number },
  scores: Partial<Record<Intent, number>>,
): { intent: Intent; score: number } {
  if (!TURNS_AWAY.has(pick.intent)) return pick;
  const next = best(Object.fromEntries(Object.entries(scores).filter(([k]) => !TURNS_AWAY.has(k as Intent) && k !== 'unanswerable')));
  return next.score >= pick.score * TIE ? next : pick;
}

function best(scores: Partial<Record<Intent, number>>): { intent: Intent; score: number } {
  let intent: Intent = 'out_of_scope';
  let top = -Infinity;
  for (const k of PRIORITY) {
    const v = scores[k] ?? 0;
    if (v > top) {
      top = v;
      intent = k;
    }
  }
  return { intent, score: top };
}

// Words that carry no request of their own: pointers, politeness, fillers and slot markers.
const SLOT_FILLER = new Set(
  (
    'the a an one ones it its that this those these them please pls plz then ok okay and in size sizes sz eu uk us of for with sorry its is ' +
    'number order no oh um uh just only maybe like yeah yes also too same'
  ).split(' '),
);

/** True when every word is a slot (size, colour, number, ordinal, email) or a filler around one. */
function onlySlots(norm: Normalized, e: Entities): boolean {
  // An address alone ("It's 9 Birch Lane, Salem, OR 97301"): its street and town are no words of a request.
  if (e.address && !e.category) {
    const words = new Set(normalize(Object.values(e.address).join(' ')).tokens);
    return norm.tokens.every((t) => SLOT_FILLER.has(t) || words.has(t) || /^\d+$/.test(t));
  }
  const slots =
    e.size !== null || e.colour !== null || e.ordinal !== null || e.orderNumbers.length > 0 || e.email !== null || e.quantity !== null;
  if (!slots || e.category) return false;
  const colourish = new Set([e.colour, e.size?.toLowerCase(), ...e.orderNumbers]);
  return norm.tokens.every(
    (t) =>
      SLOT_FILLER.has(t) ||
      colourish.has(t) ||
      COLOUR_WORDS[t] !== undefined ||
      /^\d+$/.test(t) ||
      ORDINALS.has(t) ||
      SIZE_TOKENS.has(t) ||
      t.includes('@'),
  );
}
const ORDINALS = new Set(['first', 'second', 'third', 'fourth', 'fifth', 'last', '1st', '2nd', '3rd', '4th', '5th', 'latter', 'former']);
const SIZE_TOKENS = new Set(['xs', 'xxs', 's', 'm', 'l', 'xl', 'xxl', 'small', 'medium', 'med', 'large']);

const ABOUT_AN_ORDER: readonly Intent[] = [
  'order_status',
  'return',
  'refund_status',
  'cancel_order',
  'change_address',
  'change_delivery',
  'exchange',
  'report_problem',
  'reorder',
  'verify',
];

/** Intents a question about a product just shown is unlikely to be. */
const OFF_PRODUCT: readonly Intent[] = [
  'search',
  'order_status',
  'return',
  'cancel_order',
  'exchange',
  'delivery_time',
  'policy_shipping',
  'policy_returns',
  'how_to_order',
  'refund_status',
  'report_problem',
  'change_address',
  'change_delivery',
  'reorder',
  'capabilities',
  'policy_general',
  'unsupported',
  'discount',
];

/** Questions about the shop that a pointer at an order just shown makes unlikelier ("and when will it come?" is that order's). */
const OFF_ORDER: readonly Intent[] = ['delivery_time', 'policy_shipping', 'policy_returns', 'search', 'how_to_order'];

/**
 * The words lead with how ordering works, likelier than every other reading together ("I want to order another
 * pair for my brother, how do I do that?" after an order was shown: how ordering works, 0.8): the "that" points at
 * what the message says, not at the order, and the prior would turn a clear question into an order look-up or a return.
 * So after products shown ("how can I buy one of them, is it just on the site?"): how buying works, not a muddle that
 * ends in a refusal. While a proposal waits the prior stays: "don't need to send 'em back? good. yeah, do it." answers it.
 * Only how to order: a shipping or returns question of "it" with an order in view is that order's ("can it be next day?"
 * is a change of its delivery).
 */
const sureOfTheShop = (scores: Partial<Record<Intent, number>>): boolean => (scores.how_to_order ?? 0) > 5;

/** At most this many words, naming nothing, is a bare question ("how much", "what colours?"). */
const BARE_QUESTION_WORDS = 3;

/**
 * What the words cannot know: the conversation. It weighs the classifier's probabilities like a
 * prior: a pointer ("the second one", "it") at products just shown makes a question about them or
 * a pick likelier than a new search; at orders just shown, an order question; a proposal or offer
 * waiting makes an answer to it likelier; both halves of a verification given make it one.
 */
function applyContext(scores: Partial<Record<Intent, number>>, e: Entities, ctx: ClassifyContext, words: number): void {
  const scale = (intents: readonly Intent[], by: number) => {
    for (const i of intents) if (scores[i] !== undefined) scores[i] = scores[i]! * by;
  };
  if (e.email && e.orderNumbers.length) add(scores, 'verify', 6);
  // An order number makes a question about that order likelier than a product or policy question.
  if (e.orderNumbers.length) scale(ABOUT_AN_ORDER, 2);
  const refersToShown = e.ordinal !== null || e.pronoun;
  if (ctx.shownProducts && refersToShown && !e.category && (ctx.pendingProposal || !sureOfTheShop(scores))) {
    scale(['stock', 'add_to_cart', 'compare'], 3);
    scale(OFF_PRODUCT, 0.3);
  } else if (ctx.shownProducts && words <= BARE_QUESTION_WORDS && !e.category && !e.orderNumbers.length && !e.email) {
    // "how much?", "colours?" naming nothing right after products were shown: likelier about them (no reading made unlikelier).
    scale(['stock', 'compare'], 3);
  }
  if (ctx.shownOrders && !ctx.shownProducts && refersToShown && (ctx.pendingProposal || !sureOfTheShop(scores))) {
    // Positions and pronouns now point at orders: a product question becomes an order question.
    add(scores, 'order_status', scores.stock ?? 0);
    scores.stock = 0;
    scale(['order_status', 'return', 'reorder', 'refund_status', 'cancel_order', 'exchange', 'change_delivery'], 3);
    scale(OFF_ORDER, 0.3);
  }
  if (ctx.pendingProposal || ctx.offeredHuman) scale(['confirm', 'deny'], 3);
}

/** The policy topic a policy_* intent asks about; null for another intent (or a topic the tool lacks). */
export function policyTopic(intent: Intent): PolicyTopic | null {
  const topic = intent.startsWith('policy_') ? intent.slice(7) : null;
  return topic && POLICY_TOPICS.includes(topic) ? (topic as PolicyTopic) : null;
}

/** Sure enough of the intent to treat a piece of a message as a request of its own. */
export function isConfident(u: Pick<Understanding, 'lowConfidence'>): boolean {
  return !u.lowConfidence;
}
