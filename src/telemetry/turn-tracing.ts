// A turn's spans bound to a tracer: what createTelemetry records with when tracing is on. In a
// module of its own, handed to createTelemetry by whoever set tracing up (src/node.ts, next to
// the OTLP exporter), because it loads the OpenTelemetry API (spans.ts): the telemetry module
// itself only names its types, so a server without a collector never has the API on its heap
// (about 0.8 MB live, which V8 multiplies into peak memory).
import type { Span, TracerProvider } from '@opentelemetry/api';
import { contextOf, describeTurn, endModelSpan, endToolSpan, startModelSpan, startToolSpan, startTurnSpan, traceTurn } from './spans.js';
import type { TurnTracing } from './telemetry.js';

export function createTurnTracing(provider: TracerProvider): TurnTracing {
  const tracer = provider.getTracer('tailor');
  return {
    startTurn: (input) => startTurnSpan(tracer, input, input.requestId),
    traceTurn,
    describeTurn,
    observer(counting, span, conversationId) {
      const parent = contextOf(span);
      return {
        modelStart: (model, fallback) => startModelSpan(tracer, parent, model, conversationId, fallback),
        modelEnd(h, model, fallback, latencyMs, inputTokens, outputTokens, failure) {
          counting.modelEnd(h, model, fallback, latencyMs, inputTokens, outputTokens, failure);
          endModelSpan(h as Span, inputTokens, outputTokens, failure);
        },
        toolStart: (name, callId) => startToolSpan(tracer, parent, name, callId, conversationId),
        toolEnd(h, name, result) {
          counting.toolEnd(h, name, result);
          endToolSpan(h as Span, result.ok ? null : (result.error?.code ?? 'failed'));
        },
      };
    },
  };
}
