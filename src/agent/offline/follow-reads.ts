// The readings of the intent head that a follow-up on the previous reply's subject is often mistaken for, by the
// subject they may continue (frame-follow.ts decides which continue it, with the follow head's reading).
import type { Intent } from './classify.js';
import { TOPIC_INTENT } from './frame-policy-follow.js';

/** Readings a question about the order just shown is often mistaken for. */
export const ORDER_READS: ReadonlySet<Intent> = new Set(['policy_shipping', 'delivery_time', 'order_status', 'pickup']);

/** Readings a question about another order in view (named by its items) is mistaken for. */
export const OTHER_ORDER_READS: ReadonlySet<Intent> = new Set([
  'search',
  'stock',
  'add_to_cart',
  'order_status',
  'report_problem',
  'delivery_time',
]);

/** With only "it" to go on ("when will I see it?"), the readings that may be about the refund shown. */
export const PRONOUN_REFUND_READS: ReadonlySet<Intent> = new Set([
  'refund_status',
  'policy_returns',
  'policy_payment',
  'unsupported',
  'unanswerable',
  'out_of_scope',
]);
/** With a money question, also the order's own readings ("when does the money reach my card?" read as delivery). */
export const REFUND_READS: ReadonlySet<Intent> = new Set([...PRONOUN_REFUND_READS, 'order_status', 'delivery_time']);
/** The reading of a count of days ("is that business days?"), which right after a refund shown is its timing. */
export const TIMING_READS: ReadonlySet<Intent> = new Set(['delivery_time']);

/** Readings a question about the return just made is mistaken for. */
export const RETURN_READS: ReadonlySet<Intent> = new Set([
  'how_to_order',
  'capabilities',
  'unsupported',
  'unanswerable',
  'out_of_scope',
  'refund_status',
  'policy_sizing',
  'order_status',
  'delivery_time',
]);

/** Readings of how the piece of a return just made goes back ("do I send it back by post?"), asked as its next step. */
export const SENDING_READS: ReadonlySet<Intent> = new Set(['return', 'policy_shipping', 'pickup']);

/**
 * Readings of "how long till somebody gets back to me?" after a hand-over: an order's timing, or a return or refund for
 * "back"; or nothing the shop does ("any update from the people in charge"), where the follow head's person is the better reading.
 */
export const PERSON_READS: ReadonlySet<Intent> = new Set([
  ...ORDER_READS,
  'policy_returns',
  'refund_status',
  'human',
  'unsupported',
  'out_of_scope',
]);

/** Readings of "how do I start one?" (how ordering works, what the assistant does) after the returns policy. */
export const HOW_TO_READS: ReadonlySet<Intent> = new Set(['how_to_order', 'capabilities', 'checkout']);

/** Readings a place named after the shipping policy is mistaken for. */
export const PLACE_READS: ReadonlySet<Intent> = new Set(['search', 'stock', 'recommend', 'policy_general', 'smalltalk']);
/** Requests of a shopper on the way to buying a piece. */
export const BUYING: ReadonlySet<Intent> = new Set(['add_to_cart', 'checkout', 'view_cart', 'how_to_order']);
/** Informational requests a follow-up the words leave unclear may continue. */
export const INFO: ReadonlySet<Intent> = new Set([...Object.values(TOPIC_INTENT), 'delivery_time', 'how_to_order', 'pickup']);

/** Questions about a piece: compared, its price or stock. */
export const PIECE_READS: ReadonlySet<Intent> = new Set(['compare', 'stock']);
