import { addCartLine, cartQuantity, cartSummary, ensureCart, findProduct, MAX_CART_LINE_QUANTITY, normalizeSize } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { cartOwner, fail, ok, productNotFound } from './results.js';

export const addToCartTool = defineTool({
  name: 'add_to_cart',
  description: 'Add a product in one size to the cart; a sold-out size is refused with the sizes in stock. Returns the cart.',
  schema: toolSchemas.add_to_cart,
  async run(args, ctx) {
    const found = await findProduct(ctx.db, args.productId);
    if (!found) return productNotFound();
    const { product, variants } = found;
    const size = normalizeSize(args.size);
    const available = variants.filter((v) => v.stock > 0).map((v) => v.size);
    const availableText = available.length ? `Available sizes: ${available.join(', ')}.` : 'Every size is sold out.';
    const variant = variants.find((v) => normalizeSize(v.size) === size);
    if (!variant) {
      return fail(
        'invalid_arguments',
        `${product.name} does not come in size ${size}. Sizes: ${variants.map((v) => v.size).join(', ')}. ${availableText}`,
        'size',
      );
    }
    if (variant.stock <= 0) return fail('unavailable', `${product.name} is sold out in size ${variant.size}. ${availableText}`, 'size');

    const owner = cartOwner(ctx);
    const cartId = await ensureCart(ctx.db, owner, ctx.now(), ctx.ids);
    const maxLine = Math.min(variant.stock, MAX_CART_LINE_QUANTITY);
    const quantity = await addCartLine(
      ctx.db,
      { cartId, productId: product.id, variantId: variant.id, quantity: args.quantity, maxLine },
      ctx.now(),
      ctx.ids,
    );
    if (quantity === undefined) {
      const inCart = await cartQuantity(ctx.db, cartId, variant.id);
      const why =
        inCart + args.quantity > variant.stock
          ? `only ${variant.stock} left in size ${variant.size}`
          : `at most ${MAX_CART_LINE_QUANTITY} of one item per order`;
      return fail(
        'unavailable',
        `Cannot add ${args.quantity}: ${why}, and the cart already holds ${inCart}. At most ${Math.max(0, maxLine - inCart)} more can be added.`,
        'quantity',
      );
    }
    ctx.emit({ type: 'add_to_cart', data: { productId: product.id, size: variant.size, quantity: args.quantity } });
    const cart = await cartSummary(ctx.db, owner, ctx.checkout);
    return ok({
      added: { productId: product.id, name: product.name, size: variant.size, quantity: args.quantity, nowInCart: quantity },
      cart,
      checkoutUrl: cart.checkoutUrl,
    });
  },
});
