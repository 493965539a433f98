// One chat turn: ask the model, run the tools it calls, feed the results back, stop with a
// reply or at the step limit. Yields events as they happen and returns the messages to store,
// which are always a valid history for the next turn, whatever went wrong in this one.
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { silentLogger } from '../core/logger.js';
import type { RenderedPersona } from '../personas/types.js';
import type { ModelProvider, NewMessage, StepStats, ToolCallSummary, TurnDeps, TurnEvent, TurnInput, TurnResult, TurnTools, Usage } from './types.js';
import { toModelMessages } from './history.js';
import { callModel, type ChatRunnable, type ModelOutput } from './model-call.js';
import { assertNever, nextStep } from './step.js';
import { runToolCalls, TOOL_CALL_LIMITS, toolMessageContent } from './tool-exec.js';
import { countMessages, countText } from './tokens.js';
import { classifyModelError, modelFailures } from './failures.js';

export const DEFAULT_MAX_STEPS = 6;
export const DEFAULT_TOOL_TIMEOUT_MS = 5_000;
export const DEFAULT_HISTORY_TURNS = 6;
/** Said when the turn cannot be completed at all (no fallback left, or the request was cancelled). */
export const ERROR_REPLY = "Sorry, I couldn't finish that just now. Please try again in a moment.";

export async function* runTurn(input: TurnInput, deps: TurnDeps): AsyncGenerator<TurnEvent, TurnResult> {
  const startedAt = deps.now();
  const { persona } = input;
  const logger = deps.logger ?? silentLogger;
  const maxSteps = deps.maxSteps ?? DEFAULT_MAX_STEPS;
  const stream = input.stream ?? true;
  const messages: BaseMessage[] = [new SystemMessage(persona.systemPrompt), ...toModelMessages(input.history, input.summary, deps.historyTurns ?? DEFAULT_HISTORY_TURNS)];
  messages.push(new HumanMessage(input.message));

  const produced: NewMessage[] = [];
  const toolCalls: ToolCallSummary[] = [];
  const steps: StepStats[] = [];
  const usage: Usage = { modelCalls: 0, inputTokens: 0, outputTokens: 0 };
  let provider = deps.provider;
  let label = provider.name;
  let usingFallback = false;
  let model = boundModel(provider, persona, deps.tools);

  const finish = (outcome: TurnResult['outcome'], reply: string): { event: TurnEvent; result: TurnResult } => {
    produced.push({ role: 'assistant', content: reply, toolCalls: null, toolCallId: null, toolName: null });
    const latencyMs = deps.now() - startedAt;
    const result: TurnResult = { messages: produced, reply, outcome, model: label, usage, toolCalls, steps, latencyMs };
    return { event: { type: 'final', reply, outcome, toolCalls, usage, model: label, latencyMs }, result };
  };

  for (let step = 1; ; step++) {
    if (deps.signal?.aborted) {
      yield { type: 'error', code: 'aborted', message: 'The request was cancelled.' };
      const f = finish('error', ERROR_REPLY);
      yield f.event;
      return f.result;
    }
    yield { type: 'model_start', step };
    const callStart = deps.now();
    let out: ModelOutput;
    try {
      const call = callModel(model, messages, step, stream, deps.signal);
      let r = await call.next();
      while (!r.done) {
        yield { type: 'delta', text: r.value };
        r = await call.next();
      }
      out = r.value;
    } catch (err) {
      const aborted = deps.signal?.aborted ?? false;
      const failure = classifyModelError(err);
      const fallBack = !aborted && !usingFallback && deps.fallback !== undefined;
      if (!aborted) modelFailures.record(failure, fallBack);
      logger.warn('model_failed', { model: label, step, cause: aborted ? 'aborted' : failure.cause, status: failure.status, error: failure.message, fallback: fallBack });
      if (fallBack && deps.fallback) {
        provider = deps.fallback;
        label = `${provider.name} (fallback)`;
        usingFallback = true;
        model = boundModel(provider, persona, deps.tools);
        yield { type: 'error', code: 'model_fallback', message: `The model failed (${failure.cause}); the turn continues with ${provider.name}.` };
        step--;
        continue;
      }
      yield { type: 'error', code: aborted ? 'aborted' : 'upstream_unavailable', message: aborted ? 'The request was cancelled.' : `The model failed (${failure.cause}).` };
      const f = finish('error', ERROR_REPLY);
      yield f.event;
      return f.result;
    }

    const latencyMs = deps.now() - callStart;
    const counted = out.usage === null;
    const used = out.usage ?? (await countUsage(messages, out, persona, deps.tools));
    usage.modelCalls++;
    usage.inputTokens += used.input;
    usage.outputTokens += used.output;
    steps.push({ step, model: label, latencyMs, inputTokens: used.input, outputTokens: used.output, counted });
    yield { type: 'model_end', step, latencyMs, inputTokens: used.input, outputTokens: used.output };

    const next = nextStep(out, step, maxSteps);
    switch (next.kind) {
      case 'reply': {
        const f = finish('reply', next.text.trim() ? next.text : persona.voice.stepLimit);
        yield f.event;
        return f.result;
      }
      case 'step_limit': {
        // The unanswered tool calls of this last message are not stored: the history stays valid.
        logger.warn('step_limit', { model: label, steps: step, tools: out.calls.map((c) => c.name) });
        const f = finish('step_limit', persona.voice.stepLimit);
        yield f.event;
        return f.result;
      }
      case 'call_tools': {
        const records = next.calls.map((c) => ({ id: c.id, name: c.name, args: c.args }));
        messages.push(new AIMessage({ content: next.text, tool_calls: records.map((r) => ({ ...r, type: 'tool_call' as const })) }));
        produced.push({ role: 'assistant', content: next.text, toolCalls: records, toolCallId: null, toolName: null });
        for (const c of next.calls) yield { type: 'tool_call', id: c.id, name: c.name, args: c.args };
        const results = await runToolCalls(next.calls, deps.tools, persona.tools, input.toolCtx, deps.toolTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS, logger, TOOL_CALL_LIMITS.perTurn - toolCalls.length);
        for (let i = 0; i < next.calls.length; i++) {
          const c = next.calls[i]!;
          const res = results[i]!;
          const content = toolMessageContent(res);
          messages.push(new ToolMessage({ tool_call_id: c.id, content }));
          produced.push({ role: 'tool', content, toolCalls: null, toolCallId: c.id, toolName: c.name });
          toolCalls.push({ name: c.name, args: c.args, ok: res.ok });
          yield { type: 'tool_result', id: c.id, name: c.name, ok: res.ok, result: res.ok ? res.data : res.error };
        }
        break;
      }
      default:
        assertNever(next);
    }
  }
}

