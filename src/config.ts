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

const ConfigSchema = z.object({
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
  TAILOR_ADMIN_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  TAILOR_DEMO: z.enum(['0', '1']).optional(),
  TAILOR_ALLOWED_ORIGINS: z.string().optional(),
  TAILOR_DEMO_SHOPPERS: z.string().optional(),
  TAILOR_RATE_SESSION_PER_MIN: intFrom(30),
  TAILOR_RATE_IP_PER_MIN: intFrom(300),
  TAILOR_PROMPTS_DIR: z.string().default('prompts'),
  TAILOR_DATA_DIR: z.string().default('data'),
  TAILOR_PROMPT_TOKEN_BUDGET: intFrom(1500),
  TAILOR_LOG: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
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
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  const modelSpec = e.TAILOR_MODEL ?? (e.OPENAI_API_KEY ? 'openai:gpt-4o-mini' : 'offline');
  let model: Config['model'] = { kind: 'offline' };
  if (modelSpec.startsWith('openai:')) {
    if (!e.OPENAI_API_KEY) throw new ConfigError('Invalid environment variable OPENAI_API_KEY: required when TAILOR_MODEL is openai:<model>');
    model = { kind: 'openai', model: modelSpec.slice('openai:'.length), apiKey: e.OPENAI_API_KEY, baseURL: e.OPENAI_BASE_URL, timeoutMs: e.TAILOR_MODEL_TIMEOUT_MS };
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
    demoShoppers: (e.TAILOR_DEMO_SHOPPERS ?? DEFAULT_DEMO_SHOPPERS.join(',')).split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    allowedOrigins: (e.TAILOR_ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    rate: { sessionPerMin: e.TAILOR_RATE_SESSION_PER_MIN, ipPerMin: e.TAILOR_RATE_IP_PER_MIN },
    promptsDir: e.TAILOR_PROMPTS_DIR,
    dataDir: e.TAILOR_DATA_DIR,
    promptTokenBudget: e.TAILOR_PROMPT_TOKEN_BUDGET,
    logLevel: e.TAILOR_LOG,
  };
}
