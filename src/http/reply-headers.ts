// Every reply's own headers, set in one place: the request id (X-Request-Id), the security
// headers, Cache-Control: no-store on the API, and what a middleware asked to echo (the shopper's
// session id). The chat route's JSON reply is made with all of them at once (jsonReply), as one
// plain object: Node's server then writes it as it is. Set one by one on a finished response
// instead (Hono's requestId, secureHeaders, a no-store middleware), each reply got a `Headers`
// object, a dozen validated and lower-cased sets on it, and a sorted copy back into a plain object
// for Node: about 15 µs of CPU and 6 KB allocated a reply, measured alone.
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONValue } from 'hono/utils/types';
import type { AppEnv } from './env.js';

/** What Hono's secureHeaders({ overwrite: false }) set: its defaults, Cross-Origin-Embedder-Policy off. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Frame-Options': 'SAMEORIGIN',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'X-XSS-Protection': '0',
});

export const REQUEST_ID_HEADER = 'X-Request-Id';
/** The reply's headers so far: the request id, no-store where it applies, then whatever setReplyHeader added. */
const RECORD = 'replyHeaders';
/** Marks a response made whole by jsonReply: nothing is left to add. */
const COMPLETE = Symbol('reply headers complete');

export interface ReplyHeadersOptions {
  /**
   * Replies, transcripts and admin reads belong to one shopper or the operator, and an anonymous
   * transcript is keyed by a header (X-Tailor-Session) a shared cache does not see: no cache in
   * front of Tailor may keep replies of these paths. A route that chose its own caching (an
   * event stream, the widget script) keeps it.
   */
  noStore?: (path: string) => boolean;
}

/** A client's own request id is kept when it is short and plain; otherwise one is minted (as Hono's requestId does). */
function requestIdOf(offered: string | undefined): string {
  return offered && offered.length <= 255 && !/[^\w\-=]/.test(offered) ? offered : crypto.randomUUID();
}

/**
 * The middleware that owns the reply's headers; mounted first, so that it sees every reply,
 * error replies included. Before the route: the request id (c.get('requestId')). After it: a
 * reply made by jsonReply already has everything; any other gets each header it does not set
 * itself (a route's own Cache-Control or Cross-Origin-Resource-Policy wins).
 */
export function replyHeaders(opts: ReplyHeadersOptions = {}): MiddlewareHandler<AppEnv> {
  const noStore = opts.noStore ?? (() => false);
  return async function replyHeadersMiddleware(c, next) {
    const id = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    c.set('requestId', id);
    const record: Record<string, string> = { [REQUEST_ID_HEADER]: id };
    if (noStore(c.req.path)) record['Cache-Control'] = 'no-store';
    c.set(RECORD, record);
    await next();
    const res = c.res as Response & { [COMPLETE]?: true };
    if (res[COMPLETE]) return;
    const headers = res.headers;
    addMissing(headers, record);
    addMissing(headers, SECURITY_HEADERS);
    headers.delete('X-Powered-By');
  };
}

function addMissing(headers: Headers, wanted: Readonly<Record<string, string>>): void {
  for (const name in wanted) if (!headers.has(name)) headers.set(name, wanted[name]!);
}

/**
 * A header for this reply, set by a middleware before the route runs (the session id to echo).
 * Under replyHeaders it goes with the others, jsonReply's included; without it, c.header.
 */
export function setReplyHeader(c: Context<AppEnv>, name: string, value: string): void {
  const record = c.get(RECORD);
  if (record) record[name] = value;
  else c.header(name, value);
}

/**
 * A JSON reply with all its headers in one plain object (see the top of this file). Only for a
 * route under replyHeaders that sets no header of its own with c.header (this response is not
 * c.json's, which would carry them); a middleware's headers go through setReplyHeader.
 */
export function jsonReply(c: Context<AppEnv>, data: object, status: ContentfulStatusCode = 200): Response {
  const record = c.get(RECORD);
  if (!record) return c.json(data as JSONValue, status);
  const headers = { 'Content-Type': 'application/json', ...SECURITY_HEADERS, ...record };
  const res = new Response(JSON.stringify(data), { status, headers }) as Response & { [COMPLETE]?: true };
  res[COMPLETE] = true;
  return res;
}
