// OpenTelemetry spans for a turn, following the GenAI semantic conventions: `invoke_agent
// {persona}` for the turn (a child of the caller's W3C traceparent when one came in), `chat
// {model}` per model call and `execute_tool {tool}` per tool call, children of the turn.
// Only built when a tracer provider was handed in: without one nothing here runs at all.
import {
  createTraceState,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';

export type { Span } from '@opentelemetry/api';

type Carrier = { traceparent?: string; tracestate?: string };

// version-traceid-parentid-flags (W3C Trace Context); a later version may append fields.
const TRACEPARENT = /^\s*([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?\s*$/;

/**
 * The caller's span as a remote parent, or the root context when the header is absent or
 * malformed (the turn then starts a trace of its own). Parsed here, with @opentelemetry/api only,
 * so the runtime-neutral app does not carry @opentelemetry/core and its platform code.
 */
export function parentContext(carrier: Carrier): Context {
  const m = carrier.traceparent ? TRACEPARENT.exec(carrier.traceparent) : null;
  if (!m || m[1] === 'ff' || (m[1] === '00' && m[5] !== undefined)) return ROOT_CONTEXT;
  const spanContext = {
    traceId: m[2]!,
    spanId: m[3]!,
    traceFlags: parseInt(m[4]!, 16) & 1,
    isRemote: true,
    traceState: carrier.tracestate ? createTraceState(carrier.tracestate) : undefined,
  };
  return isSpanContextValid(spanContext) ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}

/** "openai:gpt-4o-mini" → provider openai, model gpt-4o-mini; our own "offline" model → provider tailor. */
export function providerAndModel(label: string): {
  provider: string;
  model: string;
} {
  const i = label.indexOf(':');
  return i > 0 ? { provider: label.slice(0, i), model: label.slice(i + 1) } : { provider: 'tailor', model: label };
}

export function startTurnSpan(tracer: Tracer, carrier: Carrier, requestId: string | undefined): Span {
  const parent = parentContext(carrier);
  const attributes: Attributes = { 'gen_ai.operation.name': 'invoke_agent' };
  if (requestId) attributes['tailor.request.id'] = requestId;
  return tracer.startSpan('invoke_agent', { kind: SpanKind.SERVER, attributes }, parent);
}

/** Ends the turn span with the generator, whether it finished, threw or was abandoned. */
export async function* traceTurn<T>(span: Span, events: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* events;
  } catch (err) {
    failSpan(span, errorType(err));
    throw err;
  } finally {
    span.end();
  }
}

export interface TurnSpanFacts {
  conversationId: string;
  segment: string;
  persona: string;
  personaVersion?: string;
  variant: string | null;
  model: string;
  inputTokens: number;
  outputTokens: number;
  modelCalls: number;
  outcome: string;
}

export function describeTurn(span: Span, t: TurnSpanFacts): void {
  const { provider, model } = providerAndModel(t.model.replace(/ \(fallback\)$/, ''));
  span.updateName(`invoke_agent ${t.persona}`);
  span.setAttributes({
    'gen_ai.agent.name': t.persona,
    'gen_ai.conversation.id': t.conversationId,
    'gen_ai.provider.name': provider,
    'gen_ai.system': provider,
    'gen_ai.request.model': model,
    'gen_ai.usage.input_tokens': t.inputTokens,
    'gen_ai.usage.output_tokens': t.outputTokens,
    'tailor.segment': t.segment,
    'tailor.persona.variant': t.variant ?? '',
    'tailor.model': t.model,
    'tailor.model_calls': t.modelCalls,
    'tailor.turn.outcome': t.outcome,
  });
  if (t.personaVersion) span.setAttribute('gen_ai.agent.version', t.personaVersion);
  if (t.outcome === 'error') failSpan(span, 'turn_failed');
}

export function startModelSpan(tracer: Tracer, parent: Context, label: string, conversationId: string, fallback: boolean): Span {
  const { provider, model } = providerAndModel(label);
  return tracer.startSpan(
    `chat ${model}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': provider,
        'gen_ai.system': provider,
        'gen_ai.request.model': model,
        'gen_ai.conversation.id': conversationId,
        'tailor.fallback': fallback,
      },
    },
    parent,
  );
}

export function endModelSpan(span: Span, inputTokens: number, outputTokens: number, failure: string | null): void {
  if (failure === null)
    span.setAttributes({
      'gen_ai.usage.input_tokens': inputTokens,
      'gen_ai.usage.output_tokens': outputTokens,
    });
  else failSpan(span, failure);
  span.end();
}

export function startToolSpan(tracer: Tracer, parent: Context, name: string, callId: string, conversationId: string): Span {
  return tracer.startSpan(
    `execute_tool ${name}`,
    {
      kind: SpanKind.INTERNAL,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': name,
        'gen_ai.tool.call.id': callId,
        'gen_ai.tool.type': 'function',
        'gen_ai.conversation.id': conversationId,
      },
    },
    parent,
  );
}

export function endToolSpan(span: Span, errorCode: string | null): void {
  if (errorCode !== null) failSpan(span, errorCode);
  span.end();
}

export const contextOf = (span: Span): Context => trace.setSpan(ROOT_CONTEXT, span);

function failSpan(span: Span, type: string): void {
  span.setAttribute('error.type', type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
}

function errorType(err: unknown): string {
  if (err && typeof err === 'object' && typeof (err as { code?: unknown }).code === 'string') return (err as { code: string }).code;
  return err instanceof Error ? err.constructor.name : 'error';
}
