// The store domain over the db: catalog, customers, carts, orders, returns, tickets and policy.
// Knows nothing of LLMs; the tools (and the persona context) build on it.
export * from './policy.js';
export { dollars, toCents, isoDate, maskEmail, normalizeSize } from './format.js';
export { parseQuery, colourMatches, categoryOfWord, colourOfWord, tokenize, type ParsedQuery } from './search-query.js';
export { findProduct, sizeRank, stockRecord, toCard, variantsOf, type ProductCard, type ProductRow, type VariantRow } from './catalog.js';
export { searchProducts, type SearchInput, type SearchResult } from './search.js';
export { customerExists, findCustomer, findCustomerByEmail, loyaltyView, perksFor, asTier, type CustomerRow } from './customers.js';
export {
  addCartLine,
  cartLinesOf,
  cartOwnerKey,
  cartQuantity,
  cartSummary,
  changeCartLine,
  ensureCart,
  findCartId,
  guestCartLineCount,
  mergeSessionCart,
  type CartLine,
  type CartOwner,
  type CartSummary,
} from './carts.js';
export {
  findOwnedOrder,
  itemLabel,
  itemView,
  labelItems,
  orderSummary,
  orderView,
  recentOrders,
  returnEligibility,
  type OrderItemRow,
  type OrderRow,
  type OwnedOrder,
  type ReturnCheck,
  type ReturnLabelRow,
} from './orders.js';
export { createReturnLabel, insertEventIf, writeReturnLabel, type CreateLabelInput, type EventRow } from './returns.js';
export { insertRefundIf, refundExpectedAt, refundsOf, refundView, type RefundRow } from './refunds.js';
export { pickItems, type ItemPick } from './item-refs.js';
export { addressLine, cancelOrder, changeRefusal, changeShippingAddress, sameAddress } from './order-changes.js';
export { createExchange, exchangeLine, replacementsOf, type ExchangeLine, type ReplacementRow } from './exchanges.js';
export {
  claimStanding,
  claimsCovering,
  claimValue,
  createClaim,
  reviewReason,
  type ClaimRow,
  type ClaimResolution,
  type Standing,
} from './claims.js';
export {
  expectedWaitMinutes,
  openTicket,
  ticketAllowance,
  ticketInsert,
  ticketsAhead,
  type OpenTicketInput,
  type TicketRow,
} from './tickets.js';
export { checkoutUrl, type CheckoutLine, type CheckoutSettings } from './checkout.js';
export { recommendFor, type Recommendation } from './recommendations.js';
export { usualSizes, type UsualSize, type UsualSizes } from './usual-sizes.js';
export {
  bindConversationCustomer,
  MAX_VERIFY_ATTEMPTS,
  NAMING_YES,
  namesAction,
  PROPOSAL_ECHO,
  PROPOSAL_TTL_MS,
  proposalEcho,
  ProposalSchema,
  proposalWords,
  proveConversationOrder,
  provenOrderIds,
  readPending,
  readProposal,
  takeVerifyAttempt,
  writePending,
  type Proposal,
} from './conversation-state.js';
export {
  AUTH_GUARDS,
  digest,
  lockedFor,
  NETWORK_SHARE,
  networkRule,
  refundAttempt,
  takeAttempt,
  takeAttemptStaged,
  type GuardKey,
  type GuardRule,
  type GuardVerdict,
} from './auth-guard.js';
export {
  contextCart,
  contextCustomer,
  contextOrders,
  PERSONA_CONTEXT_TABLES,
  type ContextCartLine,
  type ContextCustomer,
  type ContextOrder,
} from './persona-context.js';
export { variantOf } from './variant-stock.js';
export { conversationExists } from './conversation-state.js';
export { orderOwner } from './orders.js';
// The db types the shop's callers hand back to it (tools receive a Db and an atomic-write seam).
export type { Atomic, Db, ReplacementItem, ShippingAddress } from '../db/index.js';
// Reads other modules keep between turns (the persona context) use the same write clock.
export { readCacheOf, type ReadCache } from '../db/index.js';
