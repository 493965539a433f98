// Intent scoring: every phrase feature that occurs in the message adds its weight to its intent,
// entities add a few more votes, and the conversation context (a pending proposal, a list the
// previous turn showed) adds the rest. The highest score wins; nothing strong enough → out of scope
// (or, when the shopper is asking about the store, an honest "I don't know" with a human offered).
import { createMemo, optOutChange } from '../../core/index.js';
import { forgetToolResults } from './conversation.js';
import { canonicalPhrase, normalize, type Normalized } from './normalize.js';
import { extractEntities, type Entities } from './entities.js';
import { NEWEST, NOT_ARRIVED_PHRASES, PHRASE_FEATURES, STORE_WORDS, type ScoredIntent } from './lexicon.js';

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
}

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

// Equal scores go to the intent that is costlier to miss.
const PRIORITY: Intent[] = ['opt_out', 'opt_in', 'unsupported', 'human', 'frustrated', 'verify', 'return', 'reorder', 'update_cart', 'add_to_cart', 'order_status', 'view_cart', 'checkout', 'compare', 'stock', 'loyalty', 'recommend', 'policy_ai', 'policy_returns', 'policy_shipping', 'policy_sizing', 'policy_payment', 'policy_general', 'search', 'confirm', 'deny', 'goodbye', 'thanks', 'greeting', 'out_of_scope', 'unanswerable'];

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

  let intent: Intent = 'out_of_scope';
  let best = 0;
  for (const k of PRIORITY) {
    const s = scores[k] ?? 0;
    if (s > best) {
      best = s;
      intent = k;
    }
  }
  if (best < THRESHOLD) intent = STORE.some((w) => norm.padded.includes(w)) ? 'unanswerable' : 'out_of_scope';
  return { intent, score: best, scores, entities: e, norm };
}

export function policyTopic(intent: Intent): PolicyTopic | null {
  return intent.startsWith('policy_') ? (intent.slice(7) as PolicyTopic) : null;
}

/** Sure enough of the intent to treat a piece of a message as a request of its own. */
export function isConfident(u: Pick<Understanding, 'score'>): boolean {
  return u.score >= 3.5;
}
