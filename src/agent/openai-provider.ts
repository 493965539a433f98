// Any OpenAI-compatible Chat Completions endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM,
// LM Studio) through @langchain/openai's ChatOpenAI. Retries and timeouts live in our fetch
// (retry-fetch.ts), so both the SDK's and LangChain's own retries are switched off.
import { ChatOpenAI } from '@langchain/openai';
import type { Logger } from '../core/index.js';
import type { AgentSpec, ModelProvider } from './types.js';
import { createRetryingFetch, type RetryInfo } from './retry-fetch.js';

export interface OpenAIProviderConfig {
  /** The model name without the "openai:" prefix, e.g. "gpt-4o-mini". */
  model: string;
  apiKey: string;
  baseURL?: string;
  /** Per attempt, headers and body. Default 20 000. */
  timeoutMs?: number;
  /** Default 2. */
  maxRetries?: number;
  /** Bound on the sum of waits between attempts. Default 8 000. */
  maxTotalWaitMs?: number;
  /** First backoff without Retry-After. Default 500. */
  baseDelayMs?: number;
  logger?: Logger;
  /** The underlying fetch (tests, custom agents); the global fetch by default. */
  fetch?: typeof fetch;
  /** Follow the endpoint's redirects instead of failing the call (retry-fetch.ts); Workers need it. */
  followRedirects?: boolean;
}

export function createOpenAIProvider(cfg: OpenAIProviderConfig): ModelProvider {
  const name = `openai:${cfg.model}`;
  const fetchWithRetries = createRetryingFetch({
    fetch: cfg.fetch,
    timeoutMs: cfg.timeoutMs ?? 20_000,
    maxRetries: cfg.maxRetries ?? 2,
    maxTotalWaitMs: cfg.maxTotalWaitMs ?? 8_000,
    baseDelayMs: cfg.baseDelayMs,
    followRedirects: cfg.followRedirects,
    onRetry: (info: RetryInfo) => cfg.logger?.warn('model_retry', { model: name, ...info }),
  });
  // One client per distinct (temperature, max tokens): building ChatOpenAI (and binding tools
  // to it, which the loop caches per model) costs more than a whole streamed call.
  const models = new Map<string, ChatOpenAI>();

  return {
    name,
    create(spec: AgentSpec) {
      const key = `${spec.model.temperature}|${spec.model.maxTokens}`;
      let model = models.get(key);
      if (!model) {
        model = new ChatOpenAI({
          model: cfg.model,
          apiKey: cfg.apiKey,
          temperature: spec.model.temperature,
          maxTokens: spec.model.maxTokens,
          maxRetries: 0,
          streamUsage: true,
          configuration: { baseURL: cfg.baseURL, fetch: fetchWithRetries, maxRetries: 0 },
        });
        models.set(key, model);
      }
      return model;
    },
  };
}
