// One model call: streams text deltas out as they arrive and assembles the full answer (text,
// tool calls, usage). Chunks are folded by hand rather than with AIMessageChunk.concat, which
// re-parses partial tool-call JSON on every chunk; the result is the same.
import type { BaseMessage } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';

export interface ModelCall {
  id: string;
  name: string;
  /** Parsed arguments; {} when the model sent something that is not a JSON object. */
  args: Record<string, unknown>;
  /** The argument text as sent, when it did not parse as a JSON object (the registry reports why). */
  raw: string | null;
}

export interface ModelOutput {
  text: string;
  calls: ModelCall[];
  usage: { input: number; output: number } | null;
}

export type ChatRunnable = Runnable<BaseMessage[], BaseMessage>;

interface CallChunk {
  id?: string;
  name?: string;
  args?: string;
  index?: number;
}

interface MessageLike {
  content: unknown;
  tool_call_chunks?: CallChunk[];
  tool_calls?: Array<{ id?: string; name: string; args: Record<string, unknown> }>;
  invalid_tool_calls?: Array<{ id?: string; name?: string; args?: string }>;
  usage_metadata?: { input_tokens: number; output_tokens: number };
}

/** Yields text deltas; returns the assembled output. Throws what the model throws. */
export async function* callModel(
  model: ChatRunnable,
  messages: BaseMessage[],
  step: number,
  stream: boolean,
  signal?: AbortSignal,
): AsyncGenerator<string, ModelOutput> {
  if (!stream) return invokeModel(model, messages, step, signal);
  const acc = new Accumulator(step);
  for await (const chunk of await model.stream(messages, { signal })) {
    const delta = acc.add(chunk as unknown as MessageLike);
    if (delta) yield delta;
  }
  // LangChain's OpenAI stream ends quietly on abort instead of throwing: make it an error.
  signal?.throwIfAborted();
  return acc.finish();
}

/** One call without streaming (JSON mode): the whole answer at once, without a generator around it. */
export async function invokeModel(model: ChatRunnable, messages: BaseMessage[], step: number, signal?: AbortSignal): Promise<ModelOutput> {
  const acc = new Accumulator(step);
  acc.add((await model.invoke(messages, { signal })) as unknown as MessageLike);
  return acc.finish();
}

class Accumulator {
  private text = '';
  private readonly pending: CallChunk[] = [];
  private readonly complete: ModelCall[] = [];
  private usage: { input: number; output: number } | null = null;

  constructor(private readonly step: number) {}

  /** Folds one chunk (or a whole message from a model that does not stream); returns its text. */
  add(m: MessageLike): string {
    const delta = textOf(m.content);
    this.text += delta;
    if (m.tool_call_chunks?.length) {
      for (const c of m.tool_call_chunks) this.addChunk(c);
    } else {
      for (const c of m.tool_calls ?? []) this.complete.push({ id: c.id || '', name: c.name, args: c.args ?? {}, raw: null });
      for (const c of m.invalid_tool_calls ?? []) this.complete.push({ id: c.id || '', name: c.name ?? '', args: {}, raw: c.args ?? '' });
    }
    const u = m.usage_metadata;
    if (u) this.usage = { input: (this.usage?.input ?? 0) + u.input_tokens, output: (this.usage?.output ?? 0) + u.output_tokens };
    return delta;
  }

  private addChunk(c: CallChunk): void {
    const at =
      c.index !== undefined ? this.pending.find((p) => p.index === c.index) : c.id ? this.pending.find((p) => p.id === c.id) : undefined;
    if (!at) {
      this.pending.push({ id: c.id, name: c.name ?? '', args: c.args ?? '', index: c.index });
      return;
    }
    if (c.id && !at.id) at.id = c.id;
    if (c.name) at.name += c.name;
    if (c.args) at.args += c.args;
  }

  finish(): ModelOutput {
    const calls = this.complete.concat(this.pending.map(parseCall));
    // Some OpenAI-compatible servers send no call ids; the tool messages need one to answer.
    calls.forEach((c, i) => {
      if (!c.id) c.id = `call_${this.step}_${i}`;
    });
    return { text: this.text, calls, usage: this.usage };
  }
}

function parseCall(c: CallChunk): ModelCall {
  const raw = c.args ?? '';
  if (raw.trim() === '') return { id: c.id ?? '', name: c.name ?? '', args: {}, raw: null };
  try {
    const v: unknown = JSON.parse(raw);
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      return { id: c.id ?? '', name: c.name ?? '', args: v as Record<string, unknown>, raw: null };
  } catch {
    // reported to the model by the registry, which receives the raw text
  }
  return { id: c.id ?? '', name: c.name ?? '', args: {}, raw };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let s = '';
  for (const part of content)
    if (part && typeof part === 'object' && (part as { type?: unknown }).type === 'text')
      s += String((part as { text?: unknown }).text ?? '');
  return s;
}
