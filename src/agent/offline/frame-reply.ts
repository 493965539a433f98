// The reply head's word on a turn while a proposal waits (issue 20): what the message does with it — goes ahead,
// declines, wants it different, asks about it, or something else — learned from data/nlu/reply. It arbitrates only
// where the rules guessed: a question about the proposal that the words read as a new request ("the sticker for
// the big jumper, does that get emailed?" read as a search) is answered from the rule that answers it, the
// proposal asked again; a go-ahead or a refusal in words the rules read as something else ("heard you, crack on
// with it" read as an order look-up) is that answer, which core/consent alone reads as a yes or no (planConfirm /
// planDeny ask again when it does not). Never consent itself: the head makes no action run. Slots (sizes, order
// numbers, addresses) stay with the code that reads them; a turn the rules settled stays.
// A go-ahead or refusal in the shopper's own words or language ("Ring it up", "Cleared for takeoff. Go.", "ja bitte",
// "haan kar do") is the head's to read whatever the intent reading guessed (a basket, a goodbye), unless that reading
// is a request of its own (an action with its slots, a person); never when the words show doubt (core/consent
// `doubts`: a question, hedge, condition or wait). A short hedge the rules read as something else ("I guess?", "if you
// must", "maybe later" read as small talk, the shipping policy, a goodbye) is no answer yet: the proposal is asked again.
import type { Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { classifyFollow, classifyReply } from './nlu/index.js';
import { doubts, hedges } from '../../core/index.js';

/** How sure the head must be for its reading to outweigh the words' own. */
export const REPLY_FLOOR = 0.7;
/** How sure it must be to turn a reading into a yes or a no (asked again when core/consent reads none). */
export const ANSWER_FLOOR = 0.8;

/**
 * Readings that are no answer to a proposal: a yes or no the words read so was mistaken. Not the actions themselves
 * (their slots say what changes), nor a question of a policy (a yes with a question in it is asked again by the rules).
 */
const NOT_ANSWERS: ReadonlySet<Intent> = new Set([
  'update_cart',
  'add_to_cart',
  'frustrated',
  'thanks',
  'out_of_scope',
  'unanswerable',
  'unsupported',
  'smalltalk',
  'capabilities',
  'search',
  'stock',
  'order_status',
  'policy_general',
]);
/**
 * Readings a question about the proposal is mistaken for: a new search or request, the order's status, what no tool
 * does, paying. A reading that answers it in its own way (loyalty points, delivery times, the returns policy) stays.
 */
const ABOUT_MISREADS: ReadonlySet<Intent> = new Set([
  ...NOT_ANSWERS,
  'recommend',
  'compare',
  'add_to_cart',
  'view_cart',
  'how_to_order',
  'policy_payment',
  'return',
  'exchange',
]);
/**
 * Readings that are requests of their own while a proposal waits, which the head's yes or no never replaces: the
 * actions (with the slots that say what changes), a person, an opt-out, a verification, a complaint.
 */
const OWN_REQUESTS: ReadonlySet<Intent> = new Set([
  'return',
  'exchange',
  'cancel_order',
  'change_address',
  'change_delivery',
  'report_problem',
  'reorder',
  'human',
  'opt_out',
  'opt_in',
  'verify',
  'complaint',
]);
/** The words are this sure (a probability of 0.8) of the shop's contact details: asked for themselves. */
const SURE_OWN = 8;
/** A hedge of at most this many words is only a hedge: a longer message says more ("if it doesn't fit can I…"). */
const HEDGE_WORDS = 5;

/** Readings of money coming back to the shopper (where a refund goes, when), not of what something costs. */
const MONEY_BACK: ReadonlySet<Intent> = new Set(['refund_status', 'policy_payment']);

/** The proposal waiting whose questions a policy answers: a cancellation, an exchange, a return (null: none of these). */
function waitingKind(r: Reading): 'cancel' | 'exchange' | 'return' | null {
  const action = r.mem.pendingAction?.action;
  if (action === 'cancel_order') return 'cancel';
  if (action === 'exchange') return 'exchange';
  return r.mem.pendingReturn && !r.mem.pendingAction ? 'return' : null;
}

const settle = (d: Draft, intent: Intent) => {
  d.intent = intent;
  d.settledByState = true;
};

/**
 * A question about the return, swap or cancellation waiting that the rules did not place: its refund's rule (a
 * cancellation's, or where a return's money goes), else the returns policy (for a swap, its rule for exchanges).
 * A question of an order's facts or the delivery options (the follow head) is answered as the words read it.
 */
function aboutWaiting(r: Reading, d: Draft): boolean {
  const kind = waitingKind(r);
  if (!kind) return false;
  const follow = classifyFollow(r.text).follow;
  if (follow === 'order_fact' || follow === 'options' || follow === 'person') return false;
  // "before I say yes, is there a phone number in case something goes wrong?": the shop's contact details, which the
  // words are sure of and the follow head reads as no money or next-step question, are answered as asked (the proposal
  // asked again).
  const contact = d.intent === 'policy_general' && r.u.intent === 'policy_general' && r.u.score >= SURE_OWN;
  if (contact && follow !== 'money' && follow !== 'next_step') return false;
  const refund = kind === 'cancel' || (kind === 'return' && follow === 'money' && MONEY_BACK.has(d.intent));
  if (refund) d.ruleOf = 'orders';
  if (kind === 'exchange') d.aboutExchange = true;
  if (follow === 'next_step' && kind !== 'cancel') d.nextStep = true;
  settle(d, refund ? 'refund_status' : 'policy_returns');
  return true;
}

/**
 * The head's sure reading of the message is an answer to the proposal waiting: a go-ahead in words that show no doubt
 * ("ja bitte", "Cleared for takeoff. Go."), or a refusal that asks nothing. The follow-up readings of the proposal's
 * subject (frame-follow.ts) leave such a turn to `replyToWaiting`, not a question about the return proposed.
 */
export function answersWaiting(r: Reading): boolean {
  if (r.injection || (!r.mem.pendingAction && !r.mem.pendingReturn)) return false;
  const p = classifyReply(r.text);
  if (!p || p.confidence < ANSWER_FLOOR) return false;
  return p.reply === 'yes' ? !doubts(r.text) : p.reply === 'no' && !r.text.includes('?');
}

/** A question's own words: a hedge said with one ("what if it's late?") asks about the proposal, it is no mere hedge. */
const ASKING = /\b(what|why|how|when|where|which|who|whether|can|could|would|will|does|is|are)\b/i;

/**
 * Only a hedge, while a proposal waits: a few words of doubt, a condition or hesitation ("I guess?", "if you must", "hmm,
 * I suppose", "if it has to be"), naming nothing (no size, colour, piece, order or email) and asking nothing of its
 * own (no question word; a "?" only where the head does not read a question about the proposal). No answer yet: it is
 * asked again, never read as a question about the return or a request of its own (frame-follow.ts leaves it too).
 */
export function onlyHedges(r: Reading, d: Draft): boolean {
  if (r.injection || (!r.mem.pendingAction && !r.mem.pendingReturn) || OWN_REQUESTS.has(d.intent)) return false;
  const e = d.e;
  if (e.size !== null || e.colour !== null || e.category || e.orderNumbers.length || e.email) return false;
  if ((r.text.match(/[\p{L}\d]+/gu) ?? []).length > HEDGE_WORDS || !hedges(r.text) || ASKING.test(r.text)) return false;
  const p = classifyReply(r.text);
  return !r.text.includes('?') || !p || p.reply !== 'about';
}

/**
 * Only a hedge while a proposal waits ("if it has to be"), read before the order in view or the subject of the reply
 * place it (an order look-up, a policy): no answer yet, asked again.
 */
export function hedgeWhileWaiting(r: Reading, d: Draft): void {
  // A go-ahead the head reads in hedged words ("I reckon so, yep") is left to the steps that put the proposal again.
  const p = classifyReply(r.text);
  if (!d.settledByState && p && p.reply !== 'yes' && onlyHedges(r, d)) settle(d, 'deny');
}

/** Places a turn the rules left unsettled while a proposal waits, by the reply head's reading (see above). */
export function replyToWaiting(r: Reading, d: Draft): void {
  const { mem } = r;
  if (d.settledByState || r.injection || (!mem.pendingAction && !mem.pendingReturn)) return;
  // A yes or no the rules read (core/consent, a condition, the action's own words) stays theirs.
  if (d.intent === 'confirm' || d.intent === 'deny') return;
  if (d.e.orderNumbers.length || d.e.email) return;
  const p = classifyReply(r.text);
  // A model without the head: the rules as they were.
  if (!p) return;
  // A short hedge ("I guess?", "if you must", "hmm, maybe later") is no answer yet: asked again (planDeny: no clear no).
  if (onlyHedges(r, d)) return settle(d, 'deny');
  if (p.reply === 'about' && p.confidence >= REPLY_FLOOR) {
    // A piece asked after in a size or colour ("is the M definitely in stock?") is that piece's stock, as read.
    const pieceAsked = (d.intent === 'search' || d.intent === 'stock') && (d.e.size !== null || d.e.colour !== null);
    if (ABOUT_MISREADS.has(d.intent) && !pieceAsked) aboutWaiting(r, d);
    return;
  }
  const slots = d.e.size !== null || d.e.colour !== null;
  const doubtful = doubts(r.text);
  if ((p.reply !== 'yes' && p.reply !== 'no') || p.confidence < ANSWER_FLOOR) return;
  // A go-ahead is never read in words that doubt; a refusal may be (planDeny still asks again unless it is a clear no).
  if (p.reply === 'yes' && doubtful) return;
  if (NOT_ANSWERS.has(d.intent) || (!OWN_REQUESTS.has(d.intent) && !slots)) settle(d, p.reply === 'yes' ? 'confirm' : 'deny');
}
