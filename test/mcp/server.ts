// The real app over a real socket (127.0.0.1, a free port) with its MCP server, on a migrated
// SQLite file seeded with the demo store; MCP clients are the SDK's own Client and transport.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createLogger } from '../../src/core/index.js';
import { createApp, signIdentityToken, type AppConfig } from '../../src/http/index.js';
import { findCustomerByEmail } from '../../src/shop/index.js';
import { DEFAULT_DEMO_SHOPPERS } from '../../src/config.js';
import { demoTailor } from '../support/tailor.js';

export const SECRET = 'mcp-test-identity-secret-0123456789';

export interface McpServerFixture {
  url: string;
  db: Awaited<ReturnType<typeof demoTailor>>['db'];
  logs: string[];
  /** A storefront token for a demo shopper by email. */
  token(email: string): Promise<string>;
  /** A connected SDK client: with a token or anonymous; `sessionId` resumes an MCP session (no initialize). */
  client(opts?: {
    token?: string;
    headers?: Record<string, string>;
    sessionId?: string;
  }): Promise<{ client: Client; transport: StreamableHTTPClientTransport }>;
  close(): Promise<void>;
}

export async function startMcpServer(rate: AppConfig['rate'] = { sessionPerMin: 0, ipPerMin: 0 }): Promise<McpServerFixture> {
  const logs: string[] = [];
  const logger = createLogger('debug', (l) => logs.push(l));
  const { db, tailor } = await demoTailor({ logger });
  const app = createApp({
    config: { identitySecret: SECRET, adminToken: null, demo: true, demoShoppers: [...DEFAULT_DEMO_SHOPPERS], allowedOrigins: [], rate },
    chat: tailor.chat,
    mcp: tailor.mcp,
    db: db.db,
    now: tailor.now,
    ids: tailor.ids,
    modelName: 'offline',
    personas: tailor.personas,
    logger,
    clientIp: (c) => getConnInfo(c).remote.address,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: Client[] = [];
  return {
    url,
    db,
    logs,
    async token(email) {
      const customer = await findCustomerByEmail(db.db, email);
      if (!customer) throw new Error(`no demo customer ${email}`);
      return (await signIdentityToken(customer.id, SECRET, Date.now(), 3600)).token;
    },
    async client(opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
      const client = new Client({ name: 'test-agent', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { requestInit: { headers }, sessionId: opts.sessionId });
      await client.connect(transport);
      clients.push(client);
      return { client, transport };
    },
    async close() {
      for (const c of clients) await c.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      tailor.close();
      await db.dispose();
    },
  };
}
