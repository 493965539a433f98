import { DAY_MS } from '../core/index.js';
import {
  CLAIM_POLICY,
  variantOf,
  type ReplacementItem,
  DEFAULT_ESCALATION_PRIORITY,
  ESCALATION_PRIORITY,
  claimStanding,
  claimValue,
  claimsCovering,
  createClaim,
  dollars,
  isoDate,
  itemLabel,
  pickItems,
  reviewReason,
  ticketAllowance,
  ticketInsert,
  type ClaimResolution,
  type ClaimRow,
  type OrderItemRow,
  type OwnedOrder,
} from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas, type ToolArgs } from './schemas.js';
import { approvedProposal, clearProposal, proposeWithText, proposalView, proposedText, sameJson, withoutText } from './proposals.js';
import { accountCustomerId, fail, ok, ownOrder, proofLine } from './results.js';
import type { ResultOf, ToolContext } from './types.js';

const ACTION = 'report_problem';

const OUTCOME: Record<ClaimResolution, string> = {
  replacement: 'A free replacement ships within 1–2 business days; no need to send anything back.',
  refund: 'Refunded to the original payment method within 5 business days; no need to send anything back.',
  review: 'A colleague reviews this claim and replies within one business day.',
};

function claimView(owned: OwnedOrder, c: ClaimRow) {
  return {
    claimId: c.id,
    orderNumber: owned.order.number,
    problem: c.kind,
    items: owned.items.filter((i) => c.items.includes(i.id)).map(itemLabel),
    resolution: c.resolution,
    amount: dollars(c.amountCents),
    next: OUTCOME[c.resolution],
  };
}

/** Why no claim can be made for these items now, or null. */
function claimRefusal(owned: OwnedOrder, items: readonly OrderItemRow[], now: number): string | null {
  const { order } = owned;
  if (order.status !== 'delivered' || order.deliveredAt == null)
    return `order #${order.number} has not been delivered (status: ${order.status}); a problem can be reported once it arrives`;
  const until = order.deliveredAt + CLAIM_POLICY.windowDays * DAY_MS;
  if (now > until) return `problems are reported within ${CLAIM_POLICY.windowDays} days of delivery, and that ended on ${isoDate(until)}`;
  const gone = items.find((i) => i.status !== 'delivered');
  return gone ? `${itemLabel(gone)} is ${gone.status}` : null;
}

/** The account's claims, as if there were none: what a reason may say of this claim alone. */
const NO_STANDING = { grants30: { count: 0, amountCents: 0 }, claims90: 0 };
const CHECKED = 'a colleague checks this claim before anything is granted';

/**
 * What the policy gives: a person over a cap, else a replacement, or a refund when that size is sold out. `why` is for
 * the shopper and the model: to a shopper verified in chat (who proved orders, not the account) it says nothing of the
 * account's other claims, which still count; `staffWhy`, for the colleague's ticket, says which cap applied.
 */
async function resolve(ctx: ToolContext, customerId: string, items: readonly OrderItemRow[]) {
  const value = claimValue(items);
  const review = reviewReason(value, await claimStanding(ctx.db, customerId, ctx.now()));
  if (review) {
    const why = accountCustomerId(ctx) ? review : (reviewReason(value, NO_STANDING) ?? CHECKED);
    return { resolution: 'review' as const, why, staffWhy: review, lines: [] };
  }
  const lines: ReplacementItem[] = [];
  for (const i of items) {
    const v = await variantOf(ctx.db, i.productId, i.variantId);
    if (!v || v.stock < i.quantity)
      return { resolution: 'refund' as const, why: `${itemLabel(i)} is sold out, so it is refunded instead of replaced`, lines: [] };
    lines.push({
      orderItemId: i.id,
      productId: i.productId,
      variantId: i.variantId,
      name: i.name,
      size: i.size,
      colour: i.colour,
      quantity: i.quantity,
    });
  }
  return { resolution: 'replacement' as const, lines };
}

/**
 * Makes the claim the shopper approved. `args.note` is the proposal's, in the form its statement quoted (sentText): it
 * is written as it is on the claim and its review ticket, never fenced or cut again into words the shopper did not see.
 */
