// What a tool sees of one turn, built the same way for a chat turn and an MCP call: the shopper
// and their segment (both may change when the shopper verifies mid-turn), the turn's identity, and
// the seams tools write through.
import type { Atomic, Clock, IdGen, Db } from '../db/index.js';
import type { SegmentResult, Shopper } from '../core/index.js';
import type { ToolContext, ToolEvent } from '../tools/index.js';
import type { CheckoutSettings } from '../shop/index.js';

/**
 * The shopper as of now and the orders their chat verification proved (verified_orders), both read once when the turn
 * starts (turnShopper); verify_customer changes both mid-turn, and every later read of the turn sees it.
 */
export interface TurnShopper {
  current: Shopper;
  provenOrders: readonly string[];
}

export interface ToolContextParts {
  deps: { db: Db; atomic: Atomic; now: Clock; ids: IdGen; checkout?: CheckoutSettings | null };
  shopper: TurnShopper;
  /** The segment as of now: a shopper who verifies mid-turn is served as their own segment from then on. */
  segment: { readonly current: SegmentResult };
  conversationId: string;
  turn: number;
  approval: ToolContext['approval'];
  clientKey: string | null;
  networkKey?: string | null;
  emitted: ToolEvent[];
  transcript: () => string;
  /** Called when the shopper verifies during the turn (after the shopper is rebound). */
  onVerified?: () => void;
}

export function buildToolContext(p: ToolContextParts): ToolContext {
  return new TurnToolContext(p);
}

/**
 * A class rather than an object literal: its getters and methods are shared by every turn instead
 * of being made (and, under the server's TypeScript loader, named) for each one.
 */
class TurnToolContext implements ToolContext {
  readonly db: Db;
  readonly atomic: Atomic;
  readonly now: Clock;
  readonly ids: IdGen;
  readonly conversationId: string;
  readonly turn: number;
  readonly approval: ToolContext['approval'];
  readonly clientKey: string | null;
  readonly networkKey: string | null;
  readonly transcript: () => string;
  readonly checkout: CheckoutSettings | null;

  constructor(private readonly p: ToolContextParts) {
    const { deps } = p;
    this.db = deps.db;
    this.atomic = deps.atomic;
    this.now = deps.now;
    this.ids = deps.ids;
    this.conversationId = p.conversationId;
    this.turn = p.turn;
    this.approval = p.approval;
    this.clientKey = p.clientKey;
    this.networkKey = p.networkKey ?? null;
    this.transcript = p.transcript;
    this.checkout = deps.checkout ?? null;
  }

  get shopper(): Shopper {
    return this.p.shopper.current;
  }

  get provenOrders(): readonly string[] {
    return this.p.shopper.provenOrders;
  }

  get segment(): SegmentResult {
    return this.p.segment.current;
  }

  bindCustomer(customerId: string): void {
    const { shopper } = this.p;
    shopper.current = { ...shopper.current, customerId, verified: true, via: 'verify_customer' };
    this.p.onVerified?.();
  }

  proveOrder(orderId: string): void {
    const { shopper } = this.p;
    if (!shopper.provenOrders.includes(orderId)) shopper.provenOrders = [...shopper.provenOrders, orderId];
  }

  emit(e: ToolEvent): void {
    this.p.emitted.push(e);
  }

  record(e: ToolEvent): ReturnType<ToolContext['record']> {
    const { shopper, deps } = this.p;
    return {
      id: deps.ids('evt'),
      conversationId: this.conversationId,
      customerId: shopper.current.customerId,
      sessionId: shopper.current.sessionId,
      type: e.type,
      data: e.data,
      createdAt: deps.now(),
    };
  }
}
