// What the previous reply was about, read from the tool results it was made of (never from its
// wording): the policy topics it answered from, the order it showed, the refund it showed, the
// return it made or proposed, a hand-over. A short follow-up ("and with express?", "will it go
// back to my card?", "which courier is it with?") continues that subject (frame-follow.ts).
import type { Exchange, Turn } from './conversation.js';
import { ordersIn, outputOf } from './results.js';

export interface Subject {
  /** The store_policy topics the reply answered from. */
  policy: string[];
  /** The one order the reply showed in detail (its number in the reply). */
  order: string | null;
  /** The order whose refund the reply showed (a refund in its details, or a cancellation just made). */
  refund: string | null;
  /** The order a return label was made or proposed for (also by a swap made). */
  returned: string | null;
  /** The reply handed the conversation to a person. */
  handedOver: boolean;
  /** The shopper's message that reply answered ("do you have a size chart for shoes?"), whose cues a bare follow-up keeps. */
  asked: string;
}

export const NO_SUBJECT: Subject = { policy: [], order: null, refund: null, returned: null, handedOver: false, asked: '' };

const orderArg = (ex: Exchange): string | null => {
  const n = ex.args.orderNumber;
  return typeof n === 'string' && n ? n.replace(/^#/, '') : null;
};

/**
 * The subject of the latest turn that called a tool: the previous one, or the one before it when
 * the previous reply called none ("no, keep it" after a return proposed leaves the return the subject).
 */
export function subjectOf(previous: readonly Turn[]): Subject {
  const last = previous.at(-1);
  const turn = last && !last.exchanges.length && previous.length > 1 ? previous.at(-2)! : last;
  if (!turn) return NO_SUBJECT;
  const ok = turn.exchanges.filter((ex) => ex.result?.ok);
  const policy = [...new Set(ok.filter((ex) => ex.name === 'store_policy').map((ex) => String(ex.args.topic ?? '')))].filter(Boolean);
  let order: string | null = null;
  let refund: string | null = null;
  let returned: string | null = null;
  for (const ex of ok) {
    if (ex.name === 'lookup_order') {
      const [o] = ordersIn(ex);
      if (o && orderArg(ex) && turn.reply.includes(`#${o.orderNumber}`)) {
        order = o.orderNumber;
        if (o.refunds.length) refund = o.orderNumber;
      }
    }
    if (ex.name === 'refund_status' && outputOf(ex, 'refund_status')?.refunds.length) refund = orderArg(ex) ?? refund;
    if (ex.name === 'cancel_order' && ex.args.confirm === true) refund = orderArg(ex) ?? refund;
    if (ex.name === 'create_return_label') returned = orderArg(ex) ?? returned;
    // A swap made emails a return label for the piece given up: its return is made too.
    if (ex.name === 'exchange_items' && ex.args.confirm === true) returned = orderArg(ex) ?? returned;
  }
  const handedOver = ok.some((ex) => ex.name === 'escalate_to_human');
  return { policy, order, refund, returned, handedOver, asked: turn.user };
}
