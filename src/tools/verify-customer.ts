import { eq } from 'drizzle-orm';
import { conversations, orders } from '../db/index.js';
import { bindConversationCustomer, findCustomerByEmail, MAX_VERIFY_ATTEMPTS, mergeSessionCart, takeVerifyAttempt } from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { fail, ok, verifiedCustomerId } from './results.js';

const LOCKED = 'Verification is locked for this conversation after too many attempts. Do not ask for details again; offer to connect the shopper with a human colleague (escalate_to_human).';

export const verifyCustomerTool = defineTool({
  name: 'verify_customer',
  description:
    'Verify an anonymous shopper by their account email plus one of their order numbers; unlocks their orders, returns and loyalty. Few attempts allowed.',
  schema: toolSchemas.verify_customer,
  async run(args, ctx) {
    if (verifiedCustomerId(ctx)) return ok({ verified: true, alreadyVerified: true, note: 'The shopper is already signed in; no verification needed.' });

    // The attempt is counted before anything is checked, so parallel or repeated calls cannot outrun the limit.
    const attempt = await takeVerifyAttempt(ctx.db, ctx.conversationId);
    if (attempt === undefined) {
      const [conv] = await ctx.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, ctx.conversationId)).limit(1);
      return conv ? fail('locked', LOCKED) : fail('failed', 'Verification is not available right now; offer a human colleague.');
    }

    // Both lookups always run, so a wrong email and a wrong order number take the same path.
    const [customer, [order]] = await Promise.all([
      findCustomerByEmail(ctx.db, args.email),
      ctx.db.select({ customerId: orders.customerId }).from(orders).where(eq(orders.number, args.orderNumber)).limit(1),
    ]);
    if (!customer || !order || order.customerId !== customer.id) {
      const left = MAX_VERIFY_ATTEMPTS - attempt;
      return left > 0
        ? fail('not_found', `Those details do not match an account. Ask the shopper to check the email and order number. ${left} attempt(s) left.`)
        : fail('locked', `Those details do not match an account. ${LOCKED}`);
    }

    const now = ctx.now();
    await ctx.atomic([bindConversationCustomer(ctx.db, ctx.conversationId, customer.id, now)]);
    const moved = await mergeSessionCart(ctx.db, ctx.atomic, ctx.shopper.sessionId, customer.id, now, ctx.ids);
    ctx.bindCustomer(customer.id);
    ctx.emit({ type: 'verified', data: { customerId: customer.id, via: 'verify_customer' } });
    return ok({ verified: true, firstName: customer.firstName, ...(moved ? { cartLinesKept: moved } : {}) });
  },
});
