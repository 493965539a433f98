// The one place domain errors become HTTP: DESIGN.md's error shape and statuses. Nothing
// else in src/http writes an error body, so a stack or a secret can never leak from a route.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { TailorError, silentLogger, type ErrorCode, type Logger } from '../core/index.js';

export const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 413 | 429 | 500 | 503> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  too_large: 413,
  rate_limited: 429,
  upstream_unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** "message: Too big: expected string to have <=4000 characters" — the failing field first. */
export function describeZodError(err: z.ZodError): { message: string; field?: string } {
  const issue = err.issues[0];
  if (!issue) return { message: 'Invalid request' };
  const field = issue.path.map(String).join('.');
  return { message: field ? `${field}: ${issue.message}` : issue.message, field: field || undefined };
}

/** Normalizes anything thrown into a code and a message that is safe to show. */
export function toPublicError(err: unknown): { code: ErrorCode; message: string; retryAfterSeconds?: number } {
  if (err instanceof TailorError) {
    return {
      code: err.code,
      message: err.code === 'internal' ? 'Internal error' : err.message,
      retryAfterSeconds: err.details?.retryAfterSeconds,
    };
  }
  if (err instanceof z.ZodError) return { code: 'bad_request', message: describeZodError(err).message };
  if (err instanceof HTTPException) {
    const code = codeForStatus(err.status);
    return { code, message: code === 'internal' ? 'Internal error' : err.message || code };
  }
  return { code: 'internal', message: 'Internal error' };
}

function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(STATUS) as Array<[ErrorCode, number]>).find(([, s]) => s === status);
  if (found) return found[0];
  if (status === 502) return 'upstream_unavailable';
  return status >= 500 ? 'internal' : 'bad_request';
}

export function errorResponse(c: Context, code: ErrorCode, message: string, retryAfterSeconds?: number): Response {
  if (retryAfterSeconds !== undefined) c.header('Retry-After', String(retryAfterSeconds));
  return c.json({ error: { code, message } } satisfies ErrorBody, STATUS[code]);
}

export function createErrorHandler(logger: Logger = silentLogger) {
  return (err: unknown, c: Context): Response => {
    const pub = toPublicError(err);
    const fields = { requestId: c.get('requestId') as string | undefined, method: c.req.method, path: c.req.path, code: pub.code };
    if (pub.code === 'internal') {
      // The stack goes to the log (at error level), never into the response.
      logger.error('request_failed', {
        ...fields,
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
    } else {
      logger.debug('request_rejected', fields);
    }
    return errorResponse(c, pub.code, pub.message, pub.retryAfterSeconds);
  };
}

export const notFoundHandler = (c: Context): Response => errorResponse(c, 'not_found', 'Not found');
