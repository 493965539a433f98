// The chat service: one shopper message in, a stream of events out, everything persisted.
// Composes identity → profile → segment → persona → agent loop → atomic persistence.
// Used by src/http (JSON and SSE) and by the eval runner through HTTP.
import type { Shopper, SegmentResult } from '../core/index.js';
import type { ToolCallSummary, TurnEvent, Usage } from '../agent/index.js';

export interface ChatInput {
  shopper: Shopper;
  conversationId?: string;
  message: string;
  /** Already fenced by the HTTP layer: the store's own origin and path only. */
  page?: { url?: string; referrer?: string };
  /** The widget's Confirm or Cancel button on a proposal card: decides that proposal, whatever the text says. */
  proposal?: { id: string; decision: 'confirm' | 'cancel' };
  /** A digest of the client's address, for per-address limits (null when the runtime does not say). */
  clientKey?: string | null;
  /** A digest of the client's site (an IPv6 /48), counted as a few clients; null for IPv4 or unknown. */
  networkKey?: string | null;
  signal?: AbortSignal;
  /** The request's id (X-Request-Id, echoed or minted), for the turn's log line and span. */
  requestId?: string;
  /** W3C trace context of the caller: the turn's span becomes a child of it. */
  traceparent?: string;
  tracestate?: string;
  /**
   * Stream the model's text as it is written (SSE); a JSON reply does not need it and costs less.
   * false: the turn yields `meta`, `done` and `error` only (no deltas, tool or model events: the
   * response carries the tool calls).
   */
  stream?: boolean;
}

/** The stable response object (DESIGN.md "HTTP API"): the JSON reply and the SSE `done` event. */
export interface ChatResponse {
  conversationId: string;
  messageId: string;
  reply: string;
  segment: SegmentResult;
  persona: { id: string; version: string; variant: string | null };
  toolCalls: ToolCallSummary[];
  usage: Usage;
  model: string;
}

export type ChatEvent =
  | { type: 'meta'; conversationId: string; segment: SegmentResult; persona: ChatResponse['persona']; model: string }
  | Extract<TurnEvent, { type: 'tool_call' | 'tool_result' | 'delta' | 'model_start' | 'model_end' }>
  | { type: 'done'; response: ChatResponse }
  | { type: 'error'; code: string; message: string };

export interface TranscriptMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  toolCalls?: ToolCallSummary[];
  createdAt: number;
}

export interface ChatService {
  turn(input: ChatInput): AsyncIterable<ChatEvent>;
  /** The transcript for its owner only; null for "not yours" and "does not exist" alike. */
  transcript(
    conversationId: string,
    shopper: Shopper,
  ): Promise<{ id: string; segment: string; persona: string; messages: TranscriptMessage[] } | null>;
}
