// Plans for the turns of the conversation itself: greetings and goodbyes, what is out of scope
// or unanswerable, opting in and out, frustration, and the yes or no to what was proposed.
// Acting on a yes needs the same unambiguous yes the server requires (core/consent).
import { call, reply, type IntentPlan, type PlanContext, type Step } from './steps.js';
import { PHRASES } from './phrases.js';
import { goesAhead, saysShortOrderNumber, unreadable } from './plan-reading.js';
import { agreesOnCondition } from './frame-cues.js';
import { isClearNo, isClearYes, NAMING_YES, namesAction, namesOtherAction } from '../../core/index.js';
import { pendingEcho, saysAllProposed } from './frame-detail.js';

const planPlain: IntentPlan = () => reply({ kind: 'plain', body: '' });

const planOutOfScope: IntentPlan = (c) => {
  const { f, memory } = c;
  // "Bingo. File it away then." while a proposal waits: words no intent holds, the reply head's go-ahead; the yes
  // core/consent reads acts, any other is the proposal made again (never an offer of a person instead).
  if ((memory.pendingAction || memory.pendingReturn) && goesAhead(f.text)) return planConfirm(c);
  // "?", "asdfgh", "lol": nothing to hand a person either; ask again instead of offering one.
  if (unreadable(f.text)) return reply({ kind: 'ask', body: PHRASES.didNotCatch });
  // "it's order 28" when an order number was asked for: too short to be one.
  if ((memory.asked === 'verify' || memory.asked === 'order') && saysShortOrderNumber(f.text))
    return reply({ kind: 'ask', body: PHRASES.shortOrderNumber });
  return reply({ kind: 'plain', body: '' });
};

const planUnsupported: IntentPlan = ({ tools }) => {
  // One intent for "do you gift wrap?" and "hold it for me": no tool knows or does it, so say both, and offer a person.
  const body = PHRASES.noToolForThat;
  return tools.has('escalate_to_human') ? reply({ kind: 'ask', body: `${body} ${PHRASES.humanOffer}` }) : reply({ kind: 'fact', body });
};

/**
 * A go-ahead core/consent does not take as a yes, said in the shopper's own words ("right, pencil it in", "abracadabra,
 * do it": the reply head reads a yes) or on a condition ("yes, as long as the label is free"): the proposal waiting is
 * made again (confirm: false), so the shopper sees it with its Confirm button, and nothing runs (compose.ts says why
 * it is shown again). Null when the words do not go ahead, name another action ("yes, return it" to a cancellation:
 * never shown the cancellation to confirm) or nothing can be proposed again.
 */
function proposeAgain({ f, memory, tools }: PlanContext): Step | null {
  // "both" to two proposals made together goes ahead too: the one waiting is shown again for its own yes.
  const all = saysAllProposed(f.text, memory);
  if (!all && !agreesOnCondition(f.text) && !goesAhead(f.text)) return null;
  if (!all && namesOtherAction(f.text, pendingEcho(memory))) return null;
  const { pendingAction: action, pendingReturn } = memory;
  if (action) return tools.has(action.name) ? call(action.name, { ...action.args, confirm: false }) : null;
  if (pendingReturn && tools.has('create_return_label')) return call('create_return_label', { ...pendingReturn, confirm: false });
  return null;
}

/** The proposal made again (confirm: false) when the reply before asked for the yes naming it and this one does not. */
function unnamedYes({ f, memory, tools }: PlanContext): Step | null {
  const { pendingAction: action, pendingReturn } = memory;
  const kind = action ? action.action : pendingReturn ? 'return_label' : null;
  const naming = kind ? NAMING_YES[kind] : undefined;
  if (!kind || !naming || !memory.prevReply.includes(`"${naming}"`) || namesAction(f.text, kind)) return null;
  // The reply's own question was the offer of a person: the bare yes takes it; the proposal still waits, put again.
  if (memory.offeredHuman && tools.has('escalate_to_human'))
    return call('escalate_to_human', { reason: `Shopper accepted a hand-over after: "${(memory.prevUser ?? '').slice(0, 200)}"` });
  if (action) return tools.has(action.name) ? call(action.name, { ...action.args, confirm: false }) : null;
  return tools.has('create_return_label') ? call('create_return_label', { ...pendingReturn, confirm: false }) : null;
}

