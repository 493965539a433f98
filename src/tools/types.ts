// The contract every tool implements. Tools are where authorization lives: they act only
// within what ctx.shopper may do, whatever arguments the model sends.
import type { z } from 'zod';
import type { Clock, IdGen, SegmentResult, Shopper } from '../core/index.js';
import type { Atomic, CheckoutSettings, Db, EventRow } from '../shop/index.js';

import type { ToolName } from './names.js';
import type { ToolOutput } from './outputs.js';

export { TOOL_NAMES, type ToolName } from './names.js';

/** A business event a tool reports; persisted with the turn (add_to_cart, escalated, verified, ...). */
export interface ToolEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface ToolContext {
  db: Db;
  atomic: Atomic;
  now: Clock;
  ids: IdGen;
  /** The verified shopper for this turn. The only source of authority. */
  shopper: Shopper;
  segment: SegmentResult;
  conversationId: string;
  /** 1-based number of the current turn (one user message = one turn). */
  turn: number;
  /**
   * The proposal the shopper approved at the start of this turn — by a message that is an
   * unambiguous yes to it, or by its Confirm button — decided by the chat service, never by the
   * model. A confirming tool acts only when this names its proposal.
   */
  approval: { proposalId: string } | null;
  /** A digest of the client's address (null when unknown): a key for per-address limits. */
  clientKey: string | null;
  /** A digest of the client's site (an IPv6 /48), counted as a few clients; null for IPv4 or unknown. */
  networkKey?: string | null;
  /**
   * The ids of the orders this conversation has proven by chat verification (email + order number): read once when the
   * turn starts, and grown by verify_customer during it (proveOrder). Only a chat-verified shopper's scope reads it.
   */
  readonly provenOrders: readonly string[];
  /** verify_customer binds the conversation to a customer; later tool calls in this turn see the new shopper. */
  bindCustomer(customerId: string): void;
  /** verify_customer proved an order (already written to the conversation): later tool calls in this turn see it. */
  proveOrder(orderId: string): void;
  emit(event: ToolEvent): void;
  /**
   * The row of a business event that must commit with the tool's own write (a label, a ticket):
   * the tool puts it in its atomic write, so a crash cannot leave the write untold. Not emitted again.
   */
  record(event: ToolEvent): EventRow;
  /** A short plain-text summary of the conversation so far (for escalation tickets). */
  transcript(): string;
  /** How a cart becomes a checkout link on the store (TAILOR_STORE_URL, TAILOR_CHECKOUT_URL_TEMPLATE, demo); none → no link. */
  checkout?: CheckoutSettings | null;
}

export type ToolErrorCode =
  'invalid_arguments' | 'not_found' | 'must_verify' | 'not_allowed' | 'unavailable' | 'locked' | 'refused' | 'failed';

/** A tool that could not do what was asked, and why, for the model to relay or recover from. */
export type ToolFailure = { ok: false; error: { code: ToolErrorCode; message: string; field?: string } };

/** What a tool returns: its data (shaped by its output schema, see outputs.ts), or a failure. */
export type ToolResult<D = Record<string, unknown>> = { ok: true; data: D } | ToolFailure;

/** The result tool N returns. */
export type ResultOf<N extends ToolName> = ToolResult<ToolOutput<N>>;

export interface Tool<S extends z.ZodType = z.ZodType, N extends ToolName = ToolName> {
  name: N;
  /** Written for the model: when to call it and what it returns. */
  description: string;
  schema: S;
  run(args: z.infer<S>, ctx: ToolContext): Promise<ToolResult<ToolOutput<N>>>;
}
