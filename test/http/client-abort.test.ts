// A shopper who closes the page mid-turn stops the turn: the real Node server, a hosted model that
// never answers, and a client that gives up. The model request must be cancelled then (its
// connection closed), not left to run until the model's own timeout, for a JSON reply as for a
// stream.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempStore, type RunningServer, type TempStore } from '../support/server.js';

/** A Chat Completions endpoint that accepts every request and never answers; tells when each one's connection closes. */
async function stallingModel() {
  const open = new Set<ServerResponse>();
  let arrived = 0;
  const closed: number[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    const n = ++arrived;
    open.add(res);
    res.on('close', () => {
      open.delete(res);
      closed.push(n);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const until = async (what: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end;) {
      if (what()) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return what();
  };
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    arrived: () => arrived,
    closed,
    until,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('a client that goes away mid-turn cancels the model call', () => {
  let store: TempStore;
  let model: Awaited<ReturnType<typeof stallingModel>>;
  let server: RunningServer;

  beforeAll(async () => {
    store = tempStore();
    model = await stallingModel();
    server = await startServer({
      dbFile: store.dbFile,
      timeoutMs: 60_000,
      // The model's own timeout far beyond the test: only the client's leaving can end the call in time.
      env: {
        TAILOR_MODEL: 'openai:gpt-4o-mini',
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: model.baseURL,
        TAILOR_MODEL_TIMEOUT_MS: '60000',
      },
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await model?.close();
    store?.dispose();
  });

  for (const mode of ['JSON', 'SSE'] as const) {
    it(`${mode}: the model request's connection closes soon after the client's`, async () => {
      const before = model.arrived();
      const client = new AbortController();
      const asked = fetch(`${server.url}/api/chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(mode === 'SSE' ? { Accept: 'text/event-stream' } : {}) },
        body: JSON.stringify({ message: 'Do you ship to Canada?' }),
        signal: client.signal,
      }).then(
        // A stream's head comes first (with the meta event); a JSON reply's never does while the model hangs.
        (res) => res.status,
        (err: unknown) => (err as Error).name,
      );
      expect(await model.until(() => model.arrived() > before, 20_000)).toBe(true);
      const request = model.arrived();
      expect(model.closed).not.toContain(request);
      client.abort(); // also ends a stream's body that is being read
      expect(await asked).toBe(mode === 'SSE' ? 200 : 'AbortError');
      expect(await model.until(() => model.closed.includes(request), 5_000)).toBe(true);
      // And the turn did not go on to ask again, nor count the shopper's leaving as a server error.
      await new Promise((r) => setTimeout(r, 300));
      expect(model.arrived()).toBe(request);
      expect(server.output()).not.toMatch(/"level":"error"/);
    }, 40_000);
  }
});
