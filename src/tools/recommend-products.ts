import { recommendFor } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { accountCustomerId, accountOnly, mustVerify, ok, verifiedCustomerId } from './results.js';

export const recommendProductsTool = defineTool({
  name: 'recommend_products',
  description: 'Personal picks: in-stock items that go with what the shopper bought before, each with the reason.',
  schema: toolSchemas.recommend_products,
  async run(args, ctx) {
    if (!verifiedCustomerId(ctx)) return mustVerify();
    const customerId = accountCustomerId(ctx);
    if (!customerId) return accountOnly('Picks from the purchase history');
    const { basis, picks } = await recommendFor(ctx.db, customerId, args.limit);
    return ok({ basis, picks });
  },
});
