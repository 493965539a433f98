// The loop's public vocabulary: the events a turn yields (consumed by HTTP/SSE and the eval
// runner alike) and the model factory seam (OpenAI-compatible or offline, same interface).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ToolContext, ToolName, ToolResult } from '../tools/index.js';
import type { Logger } from '../core/index.js';

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

/**
 * Phrases the offline model speaks with. The agent's own shape: personas validates its files
 * against a schema whose type satisfies this one, so agent never imports personas.
 */
export interface Voice {
  style: 'guided' | 'brief' | 'warm' | 'neutral';
  greeting: string;
  acknowledgements: string[];
  followUp?: string;
  perks?: string;
  recommendIntro?: string;
  outOfScope: string;
  stepLimit: string;
  goodbye: string;
  thanks: string;
}

export interface ModelSettings {
  temperature: number;
  maxTokens: number;
}

/**
 * What the agent runs a turn as: the system prompt, the tools it may call, the model settings and
 * the offline model's voice. src/chat maps the rendered persona into it; id, version and variant
 * name it in logs and telemetry.
 */
export interface AgentSpec {
  id: string;
  version: string;
  variant: string | null;
  experimentId: string | null;
  systemPrompt: string;
  /** The tools the turn may call (the registry authorizes every call against this list). */
  tools: ToolName[];
  /**
   * The tools the primary model is offered this turn, a subset of `tools` (tool routing,
   * tool-routing.ts); all of `tools` when absent. The offline fallback is always offered all.
   */
  offer?: readonly ToolName[];
  model: ModelSettings;
  greeting: string;
  voice: Voice;
}

/** Builds the chat model for one turn from the agent spec (its temperature, max tokens, voice). */
export interface ModelProvider {
  /** Label reported in responses: "offline", "openai:gpt-4o-mini". */
  readonly name: string;
  create(spec: AgentSpec): BaseChatModel;
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
  /** Who the agent speaks as this turn (a rendered persona, mapped by src/chat). */
  persona: AgentSpec;
  /** Previous turns' messages, oldest first (the caller may pre-window them). */
  history: readonly StoredMessage[];
  /** The rolling summary of turns older than the history window (conversations.summary). */
  summary: string;
  message: string;
  toolCtx: ToolContext;
  /** false: one non-streaming call per step (no delta events), cheaper when nobody reads deltas. Default true. */
  stream?: boolean;
  /**
   * false: the turn yields only `error` and `final` (no `model_start`, `model_end`, `tool_call`,
   * `tool_result`), for a caller that reads the reply only; each event costs a hop through every
   * generator of the loop. Default true.
   */
  progress?: boolean;
  /**
   * Asked after every tool step: a new spec when what the tools did changes who the turn runs as
   * (src/chat: the shopper verified), else null. From then on the system message, the model's
   * binding and the tools the loop authorizes are the new spec's.
   */
  respec?: () => Promise<AgentSpec | null>;
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
  /** Told about every model and tool call (metrics, health, spans); see src/telemetry. */
  observer?: TurnObserver;
}

/**
 * Watches a turn's calls from outside the loop. Arguments are plain values so an observer that
 * only counts allocates nothing; a handle from a *Start call goes back to its *End call.
 */
export interface TurnObserver {
  modelStart(model: string, fallback: boolean): unknown;
  /** `failure` is null on success, else the cause ("timeout", "server_error", "aborted"…). */
  modelEnd(
    handle: unknown,
    model: string,
    fallback: boolean,
    latencyMs: number,
    inputTokens: number,
    outputTokens: number,
    failure: string | null,
  ): void;
  toolStart(name: string, callId: string): unknown;
  toolEnd(handle: unknown, name: string, result: ToolResult): void;
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
