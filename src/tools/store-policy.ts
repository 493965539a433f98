import { FREE_EXPRESS_TIERS, findCustomer, asTier, POLICY_FACTS, STORE_POLICY } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { accountCustomerId, ok } from './results.js';

export const storePolicyTool = defineTool({
  name: 'store_policy',
  description: 'Store policy by topic (orders: cancelling, address, problems, limits). Answer policy questions from this, not memory.',
  schema: toolSchemas.store_policy,
  async run(args, ctx) {
    const { topic } = args;
    const policy = STORE_POLICY[topic];
    if (topic === 'sizing') return ok({ topic, policy, facts: POLICY_FACTS.sizing });
    if (topic !== 'shipping') return ok({ topic, policy });
    const data = { topic, policy, facts: POLICY_FACTS.shipping };
    const customerId = accountCustomerId(ctx);
    if (!customerId) return ok(data);
    const customer = await findCustomer(ctx.db, customerId);
    const tier = asTier(customer?.loyaltyTier ?? 'none');
    return ok(
      FREE_EXPRESS_TIERS.includes(tier) ? { ...data, forThisShopper: `Express shipping is free for this shopper (${tier} member).` } : data,
    );
  },
});
