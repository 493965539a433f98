// The reply head's word on a turn while a proposal waits (issue 20): what the message does with it — goes ahead,
// declines, wants it different, asks about it, or something else — learned from data/nlu/reply. It arbitrates only
// where the rules guessed: a question about the proposal that the words read as a new request ("the sticker for
// the big jumper, does that get emailed?" read as a search) is answered from the rule that answers it, the
// proposal asked again; a go-ahead or a refusal in words the rules read as something else ("heard you, crack on
// with it" read as an order look-up) is that answer, which core/consent alone reads as a yes or no (planConfirm /
// planDeny ask again when it does not). Never consent itself: the head makes no action run. Slots (sizes, order
// numbers, addresses) stay with the code that reads them; a turn the rules settled stays.
import type { Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { classifyFollow, classifyReply } from './nlu/index.js';

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
  const refund = kind === 'cancel' || (kind === 'return' && follow === 'money' && MONEY_BACK.has(d.intent));
  if (refund) d.ruleOf = 'orders';
  if (kind === 'exchange') d.aboutExchange = true;
  if (follow === 'next_step' && kind !== 'cancel') d.nextStep = true;
  settle(d, refund ? 'refund_status' : 'policy_returns');
  return true;
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
  if (p.reply === 'about' && p.confidence >= REPLY_FLOOR) {
    // A piece asked after in a size or colour ("is the M definitely in stock?") is that piece's stock, as read.
    const pieceAsked = (d.intent === 'search' || d.intent === 'stock') && (d.e.size !== null || d.e.colour !== null);
    if (ABOUT_MISREADS.has(d.intent) && !pieceAsked) aboutWaiting(r, d);
    return;
  }
  if ((p.reply === 'yes' || p.reply === 'no') && p.confidence >= ANSWER_FLOOR && NOT_ANSWERS.has(d.intent))
    settle(d, p.reply === 'yes' ? 'confirm' : 'deny');
}
