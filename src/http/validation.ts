// Request bodies: size-limited, parsed as JSON, validated by zod. Every failure is a 400 (413
// for size) in the contract's shape, naming the failing field.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { badRequest } from '../core/index.js';
import { describeZodError, errorResponse } from './errors.js';

export const MAX_BODY_BYTES = 16 * 1024;

export function limitBody(maxSize = MAX_BODY_BYTES): MiddlewareHandler {
  const tooLarge = (c: Context) => errorResponse(c, 'too_large', `Request body exceeds ${maxSize} bytes`);
  const streaming = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    // With a Content-Length the runtime's HTTP parser holds the body to exactly that size, so
    // the header decides. Not touching the body stream here keeps @hono/node-server's fast
    // direct read for c.req.text(); a chunked body is counted as it streams instead.
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined && /^\d+$/.test(length)) {
      if (Number(length) > maxSize) return tooLarge(c);
      return next();
    }
    return streaming(c, next);
  };
}

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw badRequest('Request body must be valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const { message, field } = describeZodError(parsed.error);
    throw badRequest(message, field);
  }
  return parsed.data;
}

/** Query parameters, validated like a body: a 400 naming the parameter (unknown ones included). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  // `?persona=a&persona=b` would silently mean only one of them.
  for (const [key, values] of Object.entries(c.req.queries())) if (values.length > 1) throw badRequest(`${key}: given more than once`, key);
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    const { message, field } = describeZodError(parsed.error);
    throw badRequest(message, field);
  }
  return parsed.data;
}
