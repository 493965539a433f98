// Understanding one message, in transition from hand-weighted phrases to a learned classifier.
// The learned classifier (./nlu, trained from data/nlu/train; 96 % on the independent test set)
// decides every intent the phrase lexicon does not have (how ordering works, delivery times, a
// refund's status, cancelling, address changes, exchanges, problems, complaints, discounts, small
// talk, "what can you do?") and whatever the lexicon reads weakly or as off-topic. The lexicon's
// phrases still decide the intents whose multi-turn behaviour the flow tests pin down, until the
// corpus covers them (README.md). The conversation (a proposal waiting, products or orders just
// shown) weighs in on both paths.
import { createMemo, optOutChange } from '../../core/index.js';
import { forgetToolResults } from './conversation.js';
import { normalize, type Normalized } from './normalize.js';
import { extractEntities, type Entities } from './entities.js';
import { COLOUR_WORDS, INTENTS, NEWEST, NOT_ARRIVED_PHRASES, PHRASE_FEATURES, STORE_WORDS, type ScoredIntent } from './lexicon.js';
import { canonicalPhrase } from './normalize.js';
import { classifyIntent } from './nlu/index.js';


export type Intent = ScoredIntent;
export type PolicyTopic = 'shipping' | 'returns' | 'sizing' | 'payment' | 'ai' | 'general';

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

interface Feature {
  intent: ScoredIntent;
  weight: number;
  text?: string;
  re?: RegExp;
}

const ALL_FEATURES: Feature[] = PHRASE_FEATURES.flatMap(([intent, weight, phrases]) =>
  phrases.map((p): Feature => {
    if (!p.includes('*')) return { intent, weight, text: canonicalPhrase(p) };
    const body = p
      .split(' ')
      .map((tok) => (tok.endsWith('*') ? `${tok.slice(0, -1)}[a-z]*` : canonicalPhrase(tok).trim()))
      .join(' ');
    return { intent, weight, re: new RegExp(` ${body} `) };
  }),
);
// Phrases that fold to the same canonical text ("thank", "thanks") vote once, at their highest weight.
const FEATURES: Feature[] = [
  ...ALL_FEATURES.reduce((byKey, f) => {
    const key = `${f.intent}|${f.text ?? f.re!.source}`;
    const seen = byKey.get(key);
    if (!seen || seen.weight < f.weight) byKey.set(key, f);
    return byKey;
  }, new Map<string, Feature>()).values(),
];
const STORE = STORE_WORDS.map(canonicalPhrase);
const THRESHOLD = 2;
const HEDGED = / (but|instead|how about|what about|rather|or|only) /;
const SIZE_SYSTEM = / (uk|us) (size )?([2-9]|1[0-9]|20) /;
// "the jumper is too small", "these boots are way too tight": a complaint about the fit of
// something bought (not "is it too small for me?", a sizing question).
const FIT_COMPLAINT = / (is|are|was|were|feels?|runs?|came|come) (way |a bit |a little |slightly |much |far |really )?too (small|big|large|tight|loose|long|short|snug) /;
// "take the boots out", "take out the scarf": off the cart.
const TAKE_OUT = / take (out (the|my|those|these|that|both) |(the|my|those|these|that|both) (\w+ ){1,3}out )/;
const NOT_ARRIVED = NOT_ARRIVED_PHRASES.map(canonicalPhrase);
const BARE_YES = /^ (ok |okay |yeah |yes )?(why not|that works?|works? for me|go on( then)?|perfect|great|excellent|lovely|brilliant|cool|nice)( thanks| thank you| please)? $/;
const REFUND_TIMING = /^ (when|how long|how soon|how many days)\b.*\b(refund|money back)/;
const ASKS_WHO = /^ (are you|is this|am i (talking|chatting|speaking) (to|with)) /;
const ASKS_FIRST = /^ (is|are|will|would|does|do|should|could|can) /;
const RETURN_OBJECT = / (?<!(not|dont|never|no) )(return|send back|exchange|refund) (the|my|this|that|these|those|both|them|it|one of) /;
const CHANGE_TO = / (change|switch|swap|make) (\w+ ){0,4}?(to|into|for) (a |an |size )?/;
const QUESTION = /^ (do you have|have you got|is|are|any|does|do they|got) /;


