// The fetch the OpenAI client uses: a per-attempt timeout (headers and body), and retries with
// backoff on 408/409/429/5xx and refused connections that honour Retry-After, within a bounded
// total wait. Done here rather than by the SDK so the policy (and its bound) is ours and testable.

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Upper bound on the sum of all waits between attempts; a wait that would pass it is not taken. */
  maxTotalWaitMs: number;
  /** Per attempt, from sending the request to the last byte of the response. */
  timeoutMs: number;
  /** First backoff when the server names no wait; doubles per retry. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  status: number | null;
  reason: string;
}

export interface RetryFetchOptions extends RetryPolicy {
  fetch?: typeof fetch;
  onRetry?: (info: RetryInfo) => void;
  random?: () => number;
}

/** Thrown (and seen by the SDK as a timeout) when an attempt takes longer than timeoutMs. */
export class ModelTimeoutError extends Error {
  constructor(ms: number) {
    super(`Model request timed out after ${ms} ms`);
    this.name = 'ModelTimeoutError';
  }
}

const RETRYABLE = (status: number) => status === 408 || status === 409 || status === 429 || status >= 500;

export function createRetryingFetch(opts: RetryFetchOptions): typeof fetch {
  const base = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseDelay = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 8000;
  const random = opts.random ?? Math.random;

  return async function retryingFetch(input, init) {
    const outer = init?.signal ?? undefined;
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      outer?.throwIfAborted();
      const ctl = new AbortController();
      const onAbort = () => ctl.abort(outer?.reason);
      outer?.addEventListener('abort', onAbort, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ctl.abort(new ModelTimeoutError(opts.timeoutMs));
      }, opts.timeoutMs);
      const done = () => {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onAbort);
      };
      const backoff = () => Math.min(maxDelay, baseDelay * 2 ** attempt) * (0.75 + random() * 0.5);
      const canWait = (ms: number) => attempt < opts.maxRetries && waited + ms <= opts.maxTotalWaitMs;

      let res: Response;
      try {
        res = await base(input, { ...init, signal: ctl.signal });
      } catch (err) {
        done();
        if (outer?.aborted) throw err;
        if (timedOut) throw new ModelTimeoutError(opts.timeoutMs);
        const delay = backoff();
        if (!canWait(delay)) throw err;
        opts.onRetry?.({ attempt: attempt + 1, delayMs: Math.round(delay), status: null, reason: errorText(err) });
        waited += delay;
        await sleep(delay, outer);
        continue;
      }
      if (res.ok || !RETRYABLE(res.status)) return withBodyTimer(res, timer, done);
      const delay = retryAfterMs(res.headers) ?? backoff();
      if (!canWait(delay)) return withBodyTimer(res, timer, done);
      done();
      await res.body?.cancel().catch(() => undefined);
      opts.onRetry?.({ attempt: attempt + 1, delayMs: Math.round(delay), status: res.status, reason: `HTTP ${res.status}` });
      waited += delay;
      await sleep(delay, outer);
    }
  };
}

/** Retry-After (seconds or an HTTP date) or OpenAI's retry-after-ms, in milliseconds. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const ms = headers.get('retry-after-ms');
  if (ms && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const v = headers.get('retry-after')?.trim();
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** How the OpenAI client reads a JSON (non-streaming) response; a stream is read through `body`. */
const BODY_READERS = ['json', 'text', 'arrayBuffer', 'blob'] as const;

/**
 * The attempt's timeout stays armed while the body is read (a stream can stall mid-way). A body
 * read whole (json(), text()…, how every non-streaming call ends) disarms it once read: an armed
 * timer holds the attempt's abort controller, and through fetch's abort listener the request and
 * response, for the whole timeout — thousands of finished responses at a few hundred calls per
 * second. Wrapping the instance's readers costs nothing per byte; a stream read through `body` is
 * not watched (that would cost a stream per response), so its timer stays armed until it fires,
 * which does nothing to a finished request. The timer never keeps a process alive.
 */
function withBodyTimer(res: Response, timer: ReturnType<typeof setTimeout>, done: () => void): Response {
  (timer as { unref?: () => void }).unref?.();
  for (const name of BODY_READERS) {
    const read = res[name] as (this: Response) => Promise<unknown>;
    Object.defineProperty(res, name, {
      configurable: true,
      writable: true,
      value(this: Response) {
        const reading = read.call(this);
        reading.then(done, done);
        return reading;
      },
    });
  }
  return res;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function errorText(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
