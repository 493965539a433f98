// The fetch the OpenAI client uses: a per-attempt timeout (headers and body), and retries with
// backoff on 408/409/429/5xx and refused connections that honour Retry-After, within a bounded
// total wait. Done here rather than by the SDK so the policy (and its bound) is ours and testable.
// Redirects are not followed unless asked (followRedirects).

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
  /**
   * Follow a redirect instead of failing the call. Off by default: a fetch that may follow one
   * clones every request (its body teed into two streams), on every model call. On for Cloudflare
   * Workers, whose fetch accepts only "follow" and "manual".
   */
  followRedirects?: boolean;
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
  const redirects: Pick<RequestInit, 'redirect'> = opts.followRedirects ? {} : { redirect: 'error' };

  return async function retryingFetch(input, init) {
    const outer = init?.signal ?? undefined;
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      outer?.throwIfAborted();
      const a = new Attempt(outer, opts.timeoutMs);
      // Computed only when a retry is considered.
      const backoff = Math.min(maxDelay, baseDelay * 2 ** attempt);
      let res: Response;
      try {
        // A model endpoint is called at the address configured: one that redirects fails the call
        // (a base URL to fix) unless followRedirects, and fetch clones no request to follow one.
        res = await base(input, { ...init, ...redirects, signal: a.ctl.signal });
      } catch (err) {
        a.done();
        if (outer?.aborted) throw err;
        if (a.timedOut) throw new ModelTimeoutError(opts.timeoutMs);
        if (isRedirect(err)) throw err; // the same address would redirect again
        const delay = backoff * (0.75 + random() * 0.5);
        if (!(attempt < opts.maxRetries && waited + delay <= opts.maxTotalWaitMs)) throw err;
        opts.onRetry?.({ attempt: attempt + 1, delayMs: Math.round(delay), status: null, reason: errorText(err) });
        waited += delay;
        await sleep(delay, outer);
        continue;
      }
      if (res.ok || !RETRYABLE(res.status)) return withBodyTimer(res, a);
      const delay = retryAfterMs(res.headers) ?? backoff * (0.75 + random() * 0.5);
      if (!(attempt < opts.maxRetries && waited + delay <= opts.maxTotalWaitMs)) return withBodyTimer(res, a);
      a.done();
      await res.body?.cancel().catch(() => undefined);
      opts.onRetry?.({ attempt: attempt + 1, delayMs: Math.round(delay), status: res.status, reason: `HTTP ${res.status}` });
      waited += delay;
      await sleep(delay, outer);
    }
  };
}

const ONCE = { once: true } as const;

/**
 * One attempt: its abort controller, aborted when the caller's signal is or when the attempt
 * runs past its timeout. A class with a `handleEvent` listener and a timer callback that takes
 * it as an argument, rather than closures per attempt: a model call is the hottest path there is.
 */
class Attempt {
  readonly ctl = new AbortController();
  timedOut = false;
  readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly outer: AbortSignal | undefined,
    readonly timeoutMs: number,
  ) {
    outer?.addEventListener('abort', this, ONCE);
    this.timer = setTimeout(timeOut, timeoutMs, this);
  }

  /** The caller's signal aborted (EventTarget calls a listener object's handleEvent). */
  handleEvent(): void {
    this.ctl.abort(this.outer?.reason);
  }

  /** The attempt is over: disarms the timer and stops following the caller's signal. */
  done(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this);
  }
}

function timeOut(a: Attempt): void {
  a.timedOut = true;
  a.ctl.abort(new ModelTimeoutError(a.timeoutMs));
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
type BodyReader = (typeof BODY_READERS)[number];
const ATTEMPT = Symbol('attempt');
const READ = Symbol('read');
type Watched = Response & { [ATTEMPT]: Attempt; [READ]: Record<BodyReader, (this: Response) => Promise<unknown>> };

/** The readers a watched response gets: the same four functions for every response. */
const WATCHED_READERS = Object.fromEntries(
  BODY_READERS.map((name) => [
    name,
    {
      configurable: true,
      writable: true,
      value(this: Watched) {
        const reading = this[READ][name].call(this);
        const a = this[ATTEMPT];
        reading.then(
          () => a.done(),
          () => a.done(),
        );
        return reading;
      },
    },
  ]),
) as PropertyDescriptorMap;

/**
 * The attempt's timeout stays armed while the body is read (a stream can stall mid-way). A body
 * read whole (json(), text()…, how every non-streaming call ends) disarms it once read: an armed
 * timer holds the attempt's abort controller, and through fetch's abort listener the request and
 * response, for the whole timeout — thousands of finished responses at a few hundred calls per
 * second. Wrapping the instance's readers costs nothing per byte; a stream read through `body` is
 * not watched (that would cost a stream per response), so its timer stays armed until it fires,
 * which does nothing to a finished request. The timer never keeps a process alive.
 */
function withBodyTimer(res: Response, a: Attempt): Response {
  (a.timer as { unref?: () => void }).unref?.();
  const watched = res as Watched;
  watched[READ] = { json: res.json, text: res.text, arrayBuffer: res.arrayBuffer, blob: res.blob };
  watched[ATTEMPT] = a;
  return Object.defineProperties(res, WATCHED_READERS);
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

/** fetch's refusal to follow a redirect (`redirect: 'error'`): "fetch failed", caused by "unexpected redirect". */
function isRedirect(err: unknown): boolean {
  return (err as { cause?: { message?: unknown } } | null)?.cause?.message === 'unexpected redirect';
}

function errorText(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
