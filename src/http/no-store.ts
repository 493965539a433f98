// Cache-Control: no-store on the API's replies (app.ts puts it on /api/* and /mcp).
import type { MiddlewareHandler } from 'hono';

/**
 * Replies, transcripts and admin reads belong to one shopper or the operator, and an anonymous
 * transcript is keyed by a header (X-Tailor-Session) a shared cache does not see: no cache in front of
 * Tailor may keep them. A route that chose its own caching (an event stream) keeps it.
 */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next();
  // Set on the response's own headers, as secureHeaders does: c.header() on a finished response
  // copies it into a new one around its body as a stream, which Node's server then reads back
  // chunk by chunk (a web ReadableStream, a second Response and an async read per reply).
  const headers = c.res.headers;
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
};
