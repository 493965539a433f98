import {
  cartLinesOf,
  cartSummary,
  changeCartLine,
  findCartId,
  findProduct,
  MAX_CART_LINE_QUANTITY,
  normalizeSize,
  type CartLine,
  type CartOwner,
  type ProductRow,
  type VariantRow,
} from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { cartOwner, fail, ok, productNotFound } from './results.js';
import type { ResultOf, ToolContext } from './types.js';

interface Found {
  product: ProductRow;
  variants: VariantRow[];
  /** The product's lines in the cart. */
  lines: CartLine[];
  cartId: string;
  line: CartLine;
  quantity: number;
  owner: CartOwner;
}

/** Moves the line to another size (merging with a line already in that size), within that size's stock. */
async function resizeLine(
  ctx: ToolContext,
  { product, variants, lines, cartId, line, quantity, owner }: Found,
  newSize: string,
): Promise<ResultOf<'update_cart'>> {
  const before = { size: line.size, quantity: line.quantity };
  const target = variants.find((v) => normalizeSize(v.size) === normalizeSize(newSize));
  const available = variants.filter((v) => v.stock > 0).map((v) => v.size);
  if (!target)
    return fail(
      'invalid_arguments',
      `${product.name} does not come in size ${newSize}. Sizes: ${variants.map((v) => v.size).join(', ')}.`,
      'newSize',
    );
  const inCart = lines.find((l) => l.variantId === target.id)?.quantity ?? 0;
  const max = Math.min(target.stock, MAX_CART_LINE_QUANTITY);
  if (quantity + inCart > max) {
    const why =
      target.stock <= 0
        ? `sold out in size ${target.size}`
        : `only ${Math.max(0, max - inCart)} more can go in the cart in size ${target.size}`;
    return fail(
      'unavailable',
      `${product.name} is ${why}.${available.length ? ` Available sizes: ${available.join(', ')}.` : ''} The cart is unchanged.`,
      'newSize',
    );
  }
  await changeCartLine(ctx.db, ctx.atomic, { cartId, line, quantity, to: { variantId: target.id, max } }, ctx.now(), ctx.ids);
  ctx.emit({ type: 'cart_updated', data: { productId: product.id, from: before, to: { size: target.size, quantity } } });
  return ok({
    changed: { productId: product.id, name: product.name, from: before, to: { size: target.size, quantity: quantity + inCart } },
    cart: await cartSummary(ctx.db, owner, ctx.checkout),
  });
}

export const updateCartTool = defineTool({
  name: 'update_cart',
  description: 'Change a cart line (product id + current size): quantity (0 removes it) or newSize. Returns the cart.',
  schema: toolSchemas.update_cart,
  async run(args, ctx) {
    if (args.quantity === undefined && args.newSize === undefined)
      return fail('invalid_arguments', 'Give a new quantity (0 removes the line) or a newSize.', 'quantity');
    const found = await findProduct(ctx.db, args.productId);
    if (!found) return productNotFound();
    const { product, variants } = found;
    // Only ever the shopper's own cart: the owner comes from the verified shopper, not the arguments.
    const owner = cartOwner(ctx);
    const cartId = await findCartId(ctx.db, owner);
    const lines = cartId ? await cartLinesOf(ctx.db, cartId, product.id) : [];
    const size = normalizeSize(args.size);
    const line = lines.find((l) => normalizeSize(l.size) === size);
    if (!cartId || !line) {
      const inCart = lines.map((l) => l.size);
      return fail(
        'not_found',
        `${product.name} in size ${size} is not in the cart.${inCart.length ? ` It is there in ${inCart.join(', ')}.` : ''}`,
        'size',
      );
    }
    const quantity = args.quantity ?? line.quantity;
    const before = { size: line.size, quantity: line.quantity };

    if (args.newSize !== undefined && quantity > 0 && normalizeSize(args.newSize) !== size) {
      return resizeLine(ctx, { product, variants, lines, cartId, line, quantity, owner }, args.newSize);
    }

    if (quantity > 0) {
      const variant = variants.find((v) => v.id === line.variantId);
      const max = Math.min(variant?.stock ?? 0, MAX_CART_LINE_QUANTITY);
      if (quantity > line.quantity && quantity > max)
        return fail(
          'unavailable',
          `Only ${max} of ${product.name} in size ${line.size} can be in the cart. The cart is unchanged.`,
          'quantity',
        );
    }
    await changeCartLine(ctx.db, ctx.atomic, { cartId, line, quantity }, ctx.now(), ctx.ids);
    ctx.emit({
      type: quantity === 0 ? 'cart_item_removed' : 'cart_updated',
      data: { productId: product.id, from: before, to: { size: line.size, quantity } },
    });
    const change =
      quantity === 0
        ? { removed: { productId: product.id, name: product.name, size: line.size, quantity: line.quantity } }
        : { changed: { productId: product.id, name: product.name, from: before, to: { size: line.size, quantity } } };
    return ok({ ...change, cart: await cartSummary(ctx.db, owner, ctx.checkout) });
  },
});
