// The telemetry module: metrics (Prometheus text), the model's recent health, and OpenTelemetry
// spans when a tracer provider is handed in. Runtime-neutral: the OTLP exporter is set up by
// the Node entry (src/telemetry/node.ts), never imported from here.
export {
  createTelemetry,
  type Telemetry,
  type TelemetryOptions,
  type LoopObserver,
  type TurnRecord,
  type TurnTraceInput,
} from './telemetry.js';
export { createModelHealth, type ModelHealth, type ModelHealthOptions, type ModelHealthState } from './model-health.js';
export { createRegistry, formatSamples, CONTENT_TYPE as PROMETHEUS_CONTENT_TYPE, type Registry } from './prometheus.js';
export type { Span } from './spans.js';
export type { TurnTracing } from './telemetry.js';
