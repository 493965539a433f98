import type { OwnedOrder, ShippingAddress } from '../shop/index.js';
import { addressLine, changeRefusal, changeShippingAddress, sameAddress } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { approvedProposal, clearProposal, propose, proposalView, sameJson } from './proposals.js';
import { fail, ok, ownOrder } from './results.js';
import type { ResultOf, ToolContext } from './types.js';

const ACTION = 'change_address';

/** The shopper's yes: the new address and its record, unless the order shipped or changed meanwhile. */
async function commitAddress(
  ctx: ToolContext,
  owned: OwnedOrder,
  address: ShippingAddress,
  view: { orderNumber: string; shipTo: string },
): Promise<ResultOf<'change_shipping_address'>> {
  const done = await changeShippingAddress(ctx.db, ctx.atomic, {
    owned,
    address,
    now: ctx.now(),
    ids: ctx.ids,
    alongWith: [clearProposal(ctx)],
    record: [
      ctx.record({
        type: 'shipping_address_changed',
        data: { orderNumber: owned.order.number, from: addressLine(owned.order.shipTo), to: addressLine(address), turn: ctx.turn },
      }),
    ],
  });
  if (!done)
    return fail(
      'refused',
      `Order #${owned.order.number} shipped or changed before the address could be updated; it still goes to ${addressLine(owned.order.shipTo)}.`,
    );
  return ok({ changed: true, order: view });
}

export const changeShippingAddressTool = defineTool({
  name: 'change_shipping_address',
  description: 'New US delivery address for an order still processing.',
  schema: toolSchemas.change_shipping_address,
  async run(args, ctx): Promise<ResultOf<'change_shipping_address'>> {
    const mine = await ownOrder(ctx, args.orderNumber);
    if (!mine.ok) return mine.result;
    const { owned } = mine;
    if (!args.address) {
      const refused = changeRefusal(owned, 'address');
      if (refused) return fail('refused', `Cannot change the address: ${refused}.`, 'orderNumber');
      return ok({
        orderNumber: owned.order.number,
        shipsTo: addressLine(owned.order.shipTo),
        instruction: 'Ask the shopper for the full new US address (street, city, state, ZIP), then call again with it.',
      });
    }
    const address: ShippingAddress = args.address;
    const view = { orderNumber: owned.order.number, shipTo: addressLine(address) };
    // Idempotent: an order already going there needs no change.
    if (sameAddress(owned.order.shipTo, address)) return ok({ changed: false, alreadyThere: true, order: view });
    const refusal = changeRefusal(owned, 'address');
    if (refusal) return fail('refused', `Cannot change the address: ${refusal}.`, 'orderNumber');

    const payload = { orderNumber: owned.order.number, address };
    const decision = await approvedProposal(
      ctx,
      ACTION,
      args.confirm,
      (p) => sameJson(p, payload),
      (p) => `a new address for order #${String(p.payload.orderNumber)} (${addressLine(p.payload.address as ShippingAddress)})`,
    );
    if (!decision.act && decision.refused) return decision.refused;
    if (decision.act) return commitAddress(ctx, owned, address, view);
    const summary = `Send order #${owned.order.number} to ${addressLine(address)} instead of ${addressLine(owned.order.shipTo)}.`;
    const proposed = await propose(ctx, ACTION, payload, summary);
    return ok({
      needsConfirmation: true,
      proposal: {
        ...proposalView(proposed),
        action: 'change the delivery address',
        orderNumber: owned.order.number,
        from: addressLine(owned.order.shipTo),
        to: addressLine(address),
      },
      instruction:
        'Ask the shopper to confirm the new address (yes, or the Confirm button). Only after their yes, call again with confirm:true and the same order and address.',
    });
  },
});
