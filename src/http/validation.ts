// Request bodies: size-limited, parsed as JSON, validated by zod. Every failure is a 400 (413
// for size) in the contract's shape, naming the failing field.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { badRequest } from '../core/index.js';
import { describeZodError, errorResponse } from './errors.js';

export const MAX_BODY_BYTES = 16 * 1024;

export const limitBody = (maxSize = MAX_BODY_BYTES): MiddlewareHandler =>
  bodyLimit({ maxSize, onError: (c) => errorResponse(c, 'too_large', `Request body exceeds ${maxSize} bytes`) });

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
