import { findCustomer, loyaltyView } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { accountCustomerId, accountOnly, mustVerify, ok, verifiedCustomerId } from './results.js';

export const loyaltyStatusTool = defineTool({
  name: 'loyalty_status',
  description: 'The shopper’s loyalty tier, points, perks and points to the next tier.',
  schema: toolSchemas.loyalty_status,
  async run(_args, ctx) {
    if (!verifiedCustomerId(ctx)) return mustVerify();
    const customerId = accountCustomerId(ctx);
    if (!customerId) return accountOnly('The loyalty account (tier and points)');
    const customer = await findCustomer(ctx.db, customerId);
    if (!customer) return mustVerify();
    return ok(loyaltyView(customer));
  },
});
