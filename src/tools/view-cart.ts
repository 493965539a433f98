import { cartSummary, mergeSessionCart } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { clearProposal, currentProposal, refuseUnapproved } from './proposals.js';
import { accountCustomerId, cartOwner, ok } from './results.js';

export const viewCartTool = defineTool({
  name: 'view_cart',
  description: 'The shopper’s cart: items, sizes, quantities, prices in dollars, subtotal and shipping.',
  schema: toolSchemas.view_cart,
  async run(args, ctx) {
    const customerId = accountCustomerId(ctx);
    if (args.mergeGuestCart && customerId) {
      // The guest basket joins the account's only on the shopper's own yes to that proposal.
      const proposal = await currentProposal(ctx, 'merge_cart');
      const refused = refuseUnapproved(ctx, proposal, () => true);
      if (refused) return refused;
      const moved = await mergeSessionCart(ctx.db, ctx.atomic, ctx.shopper.sessionId, customerId, ctx.now(), ctx.ids, [clearProposal(ctx)]);
      const merged = await cartSummary(ctx.db, cartOwner(ctx), ctx.checkout);
      return ok({ mergedLines: moved, cart: merged, checkoutUrl: merged.checkoutUrl });
    }
    const cart = await cartSummary(ctx.db, cartOwner(ctx), ctx.checkout);
    return ok({ cart, checkoutUrl: cart.checkoutUrl });
  },
});