function lexiconScores(text: string, norm: Normalized, e: Entities, ctx: ClassifyContext): Partial<Record<Intent, number>> {
  const scores: Partial<Record<Intent, number>> = {};
  for (const f of FEATURES) {
    if (f.text ? norm.padded.includes(f.text) : f.re!.test(norm.padded)) add(scores, f.intent, f.weight);
  }
  // The one opt-out detector the chat service also acts on (src/core/opt-out.ts), on the raw words.
  const privacy = optOutChange(text);
  if (privacy) add(scores, privacy, 6);

  const productAttrs = (e.category ? 1 : 0) + (e.colour ? 1 : 0) + (e.maxPrice !== null ? 1 : 0);
  // With an explicit "add"/"I'll take", the attributes describe what to add, not a search.
  const describesCartItem = (scores.add_to_cart ?? 0) >= 3.5 || (scores.update_cart ?? 0) >= 4.5;
  if (e.category && !describesCartItem) add(scores, 'search', 2.5);
  if (e.colour && !describesCartItem) add(scores, 'search', 1);
  if (e.maxPrice !== null) add(scores, 'search', 2);
  if (e.size) {
    add(scores, 'search', 0.5);
    add(scores, 'add_to_cart', 0.5);
    add(scores, 'stock', 0.5);
  }
  if (productAttrs > 0) {
    add(scores, 'recommend', -2);
    add(scores, 'policy_sizing', -1);
    add(scores, 'order_status', -1);
  }
  if (e.orderNumbers.length) {
    add(scores, 'order_status', 1.5);
    add(scores, 'return', 0.5);
    add(scores, 'reorder', 0.5);
    add(scores, 'verify', 0.5);
    for (const k of ['policy_returns', 'policy_shipping', 'search', 'view_cart'] as const) add(scores, k, -2);
  }
  // "dresses in my usual size": a search in the size their orders show, not a sizing question.
  if (e.mySize && productAttrs + (NEWEST.test(norm.padded) ? 1 : 0) > 0) {
    add(scores, 'search', 3);
    add(scores, 'policy_sizing', -3);
  }
  // "what size is a UK 12?", "do you have it in a US 8?": the catalog is XS–XXL, so the conversion.
  if (e.size && SIZE_SYSTEM.exec(norm.padded)?.[3] === e.size) add(scores, 'policy_sizing', 4);
  if (TAKE_OUT.test(norm.padded)) add(scores, 'update_cart', 5);
  // "when will I get my money back after a return?": how refunds work, not a return to start.
  if (REFUND_TIMING.test(norm.padded)) add(scores, 'policy_returns', 3);
  // "are you a real person?" asks what it is talking to (answered, with a person offered); "I want a real person" asks for one.
  if ((scores.policy_ai ?? 0) >= 4 && ASKS_WHO.test(norm.padded)) add(scores, 'policy_ai', 2);
  // "the boots I ordered haven't arrived": the garment is the order's, not something to find.
  if (NOT_ARRIVED.some((p) => norm.padded.includes(p))) {
    add(scores, 'order_status', 1);
    add(scores, 'search', -2.5);
  }
  if (FIT_COMPLAINT.test(norm.padded) && !ASKS_FIRST.test(norm.padded)) {
    add(scores, 'return', 2);
    add(scores, 'search', -2);
  }
  // "return the maxi dress", "send back my boots": a garment as the object of a return is one already bought.
  if (RETURN_OBJECT.test(norm.padded)) add(scores, 'return', 2);
  // "change the white ones to L", "switch them to a medium": a cart line's new size.
  if (e.size && CHANGE_TO.test(norm.padded)) add(scores, 'update_cart', 4.5);
  if (e.email) add(scores, 'verify', e.orderNumbers.length ? 6 : 3);
  if (e.quantity !== null) add(scores, 'add_to_cart', 1);
  const refersToShown = e.ordinal !== null || e.pronoun || (e.colour !== null && / one /.test(norm.padded));
  if (e.size && (e.definite || refersToShown) && QUESTION.test(norm.padded)) {
    add(scores, 'stock', 3);
    add(scores, 'search', -3);
  }
  if (ctx.shownProducts && refersToShown) {
    add(scores, 'add_to_cart', 0.5);
    add(scores, 'stock', 0.5);
    add(scores, 'search', -2);
  }
  if (ctx.shownOrders && !ctx.shownProducts && refersToShown) {
    // Positions and pronouns now point at orders: a product question becomes an order question.
    add(scores, 'order_status', (scores.stock ?? 0) + (Math.max(scores.return ?? 0, scores.reorder ?? 0) >= 3 ? 0 : 1));
    scores.stock = 0;
  }
  if (ctx.pendingProposal || ctx.offeredHuman) {
    add(scores, 'confirm', 1);
    add(scores, 'deny', 1);
    // "why not", "that works", "perfect" as the whole answer to "Shall I go ahead?": a yes.
    if (BARE_YES.test(norm.padded)) add(scores, 'confirm', 3);
  }
  // "ok, how about a replacement" / "yes but only the jumper" asks for something else: no consent.
  if (HEDGED.test(norm.padded)) scores.confirm = 0;

  return scores;
}

