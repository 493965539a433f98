import { cartSummary } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { cartOwner, ok } from './results.js';

export const viewCartTool = defineTool({
  name: 'view_cart',
  description: 'The shopper’s cart: items, sizes, quantities, prices in dollars, subtotal and shipping.',
  schema: toolSchemas.view_cart,
  async run(_args, ctx) {
    return ok({ cart: await cartSummary(ctx.db, cartOwner(ctx)) });
  },
});
