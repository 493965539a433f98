// What a chat server keeps loaded: the modules of routes a chat never takes (store webhooks, the
// admin review, the demo page and widget script) and the demo store's seed load on first use, not
// at startup, the OpenTelemetry API only when a collector is configured (spans are recorded), and
// the YAML parser is never imported as a module (core/yaml.ts borrows it for each read, then lets go). Whatever a server loads stays on its heap for good, and V8 sizes the heap at several
// times what survives its collections, so every module loaded for nothing costs peak memory. The
// real Node server (src/node.ts) on a seeded store, a hosted model answering JSON turns, and a
// log of every module the process resolves (test/support/module-log.mjs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/db/node.js';
import { seedDemoStore } from '../../src/db/seed/index.js';
import { startFakeUpstream, startServer, tempStore, type FakeUpstream, type RunningServer, type TempStore } from '../support/server.js';

const LOG = fileURLToPath(new URL('../support/module-log.mjs', import.meta.url));
const LAZY = ['src/store-sync/', 'src/review/', 'src/web/', 'src/db/seed/', 'node_modules/@opentelemetry/', 'node_modules/yaml/'];

let store: TempStore;
let model: FakeUpstream;
let server: RunningServer;
let logFile: string;

const loaded = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n') : []);
const loadedFrom = (dir: string) => loaded().filter((url) => url.includes(`/${dir}`));

beforeAll(async () => {
  store = tempStore();
  logFile = join(store.dir, 'modules.log');
  const seeded = openNodeDb(store.dbFile);
  await seedDemoStore(seeded.db, { now: Date.now() });
  await seeded.close();
  model = await startFakeUpstream(() => ({ text: 'Happy to help.' }));
  server = await startServer({
    dbFile: store.dbFile,
    nodeArgs: ['--import', 'tsx', '--import', LOG],
    env: {
      TAILOR_MODEL: 'openai:gpt-4o-mini',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: model.baseURL,
      TAILOR_TEST_MODULE_LOG: logFile,
    },
    timeoutMs: 60_000,
  });
}, 90_000);
afterAll(async () => {
  await server?.stop('SIGTERM');
  await model?.close();
  store?.dispose();
});

describe('modules a chat server loads', () => {
  it('answers a JSON turn without loading store sync, the review queries, the web pages, the seed, OpenTelemetry or a kept YAML parser', async () => {
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'Where is my order 28473?' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { reply: string }).reply).toBe('Happy to help.');
    expect(loadedFrom('src/chat/').length).toBeGreaterThan(0); // the log sees the server's own modules
    for (const dir of LAZY) expect(loadedFrom(dir), dir).toEqual([]);
  });

  it('loads the widget script on its first request, and serves it', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toMatch(/Tailor chat widget/);
    expect(loadedFrom('src/web/').length).toBeGreaterThan(0);
  });
});
