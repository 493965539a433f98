// Why a model call failed, in a few words for logs and metrics, and a process-wide counter the
// metrics endpoint can read (failures that made a turn fall back or end in an error).

export type ModelFailureCause = 'timeout' | 'rate_limited' | 'server_error' | 'connection' | 'rejected' | 'other';

export interface ModelFailure {
  cause: ModelFailureCause;
  status: number | null;
  /** The error names and codes only (describe below): never an upstream's message, which may quote the prompt. */
  message: string;
}

const counts: Record<ModelFailureCause, number> = { timeout: 0, rate_limited: 0, server_error: 0, connection: 0, rejected: 0, other: 0 };
let fallbacks = 0;

export const modelFailures = {
  record(f: ModelFailure, fellBack: boolean): void {
    counts[f.cause]++;
    if (fellBack) fallbacks++;
  },
  snapshot(): { total: number; fallbacks: number; byCause: Record<ModelFailureCause, number> } {
    const byCause = { ...counts };
    return { total: Object.values(byCause).reduce((a, b) => a + b, 0), fallbacks, byCause };
  },
};

/** A token an API or a socket names an error with ("BadRequestError", "context_length_exceeded", "ECONNREFUSED"). */
const ERROR_WORD = /^[A-Za-z][\w.-]{0,63}$/;

/**
 * What failed, for the log: the error names and codes along the cause chain, never their messages.
 * An upstream's error message may quote the request (the shopper's words, the prompt), and logs
 * never hold message text.
 */
function describe(chain: ReadonlyArray<Record<string, unknown>>, err: unknown): string {
  const words = chain.flatMap((x) => [x.name, x.code, x.type]).filter((w): w is string => typeof w === 'string' && ERROR_WORD.test(w));
  return [...new Set(words)].join(' ').slice(0, 200) || (typeof err === 'object' && err !== null ? 'unnamed error' : typeof err);
}

/** Reads the status and the cause chain the OpenAI SDK and LangChain wrap around a failure. */
export function classifyModelError(err: unknown): ModelFailure {
  const chain: Array<Record<string, unknown>> = [];
  let e: unknown = err;
  for (let i = 0; i < 6 && e && typeof e === 'object'; i++) {
    chain.push(e as Record<string, unknown>);
    e = (e as { cause?: unknown }).cause;
  }
  const status = chain.map((x) => x.status).find((s): s is number => typeof s === 'number') ?? null;
  const text = chain.map((x) => `${String(x.name ?? '')} ${String(x.message ?? '')} ${String(x.code ?? '')}`).join(' | ');
  const message = describe(chain, err);
  let cause: ModelFailureCause = 'other';
  if (/timed? ?out|timeout/i.test(text)) cause = 'timeout';
  else if (status === 429) cause = 'rate_limited';
  else if (status !== null && status >= 500) cause = 'server_error';
  else if (status !== null && status >= 400) cause = 'rejected';
  else if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|fetch failed|Connection error|socket/i.test(text)) cause = 'connection';
  return { cause, status, message };
}