async function act(
  ctx: ToolContext,
  owned: OwnedOrder,
  args: ToolArgs['report_problem'],
  items: readonly OrderItemRow[],
  plan: Awaited<ReturnType<typeof resolve>>,
): Promise<ResultOf<'report_problem'>> {
  const now = ctx.now();
  const id = ctx.ids('cl');
  const who = {
    sessionId: ctx.shopper.sessionId,
    customerId: owned.order.customerId,
    clientKey: ctx.clientKey,
    networkKey: ctx.networkKey,
  };
  const priority = ESCALATION_PRIORITY[ctx.segment.id] ?? DEFAULT_ESCALATION_PRIORITY;
  const review = plan.resolution === 'review' ? { why: plan.staffWhy, proof: await proofLine(ctx) } : null;
  const ticket =
    review && (await ticketAllowance(ctx.db, who, now))
      ? ticketInsert(ctx.db, ctx.ids('tk'), {
          conversationId: ctx.conversationId,
          ...who,
          segment: ctx.segment.id,
          priority,
          summary: `${review.proof ? `${review.proof}\n` : ''}Claim ${id} (${args.problem}) on order #${owned.order.number} needs review: ${review.why}. Shopper's note (data): ${args.note}`,
          now,
        })
      : undefined;
  const made = await createClaim(ctx.db, ctx.atomic, {
    id,
    owned,
    kind: args.problem,
    items,
    note: args.note,
    resolution: plan.resolution,
    lines: plan.lines,
    refundId: ctx.ids('rf'),
    replacementId: ctx.ids('rp'),
    conversationId: ctx.conversationId,
    now,
    ticket,
    alongWith: [clearProposal(ctx)],
    record: (claimId) => [
      ctx.record({
        type: 'claim_created',
        data: { orderNumber: owned.order.number, claimId, problem: args.problem, resolution: plan.resolution, turn: ctx.turn },
      }),
      ...(plan.resolution === 'review' ? [ctx.record({ type: 'escalated', data: { claimId, priority, turn: ctx.turn } })] : []),
    ],
  });
  if (!made)
    return fail('refused', 'A limit or the stock changed since the proposal. Call again with confirm:false to propose what applies now.');
  return ok({ created: made.created, claim: claimView(owned, made.claim) });
}

export const reportProblemTool = defineTool({
  name: 'report_problem',
  description: 'Damaged, missing or wrong item received: records a claim; replacement, refund or a colleague per policy.',
  schema: toolSchemas.report_problem,
  async run(args, ctx): Promise<ResultOf<'report_problem'>> {
    const mine = await ownOrder(ctx, args.orderNumber);
    if (!mine.ok) return mine.result;
    const { customerId, owned } = mine;
    const pick = pickItems(owned, args.items);
    if (!pick.ok) return fail('invalid_arguments', pick.message, 'items');
    // Idempotent: a claim already made for these items is the answer.
    const earlier = await claimsCovering(
      ctx.db,
      owned.order.id,
      pick.items.map((i) => i.id),
    );
    if (earlier[0]) return ok({ created: false, alreadyReported: true, claim: claimView(owned, earlier[0]) });
    const refusal = claimRefusal(owned, pick.items, ctx.now());
    if (refusal) return fail('refused', `Cannot report this: ${refusal}.`, 'orderNumber');

    const plan = await resolve(ctx, customerId, pick.items);
    const payload = {
      orderNumber: owned.order.number,
      problem: args.problem,
      items: pick.items.map((i) => i.id),
      resolution: plan.resolution,
    };
    const decision = await approvedProposal(
      ctx,
      ACTION,
      args.confirm,
      (p) => sameJson(withoutText(p, 'note'), payload),
      (p) => `a ${String(p.payload.problem)} report on order #${String(p.payload.orderNumber)} (${String(p.payload.resolution)})`,
    );
    if (!decision.act && decision.refused) return decision.refused;
    // The note (which a colleague may read on the claim and its ticket) is the one proposed, not the confirming call's.
    if (decision.act) return act(ctx, owned, { ...args, note: proposedText(decision.proposal, 'note') ?? 'not given' }, pick.items, plan);
    const summary = `Report ${args.problem} on order #${owned.order.number} (${pick.items.map(itemLabel).join(', ')}): ${plan.resolution}.`;
    const note = { field: 'note', label: "Note sent to the store's team", text: args.note, max: 500 };
    const proposed = await proposeWithText(ctx, ACTION, payload, summary, note);
    return ok({
      needsConfirmation: true,
      proposal: {
        ...proposalView(proposed),
        orderNumber: owned.order.number,
        problem: args.problem,
        items: pick.items.map(itemLabel),
        outcome: plan.resolution,
        ...(plan.why ? { why: plan.why } : {}),
        next: OUTCOME[plan.resolution],
      },
      instruction:
        plan.resolution === 'review'
          ? 'Tell the shopper plainly that this goes to a colleague and why; ask if they want it passed on (yes, or Confirm). Only after their yes, call again with confirm:true.'
          : 'Tell the shopper what they get and ask them to confirm (yes, or Confirm). Only after their yes, call again with confirm:true and the same order, problem and items.',
    });
  },
});
