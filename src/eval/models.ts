// The model under test from a --model spec: the offline model, or any OpenAI-compatible
// endpoint configured by OPENAI_API_KEY / OPENAI_BASE_URL. No fallback here: an eval must see
// the model it asked for fail, not the offline model quietly answering instead.
import { createOfflineProvider, createOpenAIProvider } from '../agent/index.js';
import type { ModelProvider } from '../agent/index.js';

export interface ModelEnv {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  TAILOR_MODEL_TIMEOUT_MS?: string;
}

export function createModel(
  spec: string,
  env: ModelEnv,
  opts: { replay?: boolean; fetch?: typeof fetch } = {},
): { provider: ModelProvider; baseURL: string | null } {
  if (spec === 'offline') return { provider: createOfflineProvider(), baseURL: null };
  const model = spec.slice('openai:'.length);
  // Replays never reach the network, so they need no real key.
  const apiKey = env.OPENAI_API_KEY ?? (opts.replay ? 'replay-no-key' : undefined);
  if (!apiKey) throw new Error(`--model ${spec} needs OPENAI_API_KEY (and OPENAI_BASE_URL for a non-OpenAI endpoint)`);
  const baseURL = env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1';
  const timeoutMs = Number(env.TAILOR_MODEL_TIMEOUT_MS ?? 30_000);
  return { provider: createOpenAIProvider({ model, apiKey, baseURL, timeoutMs, fetch: opts.fetch }), baseURL };
}
