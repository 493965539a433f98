import {
  AUTH_GUARDS,
  networkRule,
  bindConversationCustomer,
  conversationExists,
  orderOwner,
  digest,
  findCustomerByEmail,
  MAX_VERIFY_ATTEMPTS,
  proveConversationOrder,
  refundAttempt,
  takeAttemptStaged,
  takeVerifyAttempt,
  type GuardKey,
} from '../shop/index.js';
import { defineTool } from './define.js';
import { toolSchemas } from './schemas.js';
import { accountCustomerId, fail, ok, provenNumbers, verifiedCustomerId } from './results.js';
import type { ToolContext } from './types.js';

const LOCKED =
  'Verification is locked for now after too many attempts. Do not ask for details again; offer to connect the shopper with a human colleague (escalate_to_human).';
const MISMATCH = 'Those details do not match an account. Ask the shopper to check the email and order number.';

/**
 * Every key an attempt counts against, in two stages. First the guesser's own: the target account (by email and by
 * order number) from this client, this session, this client address. Only a try those let through counts against
 * the target account itself, from every client together (a far higher ceiling): a stranger who knows a shopper's
 * email locks only their own tries, while a guesser rotating sessions or addresses still meets the target's ceiling,
 * and one rotating targets meets the session's and the address's limits.
 */
async function guardKeys(ctx: ToolContext, email: string, orderNumber: string): Promise<{ stages: GuardKey[][]; target: string[] }> {
  const targets = [`verify:email:${await digest(email.trim().toLowerCase())}`, `verify:order:${orderNumber}`];
  const pairs = targets.map((key) => `${key}:client:${ctx.clientKey ?? 'unknown'}`);
  const sitePairs = ctx.networkKey ? targets.map((key) => `${key}:net:${ctx.networkKey}`) : [];
  const own: GuardKey[] = [
    ...pairs.map((key) => ({ key, rule: AUTH_GUARDS.verifyTargetClient })),
    { key: `verify:session:${ctx.shopper.sessionId}`, rule: AUTH_GUARDS.verifySession },
    ...(ctx.clientKey ? [{ key: `verify:client:${ctx.clientKey}`, rule: AUTH_GUARDS.verifyClient }] : []),
    // The client's site (an IPv6 /48): a few clients' budget across targets, one client's at any one target, so a site
    // holder rotating /64s stays below the target's ceiling as one client does.
    ...(ctx.networkKey ? [{ key: `verify:net:${ctx.networkKey}`, rule: networkRule(AUTH_GUARDS.verifyClient) }] : []),
    ...sitePairs.map((key) => ({ key, rule: AUTH_GUARDS.verifyTargetClient })),
  ];
  return { stages: [own, targets.map((key) => ({ key, rule: AUTH_GUARDS.verifyTarget }))], target: [...targets, ...pairs, ...sitePairs] };
}

export const verifyCustomerTool = defineTool({
  name: 'verify_customer',
  description: 'Verify a shopper by email plus an order number; opens that order only (again: adds one). Few attempts.',
  schema: toolSchemas.verify_customer,
  async run(args, ctx) {
    if (accountCustomerId(ctx))
      return ok({ verified: true, alreadyVerified: true, note: 'The shopper is already signed in; no verification needed.' });
    // Verified in chat before: another order number with the same email adds that order; nothing else joins.
    const boundTo = verifiedCustomerId(ctx);

    // Attempts are counted before anything is checked, so parallel or repeated calls cannot outrun a limit.
    const attempt = await takeVerifyAttempt(ctx.db, ctx.conversationId);
    if (attempt === undefined) {
      return (await conversationExists(ctx.db, ctx.conversationId))
        ? fail('locked', LOCKED)
        : fail('failed', 'Verification is not available right now; offer a human colleague.');
    }
    const keys = await guardKeys(ctx, args.email, args.orderNumber);
    const verdict = await takeAttemptStaged(ctx.db, keys.stages, ctx.now());
    if (!verdict.ok) {
      // The same answer whichever key is locked, and nothing is looked up: no oracle for which emails exist.
      ctx.emit({ type: 'verify_failed', data: { reason: 'locked' } });
      return fail('locked', LOCKED);
    }

    // Both lookups always run, so a wrong email and a wrong order number take the same path.
    const [customer, owner] = await Promise.all([findCustomerByEmail(ctx.db, args.email), orderOwner(ctx.db, args.orderNumber)]);
    const matches =
      customer && owner?.customerId === customer.id && customer.blockedAt === null && (boundTo === null || boundTo === customer.id);
    if (!matches || !owner) {
      ctx.emit({ type: 'verify_failed', data: { reason: 'mismatch' } });
      const left = MAX_VERIFY_ATTEMPTS - attempt;
      return left > 0 ? fail('not_found', `${MISMATCH} ${left} attempt(s) left in this chat.`) : fail('locked', `${MISMATCH} ${LOCKED}`);
    }

    const now = ctx.now();
    await refundAttempt(ctx.db, keys.target, now);
    // The proof is the order, not the account: the conversation keeps the set of orders proven (SECURITY.md).
    await ctx.atomic([
      ...(boundTo ? [] : [bindConversationCustomer(ctx.db, ctx.conversationId, customer.id, now)]),
      proveConversationOrder(ctx.db, ctx.conversationId, owner.orderId, now),
    ]);
    if (!boundTo) ctx.bindCustomer(customer.id);
    ctx.proveOrder(owner.orderId);
    ctx.emit({ type: 'verified', data: { customerId: customer.id, via: 'verify_customer', orderNumber: args.orderNumber } });
    const numbers = await provenNumbers(ctx, customer.id);
    // A basket filled before verifying stays the session's: chat verification opens orders, never the account's basket.
    return ok({
      verified: true,
      firstName: customer.firstName,
      verifiedOrders: numbers,
      note: `Verified for order(s) ${numbers.map((n) => `#${n}`).join(', ')} only, not the whole account. For another order, the shopper gives its number and you call verify_customer with the same email (it counts as an attempt); signing in at the store opens every order.`,
    });
  },
});