// Binding tools builds a new model object (ChatOpenAI copies itself), so each (model, tool set)
// pair is bound once and reused; providers hand out cached models for the same settings.
const bound = new WeakMap<TurnTools, WeakMap<object, Map<string, ChatRunnable>>>();

function boundModel(provider: ModelProvider, persona: RenderedPersona, tools: TurnTools): ChatRunnable {
  const model = provider.create(persona);
  let byModel = bound.get(tools);
  if (!byModel) bound.set(tools, (byModel = new WeakMap()));
  let byTools = byModel.get(model);
  if (!byTools) byModel.set(model, (byTools = new Map()));
  const key = persona.tools.join(',');
  let runnable = byTools.get(key);
  if (!runnable) {
    const defs = persona.tools.length ? tools.definitions(persona.tools) : [];
    runnable = (defs.length && model.bindTools ? model.bindTools(defs as Parameters<NonNullable<typeof model.bindTools>>[0]) : model) as unknown as ChatRunnable;
    byTools.set(key, runnable);
  }
  return runnable;
}

async function countUsage(messages: BaseMessage[], out: ModelOutput, persona: RenderedPersona, tools: TurnTools): Promise<{ input: number; output: number }> {
  const toolsInfo = persona.tools.length ? { key: persona.tools.join(','), json: () => JSON.stringify(tools.definitions(persona.tools)) } : null;
  const input = await countMessages(messages, toolsInfo);
  const output = (await countText(out.text)) + (out.calls.length ? await countText(JSON.stringify(out.calls.map((c) => ({ name: c.name, arguments: c.raw ?? c.args })))) : 0);
  return { input, output };
}
