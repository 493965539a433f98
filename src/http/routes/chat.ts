// POST /api/chat: one shopper message → one turn. JSON by default; SSE when the client asks
// for text/event-stream. The SSE `done` event carries exactly the JSON reply's object.
import type { Context, Hono } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { createMemo, fencePageUrl, TailorError, type ErrorCode, type Logger } from '../../core/index.js';
import type { ChatEvent, ChatResponse, ChatService } from '../../chat/index.js';
import type { AppEnv } from '../env.js';
import { clientDigests } from '../client-address.js';
import { STATUS, toPublicError } from '../errors.js';
import type { InflightTracker } from '../inflight.js';
import { ChatRequestSchema } from '../schemas.js';
import { jsonReply } from '../reply-headers.js';
import { readJson } from '../validation.js';

export interface ChatRouteDeps {
  chat: ChatService;
  inflight: InflightTracker;
  logger: Logger;
  /** The store's origins (TAILOR_ALLOWED_ORIGINS); this server's own origin counts too. */
  storeOrigins: readonly string[];
  clientIp?: (c: Context<AppEnv>) => string | undefined;
  /** The client's site (an IPv6 /48), counted as a few clients. */
  clientNet?: (c: Context<AppEnv>) => string | undefined;
}

const STREAMED = new Set(['tool_call', 'tool_result', 'delta']);

export function registerChatRoutes(app: Hono<AppEnv>, deps: ChatRouteDeps): void {
  // A client's keys are SHA-256s of its address and site: the same few addresses send most messages.
  const clientKeys = createMemo<string, ReturnType<typeof clientDigests>>(10_000);
  app.post('/api/chat', async (c) => {
    const body = await readJson(c, ChatRequestSchema);
    const shopper = c.get('shopper');

    // The page address reaches the persona prompt: only the store's own origin and path go on.
    const page = body.page ? fencePage(body.page, [...deps.storeOrigins, new URL(c.req.url).origin]) : undefined;
    const ip = deps.clientIp?.(c);
    const net = deps.clientNet?.(c);
    const { clientKey, networkKey } = ip
      ? await clientKeys.get(`${ip} ${net ?? ''}`, () => clientDigests(ip, net))
      : { clientKey: null, networkKey: null };

    const finished = deps.inflight.start();
    const sse = wantsEventStream(c.req.header('Accept'));
    // The request's own signal aborts when the client goes away before its response is complete
    // (on Node, the connection closing; on Workers, the client cancelling). A JSON reply needs no
    // more; a stream also ends when its writer sees the client gone (ClientFollower).
    const client = sse ? new ClientFollower(c.req.raw.signal) : null;
    const turn = deps.chat.turn({
      shopper,
      conversationId: body.conversationId,
      message: body.message,
      page,
      proposal: body.proposal,
      clientKey,
      networkKey,
      signal: client ? client.abort.signal : c.req.raw.signal,
      stream: sse,
      requestId: c.get('requestId'),
      traceparent: c.req.header('traceparent'),
      tracestate: c.req.header('tracestate'),
    });
    const events = turn[Symbol.asyncIterator]();

    // The first event (meta) is awaited before choosing the response, so "not your
    // conversation" is a plain 404 even for an SSE client.
    let first: IteratorResult<ChatEvent>;
    try {
      first = await events.next();
    } catch (err) {
      client?.detach();
      finished();
      throw err;
    }

    if (!client) {
      try {
        return jsonReply(c, await collect(first, events));
      } finally {
        finished();
      }
    }

    return streamSSE(c, async (stream) => {
      stream.onAbort(() => client.handleEvent());
      try {
        await pipeEvents(stream, first, events, shopper.sessionId);
      } catch (err) {
        // Handled here rather than by streamSSE's onError, which would append the raw message.
        await writeStreamError(stream, err, deps.logger, c.get('requestId'));
      } finally {
        // Ends the turn's generator, which releases the conversation lock; leaving it suspended
        // after `done` blocks the next message of this conversation forever.
        await events.return?.(undefined)?.catch(() => undefined);
        client.detach();
        finished();
      }
    });
  });
}

export function wantsEventStream(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/event-stream\b/i.test(accept);
}

const ONCE = { once: true } as const;

/**
 * Aborted when the client of a stream goes away (the request's signal, or the stream's writer
 * finding it gone), so a turn nobody waits for stops calling the model. A class that is its own
 * listener (handleEvent) rather than closures: one object per request.
 */
class ClientFollower {
  readonly abort = new AbortController();

  constructor(private readonly clientSignal: AbortSignal) {
    if (clientSignal.aborted) this.handleEvent();
    else clientSignal.addEventListener('abort', this, ONCE);
  }

  /** The client went away (the request's signal, or the SSE stream's abort). */
  handleEvent(): void {
    this.abort.abort(new Error('client disconnected'));
  }

  detach(): void {
    this.clientSignal.removeEventListener('abort', this);
  }
}

/** The page address, fenced to the store's own origins (anything else is dropped). */
function fencePage(
  page: { url?: string | null; referrer?: string | null },
  origins: readonly string[],
): { url?: string; referrer?: string } {
  return { url: fencePageUrl(page.url, origins) ?? undefined, referrer: fencePageUrl(page.referrer, origins) ?? undefined };
}

async function pipeEvents(
  stream: SSEStreamingApi,
  first: IteratorResult<ChatEvent>,
  events: AsyncIterator<ChatEvent>,
  sessionId: string,
): Promise<void> {
  let step = first;
  while (!step.done) {
    await writeEvent(stream, step.value, sessionId);
    if (step.value.type === 'done' || step.value.type === 'error') break;
    step = await events.next();
  }
}

async function writeStreamError(stream: SSEStreamingApi, err: unknown, logger: Logger, requestId: string): Promise<void> {
  const pub = toPublicError(err);
  if (pub.code === 'internal')
    logger.error('stream_failed', {
      requestId,
      error: err instanceof Error ? err.message : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  if (!stream.aborted)
    await stream.writeSSE({ event: 'error', data: JSON.stringify({ code: pub.code, message: pub.message }) }).catch(() => undefined);
}

async function collect(first: IteratorResult<ChatEvent>, events: AsyncIterator<ChatEvent>): Promise<ChatResponse> {
  let step = first;
  while (!step.done) {
    const ev = step.value;
    if (ev.type === 'done') {
      // Let the generator run its own cleanup (lock release) now rather than at GC.
      await events.return?.();
      return ev.response;
    }
    if (ev.type === 'error') throw new TailorError(knownCode(ev.code), ev.message);
    step = await events.next();
  }
  throw new Error('chat turn ended without a reply');
}

async function writeEvent(stream: SSEStreamingApi, ev: ChatEvent, sessionId: string): Promise<void> {
  switch (ev.type) {
    case 'meta': {
      const { type: _t, ...rest } = ev;
      return stream.writeSSE({ event: 'meta', data: JSON.stringify({ ...rest, sessionId }) });
    }
    case 'done':
      return stream.writeSSE({ event: 'done', data: JSON.stringify(ev.response) });
    case 'error': {
      const pub = toPublicError(new TailorError(knownCode(ev.code), ev.message));
      return stream.writeSSE({ event: 'error', data: JSON.stringify({ code: pub.code, message: pub.message }) });
    }
    default: {
      if (!STREAMED.has(ev.type)) return;
      const { type, ...rest } = ev;
      return stream.writeSSE({ event: type, data: JSON.stringify(rest) });
    }
  }
}

function knownCode(code: string): ErrorCode {
  return code in STATUS ? (code as ErrorCode) : 'internal';
}
