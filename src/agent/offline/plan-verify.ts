// After a verification in this turn: the request made before it is served for the order the
// verification named — a lookup, or the proposal (never the write) of a return, cancellation, swap,
// claim or new address asked for earlier. The rest of the turn runs as the verified shopper's
// persona (src/chat/reselect.ts), so those tools are bound by now.
import type { Frame } from './frame.js';
import type { Memory } from './memory.js';
import type { Exchange } from './conversation.js';
import type { Intent } from './classify.js';
import { verifiedEmail } from './memory.js';
import { call, type IntentPlan, type Link } from './steps.js';

/** Requests a verification may interrupt that end in a proposal (confirm: false), made after it as the signed-in flows make them. */
const PROPOSED_AFTER_VERIFY: ReadonlySet<Intent> = new Set(['return', 'cancel_order', 'exchange', 'report_problem', 'change_address']);

/** The order number a verification call was made with. */
function verifiedWith(ex: Exchange): string | null {
  const n = ex.args.orderNumber;
  return typeof n === 'string' && n ? n : null;
}

/**
 * Verified this turn for a request made before ("I want to cancel my order" → the email and number
 * now, or over several messages): the rest of the turn serves that request, for the order the
 * verification named, in the request's own words (a cancellation's reason, a return's pieces).
 */
export function servedRequest(f: Frame, memory: Memory, done: readonly Exchange[]): Frame {
  // Only a request made in an earlier message (verification asked for, or an attempt failed, since):
  // an identity given with the request in one message is verified first, the reply offering to go on (decide.ts).
  if (!(f.intent === 'verify' && f.after && PROPOSED_AFTER_VERIFY.has(f.after) && memory.verifyFor)) return f;
  const verify = done.find((d) => d.name === 'verify_customer' && d.result?.ok);
  const n = verify ? (f.e.orderNumbers[0] ?? verifiedWith(verify)) : null;
  if (!n) return f;
  const text = memory.verifyFor ?? memory.prevUser ?? f.text;
  return { ...f, intent: f.after, text, orderNumber: n, e: { ...f.e, orderNumbers: [n, ...f.e.orderNumbers.filter((x) => x !== n)] } };
}

/** A call refused because its order is not among those this chat verified (must_verify, naming the order number). */
export const unprovenOrder = (ex: Exchange): string | null =>
  ex.name !== 'verify_customer' && ex.result?.error?.code === 'must_verify' && ex.result.error.field === 'orderNumber'
    ? verifiedWith(ex)
    : null;

/** A call refused for its order that a verification of this turn has since proven: it may be made once more. */
export function provenSince(refused: Exchange, done: readonly Exchange[]): boolean {
  const n = unprovenOrder(refused);
  return n !== null && done.some((d) => d.name === 'verify_customer' && d.result?.ok && d.args.orderNumber === n);
}

/**
 * Verified in chat for one order, the shopper asks about another by its number: the tool refuses it (chat verification
 * opens only the orders proven), so that number is verified with the email already given (an attempt like any other),
 * once per turn; the refused call is then made again (afterVerifying).
 */
export const proveAnotherOrder: Link = ({ memory, tools, last, done }) => {
  const n = unprovenOrder(last);
  const email = verifiedEmail(done) ?? memory.verifiedEmail;
  if (!n || !email || !tools.has('verify_customer')) return null;
  if (done.some((d) => d.name === 'verify_customer' && d.args.orderNumber === n)) return null;
  return call('verify_customer', { email, orderNumber: n });
};

/** The link after a verification; `planFor` is the plan's own per-intent step (plan.ts). */
export function afterVerifying(planFor: IntentPlan): Link {
  return ({ f, memory, tools, last, r, done }) => {
    if (!(last.name === 'verify_customer' && r.ok)) return null;
    // Proven for the order a call of this turn was refused for: that call again.
    const refused = done.find((d) => unprovenOrder(d) === verifiedWith(last));
    if (refused) return call(refused.name, refused.args);
    const n = f.orderNumber ?? f.e.orderNumbers[0] ?? verifiedWith(last);
    // A return, cancellation, swap, claim or new address asked before verifying (a return also in the same message):
    // proposed now, never made (the yes comes later).
    if (n && PROPOSED_AFTER_VERIFY.has(f.intent) && (memory.verifyFor || f.intent === 'return')) {
      const step = planFor({ f: { ...f, orderNumber: n }, memory: { ...memory, verified: true }, tools });
      if (step.kind === 'call' && step.calls.every((c) => c.args.confirm !== true)) return step;
    }
    const asked = f.intent === 'order_status' || f.intent === 'verify' || (PROPOSED_AFTER_VERIFY.has(f.intent) && !!memory.verifyFor);
    if (n && asked && tools.has('lookup_order')) return call('lookup_order', { orderNumber: n });
    return { kind: 'compose' };
  };
}