const planConfirm: IntentPlan = (c) => {
  const { f, memory, tools } = c;
  // Acting needs the same unambiguous yes the server requires (core/consent): a hedge that
  // merely sounds like agreement ("not sure", "sure?") gets the question again.
  if ((memory.pendingReturn || memory.pendingAction || memory.asked === 'merge') && !isClearYes(f.text, { echo: pendingEcho(memory) }))
    return proposeAgain(c) ?? reply({ kind: 'ask', body: agreesOnCondition(f.text) ? PHRASES.conditionalYes : PHRASES.askConfirmAgain });
  // Put under a question of the reply's own, the proposal asked for the yes naming it; a bare one may have answered
  // the other question, and decides nothing on the server (chat/approval): the proposal is shown again on its own.
  const again = unnamedYes(c);
  if (again) return again;
  if (memory.pendingAction && tools.has(memory.pendingAction.name))
    return call(memory.pendingAction.name, { ...memory.pendingAction.args, confirm: true });
  if (memory.asked === 'merge' && tools.has('view_cart')) return call('view_cart', { mergeGuestCart: true });
  // A yes right after the proposal confirms it; a later one must say what it agrees to.
  if (
    memory.pendingReturn &&
    tools.has('create_return_label') &&
    (memory.pendingAge === 1 || memory.asked === 'confirm' || /\b(return|label|refund|send (it|them) back)/i.test(f.text))
  ) {
    return call('create_return_label', { ...memory.pendingReturn, confirm: true });
  }
  if (memory.offeredHuman && tools.has('escalate_to_human'))
    return call('escalate_to_human', {
      reason: memory.prevUser ? `Shopper accepted a hand-over after: "${memory.prevUser.slice(0, 200)}"` : 'Shopper accepted a hand-over',
    });
  if (memory.asked === 'lookup' && tools.has('lookup_order')) {
    const n = f.orderNumber ?? memory.offeredOrder;
    return call('lookup_order', n ? { orderNumber: n } : {});
  }
  return reply({ kind: 'ask', body: PHRASES.confirmNothing });
};

const planDeny: IntentPlan = ({ f, memory }) => {
  // Declining needs a plain no, as the server reads it: "why not" or "not sure" asks again.
  if ((memory.pendingReturn || memory.pendingAction || memory.asked === 'merge') && !isClearNo(f.text, { echo: pendingEcho(memory) }))
    return reply({ kind: 'ask', body: PHRASES.askConfirmAgain });
  if (memory.pendingAction) return reply({ kind: 'fact', body: PHRASES.denyAction });
  if (memory.asked === 'merge') return reply({ kind: 'fact', body: PHRASES.denyMerge });
  // Nothing was offered, so nothing to decline: ask what they would like rather than "No problem."
  if (!memory.pendingReturn && !memory.pendingAction && !memory.offeredHuman && !memory.asked)
    return reply({ kind: 'ask', body: PHRASES.didNotCatch });
  return reply({ kind: 'fact', body: memory.pendingReturn ? PHRASES.denyReturn : PHRASES.denyGeneric });
};

export const TALK_PLANS = {
  greeting: () => reply({ kind: 'plain', body: '', perks: true }),
  out_of_scope: planOutOfScope,
  thanks: planPlain,
  goodbye: planPlain,
  opt_out: () => ({ kind: 'reply', reply: { kind: 'plain', body: PHRASES.optOut }, optOut: true }),
  opt_in: () => ({ kind: 'reply', reply: { kind: 'plain', body: PHRASES.optIn }, optIn: true }),
  unsupported: planUnsupported,
  unanswerable: ({ tools }) =>
    reply({ kind: 'ask', body: `${PHRASES.honestUnknown} ${tools.has('escalate_to_human') ? PHRASES.humanOffer : ''}`.trim() }),
  confirm: planConfirm,
  deny: planDeny,
  frustrated: ({ tools }) =>
    reply({
      kind: 'ask',
      body: `${PHRASES.frustrated} ${tools.has('escalate_to_human') ? PHRASES.humanOffer : PHRASES.frustratedRetry}`,
    }),
} satisfies Record<string, IntentPlan>;
