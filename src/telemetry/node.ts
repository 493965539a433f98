// Node only (imported by src/node.ts and tests, never by the app): spans exported over
// OTLP/HTTP (JSON) to a collector, batched. Nothing is set up unless an endpoint is configured.
import type { TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface OtlpTracingConfig {
  /** The full traces URL (…/v1/traces). */
  url: string;
  serviceName: string;
  /** Extra request headers (OTEL_EXPORTER_OTLP_HEADERS, e.g. an API key for a hosted collector). */
  headers?: Record<string, string>;
  /** How long spans wait to be sent together; default 2 s. */
  scheduledDelayMillis?: number;
}

export interface OtlpTracing {
  provider: TracerProvider;
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
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        scheduledDelayMillis: config.scheduledDelayMillis ?? 2000,
      }),
    ],
  });
  return {
    provider,
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
