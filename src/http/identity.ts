// Who is asking: a storefront-signed HS256 token (verified customer) or an anonymous session.
// A token that is present but not valid is refused (401); it never silently becomes anonymous,
// or a shopper with a stale token would see a stranger's view of their own account.
import type { MiddlewareHandler } from 'hono';
import { sign, verify } from 'hono/jwt';
import { unauthorized, type Shopper } from '../core/index.js';
import type { AppEnv } from './env.js';
import { setReplyHeader } from './reply-headers.js';

export const SESSION_HEADER = 'X-Tailor-Session';
const SESSION_RE = /^[A-Za-z0-9_-]{16,128}$/;

export function isValidSessionId(id: string | undefined | null): id is string {
  return typeof id === 'string' && SESSION_RE.test(id);
}

/** 128 random bits, URL-safe: unguessable, since holding it is what owns an anonymous conversation. */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let out = 's_';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What a token may name as its audience (`aud`, optional): a token meant for another service is not Tailor's. */
export const IDENTITY_AUDIENCE = 'tailor';
/**
 * The furthest ahead a token's `exp` may lie. Storefronts sign for minutes to hours (SECURITY.md); a
 * token that never expires, once leaked, stays a key to the account until the secret is rotated.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600;

/**
 * Verifies signature, algorithm and expiry; `exp` (at most MAX_TOKEN_LIFETIME_SECONDS ahead) and a
 * string `sub` are mandatory; an `aud`, when present, must name Tailor.
 */
export async function verifyIdentityToken(
  token: string,
  secret: string,
  nowMs: number = Date.now(),
): Promise<{ customerId: string; exp: number }> {
  let payload: Record<string, unknown>;
  try {
    payload = (await verify(token, secret, { alg: 'HS256' })) as Record<string, unknown>;
  } catch {
    throw unauthorized('Invalid or expired identity token');
  }
  if (typeof payload.exp !== 'number') throw unauthorized('Identity token must carry an expiry (exp)');
  if (payload.exp > nowMs / 1000 + MAX_TOKEN_LIFETIME_SECONDS) throw unauthorized('Identity token expiry (exp) is too far ahead');
  if (payload.aud !== undefined && !forTailor(payload.aud)) throw unauthorized('Identity token is meant for another audience (aud)');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128) {
    throw unauthorized('Identity token must name the customer (sub)');
  }
  return { customerId: payload.sub, exp: payload.exp };
}

function forTailor(aud: unknown): boolean {
  return aud === IDENTITY_AUDIENCE || (Array.isArray(aud) && aud.includes(IDENTITY_AUDIENCE));
}

export interface TokenVerifierOptions {
  /** Clock in ms (the one `hono/jwt` checks against); a remembered token's expiry is checked on every use. */
  now?: () => number;
  /** Most tokens remembered; the oldest is forgotten first. */
  max?: number;
}

/**
 * `verifyIdentityToken` with a memory of tokens it already verified. The same shopper sends the
 * same token on every turn; WebCrypto's HMAC is asynchronous (a round trip through the thread
 * pool, which under load parks the turn behind a whole event-loop pass), so a token string seen
 * before is answered from memory. Only successes are remembered, keyed by the whole token (same
 * bytes, same signature check), and expiry is still enforced on each use.
 */
export function createTokenVerifier(
  secret: string,
  opts: TokenVerifierOptions = {},
): (token: string) => Promise<{ customerId: string; exp: number }> {
  const now = opts.now ?? Date.now;
  const max = opts.max ?? 10_000;
  const known = new Map<string, { customerId: string; exp: number }>();
  return async (token) => {
    const hit = known.get(token);
    if (hit) {
      if (hit.exp * 1000 > now()) return hit;
      known.delete(token);
      throw unauthorized('Invalid or expired identity token');
    }
    const verified = await verifyIdentityToken(token, secret, now());
    if (known.size >= max) known.delete(known.keys().next().value!);
    known.set(token, verified);
    return verified;
  };
}

export async function signIdentityToken(
  customerId: string,
  secret: string,
  nowMs: number,
  ttlSeconds: number,
): Promise<{ token: string; exp: number }> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + ttlSeconds;
  return { token: await sign({ sub: customerId, iat, exp }, secret, 'HS256'), exp };
}

export interface IdentityOptions {
  secret: string;
  /** A signed token for a customer the store does not know is refused like a forged one. */
  customerExists(customerId: string): Promise<boolean>;
  /** Clock in ms, for the tokens' expiry and the memory of known customers. */
  now?: () => number;
}

export function identity(opts: IdentityOptions): MiddlewareHandler<AppEnv> {
  const verifyToken = createTokenVerifier(opts.secret, { now: opts.now });
  const customerExists = opts.customerExists;
  return async (c, next) => {
    const offered = c.req.header(SESSION_HEADER);
    const sessionId = isValidSessionId(offered) ? offered : newSessionId();
    // Echoed every time so the widget can always (re)store the id it should keep.
    setReplyHeader(c, SESSION_HEADER, sessionId);

    const auth = c.req.header('Authorization');
    let shopper: Shopper;
    if (auth === undefined) {
      shopper = { sessionId, customerId: null, verified: false, via: 'anonymous' };
    } else {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
      if (!m) throw unauthorized('Authorization header must be "Bearer <token>"');
      const { customerId } = await verifyToken(m[1]!);
      if (!(await customerExists(customerId))) throw unauthorized('Invalid or expired identity token');
      shopper = { sessionId, customerId, verified: true, via: 'token' };
    }
    c.set('shopper', shopper);
    await next();
  };
}
