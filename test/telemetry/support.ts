// The real app over the demo store with its telemetry: metrics always, spans when a tracer
// provider is given; a local OTLP/HTTP receiver that decodes what the exporter sends (JSON).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { TracerProvider } from '@opentelemetry/api';
import { createLogger } from '../../src/core/index.js';
import { createApp } from '../../src/http/index.js';
import { createTailor, type Tailor } from '../../src/http/compose.js';
import { seedDemoStore } from '../../src/db/seed/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createOfflineProvider } from '../../src/agent/offline/index.js';
import type { ModelProvider } from '../../src/agent/types.js';
import { createTelemetry, type ModelHealthOptions } from '../../src/telemetry/index.js';
import { createTurnTracing } from '../../src/telemetry/turn-tracing.js';
import { DEFAULT_DEMO_SHOPPERS } from '../../src/config.js';
import { tempDb } from '../support/db.js';
import { repoRoot } from '../support/server.js';

export const ADMIN = 'admin-token-for-telemetry-tests';

export interface TelemetryApp {
  app: ReturnType<typeof createApp>;
  tailor: Tailor;
  logs: string[];
  /** The SQLite connection underneath (to break the store in a test). */
  sqlite: { exec(sql: string): unknown };
  /** A demo shopper's identity token, by email. */
  token(email: string): Promise<string>;
  chat(
    message: string,
    opts?: {
      token?: string;
      headers?: Record<string, string>;
      conversationId?: string;
    },
  ): Promise<Response>;
  dispose(): Promise<void>;
}

export async function buildTelemetryApp(
  opts: {
    provider?: ModelProvider;
    fallback?: ModelProvider;
    tracerProvider?: TracerProvider;
    health?: ModelHealthOptions;
    rate?: { sessionPerMin: number; ipPerMin: number };
    adminToken?: string | null;
  } = {},
): Promise<TelemetryApp> {
  const logs: string[] = [];
  const logger = createLogger('info', (l) => logs.push(l));
  const db = tempDb();
  await seedDemoStore(db.db, { now: Date.now() });
  const tailor = await createTailor({
    db: db.db,
    atomic: db.atomic,
    rules: loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml')),
    personaSource: nodePersonaSource(join(repoRoot, 'prompts')),
    provider: opts.provider ?? createOfflineProvider(),
    fallback: opts.fallback,
    logger,
    watchPersonas: false,
    telemetry: createTelemetry({
      tracing: opts.tracerProvider ? createTurnTracing(opts.tracerProvider) : undefined,
      health: opts.health,
    }),
  });
  const app = createApp({
    config: {
      identitySecret: 'telemetry-test-secret-0123456789',
      adminToken: opts.adminToken === undefined ? ADMIN : opts.adminToken,
      demo: true,
      demoShoppers: [...DEFAULT_DEMO_SHOPPERS],
      allowedOrigins: [],
      rate: opts.rate ?? { sessionPerMin: 0, ipPerMin: 0 },
    },
    chat: tailor.chat,
    db: db.db,
    now: tailor.now,
    ids: tailor.ids,
    modelName: (opts.provider ?? createOfflineProvider()).name,
    personas: { reload: tailor.reload },
    logger,
    clientIp: () => '203.0.113.9',
    telemetry: tailor.telemetry,
  });
  return {
    app,
    tailor,
    logs,
    sqlite: db.sqlite,
    async token(email) {
      const res = await app.request('/api/demo/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      if (res.status !== 200) throw new Error(`demo token: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async chat(message, o = {}) {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        ...o.headers,
      };
      if (o.token) headers.Authorization = `Bearer ${o.token}`;
      return app.request('/api/chat', {
        method: 'POST',
        headers,
        body: JSON.stringify({ message, conversationId: o.conversationId }),
      });
    },
    async dispose() {
      tailor.close();
      await db.dispose();
    },
  };
}

export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean>;
  status: { code?: number; message?: string };
  service: string | undefined;
}

export interface OtlpReceiver {
  url: string;
  spans: ReceivedSpan[];
  /** Content types of the export requests, as sent. */
  contentTypes: string[];
  close(): Promise<void>;
}

type AnyValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
};
type KeyValue = { key: string; value: AnyValue };

const hexId = (id: string | undefined): string => {
  if (!id) return '';
  if (/^[0-9a-f]+$/i.test(id)) return id.toLowerCase();
  return Buffer.from(id, 'base64').toString('hex');
};

function value(v: AnyValue): string | number | boolean {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.doubleValue !== undefined) return v.doubleValue;
  return '';
}

const attrs = (list: KeyValue[] | undefined) => Object.fromEntries((list ?? []).map((a) => [a.key, value(a.value)]));

/** A collector's OTLP/HTTP endpoint: POST /v1/traces with the JSON encoding. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const contentTypes: string[] = [];
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      contentTypes.push(String(req.headers['content-type']));
      let raw = Buffer.concat(parts);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      const body = JSON.parse(raw.toString('utf8')) as {
        resourceSpans?: Array<{
          resource?: { attributes?: KeyValue[] };
          scopeSpans?: Array<{
            spans?: Array<{
              traceId: string;
              spanId: string;
              parentSpanId?: string;
              name: string;
              kind: number;
              attributes?: KeyValue[];
              status?: { code?: number; message?: string };
            }>;
          }>;
        }>;
      };
      for (const rs of body.resourceSpans ?? []) {
        const service = attrs(rs.resource?.attributes)['service.name'] as string | undefined;
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            spans.push({
              traceId: hexId(s.traceId),
              spanId: hexId(s.spanId),
              parentSpanId: hexId(s.parentSpanId),
              name: s.name,
              kind: s.kind,
              attributes: attrs(s.attributes),
              status: s.status ?? {},
              service,
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
