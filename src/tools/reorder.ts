import { addCartLine, cartSummary, ensureCart, MAX_CART_LINE_QUANTITY, variantOf } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { cartOwner, ok, ownOrder } from './results.js';

export const reorderTool = defineTool({
  name: 'reorder',
  description: 'Put a past order’s items back in the cart (same sizes, as stock allows).',
  schema: toolSchemas.reorder,
  async run(args, ctx) {
    const mine = await ownOrder(ctx, args.orderNumber);
    if (!mine.ok) return mine.result;
    const { owned } = mine;

    const owner = cartOwner(ctx);
    const cartId = await ensureCart(ctx.db, owner, ctx.now(), ctx.ids);
    const added: Array<{ name: string; size: string; quantity: number }> = [];
    const unavailable: Array<{ name: string; size: string; reason: string }> = [];
    for (const item of owned.items) {
      const variant = await variantOf(ctx.db, item.productId, item.variantId);
      if (!variant || variant.stock <= 0) {
        unavailable.push({ name: item.name, size: item.size, reason: 'sold out in this size' });
        continue;
      }
      const wanted = Math.min(item.quantity, MAX_CART_LINE_QUANTITY);
      const quantity = Math.min(wanted, variant.stock);
      const line = await addCartLine(
        ctx.db,
        { cartId, productId: item.productId, variantId: variant.id, quantity, maxLine: Math.min(variant.stock, MAX_CART_LINE_QUANTITY) },
        ctx.now(),
        ctx.ids,
      );
      if (line === undefined) {
        unavailable.push({ name: item.name, size: item.size, reason: 'the cart already holds as many as can be ordered' });
        continue;
      }
      added.push({ name: item.name, size: item.size, quantity });
      if (quantity < item.quantity)
        unavailable.push({ name: item.name, size: item.size, reason: `only ${quantity} of ${item.quantity} available` });
      ctx.emit({ type: 'add_to_cart', data: { productId: item.productId, size: variant.size, quantity, via: 'reorder' } });
    }
    return ok({ orderNumber: owned.order.number, added, unavailable, cart: await cartSummary(ctx.db, owner, ctx.checkout) });
  },
});
