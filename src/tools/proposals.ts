// Two-phase writes. A tool first records a proposal (the exact action and arguments, bound to
// the conversation and shopper, expiring); it acts only in a later turn whose start the chat
// service marked as approved for that very proposal (the shopper's own clear yes, or the
// widget's Confirm button). Whatever the model sends, confirm:true without that approval is refused.
import { fenceText } from '../core/index.js';
import { PROPOSAL_TTL_MS, proposalWords, readProposal, writePending, type Proposal } from '../shop/index.js';
import { fail } from './results.js';
import type { ToolContext, ToolFailure } from './types.js';

/** Records a new proposal for this conversation (replacing any other) and returns it. */
export async function propose(
  ctx: ToolContext,
  action: string,
  payload: Record<string, unknown>,
  summary?: string,
  sent?: string,
): Promise<Proposal> {
  const now = ctx.now();
  const proposal: Proposal = {
    id: ctx.ids('prop'),
    action,
    customerId: ctx.shopper.customerId,
    turn: ctx.turn,
    expiresAt: now + PROPOSAL_TTL_MS,
    payload,
    ...(summary ? { summary } : {}),
    ...(sent ? { sent } : {}),
  };
  await writePending(ctx.db, ctx.conversationId, proposal, now);
  return proposal;
}

/** The conversation's live proposal for this action, or null. */
export async function currentProposal(ctx: ToolContext, action: string): Promise<Proposal | null> {
  const p = await readProposal(ctx.db, ctx.conversationId, ctx.shopper.customerId, ctx.now());
  return p && p.action === action ? p : null;
}

/** The write that clears the proposal, to commit together with the action it approved. */
export const clearProposal = (ctx: ToolContext) => writePending(ctx.db, ctx.conversationId, null, ctx.now());

/**
 * Why a confirm:true call may not act, or null when it may: there must be a live proposal for
 * this action, approved by the shopper at the start of this turn, with the same arguments.
 */
export function refuseUnapproved(
  ctx: ToolContext,
  proposal: Proposal | null,
  sameArgs: (p: Proposal) => boolean,
  asked = 'something else',
): ToolFailure | null {
  if (!proposal)
    return fail(
      'refused',
      'There is no open proposal for this (none was made, it expired after 30 minutes, or it was declined). Call with confirm:false to propose it and wait for the shopper’s yes.',
    );
  if (!sameArgs(proposal))
    return fail(
      'refused',
      `The shopper was asked to confirm ${asked}, not this. Call with confirm:false to propose this instead and wait for their yes.`,
    );
  if (ctx.approval?.proposalId !== proposal.id) {
    return fail(
      'refused',
      'The shopper has not given a clear yes to the proposal in this message (a hedge, a question, a change or a no is not a yes). Ask them again; it runs only after a plain yes or the Confirm button.',
    );
  }
  return null;
}

/**
 * Free text a proposal carries (a cancellation's reason, a claim's note): what the approved action writes, whatever the
 * confirming call says. The shopper's yes was given to the proposal; a confirming call may not put new words (for the
 * store's colleagues, the record) under it.
 */
export function proposedText(proposal: Proposal, field: string): string | undefined {
  const v = proposal.payload[field];
  return typeof v === 'string' ? v : undefined;
}

/** Marks that could close or open the statement's quote ("”", '"', "„", "«", "″"): each is written as a plain apostrophe. */
const QUOTE_MARKS = /["\p{Pi}\p{Pf}\u201a\u201e\u2033\u2036\u02ba\u02ee\u05f4\u301d-\u301f]/gu;
/** Line breaks of any kind: the quote is one sentence of the statement (the widget shows a break as a break). */
const LINE_BREAKS = /\s*[\r\n\u2028\u2029\u0085]+\s*/g;

/**
 * Free text a proposal will send (a reason, a note the store's colleagues read), in the one form both the proposal keeps
 * and its summary quotes: the shopper says yes to the server's statement of the proposal (chat/run.ts), and a hosted
 * model may have written these words, so what they agree to must show every word that is sent, inside its quote: no
 * quote mark or line break of its own lets the text write past the quote as if the server said it ("…”. Refund
 * approved: $400."). Empty: nothing is sent.
 */
function sentText(text: string | undefined, max: number): string | undefined {
  // After fencing, whose normalizing may make a quote mark ("＂") and whose neutralized markers quote ('(quoted "…")').
  const t = text === undefined ? '' : fenceText(text, max).replace(LINE_BREAKS, ' ').replace(QUOTE_MARKS, "'").trim();
  return t === '' ? undefined : t;
}

/** Free text a proposal sends: the payload field it goes in, the words its quote starts with, its longest form. */
export interface SentText {
  field: string;
  label: string;
  text: string | undefined;
  max: number;
}

/**
 * A proposal that sends free text: the text fenced once (sentText), kept in the payload under its field and quoted
 * whole in its own sentence of the statement (`sent`: "Reason sent to the store: “…”."); none of either when empty.
 */
export function proposeWithText(ctx: ToolContext, action: string, payload: Record<string, unknown>, summary: string, s: SentText) {
  const text = sentText(s.text, s.max);
  return propose(ctx, action, text ? { ...payload, [s.field]: text } : payload, summary, text ? `${s.label}: “${text}”.` : undefined);
}

/** A proposal's payload without its free text: what a confirming call must repeat exactly. */
export const withoutText = (payload: Record<string, unknown>, ...fields: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(payload).filter(([k]) => !fields.includes(k)));

/** What a proposal's result shows the shopper and the widget (which renders Confirm and Cancel). */
export function proposalView(p: Proposal) {
  return { proposalId: p.id, expiresAt: new Date(p.expiresAt).toISOString(), statement: proposalWords(p) };
}

export type Approved = { act: true; proposal: Proposal } | { act: false; refused: ToolFailure | null };

/** The same JSON value (payloads are built in one canonical key order). */
export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The two-phase decision of a confirming tool: act on the live, approved proposal with the same
 * payload; refuse a confirm:true the shopper did not approve; otherwise (confirm:false, or
 * nothing proposed yet) the caller proposes (`refused` null).
 */
export async function approvedProposal(
  ctx: ToolContext,
  action: string,
  confirm: boolean,
  same: (payload: Record<string, unknown>) => boolean,
  asked: (p: Proposal) => string,
): Promise<Approved> {
  const proposal = confirm ? await currentProposal(ctx, action) : null;
  if (!proposal) return { act: false, refused: null };
  const refused = refuseUnapproved(ctx, proposal, (p) => same(p.payload), asked(proposal));
  return refused ? { act: false, refused } : { act: true, proposal };
}
