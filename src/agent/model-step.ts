// One step's model call with one provider: `model_start`, the text deltas as they arrive, then
// the answer with its token usage (counted with o200k_base when the model reports none), or the
// error it threw. The observer hears of a success here; a failure is reported by fallback.ts.
import type { BaseMessage } from '@langchain/core/messages';
import type { ToolName } from '../tools/index.js';
import type { AgentSpec, ModelProvider, TurnEvent, TurnObserver, TurnTools } from './types.js';
import { callModel, invokeModel, type BoundModel, type ChatRunnable, type ModelOutput } from './model-call.js';
import { countMessages, countText } from './tokens.js';

/** What every step of a turn shares, whichever provider answers it. */
export interface StepContext {
  spec: AgentSpec;
  tools: TurnTools;
  stream: boolean;
  /** false: no `model_start` event (the caller reads the reply only). */
  progress?: boolean;
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
  // The routed subset is for the primary model; the offline fallback calls only tools it is bound
  // with and answers from its own understanding, so it gets every tool of the turn.
  const offered = fallback ? ctx.spec.tools : (ctx.spec.offer ?? ctx.spec.tools);
  const bound = boundModel(provider, ctx.spec, offered, ctx.tools);
  const name = provider.name;
  return {
    name,
    label: fallback ? `${name} (fallback)` : name,
    fallback,
    async *ask(messages, step) {
      if (ctx.progress !== false) yield { type: 'model_start', step };
      const startedAt = ctx.now();
      const observed = ctx.observer?.modelStart(name, fallback);
      let out: ModelOutput;
      try {
        if (!ctx.stream) out = await invokeModel(bound, messages, step, ctx.signal);
        else {
          const call = callModel(bound.runnable, messages, step, ctx.signal);
          let r = await call.next();
          while (!r.done) {
            yield { type: 'delta', text: r.value };
            r = await call.next();
          }
          out = r.value;
        }
      } catch (error) {
        return { ok: false, error, observed, startedAt };
      }
      const latencyMs = ctx.now() - startedAt;
      const counted = out.usage === null;
      const used = out.usage ?? (await countUsage(messages, out, offered, ctx.tools));
      ctx.observer?.modelEnd(observed, name, fallback, latencyMs, used.input, used.output, null);
      return { ok: true, out, latencyMs, used, counted };
    },
  };
}

// Binding tools builds a new model object (ChatOpenAI copies itself), so each (model, tool set)
// pair is bound once and reused; providers hand out cached models for the same settings. Routed
// turns (tool-routing.ts) offer a few dozen distinct subsets in practice; the bound is a backstop.
const boundModels = new WeakMap<TurnTools, WeakMap<object, Map<string, BoundModel>>>();
const BOUND_PER_MODEL = 256;

function boundModel(provider: ModelProvider, spec: AgentSpec, offered: readonly ToolName[], tools: TurnTools): BoundModel {
  const model = provider.create(spec);
  let byModel = boundModels.get(tools);
  if (!byModel) boundModels.set(tools, (byModel = new WeakMap()));
  let byTools = byModel.get(model);
  if (!byTools) byModel.set(model, (byTools = new Map()));
  const key = offered.join(',');
  let bound = byTools.get(key);
  if (!bound) {
    const defs = offered.length ? tools.definitions(offered) : [];
    const binds = defs.length > 0 && model.bindTools !== undefined;
    bound = {
      runnable: (binds ? model.bindTools!(defs as Parameters<NonNullable<typeof model.bindTools>>[0]) : model) as unknown as ChatRunnable,
      model,
      options: binds ? { tools: defs } : {},
    };
    if (byTools.size >= BOUND_PER_MODEL) byTools.delete(byTools.keys().next().value!);
    byTools.set(key, bound);
  }
  return bound;
}

async function countUsage(
  messages: BaseMessage[],
  out: ModelOutput,
  offered: readonly ToolName[],
  tools: TurnTools,
): Promise<{ input: number; output: number }> {
  const toolsInfo = offered.length ? { key: offered.join(','), json: () => JSON.stringify(tools.definitions(offered)) } : null;
  const input = await countMessages(messages, toolsInfo);
  const output =
    (await countText(out.text)) +
    (out.calls.length ? await countText(JSON.stringify(out.calls.map((c) => ({ name: c.name, arguments: c.raw ?? c.args })))) : 0);
  return { input, output };
}
