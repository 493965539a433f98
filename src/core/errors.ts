// The one small domain error hierarchy; src/http maps it to statuses in a single onError.
export type ErrorCode =
  'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'too_large' | 'rate_limited' | 'upstream_unavailable' | 'internal';

export class TailorError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { retryAfterSeconds?: number; field?: string },
  ) {
    super(message);
    this.name = 'TailorError';
  }
}

export const badRequest = (message: string, field?: string) => new TailorError('bad_request', message, { field });
export const unauthorized = (message = 'Invalid or expired identity token') => new TailorError('unauthorized', message);
export const forbidden = (message = 'Forbidden') => new TailorError('forbidden', message);
export const notFound = (message = 'Not found') => new TailorError('not_found', message);

/** Misconfiguration found at startup: the message names the file (and line/field) to fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
