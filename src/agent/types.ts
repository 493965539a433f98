// The loop's public vocabulary: the events a turn yields (consumed by HTTP/SSE and the eval
// runner alike) and the model factory seam (OpenAI-compatible or offline, same interface).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { RenderedPersona } from '../personas/types.js';
import type { ToolContext, ToolName, ToolResult } from '../tools/types.js';
import type { Logger } from '../core/logger.js';

export interface Usage {
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
}

export interface ToolCallSummary {
  name: string;
  args: Record<string, unknown>;
  ok: boolean;
}

export type TurnEvent =
  | { type: 'model_start'; step: number }
  | { type: 'model_end'; step: number; latencyMs: number; inputTokens: number; outputTokens: number }
  | { type: 'tool_call'; id: string; name: string; args: Record<string, unknown> }
  | { type: 'tool_result'; id: string; name: string; ok: boolean; result: unknown }
  | { type: 'delta'; text: string }
  | {
      type: 'final';
      reply: string;
      outcome: 'reply' | 'step_limit' | 'error';
      toolCalls: ToolCallSummary[];
      usage: Usage;
      model: string;
      latencyMs: number;
    }
  | { type: 'error'; code: string; message: string };

/** Builds the chat model for one turn from the rendered persona (its temperature, max tokens, voice). */
export interface ModelProvider {
  /** Label reported in responses: "offline", "openai:gpt-4o-mini". */
  readonly name: string;
  create(persona: RenderedPersona): BaseChatModel;
}

// ---- runTurn's input, dependencies and result (added with the loop, issue 5) ----

/** One tool call as stored in messages.tool_calls. */
export interface ToolCallRecord {
  id: string;
  name: string;
  args: Record<string, unknown>;
}

/** A messages row as the loop reads it (db rows are assignable to this). */
export interface StoredMessage {
  turn: number;
  role: 'user' | 'assistant' | 'tool';
  content: string;
  toolCalls: ToolCallRecord[] | null;
  toolCallId: string | null;
  toolName: string | null;
}

/** A message this turn produced, ready to become a messages row (ids, seq and times added by the caller). */
export interface NewMessage {
  role: 'assistant' | 'tool';
  content: string;
  toolCalls: ToolCallRecord[] | null;
  toolCallId: string | null;
  toolName: string | null;
}

/** The OpenAI function-tool shape the tool registry hands to bindTools. */
export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: unknown };
}

/** The part of the tool registry the loop uses (src/tools createToolRegistry() satisfies it). */
export interface TurnTools {
  execute(name: string, rawArgs: unknown, allowed: readonly ToolName[], ctx: ToolContext): Promise<ToolResult>;
  definitions(names: readonly ToolName[]): readonly ToolDefinition[];
}

export interface TurnInput {
  persona: RenderedPersona;
  /** Previous turns' messages, oldest first (the caller may pre-window them). */
  history: readonly StoredMessage[];
  /** The rolling summary of turns older than the history window (conversations.summary). */
  summary: string;
  message: string;
  toolCtx: ToolContext;
  /** false: one non-streaming call per step (no delta events), cheaper when nobody reads deltas. Default true. */
  stream?: boolean;
}

export interface TurnDeps {
  provider: ModelProvider;
  /** Completes the turn when the provider fails (exhausted retries, timeout, refused connection). */
  fallback?: ModelProvider;
  tools: TurnTools;
  /** Model calls per turn, default 6. */
  maxSteps?: number;
  /** Per tool call, default 5000. */
  toolTimeoutMs?: number;
  /** Turns of history kept verbatim, default 6; older ones are summarized. */
  historyTurns?: number;
  now: () => number;
  logger?: Logger;
  signal?: AbortSignal;
}

export interface StepStats {
  step: number;
  model: string;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  /** true when the model reported no usage and the loop counted with o200k_base. */
  counted: boolean;
}

export interface TurnResult {
  /** Assistant and tool messages in order, always a valid history (no unanswered tool calls). */
  messages: NewMessage[];
  reply: string;
  outcome: 'reply' | 'step_limit' | 'error';
  model: string;
  usage: Usage;
  toolCalls: ToolCallSummary[];
  steps: StepStats[];
  latencyMs: number;
}
