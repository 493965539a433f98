// One process's (one isolate's) operational signals: Prometheus metrics, the model's recent
// health, and — only when turn tracing is handed in (turn-tracing.ts) — OpenTelemetry spans. The
// loop and the chat service report through the small observer below; with tracing off it is one
// shared object whose methods bump counters and allocate nothing per call, and nothing here loads
// the OpenTelemetry API (only its types are named): a server without a collector never has it on
// its heap.
import type { Span } from '@opentelemetry/api';
import { createModelHealth, type ModelHealth, type ModelHealthOptions, type ModelHealthState } from './model-health.js';
import { createRegistry, type Registry } from './prometheus.js';
import type { TurnSpanFacts } from './spans.js';

/** What the agent loop reports (src/agent's TurnObserver has this shape). */
export interface LoopObserver {
  /** A model call starts; the returned handle goes back to modelEnd. */
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
  toolEnd(handle: unknown, name: string, result: { ok: boolean; error?: { code: string }; data?: unknown }): void;
}

/** One finished turn, as logged (ids and counts only, never message text). */
export interface TurnRecord {
  requestId: string | null;
  conversationId: string;
  turn: number;
  segment: string;
  persona: string;
  personaVersion?: string;
  variant: string | null;
  model: string;
  modelCalls: number;
  inputTokens: number;
  outputTokens: number;
  tools: string[];
  latencyMs: number;
  outcome: string;
}

/** A turn's spans bound to a tracer (turn-tracing.ts builds one when tracing is on). */
export interface TurnTracing {
  /** The turn's span (a child of the caller's traceparent when one came in). */
  startTurn(input: TurnTraceInput): Span;
  /** Ends the turn's span with the generator, whatever ends it. */
  traceTurn<T>(span: Span, events: AsyncGenerator<T>): AsyncGenerator<T>;
  /** Counts like `counting` and records a span per model and tool call, children of the turn's. */
  observer(counting: LoopObserver, span: Span, conversationId: string): LoopObserver;
  /** The finished turn's facts on its span. */
  describeTurn(span: Span, facts: TurnSpanFacts): void;
}

export interface TurnTraceInput {
  requestId?: string;
  traceparent?: string;
  tracestate?: string;
}

export interface Telemetry {
  /** True when spans are recorded (a tracer provider was given). */
  readonly tracing: boolean;
  /** The turn's span, or undefined when tracing is off. */
  startTurn(input: TurnTraceInput): Span | undefined;
  traceTurn<T>(span: Span, events: AsyncGenerator<T>): AsyncGenerator<T>;
  observer(span: Span | undefined, conversationId: string): LoopObserver;
  recordTurn(record: TurnRecord, span: Span | undefined, events: ReadonlyArray<{ type: string }>): void;
  /** A turn that threw before it could be recorded (its segment and persona when known). */
  turnFailed(labels: { segment: string; persona: string }): void;
  /** A request refused by a rate limit or a throttle ("chat", "admin"). */
  rateLimited(scope: string): void;
  modelHealth(): ModelHealthState;
  /** The Prometheus text exposition of everything counted here. */
  renderMetrics(): string;
}

