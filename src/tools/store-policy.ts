import { FREE_EXPRESS_TIERS, findCustomer, asTier, STORE_POLICY } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { ok, verifiedCustomerId } from './results.js';

export const storePolicyTool = defineTool({
  name: 'store_policy',
  description: 'Store policy by topic (orders: cancelling, address, problems, limits). Answer policy questions from this, not memory.',
  schema: toolSchemas.store_policy,
  async run(args, ctx) {
    const data: Record<string, unknown> = { topic: args.topic, policy: STORE_POLICY[args.topic] };
    const customerId = verifiedCustomerId(ctx);
    if (args.topic === 'shipping' && customerId) {
      const customer = await findCustomer(ctx.db, customerId);
      const tier = asTier(customer?.loyaltyTier ?? 'none');
      if (FREE_EXPRESS_TIERS.includes(tier)) data.forThisShopper = `Express shipping is free for this shopper (${tier} member).`;
    }
    return ok(data);
  },
});
