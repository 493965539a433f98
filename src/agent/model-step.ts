// One step's model call with one provider: `model_start`, the text deltas as they arrive, then
// the answer with its token usage (counted with o200k_base when the model reports none), or the
// error it threw. The observer hears of a success here; a failure is reported by fallback.ts.
import type { BaseMessage } from '@langchain/core/messages';
import type { AgentSpec, ModelProvider, TurnEvent, TurnObserver, TurnTools } from './types.js';
import { callModel, type ChatRunnable, type ModelOutput } from './model-call.js';
import { countMessages, countText } from './tokens.js';

/** What every step of a turn shares, whichever provider answers it. */
export interface StepContext {
  spec: AgentSpec;
  tools: TurnTools;
  stream: boolean;
  now: () => number;
  signal?: AbortSignal;
  observer?: TurnObserver;
}

export interface StepAnswer {
  ok: true;
  out: ModelOutput;
  latencyMs: number;
  used: { input: number; output: number };
  /** true when the model reported no usage and it was counted here. */
  counted: boolean;
}

export interface StepError {
  ok: false;
  error: unknown;
  /** The observer's handle for this call, and when it started. */
  observed: unknown;
  startedAt: number;
}

/** A provider bound to the turn's spec and tools, asked one step at a time. */
export interface StepModel {
  readonly name: string;
  /** The name in replies, logs and step stats: "offline (fallback)" for a fallback. */
  readonly label: string;
  readonly fallback: boolean;
  ask(messages: BaseMessage[], step: number): AsyncGenerator<TurnEvent, StepAnswer | StepError>;
}

export function stepModel(provider: ModelProvider, fallback: boolean, ctx: StepContext): StepModel {
  const runnable = boundModel(provider, ctx.spec, ctx.tools);
  const name = provider.name;
  return {
    name,
    label: fallback ? `${name} (fallback)` : name,
    fallback,
    async *ask(messages, step) {
      yield { type: 'model_start', step };
      const startedAt = ctx.now();
      const observed = ctx.observer?.modelStart(name, fallback);
      let out: ModelOutput;
      try {
        const call = callModel(runnable, messages, step, ctx.stream, ctx.signal);
        let r = await call.next();
        while (!r.done) {
          yield { type: 'delta', text: r.value };
          r = await call.next();
        }
        out = r.value;
      } catch (error) {
        return { ok: false, error, observed, startedAt };
      }
      const latencyMs = ctx.now() - startedAt;
      const counted = out.usage === null;
      const used = out.usage ?? (await countUsage(messages, out, ctx.spec, ctx.tools));
      ctx.observer?.modelEnd(observed, name, fallback, latencyMs, used.input, used.output, null);
      return { ok: true, out, latencyMs, used, counted };
    },
  };
}

// Binding tools builds a new model object (ChatOpenAI copies itself), so each (model, tool set)
// pair is bound once and reused; providers hand out cached models for the same settings.
const bound = new WeakMap<TurnTools, WeakMap<object, Map<string, ChatRunnable>>>();

function boundModel(provider: ModelProvider, spec: AgentSpec, tools: TurnTools): ChatRunnable {
  const model = provider.create(spec);
  let byModel = bound.get(tools);
  if (!byModel) bound.set(tools, (byModel = new WeakMap()));
  let byTools = byModel.get(model);
  if (!byTools) byModel.set(model, (byTools = new Map()));
  const key = spec.tools.join(',');
  let runnable = byTools.get(key);
  if (!runnable) {
    const defs = spec.tools.length ? tools.definitions(spec.tools) : [];
    runnable = (defs.length && model.bindTools
      ? model.bindTools(defs as Parameters<NonNullable<typeof model.bindTools>>[0])
      : model) as unknown as ChatRunnable;
    byTools.set(key, runnable);
  }
  return runnable;
}

async function countUsage(
  messages: BaseMessage[],
  out: ModelOutput,
  spec: AgentSpec,
  tools: TurnTools,
): Promise<{ input: number; output: number }> {
  const toolsInfo = spec.tools.length ? { key: spec.tools.join(','), json: () => JSON.stringify(tools.definitions(spec.tools)) } : null;
  const input = await countMessages(messages, toolsInfo);
  const output =
    (await countText(out.text)) +
    (out.calls.length ? await countText(JSON.stringify(out.calls.map((c) => ({ name: c.name, arguments: c.raw ?? c.args })))) : 0);
  return { input, output };
}
