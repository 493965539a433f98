// Result helpers and the few messages that must read exactly the same in every tool (no
// enumeration oracle: "not yours" and "does not exist" share one text).
import { findOwnedOrder, type CartOwner, type OwnedOrder } from '../shop/index.js';
import type { ToolContext, ToolErrorCode, ToolFailure } from './types.js';

export const ok = <D>(data: D): { ok: true; data: D } => ({ ok: true, data });

export const fail = (code: ToolErrorCode, message: string, field?: string): ToolFailure => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
});

export const orderNotFound = (orderNumber: string): ToolFailure =>
  fail(
    'not_found',
    `No order #${orderNumber} was found for this shopper. Ask them to check the number, or call lookup_order without a number to list their orders.`,
    'orderNumber',
  );

export const productNotFound = (): ToolFailure =>
  fail('not_found', 'No product with that id. Use search_products to find the product id first.', 'productId');

export const mustVerify = (): ToolFailure =>
  fail(
    'must_verify',
    'The shopper is not signed in. Ask for the email address and an order number of theirs, then call verify_customer. Share no order or account details before that.',
  );

/** The customer the shopper has proven to be, or null: the only source of authority for account data. */
export function verifiedCustomerId(ctx: ToolContext): string | null {
  const { shopper } = ctx;
  return shopper.verified && shopper.customerId ? shopper.customerId : null;
}

/** Whose cart this is: the verified customer's, or else the anonymous session's. */
export const cartOwner = (ctx: ToolContext): CartOwner => ({ customerId: verifiedCustomerId(ctx), sessionId: ctx.shopper.sessionId });

/**
 * The verified shopper's own order by number, or the result that says why not: not verified
 * (must_verify), or no such order of theirs (the same not-found for "not yours" and "does not exist").
 */
export async function ownOrder(
  ctx: ToolContext,
  orderNumber: string,
): Promise<{ ok: true; customerId: string; owned: OwnedOrder } | { ok: false; result: ToolFailure }> {
  const customerId = verifiedCustomerId(ctx);
  if (!customerId) return { ok: false, result: mustVerify() };
  const owned = await findOwnedOrder(ctx.db, customerId, orderNumber);
  return owned ? { ok: true, customerId, owned } : { ok: false, result: orderNotFound(orderNumber) };
}
