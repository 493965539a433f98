// The final reply of a turn, from this turn's tool results. The last exchange carries the answer;
// a verification earlier in the turn is acknowledged first.
import type { Voice } from '../types.js';
import type { Exchange } from './conversation.js';
import type { Frame } from './frame.js';
import { productReply, recommendReply, searchReply } from './replies-shop.js';
import { compareReply } from './replies-compare.js';
import { addReply, cartReply, removedAllReply, reorderReply, updateReply } from './replies-cart.js';
import { escalateReply, failureReply, loyaltyReply, ordersReply, pieceReturnReply, returnReply, verifyReply } from './replies-account.js';
import { policyReply } from './replies-policy.js';
import { retailReply } from './replies-retail.js';
import { PHRASES } from './phrases.js';
import { isProposal, outputOf, productsIn } from './results.js';
import { isClearYes } from '../../core/index.js';
import { pendingEcho } from './frame-detail.js';
import { agreesOnCondition } from './frame-cues.js';
import type { Memory } from './memory.js';
import type { Reply } from './voice.js';

export interface ComposeInput {
  frame: Frame;
  done: readonly Exchange[];
  tools: ReadonlySet<string>;
  voice: Voice;
  memory: Memory;
}

// Answers to questions open with an acknowledgement; confirmations of actions and failures do not.
const ACKNOWLEDGED = new Set(['search_products', 'get_product', 'recommend_products', 'lookup_order', 'loyalty_status', 'store_policy']);

function one(ex: Exchange, { frame, tools, voice, done, memory }: ComposeInput): Reply {
  const known = [...done.flatMap(productsIn), ...memory.products];
  if (!ex.result) return { kind: 'fact', body: PHRASES.toolFailed };
  if (!ex.result.ok) return failureReply(ex, frame, tools, known);
  switch (ex.name) {
    case 'search_products':
      return searchReply(ex, frame, tools.has('escalate_to_human'));
    case 'get_product':
      return productReply(ex, frame);
    case 'add_to_cart':
      return addReply(ex);
    case 'view_cart':
      return cartReply(ex, frame);
    case 'update_cart':
      return updateReply(ex);
    case 'recommend_products':
      return recommendReply(ex, voice.recommendIntro);
    case 'reorder':
      return reorderReply(ex);
    case 'lookup_order':
      // Looked up right after verifying (the verified shopper's persona has the tool): an answer
      // to the request made before the verification ("has my money come back?" → the refund first).
      return ordersReply(
        ex,
        frame.intent === 'verify' && frame.after ? { ...frame, intent: frame.after } : frame,
        tools.has('escalate_to_human'),
      );
    case 'create_return_label':
      return returnReply(ex, voice.style === 'brief', frame.text, tools.has('exchange_items'));
    case 'loyalty_status':
      return loyaltyReply(ex, frame.text);
    case 'verify_customer':
      return verifyReply(ex, tools.has('lookup_order'), frame.after ?? null);
    case 'escalate_to_human':
      return escalateReply(ex, voice.style === 'warm');
    case 'store_policy':
      return policyReply(ex, frame, tools.has('escalate_to_human'));
    case 'cancel_order':
    case 'change_shipping_address':
    case 'exchange_items':
    case 'report_problem':
    case 'refund_status':
      return retailReply(ex);
    default:
      return { kind: 'fact', body: 'Done.' };
  }
}

/** "Where is my refund?" from a shopper not yet known: the policy's timings, then how to see their own refund. */
function refundTimingFor(answer: Reply, last: Exchange, { frame, tools, memory }: ComposeInput): Reply {
  if (!(frame.intent === 'refund_status' && last.name === 'store_policy' && last.result?.ok)) return answer;
  if (memory.verified || !tools.has('verify_customer')) return answer;
  return { ...answer, body: `${answer.body} ${PHRASES.refundAskVerify}`, noFollowUp: true };
}

/** A request answered with a rule of the policy beside it (Frame.alsoPolicy): the request's own answer first, then the rule. */
function besidePolicy(answer: Reply, input: ComposeInput): Reply {
  const { frame, done } = input;
  const last = done.at(-1);
  const own = done
    .slice(0, -1)
    .filter((d) => d.result?.ok && d.name !== 'verify_customer')
    .at(-1);
  if (!(frame.alsoPolicy && last?.name === 'store_policy' && last.result?.ok && own)) return answer;
  const first = one(own, input);
  // After a list, the rule is a paragraph of its own, not glued to the list's last line.
  const gap = first.body.includes('\n') ? '\n' : ' ';
  return { ...first, body: `${first.body}${gap}${answer.body}`, noFollowUp: true };
}

/** "How do I buy the grey hoodie?": the piece found or added, then how the order is finished. */
function howToBuy(answer: Reply, { frame, done }: ComposeInput): Reply {
  const last = done.at(-1);
  if (!(frame.buying && last?.result?.ok && (last.name === 'search_products' || last.name === 'add_to_cart'))) return answer;
  return { ...answer, body: `${answer.body} ${PHRASES.thenCheckout}` };
}

/**
 * The proposal made again on a go-ahead core/consent did not take (plan-talk.ts `proposeAgain`): why it is shown
 * again, and how to answer it.
 */
function askedAgain(answer: Reply, { frame, done, memory }: ComposeInput): Reply {
  const last = done.at(-1);
  if (
    !(frame.intent === 'confirm' || frame.intent === 'out_of_scope') ||
    !last ||
    !isProposal(last) ||
    isClearYes(frame.text, { echo: pendingEcho(memory) })
  )
    return answer;
  const why = agreesOnCondition(frame.text) ? PHRASES.conditionAgain : PHRASES.proposedAgain;
  return { ...answer, body: `${why} ${answer.body} ${PHRASES.howToAnswer}`, noFollowUp: true };
}

export function compose(input: ComposeInput): Reply {
  const { done } = input;
  const last = done[done.length - 1];
  if (!last) return { kind: 'fact', body: PHRASES.confirmNothing };
  // "Is it too late to send the sneakers back?": the order holding them and until when; held by none, the policy.
  if (input.frame.stillReturnable) {
    const policy = done.find((d) => d.name === 'store_policy' && d.result?.ok);
    const answer = pieceReturnReply(done, input.frame) ?? (policy ? one(policy, input) : null);
    if (answer) return { ...answer, ack: true };
  }
  // Several lines removed at once ("empty my cart"): one sentence for all of them.
  const changes = done.filter((d) => d.name === 'update_cart');
  if (
    changes.length > 1 &&
    changes.every((d) => {
      const out = outputOf(d, 'update_cart');
      return !!out && 'removed' in out;
    })
  )
    return removedAllReply(changes);
  const looked = done.filter((d) => d.name === 'get_product' && d.result?.ok);
  if (input.frame.intent === 'compare' && looked.length >= 2) return { ...compareReply(looked, input.frame), ack: true };
  const answer = besidePolicy(refundTimingFor(one(last, input), last, input), input);
  const main = askedAgain(howToBuy(last.result?.ok && ACKNOWLEDGED.has(last.name) ? { ...answer, ack: true } : answer, input), input);
  const verified = done.slice(0, -1).find((d) => d.name === 'verify_customer' && d.result?.ok);
  if (!verified) return main;
  const first = outputOf(verified, 'verify_customer')?.firstName;
  const name = first ? `, ${first}` : '';
  return { ...main, body: `Thank you${name}: you're verified. ${main.body}` };
}
