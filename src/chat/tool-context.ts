// What a tool sees of one turn, built the same way for a chat turn and an MCP call: the shopper
// and their segment (both may change when the shopper verifies mid-turn), the turn's identity, and
// the seams tools write through.
import type { Atomic, Clock, IdGen, Db } from '../db/index.js';
import type { SegmentResult, Shopper } from '../core/index.js';
import type { ToolContext, ToolEvent } from '../tools/index.js';
import type { CheckoutSettings } from '../shop/index.js';

export interface ToolContextParts {
  deps: { db: Db; atomic: Atomic; now: Clock; ids: IdGen; checkout?: CheckoutSettings | null };
  shopper: { current: Shopper };
  /** The segment as of now: a shopper who verifies mid-turn is served as their own segment from then on. */
  segment: { readonly current: SegmentResult };
  conversationId: string;
  turn: number;
  approval: ToolContext['approval'];
  clientKey: string | null;
  emitted: ToolEvent[];
  transcript: () => string;
  /** Called when the shopper verifies during the turn (after the shopper is rebound). */
  onVerified?: () => void;
}

export function buildToolContext(p: ToolContextParts): ToolContext {
  const { deps, shopper } = p;
  return {
    db: deps.db,
    atomic: deps.atomic,
    now: deps.now,
    ids: deps.ids,
    get shopper() {
      return shopper.current;
    },
    get segment() {
      return p.segment.current;
    },
    conversationId: p.conversationId,
    turn: p.turn,
    approval: p.approval,
    clientKey: p.clientKey,
    bindCustomer(customerId) {
      shopper.current = { ...shopper.current, customerId, verified: true, via: 'verify_customer' };
      p.onVerified?.();
    },
    emit: (e) => p.emitted.push(e),
    record: (e) => ({
      id: deps.ids('evt'),
      conversationId: p.conversationId,
      customerId: shopper.current.customerId,
      sessionId: shopper.current.sessionId,
      type: e.type,
      data: e.data,
      createdAt: deps.now(),
    }),
    transcript: p.transcript,
    checkout: deps.checkout ?? null,
  };
}
