import type { ReplacementItem } from '../shop/index.js';
import {
  createExchange,
  exchangeLine,
  findCustomer,
  isoDate,
  itemLabel,
  maskEmail,
  pickItems,
  replacementsOf,
  returnEligibility,
  type OwnedOrder,
  type ReturnLabelRow,
} from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { approvedProposal, clearProposal, propose, proposalView, sameJson } from './proposals.js';
import { fail, ok, ownOrder } from './results.js';
import type { ToolArgs } from './schemas.js';
import type { ResultOf, ToolContext, ToolFailure } from './types.js';

const ACTION = 'exchange';

const lineLabel = (l: ReplacementItem) => `${l.name} (${l.size})${l.quantity > 1 ? ` ×${l.quantity}` : ''}`;

async function existingExchange(ctx: ToolContext, owned: OwnedOrder, lines: readonly ReplacementItem[]) {
  const sent = await replacementsOf(ctx.db, owned.order.id);
  return sent.find(
    (r) =>
      r.source === 'exchange' && lines.every((l) => r.items.some((x) => x.orderItemId === l.orderItemId && x.variantId === l.variantId)),
  );
}

function doneView(owned: OwnedOrder, label: ReturnLabelRow, lines: readonly ReplacementItem[]) {
  return {
    orderNumber: owned.order.number,
    returnLabel: {
      trackingCode: label.trackingCode,
      emailedTo: label.emailedTo,
      items: owned.items.filter((i) => label.items.includes(i.id)).map(itemLabel),
    },
    replacement: { items: lines.map(lineLabel), status: 'processing', cost: 'free' },
    next: 'The replacement ships now; send the original back with the emailed label, unworn with tags.',
  };
}

/** The replacement lines asked for, or a refusal the model can relay (sold out, no such size or colour). */
async function planLines(
  ctx: ToolContext,
  owned: OwnedOrder,
  wishes: ToolArgs['exchange_items']['items'],
): Promise<ReplacementItem[] | ToolFailure> {
  const lines: ReplacementItem[] = [];
  for (const w of wishes) {
    if (!w.size && !w.colour) return fail('invalid_arguments', `Say which size or colour "${w.item}" should be exchanged for.`, 'items');
    const pick = pickItems(owned, [w.item]);
    if (!pick.ok) return fail('invalid_arguments', pick.message, 'items');
    const item = pick.items[0]!;
    if (item.status !== 'delivered')
      return fail('refused', `${itemLabel(item)} cannot be exchanged: its status is ${item.status}.`, 'items');
    const line = await exchangeLine(ctx.db, { item, size: w.size, colour: w.colour });
    if (!line.ok)
      return fail(
        'refused',
        `Cannot exchange ${itemLabel(item)}: ${line.reason}.${line.soldOut ? ' Offer another size or colour, or a return instead.' : ''}`,
        'items',
      );
    lines.push(line.line);
  }
  return lines.sort((a, b) => a.orderItemId.localeCompare(b.orderItemId));
}

/** The shopper's yes: the return label, the replacement and their record, unless the new size sold out meanwhile. */
async function commitExchange(
  ctx: ToolContext,
  owned: OwnedOrder,
  lines: ReplacementItem[],
  emailedTo: string,
  now: number,
): Promise<ResultOf<'exchange_items'>> {
  const made = await createExchange(ctx.db, ctx.atomic, ctx.ids, {
    owned,
    lines,
    emailedTo,
    conversationId: ctx.conversationId,
    now,
    alongWith: [clearProposal(ctx)],
    record: (labelId, trackingCode) => [
      ctx.record({
        type: 'exchange_created',
        data: { orderNumber: owned.order.number, labelId, trackingCode, items: lines.map(lineLabel), turn: ctx.turn },
      }),
    ],
  });
  if (!made)
    return fail(
      'refused',
      'The new size sold out a moment ago, so nothing was changed. Offer another size or colour, or a return.',
      'items',
    );
  const again = await existingExchange(ctx, owned, lines);
  return ok({ created: made.created, exchange: doneView(owned, made.label, again?.items ?? lines) });
}

export const exchangeItemsTool = defineTool({
  name: 'exchange_items',
  description:
    'Swap delivered items (return window) for the same product in another size or colour in stock: free return label plus replacement.',
  schema: toolSchemas.exchange_items,
  async run(args, ctx): Promise<ResultOf<'exchange_items'>> {
    const mine = await ownOrder(ctx, args.orderNumber);
    if (!mine.ok) return mine.result;
    const { customerId, owned } = mine;
    const now = ctx.now();
    const check = returnEligibility(owned, now);
    // Idempotent: an exchange already made for these items and sizes is the answer.
    const refs = args.items.map((w) => pickItems(owned, [w.item]));
    if (refs.every((r) => r.ok)) {
      const sent = await replacementsOf(ctx.db, owned.order.id);
      const ids = refs.flatMap((r) => (r.ok ? r.items.map((i) => i.id) : []));
      const done = sent.find((r) => r.source === 'exchange' && ids.every((id) => r.items.some((x) => x.orderItemId === id)));
      const label = done && owned.labels.find((l) => l.id === done.sourceId);
      if (done && label) return ok({ created: false, alreadyExisted: true, exchange: doneView(owned, label, done.items) });
    }
    if (!check.eligible) return fail('refused', `Order #${owned.order.number} cannot be exchanged: ${check.reason}.`, 'orderNumber');
    const planned = await planLines(ctx, owned, args.items);
    if (!Array.isArray(planned)) return planned;
    const lines = planned;

    const payload = { orderNumber: owned.order.number, lines: lines.map((l) => ({ item: l.orderItemId, variant: l.variantId })) };
    const decision = await approvedProposal(
      ctx,
      ACTION,
      args.confirm,
      (p) => sameJson(p, payload),
      (p) => `an exchange on order #${String(p.payload.orderNumber)}`,
    );
    if (!decision.act && decision.refused) return decision.refused;
    const emailedTo = maskEmail((await findCustomer(ctx.db, customerId))?.email ?? '');
    if (decision.act) return commitExchange(ctx, owned, lines, emailedTo, now);
    const byId = new Map(owned.items.map((i) => [i.id, i]));
    const swaps = lines.map((l) => `${itemLabel(byId.get(l.orderItemId)!)} for ${lineLabel(l)}`).join(', ');
    const proposed = await propose(
      ctx,
      ACTION,
      payload,
      `Exchange on order #${owned.order.number}: ${swaps}; free return label emailed to ${emailedTo}.`,
    );
    return ok({
      needsConfirmation: true,
      proposal: {
        ...proposalView(proposed),
        orderNumber: owned.order.number,
        swap: lines.map((l) => ({ send: itemLabel(byId.get(l.orderItemId)!), get: lineLabel(l) })),
        returnWindowEnds: isoDate(check.until),
        labelEmailedTo: emailedTo,
        cost: 'free',
      },
      instruction:
        'Ask the shopper to confirm this exchange (yes, or the Confirm button). Only after their yes, call again with confirm:true and the same items and sizes.',
    });
  },
});
