// Environment → typed config, validated in one place. A bad variable stops startup with one
// line naming it.
import { z } from 'zod';
import { ConfigError } from './core/index.js';

const intFrom = (def: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .optional()
    .transform((v) => v ?? def);

/**
 * The variables' schema, built for the one parse at startup and not kept: a zod schema this size
 * (150 KB of heap) held by the module for the life of the process costs several times that in
 * peak memory, since V8 sizes the heap in proportion to what survives its collections.
 */
const configSchema = () =>
  z.object({
    PORT: intFrom(8787).pipe(z.number().int().min(0).max(65535)),
    TAILOR_DB: z.string().min(1).default('data/tailor.db'),
    TAILOR_MODEL: z
      .string()
      .regex(/^(offline|openai:.+)$/, 'must be "offline" or "openai:<model>"')
      .optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.string().url('must be a URL').optional(),
    TAILOR_MODEL_TIMEOUT_MS: intFrom(20_000),
    TAILOR_IDENTITY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    // A bearer token's characters (RFC 6750 b64token): what hono/bearer-auth accepts in the header.
    TAILOR_ADMIN_TOKEN: z
      .string()
      .min(8, 'must be at least 8 characters')
      .regex(/^[A-Za-z0-9._~+/-]+=*$/, 'may hold only letters, digits and . _ ~ + / - (then = padding)')
      .optional(),
    TAILOR_DEMO: z.enum(['0', '1']).optional(),
    TAILOR_ALLOWED_ORIGINS: z.string().optional(),
    TAILOR_DEMO_SHOPPERS: z.string().optional(),
    TAILOR_RATE_SESSION_PER_MIN: intFrom(30),
    TAILOR_RATE_IP_PER_MIN: intFrom(300),
    TAILOR_PROMPTS_DIR: z.string().default('prompts'),
    TAILOR_DATA_DIR: z.string().default('data'),
    TAILOR_PROMPT_TOKEN_BUDGET: intFrom(1500),
    TAILOR_TOOL_ROUTING: z.enum(['auto', 'off']).default('auto'),
    TAILOR_STORE_URL: z
      .string()
      .url('must be a URL like https://shop.example.com')
      .refine((u) => /^https?:\/\//.test(u), 'must start with https:// or http://')
      .optional(),
    TAILOR_CHECKOUT_URL_TEMPLATE: z
      .string()
      .refine((t) => /\{(items|skus)\}/.test(t), 'must contain {items} or {skus}')
      .optional(),
    TAILOR_SHOPIFY_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    TAILOR_LOG: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    TAILOR_HOST: z.string().min(1).optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url('must be a URL').optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url('must be a URL').optional(),
    OTEL_SERVICE_NAME: z.string().min(1).default('tailor'),
    OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
    OTEL_TRACES_SAMPLER_ARG: z
      .string()
      .regex(/^\s*(?:0(?:\.\d+)?|1(?:\.0+)?|\.\d+)\s*$/, 'must be a number from 0 to 1')
      .transform(Number)
      .optional(),
  });

/** The shoppers the demo page showcases: the only ones demo tokens are signed for. */
export const DEFAULT_DEMO_SHOPPERS = ['lena@example.com', 'marcus@example.com', 'sarah@example.com'] as const;

export interface Config {
  port: number;
  dbFile: string;
  model: { kind: 'offline' } | { kind: 'openai'; model: string; apiKey: string; baseURL?: string; timeoutMs: number };
  identitySecret: string | null;
  adminToken: string | null;
  demo: boolean;
  demoShoppers: string[];
  allowedOrigins: string[];
  rate: { sessionPerMin: number; ipPerMin: number };
  promptsDir: string;
  dataDir: string;
  promptTokenBudget: number;
  /** auto: a hosted model is offered only the tools the shopper's message can use (src/agent/tool-routing.ts); off: every persona tool. */
  toolRouting: 'auto' | 'off';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** How a cart becomes a checkout link on the store (src/shop/checkout.ts). */
  checkout: { storeUrl: string | null; template: string | null; demo: boolean };
  /** Signs Shopify's webhooks; POST /api/webhooks/shopify answers 404 while unset. */
  shopifyWebhookSecret: string | null;
  /** Address the Node server binds (TAILOR_HOST); null: all interfaces. */
  host: string | null;
  /**
   * OTLP/HTTP (JSON) trace export (Node); null: no spans are made at all. sampleRatio: the share of turns traced,
   * the server's own choice (a caller's sampled flag does not force it).
   */
  tracing: { url: string; serviceName: string; sampleRatio?: number } | null;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema().safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const modelSpec = e.TAILOR_MODEL ?? (e.OPENAI_API_KEY ? 'openai:gpt-4o-mini' : 'offline');
  let model: Config['model'] = { kind: 'offline' };
  if (modelSpec.startsWith('openai:')) {
    if (!e.OPENAI_API_KEY)
      throw new ConfigError('Invalid environment variable OPENAI_API_KEY: required when TAILOR_MODEL is openai:<model>');
    model = {
      kind: 'openai',
      model: modelSpec.slice('openai:'.length),
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      timeoutMs: e.TAILOR_MODEL_TIMEOUT_MS,
    };
  }
  const demo = e.TAILOR_DEMO !== '0';
  if (!demo && !e.TAILOR_IDENTITY_SECRET) {
    throw new ConfigError('Invalid environment variable TAILOR_IDENTITY_SECRET: required when TAILOR_DEMO=0');
  }
  return {
    port: e.PORT,
    dbFile: e.TAILOR_DB,
    model,
    identitySecret: e.TAILOR_IDENTITY_SECRET ?? null,
    adminToken: e.TAILOR_ADMIN_TOKEN ?? null,
    demo,
    demoShoppers: (e.TAILOR_DEMO_SHOPPERS ?? DEFAULT_DEMO_SHOPPERS.join(','))
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    allowedOrigins: (e.TAILOR_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rate: { sessionPerMin: e.TAILOR_RATE_SESSION_PER_MIN, ipPerMin: e.TAILOR_RATE_IP_PER_MIN },
    promptsDir: e.TAILOR_PROMPTS_DIR,
    dataDir: e.TAILOR_DATA_DIR,
    promptTokenBudget: e.TAILOR_PROMPT_TOKEN_BUDGET,
    toolRouting: e.TAILOR_TOOL_ROUTING,
    logLevel: e.TAILOR_LOG,
    checkout: { storeUrl: e.TAILOR_STORE_URL ?? null, template: e.TAILOR_CHECKOUT_URL_TEMPLATE ?? null, demo },
    shopifyWebhookSecret: e.TAILOR_SHOPIFY_WEBHOOK_SECRET ?? null,
    host: e.TAILOR_HOST ?? null,
    tracing:
      tracesUrl(e) && e.OTEL_SDK_DISABLED !== 'true'
        ? {
            url: tracesUrl(e)!,
            serviceName: e.OTEL_SERVICE_NAME,
            ...(e.OTEL_TRACES_SAMPLER_ARG !== undefined ? { sampleRatio: e.OTEL_TRACES_SAMPLER_ARG } : {}),
          }
        : null,
  };
}

/** The OTLP spec's rule: the per-signal endpoint is used as is; the general one gets /v1/traces appended. */
function tracesUrl(e: { OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string }): string | null {
  if (e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (e.OTEL_EXPORTER_OTLP_ENDPOINT) return `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return null;
}
