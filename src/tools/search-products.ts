import { searchProducts, toCents, usualSizes } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { accountCustomerId, ok } from './results.js';

export const searchProductsTool = defineTool({
  name: 'search_products',
  description:
    'Search the catalog with the shopper’s words as query ("red dress under $150"); other fields narrow it. Returns id, price in dollars, stock per size.',
  schema: toolSchemas.search_products,
  async run(args, ctx) {
    // "In my size": the size this customer buys most, clothes or shoes by the category asked
    // for. Only for a shopper signed in at the store (their history); otherwise the search runs without a size.
    const customerId = accountCustomerId(ctx);
    const usual = args.mySize && !args.size && customerId ? await usualSizes(ctx.db, customerId) : null;
    const mySize = usual ? (args.category === 'shoes' ? usual.shoes : usual.clothing) : null;
    const result = await searchProducts(ctx.db, {
      query: args.query,
      category: args.category,
      colour: args.colour,
      size: args.size ?? mySize?.size,
      maxPriceCents: args.maxPrice === undefined ? undefined : toCents(args.maxPrice),
      exclude: args.exclude,
      limit: args.limit,
      offset: args.offset,
    });
    const asked = args.mySize && !args.size;
    const hint =
      asked && !mySize
        ? customerId
          ? 'Their orders show no usual size for this: ask which size they wear.'
          : 'Their size is unknown (not signed in at the store): ask which size they wear.'
        : result.matches.length === 0
          ? args.offset > 0
            ? 'No more products match: everything matching was shown already.'
            : 'Nothing matched. Offer to widen the search (fewer words, another colour or a higher price).'
          : result.approximate
            ? 'No product matched the words; these match the filters only. Say so.'
            : result.sizeUnavailable
              ? `These match but none is in stock in ${args.size ?? result.understood.size}: say so and which sizes they have.`
              : undefined;
    const data = {
      ...result,
      count: result.matches.length,
      ...(asked ? { mySize: mySize?.size ?? null, ...(mySize ? { mySizeFrom: mySize.from } : {}) } : {}),
      ...(hint ? { hint } : {}),
    };
    return ok(data);
  },
});