// Equal scores go to the intent that is costlier to miss.
const PRIORITY: Intent[] = [
  'opt_out', 'opt_in', 'unsupported', 'human', 'frustrated', 'complaint', 'report_problem', 'cancel_order', 'change_address', 'exchange', 'verify', 'return',
  'refund_status', 'reorder', 'update_cart', 'add_to_cart', 'order_status', 'view_cart', 'checkout', 'how_to_order', 'compare', 'stock', 'loyalty', 'discount',
  'recommend', 'policy_ai', 'policy_returns', 'delivery_time', 'policy_shipping', 'policy_sizing', 'policy_payment', 'policy_general', 'capabilities', 'search',
  'confirm', 'deny', 'goodbye', 'thanks', 'smalltalk', 'greeting', 'out_of_scope', 'unanswerable',
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
  const e = extractEntities(norm);
  const lex = lexiconScores(text, norm, e, ctx);
  const lexPick = best(lex);
  const prediction = classifyIntent(text, { topK: 3 });
  const learned = isIntent(prediction.label) ? prediction.label : 'out_of_scope';
  if (onlySlots(norm, e)) return { intent: 'out_of_scope', score: 0, scores: lex, entities: e, norm, lowConfidence: true, alternatives: [] };
  // The lexicon's off-topic and cannot-do phrases are weak evidence unless they are its strong ones ("write me a poem").
  const weakLexicon = lexPick.score < 2 || (WEAK_LEXICON.has(lexPick.intent) && lexPick.score < 4);
  const offTopic = lexPick.intent === 'out_of_scope' && lexPick.score >= 4; // "write me a poem", "sing me a song"
  // An action needs more certainty than a question: when the lexicon reads an action and the learned
  // model is sure it is a policy question ("do I pay for return shipping?"), the question wins.
  const questionNotAction = ACTING.has(lexPick.intent) && learned.startsWith('policy_') && prediction.confidence >= 0.9;
  const sure = (prediction.confidence >= 0.9 && LEARNED_ONLY.has(learned)) || questionNotAction;
  const useLearned = !offTopic && (sure || (LEARNED_ONLY.has(learned) && weakLexicon && prediction.confidence >= 0.5));
  if (!useLearned) {
    const intent = lexPick.score < 2 ? (STORE.some((w) => norm.padded.includes(w)) ? 'unanswerable' : 'out_of_scope') : lexPick.intent;
    // Neither reader is sure ("I have an issue"): the learned model's likeliest intents become a clarifying question.
    const unsure = lexPick.score < 2 && prediction.confidence < 0.5;
    const alternatives = unsure ? prediction.top.map((t) => t.label).filter(isIntent) : [];
    return { intent, score: lexPick.score, scores: lex, entities: e, norm, lowConfidence: unsure, alternatives };
  }
  const scores: Partial<Record<Intent, number>> = {};
  for (const [label, p] of Object.entries(prediction.probabilities)) if (isIntent(label)) scores[label] = p * 10;
  const privacy = optOutChange(text);
  if (privacy) add(scores, privacy, 12);
  applyContext(scores, e, ctx);
  const pick = best(scores);
  const alternatives = prediction.top.map((t) => t.label).filter((l): l is Intent => isIntent(l) && l !== pick.intent);
  return { intent: pick.intent, score: pick.score, scores, entities: e, norm, lowConfidence: pick.score < LOW_CONFIDENCE, alternatives };
}

