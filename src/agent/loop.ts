// One chat turn: ask the model, run the tools it calls, feed the results back, stop with a
// reply or at the step limit. Yields events as they happen and returns the messages to store,
// which are always a valid history for the next turn, whatever went wrong in this one. The model
// is asked through withFallback (fallback.ts): one path, whichever provider answers. After a tool
// step the caller may change who the turn runs as (TurnInput.respec): the system message, the
// model's binding and the tools authorized follow from then on.
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { silentLogger, type Logger } from '../core/index.js';
import type { AgentSpec, NewMessage, StepStats, ToolCallSummary, TurnDeps, TurnEvent, TurnInput, TurnResult, Usage } from './types.js';
import { toModelMessages } from './history.js';
import { nextStep, type Step } from './step.js';
import { runToolCalls, TOOL_CALL_LIMITS, toolMessageContent } from './tool-exec.js';
import { withFallback } from './fallback.js';
import type { StepAnswer } from './model-step.js';

export const DEFAULT_MAX_STEPS = 6;
export const DEFAULT_TOOL_TIMEOUT_MS = 5_000;
export const DEFAULT_HISTORY_TURNS = 6;
/** Said when the turn cannot be completed at all (no fallback left, or the request was cancelled). */
export const ERROR_REPLY = "Sorry, I couldn't finish that just now. Please try again in a moment.";

export async function* runTurn(input: TurnInput, deps: TurnDeps): AsyncGenerator<TurnEvent, TurnResult> {
  const turn = new Turn(input, deps);
  const maxSteps = deps.maxSteps ?? DEFAULT_MAX_STEPS;
  const model = withFallback(deps.provider, deps.fallback, {
    spec: turn.spec,
    tools: deps.tools,
    stream: input.stream ?? true,
    progress: input.progress,
    now: deps.now,
    signal: deps.signal,
    observer: deps.observer,
    logger: turn.logger,
  });
  for (let step = 1; ; step++) {
    if (deps.signal?.aborted) {
      yield { type: 'error', code: 'aborted', message: 'The request was cancelled.' };
      return yield* turn.finish(model.label, 'error', ERROR_REPLY);
    }
    const answer = yield* model.step(turn.messages, step);
    if (!answer) return yield* turn.finish(model.label, 'error', ERROR_REPLY);
    const ended = turn.count(step, model.label, answer);
    if (input.progress !== false) yield ended;
    const next = nextStep(answer.out, step, maxSteps);
    const { voice } = turn.spec;
    if (next.kind === 'reply') return yield* turn.finish(model.label, 'reply', next.text.trim() ? next.text : voice.stepLimit);
    if (next.kind === 'step_limit') {
      // The unanswered tool calls of this last message are not stored: the history stays valid.
      turn.logger.warn('step_limit', { model: model.label, steps: step, tools: answer.out.calls.map((c) => c.name) });
      return yield* turn.finish(model.label, 'step_limit', voice.stepLimit);
    }
    yield* turn.runTools(next);
    // What the tools did may change who the turn runs as (the caller decides; the loop only follows).
    const spec = await input.respec?.();
    if (spec) {
      turn.logger.info('turn_respec', { from: turn.spec.id, to: spec.id, step });
      turn.respec(spec);
      model.respec(spec);
    }
  }
}

/** One turn's running state: the model's messages, what to store, and the figures so far. */
class Turn {
  readonly startedAt: number;
  readonly logger: Logger;
  readonly messages: BaseMessage[];
  /** Who the turn runs as: the input's persona until a tool step changes it (respec). */
  spec: AgentSpec;
  private readonly produced: NewMessage[] = [];
  private readonly toolCalls: ToolCallSummary[] = [];
  private readonly steps: StepStats[] = [];
  private readonly usage: Usage = { modelCalls: 0, inputTokens: 0, outputTokens: 0 };

  constructor(
    private readonly input: TurnInput,
    private readonly deps: TurnDeps,
  ) {
    this.startedAt = deps.now();
    this.logger = deps.logger ?? silentLogger;
    this.spec = input.persona;
    this.messages = [
      new SystemMessage(input.persona.systemPrompt),
      ...toModelMessages(input.history, input.summary, deps.historyTurns ?? DEFAULT_HISTORY_TURNS),
    ];
    this.messages.push(new HumanMessage(input.message));
  }

  /** The rest of the turn runs as `spec`: its system prompt replaces the first message, its tools are authorized. */
  respec(spec: AgentSpec): void {
    this.spec = spec;
    this.messages[0] = new SystemMessage(spec.systemPrompt);
  }

  /** Adds a step's usage to the turn's; returns its `model_end` event. */
  count(step: number, model: string, a: StepAnswer): TurnEvent {
    this.usage.modelCalls++;
    this.usage.inputTokens += a.used.input;
    this.usage.outputTokens += a.used.output;
    this.steps.push({ step, model, latencyMs: a.latencyMs, inputTokens: a.used.input, outputTokens: a.used.output, counted: a.counted });
    return { type: 'model_end', step, latencyMs: a.latencyMs, inputTokens: a.used.input, outputTokens: a.used.output };
  }

  /** Runs the tool calls the model asked for and feeds their results back. */
  async *runTools(next: Extract<Step, { kind: 'call_tools' }>): AsyncGenerator<TurnEvent> {
    const { input, deps, toolCalls } = this;
    const records = next.calls.map((c) => ({ id: c.id, name: c.name, args: c.args }));
    this.messages.push(
      new AIMessage({
        content: next.text,
        tool_calls: records.map((r) => ({ id: r.id, name: r.name, args: r.args, type: 'tool_call' as const })),
      }),
    );
    this.produced.push({ role: 'assistant', content: next.text, toolCalls: records, toolCallId: null, toolName: null });
    const progress = input.progress !== false;
    if (progress) for (const c of next.calls) yield { type: 'tool_call', id: c.id, name: c.name, args: c.args };
    const results = await runToolCalls(
      next.calls,
      deps.tools,
      this.spec.tools,
      input.toolCtx,
      deps.toolTimeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS,
      this.logger,
      TOOL_CALL_LIMITS.perTurn - toolCalls.length,
      deps.observer,
    );
    for (let i = 0; i < next.calls.length; i++) {
      const c = next.calls[i]!;
      const res = results[i]!;
      const content = toolMessageContent(res);
      this.messages.push(new ToolMessage({ tool_call_id: c.id, content }));
      this.produced.push({ role: 'tool', content, toolCalls: null, toolCallId: c.id, toolName: c.name });
      toolCalls.push({ name: c.name, args: c.args, ok: res.ok });
      if (progress) yield { type: 'tool_result', id: c.id, name: c.name, ok: res.ok, result: res.ok ? res.data : res.error };
    }
  }

  /** Ends the turn with a reply: yields `final` and returns the result to store. */
  *finish(model: string, outcome: TurnResult['outcome'], reply: string): Generator<TurnEvent, TurnResult> {
    const { produced, usage, toolCalls } = this;
    produced.push({ role: 'assistant', content: reply, toolCalls: null, toolCallId: null, toolName: null });
    const latencyMs = this.deps.now() - this.startedAt;
    yield { type: 'final', reply, outcome, toolCalls, usage, model, latencyMs };
    return { messages: produced, reply, outcome, model, usage, toolCalls, steps: this.steps, latencyMs };
  }
}
