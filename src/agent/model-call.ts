// One model call: streams text deltas out as they arrive and assembles the full answer (text,
// tool calls, usage). Chunks are folded by hand rather than with AIMessageChunk.concat, which
// re-parses partial tool-call JSON on every chunk; the result is the same.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
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

/**
 * A model bound to a step's tools: `runnable` is what bindTools made of it (streamed calls);
 * a call without streaming goes to `model` itself with `options`, the call options bindTools puts
 * the tools in (ChatOpenAI's and the offline model's alike), see invokeModel.
 */
export interface BoundModel {
  runnable: ChatRunnable;
  model: BaseChatModel;
  options: { tools?: readonly unknown[] };
}

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

/** A streamed call: yields text deltas; returns the assembled output. Throws what the model throws. */
export async function* callModel(
  model: ChatRunnable,
  messages: BaseMessage[],
  step: number,
  signal?: AbortSignal,
): AsyncGenerator<string, ModelOutput> {
  const acc = new Accumulator(step);
  for await (const chunk of await model.stream(messages, { signal })) {
    const delta = acc.add(chunk as unknown as MessageLike);
    if (delta) yield delta;
  }
  // LangChain's OpenAI stream ends quietly on abort instead of throwing: make it an error.
  signal?.throwIfAborted();
  return acc.finish();
}

/**
 * One call without streaming (JSON mode): the whole answer at once, without a generator around it.
 * Asked of the model's `_generate`, the method every LangChain chat model implements and `invoke`
 * ends in. On its way there `invoke` sets up LangChain's callbacks for each call (a callback
 * manager, LangSmith's run parameters, the environment read again, a prompt value, retries around
 * nothing): about 70 µs of a ~250 µs call to a local fake, measured alone. Tailor passes no
 * callbacks and traces with OpenTelemetry itself; the request and the answer are the same. With
 * LangChain's own tracing switched on in the environment, calls go through `invoke` as before.
 */
export async function invokeModel(bound: BoundModel, messages: BaseMessage[], step: number, signal?: AbortSignal): Promise<ModelOutput> {
  const acc = new Accumulator(step);
  if (langchainTracing()) acc.add((await bound.runnable.invoke(messages, { signal })) as unknown as MessageLike);
  else {
    const options = { tools: bound.options.tools, signal } as BaseChatModel['ParsedCallOptions'];
    const result = await bound.model._generate(messages, options);
    acc.add(result.generations[0]!.message as unknown as MessageLike);
  }
  return acc.finish();
}

/** The variables that switch LangChain's tracing to LangSmith on (read once). */
const TRACING_VARIABLES = ['LANGSMITH_TRACING_V2', 'LANGCHAIN_TRACING_V2', 'LANGSMITH_TRACING', 'LANGCHAIN_TRACING'];
let tracing: boolean | undefined;

function langchainTracing(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return (tracing ??= TRACING_VARIABLES.some((name) => env?.[name] === 'true'));
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
