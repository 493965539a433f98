// POST /mcp: the shopper tools as an MCP server (Streamable HTTP with JSON responses, stateless;
// see src/mcp and README "MCP"). Identity is the chat's — the identity middleware already ran: a
// storefront token (a bad one is a 401), or an anonymous session. The session travels as
// X-Tailor-Session or, for MCP clients, as the Mcp-Session-Id this route hands out (the same
// value), so a client keeps its cart, verification and proposal across requests, restarts and
// isolates. Each tools/call counts as one chat message against the rate limits.
import type { Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { badRequest, type Shopper } from '../../core/index.js';
import type { McpHandler } from '../../mcp/index.js';
import { clientDigests } from '../client-address.js';
import type { AppEnv } from '../env.js';
import { isValidSessionId, SESSION_HEADER } from '../identity.js';
import { setReplyHeader } from '../reply-headers.js';

export const MCP_SESSION_HEADER = 'Mcp-Session-Id';

export interface McpRouteDeps {
  mcp: McpHandler;
  /** The chat's message limit (throws a 429): one hit per tool call. */
  takeMessage(c: Context<AppEnv>): Promise<void>;
  allowedOrigins: readonly string[];
  clientIp?: (c: Context<AppEnv>) => string | undefined;
  /** The client's site (an IPv6 /48), counted as a few clients. */
  clientNet?: (c: Context<AppEnv>) => string | undefined;
}

export function registerMcpRoutes(app: Hono<AppEnv>, deps: McpRouteDeps): void {
  if (deps.allowedOrigins.length > 0) {
    app.use(
      '/mcp',
      cors({
        origin: [...deps.allowedOrigins],
        allowMethods: ['POST', 'OPTIONS'],
        allowHeaders: ['Content-Type', 'Authorization', 'Accept', SESSION_HEADER, MCP_SESSION_HEADER, 'Mcp-Protocol-Version'],
        exposeHeaders: [MCP_SESSION_HEADER, SESSION_HEADER, 'X-Request-Id', 'Retry-After'],
        maxAge: 600,
      }),
    );
  }

  app.post('/mcp', async (c) => {
    const shopper = mcpShopper(c);
    c.set('shopper', shopper);
    setReplyHeader(c, SESSION_HEADER, shopper.sessionId);
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw badRequest('Request body must be a JSON-RPC message (JSON)');
    }
    for (let n = toolCalls(body); n > 0; n--) await deps.takeMessage(c);
    const res = await deps.mcp.handle(c.req.raw, { shopper, ...(await clientDigests(deps.clientIp?.(c), deps.clientNet?.(c))), body });
    const out = new Response(res.body, res);
    out.headers.set(MCP_SESSION_HEADER, shopper.sessionId);
    return out;
  });

  // Stateless: no server-initiated stream to open, no server-side session to end.
  app.on(['GET', 'DELETE'], '/mcp', (c) => c.body(null, 405, { Allow: 'POST' }));
}

/** An explicit X-Tailor-Session wins; otherwise the Mcp-Session-Id handed out earlier is the session. */
function mcpShopper(c: Context<AppEnv>): Shopper {
  const shopper = c.get('shopper');
  if (isValidSessionId(c.req.header(SESSION_HEADER))) return shopper;
  // A client that also sets the header itself sends it twice ("s_…, s_…"): the same id counts once.
  const offered = [...new Set((c.req.header(MCP_SESSION_HEADER) ?? '').split(',').map((s) => s.trim()))];
  return offered.length === 1 && isValidSessionId(offered[0]) ? { ...shopper, sessionId: offered[0] } : shopper;
}

function toolCalls(body: unknown): number {
  return (Array.isArray(body) ? body : [body]).filter(
    (m) => typeof m === 'object' && m !== null && (m as { method?: unknown }).method === 'tools/call',
  ).length;
}
