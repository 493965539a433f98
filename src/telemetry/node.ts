// Node only (imported by src/node.ts and tests, never by the app): spans exported over
// OTLP/HTTP (JSON) to a collector, batched. Nothing is set up unless an endpoint is configured.
import { trace, TraceFlags, type Context, type TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SamplingDecision,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';
import type { TurnTracing } from './telemetry.js';
import { createTurnTracing } from './turn-tracing.js';

export interface OtlpTracingConfig {
  /** The full traces URL (…/v1/traces). */
  url: string;
  serviceName: string;
  /** Extra request headers (OTEL_EXPORTER_OTLP_HEADERS, e.g. an API key for a hosted collector). */
  headers?: Record<string, string>;
  /** How long spans wait to be sent together; default 2 s. */
  scheduledDelayMillis?: number;
  /** The share of turns traced, 0..1 (OTEL_TRACES_SAMPLER_ARG); default 1, every turn. */
  sampleRatio?: number;
}

export interface OtlpTracing {
  provider: TracerProvider;
  /** The turn spans createTelemetry records with, over `provider`. */
  turns: TurnTracing;
  /** Sends the spans still waiting (tests, and before exit). */
  flush(): Promise<void>;
  /** Flushes and stops; call on shutdown. */
  shutdown(): Promise<void>;
}

export function createOtlpTracing(config: OtlpTracingConfig): OtlpTracing {
  const exporter = new OTLPTraceExporter({
    url: config.url,
    headers: config.headers,
  });
  const provider = new BasicTracerProvider({
    sampler: serverSampler(config.sampleRatio ?? 1),
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        scheduledDelayMillis: config.scheduledDelayMillis ?? 2000,
      }),
    ],
  });
  return {
    provider,
    turns: createTurnTracing(provider),
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

/**
 * The server decides which turns are traced: a turn is sampled at `ratio`, drawn here, whether or not a caller sent a
 * traceparent. A caller's trace id is kept as the turn's parent, but its sampled flag never forces recording (a
 * client could otherwise make every turn cost a trace), nor does a trace id a client chose (a trace-id-ratio sampler
 * would let it pick ids that always sample). Spans inside a turn follow the turn's decision.
 */
export function serverSampler(ratio: number, random: () => number = Math.random): Sampler {
  const share = Math.min(Math.max(ratio, 0), 1);
  const decide = (sampled: boolean): SamplingResult => ({
    decision: sampled ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD,
  });
  return {
    shouldSample(context: Context) {
      const parent = trace.getSpanContext(context);
      if (parent && !parent.isRemote) return decide((parent.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED);
      return decide(share > 0 && random() < share);
    },
    toString: () => `TailorServerSampler{${share}}`,
  };
}