const ACTING: ReadonlySet<Intent> = new Set(['return', 'reorder', 'add_to_cart', 'update_cart', 'checkout', 'verify']);
const WEAK_LEXICON: ReadonlySet<Intent> = new Set(['out_of_scope', 'unanswerable', 'unsupported']);
const LEARNED_ONLY: ReadonlySet<Intent> = new Set(['smalltalk', 'capabilities', 'how_to_order', 'delivery_time', 'refund_status', 'exchange', 'cancel_order', 'change_address', 'report_problem', 'complaint', 'discount']);

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
  ('the a an one ones it its that this those these them please pls plz then ok okay and in size sizes sz eu uk us of for with sorry its is ' +
    'number order no oh um uh just maybe like yeah yes also too same').split(' '),
);

/** True when every word is a slot (size, colour, number, ordinal, email) or a filler around one. */
function onlySlots(norm: Normalized, e: Entities): boolean {
  const slots = e.size !== null || e.colour !== null || e.ordinal !== null || e.orderNumbers.length > 0 || e.email !== null || e.quantity !== null;
  if (!slots || e.category) return false;
  const colourish = new Set([e.colour, e.size?.toLowerCase(), ...e.orderNumbers]);
  return norm.tokens.every((t) => SLOT_FILLER.has(t) || colourish.has(t) || COLOUR_WORDS[t] !== undefined || /^\d+$/.test(t) || ORDINALS.has(t) || SIZE_TOKENS.has(t) || t.includes('@'));
}
const ORDINALS = new Set(['first', 'second', 'third', 'fourth', 'fifth', 'last', '1st', '2nd', '3rd', '4th', '5th', 'latter', 'former']);
const SIZE_TOKENS = new Set(['xs', 'xxs', 's', 'm', 'l', 'xl', 'xxl', 'small', 'medium', 'med', 'large']);

/** Intents a question about a product just shown is unlikely to be. */
const OFF_PRODUCT: readonly Intent[] = [
  'search', 'order_status', 'return', 'cancel_order', 'exchange', 'delivery_time', 'policy_shipping', 'policy_returns', 'how_to_order',
  'refund_status', 'report_problem', 'change_address', 'reorder', 'capabilities', 'policy_general', 'unsupported', 'discount',
];

/**
 * What the words cannot know: the conversation. It weighs the classifier's probabilities like a
 * prior: a pointer ("the second one", "it") at products just shown makes a question about them or
 * a pick likelier than a new search; at orders just shown, an order question; a proposal or offer
 * waiting makes an answer to it likelier; both halves of a verification given make it one.
 */
function applyContext(scores: Partial<Record<Intent, number>>, e: Entities, ctx: ClassifyContext): void {
  const scale = (intents: readonly Intent[], by: number) => {
    for (const i of intents) if (scores[i] !== undefined) scores[i] = scores[i]! * by;
  };
  if (e.email && e.orderNumbers.length) add(scores, 'verify', 6);
  const refersToShown = e.ordinal !== null || e.pronoun;
  if (ctx.shownProducts && refersToShown && !e.category) {
    scale(['stock', 'add_to_cart', 'compare'], 3);
    scale(OFF_PRODUCT, 0.3);
  }
  if (ctx.shownOrders && !ctx.shownProducts && refersToShown) {
    // Positions and pronouns now point at orders: a product question becomes an order question.
    add(scores, 'order_status', scores.stock ?? 0);
    scores.stock = 0;
    scale(['order_status', 'return', 'reorder', 'refund_status', 'cancel_order', 'exchange'], 3);
    scale(['delivery_time', 'policy_shipping', 'policy_returns', 'search', 'how_to_order'], 0.3);
  }
  if (ctx.pendingProposal || ctx.offeredHuman) scale(['confirm', 'deny'], 3);
}

export function policyTopic(intent: Intent): PolicyTopic | null {
  return intent.startsWith('policy_') ? (intent.slice(7) as PolicyTopic) : null;
}

/** Sure enough of the intent to treat a piece of a message as a request of its own. */
export function isConfident(u: Pick<Understanding, 'lowConfidence'>): boolean {
  return !u.lowConfidence;
}
