import { z } from 'zod';
import {
  createReturnLabel,
  findCustomer,
  insertRefundIf,
  isoDate,
  itemLabel,
  labelItems,
  maskEmail,
  returnEligibility,
  type OrderItemRow,
  type OwnedOrder,
  type Proposal,
  type ReturnLabelRow,
} from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { clearProposal, currentProposal, proposeWithText, proposalView, proposedText, refuseUnapproved } from './proposals.js';
import { fail, ok, ownOrder } from './results.js';
import type { ResultOf, ToolContext, ToolFailure } from './types.js';

const ACTION = 'return_label';

/** What the shopper was asked to agree to: the exact order and items. */
const ReturnPayload = z.object({ orderNumber: z.string(), items: z.array(z.string()), reason: z.string().optional() });

const sameItems = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function labelView(owned: OwnedOrder, label: ReturnLabelRow) {
  return {
    orderNumber: owned.order.number,
    trackingCode: label.trackingCode,
    items: labelItems(owned, label),
    emailedTo: label.emailedTo,
    created: isoDate(label.createdAt),
    next: 'The prepaid label is in the email: pack the items unworn with tags and drop the parcel at any carrier point. Refund within 5 business days of arrival.',
  };
}

/**
 * A label that already answers this call: one holding every item asked for, or, when no items
 * are named and none is left to return, the order's latest label.
 */
function coveringLabel(owned: OwnedOrder, items: readonly string[] | undefined): ReturnLabelRow | undefined {
  if (items?.length) return owned.labels.find((l) => items.every((id) => l.items.includes(id)));
  return owned.items.some((i) => i.status === 'delivered') ? undefined : owned.labels.at(-1);
}

export const createReturnLabelTool = defineTool({
  name: 'create_return_label',
  description: 'Free return label for a delivered order (30 days from delivery), emailed.',
  schema: toolSchemas.create_return_label,
  async run(args, ctx): Promise<ResultOf<'create_return_label'>> {
    const mine = await ownOrder(ctx, args.orderNumber);
    if (!mine.ok) return mine.result;
    const { customerId, owned } = mine;
    // Idempotent: a label that already covers what is asked is the answer to a later call.
    const existing = coveringLabel(owned, args.items);
    if (existing) return ok({ created: false, alreadyExisted: true, label: labelView(owned, existing) });

    const now = ctx.now();
    const check = returnEligibility(owned, now);
    if (!check.eligible) return fail('refused', `Order #${owned.order.number} cannot be returned: ${check.reason}.`, 'orderNumber');
    const picked = itemsToReturn(owned, args.items, check.returnable);
    if (!Array.isArray(picked)) return picked;
    const itemIds = picked;

    // confirm:true with nothing proposed is a proposal; otherwise it acts only on the shopper's approval.
    const proposal = args.confirm ? await currentProposal(ctx, ACTION) : null;
    if (proposal) return commitReturn(ctx, proposal, { customerId, owned, itemIds, now });

    const customer = await findCustomer(ctx.db, customerId);
    const chosen = owned.items.filter((i) => itemIds.includes(i.id));
    const summary = `Create a free return label for order #${owned.order.number} (${chosen.map(itemLabel).join(', ')}), emailed to ${maskEmail(customer?.email ?? '')}.`;
    const reason = { field: 'reason', label: 'Reason sent to the store', text: args.reason, max: 300 };
    const proposed = await proposeWithText(ctx, ACTION, { orderNumber: owned.order.number, items: itemIds }, summary, reason);
    return ok({
      needsConfirmation: true,
      proposal: {
        ...proposalView(proposed),
        orderNumber: owned.order.number,
        items: chosen.map(itemLabel),
        returnWindowEnds: isoDate(check.until),
        labelEmailedTo: maskEmail(customer?.email ?? ''),
        cost: 'free',
      },
      instruction:
        'Ask the shopper to confirm this return (they can answer yes or press Confirm). Only after their yes, call again with confirm:true and the same order and items.',
    });
  },
});

/** The item ids to return, sorted: those asked for (each of the order and delivered), else every returnable one; or why not. */
function itemsToReturn(
  owned: OwnedOrder,
  asked: readonly string[] | undefined,
  returnable: readonly OrderItemRow[],
): string[] | ToolFailure {
  if (!asked?.length) return returnable.map((i) => i.id).sort();
  const itemIds = [...new Set(asked)].sort();
  const byId = new Map(owned.items.map((i) => [i.id, i]));
  const unknown = itemIds.find((id) => !byId.has(id));
  if (unknown)
    return fail(
      'invalid_arguments',
      `Item ${unknown} is not part of order #${owned.order.number}. Use the item ids from lookup_order.`,
      'items',
    );
  const done = itemIds.map((id) => byId.get(id)!).find((i) => i.status !== 'delivered');
  if (done) return fail('refused', `${done.name} (${done.size}) cannot be returned: its status is ${done.status}.`, 'items');
  return itemIds;
}

interface Confirmed {
  customerId: string;
  owned: OwnedOrder;
  itemIds: string[];
  now: number;
}

/** The shopper's yes to the proposed return: the label, its refund and their record, if it is what was proposed. */
async function commitReturn(
  ctx: ToolContext,
  proposal: Proposal,
  { customerId, owned, itemIds, now }: Confirmed,
): Promise<ResultOf<'create_return_label'>> {
  const payload = ReturnPayload.safeParse(proposal.payload);
  const asked = payload.success ? `a return of ${payload.data.items.length} item(s) from order #${payload.data.orderNumber}` : undefined;
  const refused = refuseUnapproved(
    ctx,
    proposal,
    () => payload.success && payload.data.orderNumber === owned.order.number && sameItems(payload.data.items, itemIds),
    asked,
  );
  if (refused) return refused;
  const customer = await findCustomer(ctx.db, customerId);
  const emailedTo = maskEmail(customer?.email ?? '');
  // The label, the cleared proposal and the record of both commit together: a crash cannot
  // leave a label that no event tells of.
  const { label, created } = await createReturnLabel(ctx.db, ctx.atomic, ctx.ids, {
    owned,
    itemIds,
    // The proposal's reason, never the confirming call's (proposals.ts: proposedText).
    reason: proposedText(proposal, 'reason'),
    emailedTo,
    conversationId: ctx.conversationId,
    now,
    alongWith: [clearProposal(ctx)],
    // The refund it leads to is recorded with the label, so refund_status can tell where it is.
    withLabel: (labelId, labelExists) => [
      insertRefundIf(
        ctx.db,
        {
          id: ctx.ids('rf'),
          orderId: owned.order.id,
          customerId,
          kind: 'return',
          sourceId: labelId,
          amountCents: owned.items.filter((i) => itemIds.includes(i.id)).reduce((n, i) => n + i.unitPriceCents * i.quantity, 0),
          conversationId: ctx.conversationId,
          now,
        },
        labelExists,
      ),
    ],
    record: (labelId, trackingCode) => [
      ctx.record({
        type: 'return_label_created',
        data: { orderNumber: owned.order.number, labelId, items: itemIds, trackingCode, turn: ctx.turn },
      }),
      ctx.record({ type: 'return_label_emailed', data: { orderNumber: owned.order.number, to: emailedTo, turn: ctx.turn } }),
    ],
  });
  return ok({ created, label: labelView(owned, label) });
}
