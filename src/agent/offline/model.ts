// The offline model: a deterministic language-understanding chat model behind LangChain's
// BaseChatModel, so the loop, the evals and the HTTP layer cannot tell it from ChatOpenAI.
// bindTools works like ChatOpenAI's (the tool definitions travel in the call options), and the
// model only ever calls tools it was bound with.
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { Runnable } from '@langchain/core/runnables';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import type { Voice } from '../types.js';
import { decide, type Decision } from './decide.js';

/** ChatOpenAI-style call options: bindTools puts the tool definitions here. */
export interface OfflineCallOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
}

export interface OfflineChatModelFields extends BaseChatModelParams {
  voice: Voice;
  greeting?: string;
  personaId?: string;
}

function toolName(t: unknown): string | null {
  if (typeof t !== 'object' || t === null) return null;
  const rec = t as { name?: unknown; function?: { name?: unknown } };
  if (rec.function && typeof rec.function.name === 'string') return rec.function.name;
  return typeof rec.name === 'string' ? rec.name : null;
}

const tokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

function contentLength(messages: readonly BaseMessage[]): number {
  let n = 0;
  for (const m of messages) {
    n += typeof m.content === 'string' ? m.content.length : JSON.stringify(m.content).length;
    const calls = (m as { tool_calls?: unknown[] }).tool_calls;
    if (calls?.length) n += JSON.stringify(calls).length;
  }
  return n;
}

/** Text deltas of about three words, so a streamed reply arrives the way a hosted model's does. */
export function chunkText(text: string): string[] {
  const parts = text.match(/\S+\s*/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 3) out.push(parts.slice(i, i + 3).join(''));
  const lead = /^\s+/.exec(text)?.[0];
  if (lead && out.length) out[0] = lead + out[0];
  return out.length ? out : [text];
}

export class OfflineChatModel extends BaseChatModel {
  readonly voice: Voice;
  readonly greeting: string;
  readonly personaId: string;

  static override lc_name(): string {
    return 'OfflineChatModel';
  }

  constructor(fields: OfflineChatModelFields) {
    super(fields);
    this.voice = fields.voice;
    this.greeting = fields.greeting ?? fields.voice.greeting;
    this.personaId = fields.personaId ?? 'unknown';
  }

  _llmType(): string {
    return 'offline';
  }

  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<OfflineCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, BaseChatModelCallOptions> {
    return this.withConfig({ tools, ...kwargs } as Partial<BaseChatModelCallOptions>);
  }

  /** The decision for this message list: pure and synchronous (what the bench times). */
  decide(messages: readonly BaseMessage[], tools: readonly unknown[] = []): Decision {
    const names = new Set(tools.map(toolName).filter((n): n is string => n !== null));
    return decide(messages, names, this.voice, this.greeting);
  }

  private usage(messages: readonly BaseMessage[], d: Decision) {
    const input = tokens(contentLength(messages));
    const output = tokens(d.text.length + (d.calls.length ? JSON.stringify(d.calls).length : 0));
    return { input_tokens: input, output_tokens: output, total_tokens: input + output };
  }

  private meta(d: Decision) {
    return {
      model_name: 'offline',
      persona: this.personaId,
      intent: d.intent,
      ...(d.optOut ? { optOut: true } : {}),
      ...(d.optIn ? { optIn: true } : {}),
    };
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    const d = this.decide(messages, (options as OfflineCallOptions).tools ?? []);
    const message = new AIMessage({
      content: d.text,
      tool_calls: d.calls.map((c) => ({ id: c.id, name: c.name, args: c.args, type: 'tool_call' as const })),
      usage_metadata: this.usage(messages, d),
      response_metadata: this.meta(d),
    });
    return { generations: [{ text: d.text, message }], llmOutput: { tokenUsage: message.usage_metadata } };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const d = this.decide(messages, (options as OfflineCallOptions).tools ?? []);
    const usage = this.usage(messages, d);
    if (d.calls.length) {
      const chunk = new AIMessageChunk({
        content: '',
        tool_call_chunks: d.calls.map((c, index) => ({
          id: c.id,
          name: c.name,
          args: JSON.stringify(c.args),
          index,
          type: 'tool_call_chunk' as const,
        })),
        usage_metadata: usage,
        response_metadata: this.meta(d),
      });
      yield new ChatGenerationChunk({ text: '', message: chunk });
      return;
    }
    const pieces = chunkText(d.text);
    for (let i = 0; i < pieces.length; i++) {
      const last = i === pieces.length - 1;
      const text = pieces[i]!;
      const chunk = new AIMessageChunk({ content: text, ...(last ? { usage_metadata: usage, response_metadata: this.meta(d) } : {}) });
      const gen = new ChatGenerationChunk({ text, message: chunk });
      yield gen;
      await runManager?.handleLLMNewToken(text, undefined, undefined, undefined, undefined, { chunk: gen });
    }
  }
}
