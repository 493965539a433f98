import { dollars, findProduct } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { ok, productNotFound } from './results.js';

export const getProductTool = defineTool({
  name: 'get_product',
  description: 'One product by id or by the slug ending its page address: price in dollars, description, stock per size.',
  schema: toolSchemas.get_product,
  async run(args, ctx) {
    const found = await findProduct(ctx.db, args.productId);
    if (!found) return productNotFound();
    const { product: p, variants } = found;
    return ok({
      id: p.id,
      name: p.name,
      category: p.category,
      colour: p.colour,
      price: dollars(p.priceCents),
      description: p.description.length > 600 ? `${p.description.slice(0, 599)}…` : p.description,
      sizes: variants.map((v) => ({ size: v.size, stock: v.stock })),
      inStockSizes: variants.filter((v) => v.stock > 0).map((v) => v.size),
      imageUrl: p.imageUrl,
      url: p.url,
    });
  },
});
