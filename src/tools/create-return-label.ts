import { z } from 'zod';
import {
  createReturnLabel, findCustomer, findOwnedOrder, isoDate, itemLabel, labelItems, maskEmail, readPending, returnEligibility, writePending,
  type OwnedOrder, type ReturnLabelRow,
} from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { fail, mustVerify, ok, orderNotFound, verifiedCustomerId } from './results.js';
import type { ToolResult } from './types.js';

/** What the shopper was asked to agree to, kept on the conversation until they say yes. */
const PendingReturn = z.object({
  action: z.literal('return_label'),
  orderNumber: z.string(),
  items: z.array(z.string()),
  turn: z.number().int(),
  reason: z.string().optional(),
});
type PendingReturn = z.infer<typeof PendingReturn>;

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
  description:
    'Return label for a delivered order (30 days from delivery). Call with confirm:false to get the proposal for the shopper; only after they say yes in a new message, call with confirm:true and the same order and items to create and email the label.',
  schema: toolSchemas.create_return_label,
  async run(args, ctx): Promise<ToolResult> {
    const customerId = verifiedCustomerId(ctx);
    if (!customerId) return mustVerify();
    const owned = await findOwnedOrder(ctx.db, customerId, args.orderNumber);
    if (!owned) return orderNotFound(args.orderNumber);
    // Idempotent: a label that already covers what is asked is the answer to a later call.
    const existing = coveringLabel(owned, args.items);
    if (existing) return ok({ created: false, alreadyExisted: true, label: labelView(owned, existing) });

    const now = ctx.now();
    const check = returnEligibility(owned, now);
    if (!check.eligible) return fail('refused', `Order #${owned.order.number} cannot be returned: ${check.reason}.`, 'orderNumber');

    let itemIds: string[];
    if (args.items?.length) {
      itemIds = [...new Set(args.items)].sort();
      const byId = new Map(owned.items.map((i) => [i.id, i]));
      const unknown = itemIds.find((id) => !byId.has(id));
      if (unknown) return fail('invalid_arguments', `Item ${unknown} is not part of order #${owned.order.number}. Use the item ids from lookup_order.`, 'items');
      const done = itemIds.map((id) => byId.get(id)!).find((i) => i.status !== 'delivered');
      if (done) return fail('refused', `${done.name} (${done.size}) cannot be returned: its status is ${done.status}.`, 'items');
    } else {
      itemIds = check.returnable.map((i) => i.id).sort();
    }

    const parsed = PendingReturn.safeParse(await readPending(ctx.db, ctx.conversationId));
    const pending: PendingReturn | undefined = parsed.success ? parsed.data : undefined;

    if (args.confirm && pending) {
      if (pending.orderNumber !== owned.order.number || !sameItems(pending.items, itemIds)) {
        return fail('refused', `The shopper was asked to confirm a return of ${pending.items.length} item(s) from order #${pending.orderNumber}, not this. Call with confirm:false to propose this return and wait for their yes.`);
      }
      if (ctx.turn <= pending.turn) {
        return fail('refused', 'The shopper has not answered the proposal yet. Ask them, and call with confirm:true only after they say yes in their next message.');
      }
      const customer = await findCustomer(ctx.db, customerId);
      const emailedTo = maskEmail(customer?.email ?? '');
      const { label, created } = await createReturnLabel(ctx.db, ctx.atomic, ctx.ids, {
        owned, itemIds, reason: args.reason ?? pending.reason, emailedTo, conversationId: ctx.conversationId, now,
        alongWith: [writePending(ctx.db, ctx.conversationId, null, now)],
      });
      if (created) {
        ctx.emit({ type: 'return_label_created', data: { orderNumber: owned.order.number, labelId: label.id, items: label.items, trackingCode: label.trackingCode } });
        ctx.emit({ type: 'return_label_emailed', data: { orderNumber: owned.order.number, to: emailedTo } });
      }
      return ok({ created, label: labelView(owned, label) });
    }

    const proposal: PendingReturn = { action: 'return_label', orderNumber: owned.order.number, items: itemIds, turn: ctx.turn, ...(args.reason ? { reason: args.reason } : {}) };
    await writePending(ctx.db, ctx.conversationId, proposal, now);
    const customer = await findCustomer(ctx.db, customerId);
    const chosen = owned.items.filter((i) => itemIds.includes(i.id));
    return ok({
      needsConfirmation: true,
      proposal: {
        orderNumber: owned.order.number,
        items: chosen.map(itemLabel),
        returnWindowEnds: isoDate(check.until),
        labelEmailedTo: maskEmail(customer?.email ?? ''),
        cost: 'free',
      },
      instruction: 'Ask the shopper to confirm this return. Only after they say yes, call again with confirm:true and the same order and items.',
    });
  },
});
