// Result helpers and the few messages that must read exactly the same in every tool (no
// enumeration oracle: "not yours" and "does not exist" share one text).
import { findOwnedOrder, recentOrders, type CartOwner, type OwnedOrder } from '../shop/index.js';
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

/** The customer the shopper has proven to be, or null: who they are, not what they may see (see shopperScope). */
export function verifiedCustomerId(ctx: ToolContext): string | null {
  const { shopper } = ctx;
  return shopper.verified && shopper.customerId ? shopper.customerId : null;
}

/**
 * The customer whose whole account this shopper may see (loyalty, purchase history, the account's cart), or null: only
 * a shopper signed in through the storefront token. Chat verification proves an email and one order number, which a
 * guest checkout under someone else's email also yields, so it opens those orders only (SECURITY.md).
 */
export function accountCustomerId(ctx: ToolContext): string | null {
  return ctx.shopper.via === 'token' ? verifiedCustomerId(ctx) : null;
}

/** What of the account this shopper may see: every order (token), or the orders this chat has proven (verify_customer). */
export type ShopperScope = { customerId: string; orders: 'all' } | { customerId: string; orders: readonly string[] };

/**
 * The one decision every order read goes through (lookup, actions, refunds, reorder); null when not verified at all.
 * The proven orders are the turn's (ToolContext.provenOrders: read once when it starts, grown by verify_customer).
 */
export function shopperScope(ctx: ToolContext): ShopperScope | null {
  const customerId = verifiedCustomerId(ctx);
  if (!customerId) return null;
  if (accountCustomerId(ctx)) return { customerId, orders: 'all' };
  return { customerId, orders: ctx.provenOrders };
}

/** The numbers of the orders a chat-verified shopper has proven in this chat, newest first. */
export async function provenNumbers(ctx: ToolContext, customerId: string): Promise<string[]> {
  const proven = ctx.provenOrders;
  return (await recentOrders(ctx.db, customerId, proven.length, proven)).map((o) => o.order.number);
}

/**
 * The first line of a hand-over ticket of a shopper verified in chat, or null (signed in at the store, or not verified):
 * a colleague must not read a chat verification as a sign-in, since it proved those orders only (SECURITY.md).
 */
export async function proofLine(ctx: ToolContext): Promise<string | null> {
  const customerId = verifiedCustomerId(ctx);
  if (!customerId || accountCustomerId(ctx)) return null;
  const numbers = (await provenNumbers(ctx, customerId)).map((n) => `#${n}`);
  return `Verified in chat (email and order number), NOT signed in: this proves order(s) ${numbers.join(', ') || 'none'} only. Treat the rest of the account (other orders, loyalty, details) as unproven and share nothing of it.`;
}

/** Whether an order is within the scope. */
export const inScope = (scope: ShopperScope, orderId: string): boolean => scope.orders === 'all' || scope.orders.includes(orderId);

/** What the shopper is told instead of the rest of the account when they verified in chat. */
export const SCOPED_NOTE =
  'Only the order(s) verified in this chat are shown: verifying with an email and an order number opens that order, not the rest of the account. For another order, ask for its number and call verify_customer with the same email and that number (it counts as an attempt), or the shopper can sign in at the store to see every order.';

/** An order outside a chat-verified shopper's proof: the same answer whether it is theirs, someone else's or none. */
export const orderNotVerified = (orderNumber: string): ToolFailure =>
  fail(
    'must_verify',
    `Order #${orderNumber} is not among the orders verified in this chat (chat verification opens only the orders whose numbers the shopper gave with their email). If it is theirs, call verify_customer with the same email and order number ${orderNumber} (it counts as an attempt), or the shopper can sign in at the store to see every order. Share nothing about #${orderNumber} before that.`,
    'orderNumber',
  );

/** Account-wide data (loyalty, history) asked for by a shopper verified in chat: only a store sign-in opens it. */
export const accountOnly = (what: string): ToolFailure =>
  fail(
    'not_allowed',
    `${what} is shown only to shoppers signed in at the store: verifying in chat with an order number opens that order, not the account. Ask the shopper to sign in at the store for it.`,
    'account',
  );

/** Whose cart this is: the signed-in customer's, or else the session's (a chat-verified shopper keeps the session's cart). */
export const cartOwner = (ctx: ToolContext): CartOwner => ({ customerId: accountCustomerId(ctx), sessionId: ctx.shopper.sessionId });

/**
 * The verified shopper's own order by number, or the result that says why not: not verified (must_verify), no such
 * order of theirs (the same not-found for "not yours" and "does not exist"), or, verified in chat, an order this chat
 * has not proven (one answer whether it exists or not).
 */
export async function ownOrder(
  ctx: ToolContext,
  orderNumber: string,
): Promise<{ ok: true; customerId: string; owned: OwnedOrder } | { ok: false; result: ToolFailure }> {
  const scope = shopperScope(ctx);
  if (!scope) return { ok: false, result: mustVerify() };
  const owned = await findOwnedOrder(ctx.db, scope.customerId, orderNumber);
  if (scope.orders !== 'all' && !(owned && inScope(scope, owned.order.id))) return { ok: false, result: orderNotVerified(orderNumber) };
  return owned ? { ok: true, customerId: scope.customerId, owned } : { ok: false, result: orderNotFound(orderNumber) };
}