export interface TelemetryOptions {
  /** Spans of every turn (createTurnTracing over a tracer provider); none by default. */
  tracing?: TurnTracing;
  now?: () => number;
  health?: ModelHealthOptions;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

function tailorMetrics(registry: Registry) {
  return {
    turns: registry.counter(
      'tailor_turns_total',
      'Chat turns, by segment, persona and outcome (reply, step_limit, error; failed: the turn threw).',
      ['segment', 'persona', 'outcome'],
    ),
    turnSeconds: registry.histogram(
      'tailor_turn_duration_seconds',
      'Chat turn latency, from the request to the committed reply.',
      ['segment'],
      SECONDS,
    ),
    modelCalls: registry.counter('tailor_model_calls_total', 'Model calls by model and outcome (ok, or the failure cause).', [
      'model',
      'outcome',
    ]),
    modelSeconds: registry.histogram(
      'tailor_model_call_duration_seconds',
      'Model call latency (including retries), by model.',
      ['model'],
      SECONDS,
    ),
    tokens: registry.counter('tailor_tokens_total', 'Tokens sent to (input) and received from (output) models.', ['model', 'direction']),
    tools: registry.counter('tailor_tool_calls_total', 'Tool calls by tool and outcome (ok, or the error code).', ['tool', 'outcome']),
    proposals: registry.counter('tailor_proposals_total', 'Two-phase proposals made (waiting for the shopper’s yes), by tool.', ['tool']),
    verifyFailed: registry.counter(
      'tailor_verifications_failed_total',
      'In-chat identity verifications that failed (wrong details or locked out).',
    ),
    events: registry.counter('tailor_events_total', 'Business events committed with turns, by type.', ['type']),
    rateLimited: registry.counter('tailor_rate_limited_total', 'Requests refused by a rate limit or throttle, by scope.', ['scope']),
  };
}

type Metrics = ReturnType<typeof tailorMetrics>;

/** Counts model and tool calls and feeds the health window; one per Telemetry, shared by all turns. */
function countingObserver(m: Metrics, health: ModelHealth, now: () => number): LoopObserver {
  // A handful of models per process: each one's series are looked up once, then only bumped.
  const perModel = new Map<
    string,
    {
      ok: { inc(by?: number): void };
      seconds: { observe(v: number): void };
      input: { inc(by?: number): void };
      output: { inc(by?: number): void };
    }
  >();
  const seriesFor = (model: string) => {
    let s = perModel.get(model);
    if (!s)
      perModel.set(
        model,
        (s = {
          ok: m.modelCalls.child([model, 'ok']),
          seconds: m.modelSeconds.child([model]),
          input: m.tokens.child([model, 'input']),
          output: m.tokens.child([model, 'output']),
        }),
      );
    return s;
  };
  return {
    modelStart: () => undefined,
    modelEnd(_h, model, fallback, latencyMs, inputTokens, outputTokens, failure) {
      const s = seriesFor(model);
      s.seconds.observe(latencyMs / 1000);
      if (failure === null) {
        s.ok.inc();
        s.input.inc(inputTokens);
        s.output.inc(outputTokens);
      } else {
        m.modelCalls.inc([model, failure]);
      }
      // The fallback's answers say nothing about the configured model; a cancelled call neither.
      if (!fallback && failure !== 'aborted') health.record(failure === null, failure, now());
    },
    toolStart: () => undefined,
    toolEnd(_h, name, result) {
      m.tools.inc([name, result.ok ? 'ok' : (result.error?.code ?? 'failed')]);
      // A two-phase tool that proposed rather than acted returns the proposal (tools/proposals.ts).
      const proposal = result.ok ? (result.data as { proposal?: { proposalId?: unknown } } | undefined)?.proposal : undefined;
      if (proposal && typeof proposal.proposalId === 'string') m.proposals.inc([name]);
    },
  };
}

export function createTelemetry(opts: TelemetryOptions = {}): Telemetry {
  const now = opts.now ?? Date.now;
  const tracing = opts.tracing ?? null;
  const registry = createRegistry();
  const m = tailorMetrics(registry);
  const health: ModelHealth = createModelHealth(opts.health);
  registry.collect(
    'tailor_model_degraded',
    'Whether the configured model is failing (1) while turns are served by the fallback, per /api/health.',
    'gauge',
    [],
    () => [[[], health.state(now()).status === 'degraded' ? 1 : 0]],
  );
  const counting = countingObserver(m, health, now);

  return {
    tracing: tracing !== null,
    startTurn: (input) => tracing?.startTurn(input),
    traceTurn: (span, events) => (tracing ? tracing.traceTurn(span, events) : events),
    observer: (span, conversationId) => (tracing && span ? tracing.observer(counting, span, conversationId) : counting),
    recordTurn(r, span, events) {
      m.turns.inc([r.segment, r.persona, r.outcome]);
      m.turnSeconds.observe([r.segment], r.latencyMs / 1000);
      for (const e of events) {
        m.events.inc([e.type]);
        if (e.type === 'verify_failed') m.verifyFailed.inc([]);
      }
      if (span) tracing?.describeTurn(span, r);
    },
    turnFailed: ({ segment, persona }) => m.turns.inc([segment, persona, 'failed']),
    rateLimited: (scope) => m.rateLimited.inc([scope]),
    modelHealth: () => health.state(now()),
    renderMetrics: () => registry.render(),
  };
}
