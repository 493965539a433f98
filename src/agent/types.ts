// The loop's public vocabulary: the events a turn yields (consumed by HTTP/SSE and the eval
// runner alike) and the model factory seam (OpenAI-compatible or offline, same interface).
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { RenderedPersona } from '../personas/types.js';

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
