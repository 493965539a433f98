// `npm start` runs the compiled server (`npm run build` → dist/node.js) with plain node, no
// TypeScript loader. The compiled tree must find everything the source tree finds from its own
// location: the migrations (a fresh database is created), the NLU model (the offline assistant
// understands), the widget script and the persona files; and a rebuild leaves nothing stale.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, OUT_DIR, serverModules } from '../../src/cli/build.js';
import { repoRoot, startServer, tempStore, type RunningServer, type TempStore } from '../support/server.js';
import type { ChatJson } from '../support/tailor.js';

let store: TempStore;
let server: RunningServer;
let built: { modules: number };

beforeAll(async () => {
  // A leftover from an older build: a module since deleted from src/.
  mkdirSync(join(repoRoot, OUT_DIR, 'gone'), { recursive: true });
  writeFileSync(join(repoRoot, OUT_DIR, 'gone', 'old.js'), 'throw new Error("stale");\n');
  built = await buildServer(repoRoot);
  store = tempStore();
  server = await startServer({ dbFile: store.dbFile, built: true, timeoutMs: 60_000 });
}, 90_000);
afterAll(async () => {
  expect(await server.stop('SIGTERM')).toBe(0);
  store.dispose();
});

describe('the compiled server (npm start)', () => {
  it('compiles every server module and nothing stale survives a rebuild', () => {
    const modules = serverModules(repoRoot);
    expect(built.modules).toBe(modules.length);
    expect(modules).toContain('src/node.ts');
    expect(modules.some((m) => m.startsWith('src/web/widget/'))).toBe(false);
    for (const m of ['node.js', 'db/node.js', 'agent/offline/nlu/default-model.js'])
      expect(existsSync(join(repoRoot, OUT_DIR, m))).toBe(true);
    expect(existsSync(join(repoRoot, OUT_DIR, 'gone'))).toBe(false);
  });

  it('starts on a fresh database and serves a turn the offline model understands', async () => {
    expect(server.output()).toMatch(/listening on http:\/\/\S+/);
    const res = await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'do you have any linen shirts?' }),
    });
    expect(res.status).toBe(200);
    const turn = (await res.json()) as ChatJson;
    expect(turn.persona.id).toBe('new-visitor');
    expect(turn.toolCalls.map((t) => t.name)).toContain('search_products');
    expect(turn.reply).toMatch(/linen/i);
  });

  it('serves the widget script', async () => {
    const res = await fetch(`${server.url}/widget.js`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Tailor chat widget');
  });
});
