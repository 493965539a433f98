// Durability of the real Node process: kill -9 in the middle of a turn loses at most that turn
// and never corrupts the conversation; after a restart the conversation continues. SIGTERM lets
// a turn in flight finish and commit before the process exits.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  sleep,
  startFakeUpstream,
  startServer,
  tempStore,
  type FakeUpstream,
  type RunningServer,
  type TempStore,
} from '../support/server.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function track(store: TempStore, ...servers: RunningServer[]) {
  cleanup.push(() => store.dispose());
  for (const s of servers) cleanup.push(async () => void (await s.stop('SIGKILL')));
}

const SESSION = 's_durability_session_01';

async function chat(url: string, message: string, conversationId?: string) {
  return fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tailor-Session': SESSION },
    body: JSON.stringify({ message, conversationId }),
  });
}

async function transcript(url: string, id: string) {
  const res = await fetch(`${url}/api/conversations/${id}`, { headers: { 'X-Tailor-Session': SESSION } });
  expect(res.status).toBe(200);
  return (await res.json()) as { messages: Array<{ role: string; content: string }> };
}

function upstreamEnv(up: FakeUpstream): Record<string, string> {
  return {
    TAILOR_MODEL: 'openai:fake-model',
    OPENAI_API_KEY: 'sk-test-not-a-real-key',
    OPENAI_BASE_URL: up.baseURL,
    TAILOR_MODEL_TIMEOUT_MS: '120000',
  };
}

describe('durability', () => {
  it('kill -9 mid-turn: the conversation is intact after a restart and the next turn works', async () => {
    const store = tempStore();
    cleanup.push(() => store.dispose());

    // Turn 1 on the offline model.
    const s1 = await startServer({ dbFile: store.dbFile });
    track(store, s1);
    const first = await chat(s1.url, 'do you have red dresses under $150?');
    expect(first.status).toBe(200);
    const { conversationId } = (await first.json()) as { conversationId: string };
    expect(await s1.stop('SIGTERM')).toBe(0);

    // Turn 2 against an upstream that asks for a tool, then never answers the follow-up.
    const up = await startFakeUpstream((i) =>
      i === 0 ? { toolCall: { name: 'search_products', args: { query: 'blue dress' } } } : { stall: true },
    );
    cleanup.push(() => up.close());
    const s2 = await startServer({ dbFile: store.dbFile, env: upstreamEnv(up) });
    track(store, s2);
    const pending = chat(s2.url, 'and something in blue?', conversationId).then(
      (r) => r.status,
      () => 'connection lost',
    );
    await up.waitForRequests(2); // the tool ran; the model is now "thinking" forever
    s2.proc.kill('SIGKILL');
    expect((await s2.exited).signal).toBe('SIGKILL');
    expect(await pending).toBe('connection lost');

    // Nothing of the interrupted turn is stored, and the file is sound.
    const db = new Database(store.dbFile, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('select turn_count as n from conversations where id = ?').get(conversationId)).toEqual({ n: 1 });
      expect(db.prepare('select count(*) as n from turns where conversation_id = ?').get(conversationId)).toEqual({ n: 1 });
      expect(db.prepare('select count(*) as n from messages where conversation_id = ? and turn <> 1').get(conversationId)).toEqual({
        n: 0,
      });
    } finally {
      db.close();
    }

    // Restart on the offline model: the transcript is turn 1 exactly; the conversation goes on.
    const s3 = await startServer({ dbFile: store.dbFile });
    track(store, s3);
    const before = await transcript(s3.url, conversationId);
    expect(before.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(before.messages[0]!.content).toBe('do you have red dresses under $150?');
    const next = await chat(s3.url, 'what about shoes in 39?', conversationId);
    expect(next.status).toBe(200);
    expect(((await next.json()) as { conversationId: string }).conversationId).toBe(conversationId);
    const after = await transcript(s3.url, conversationId);
    expect(after.messages.map((m) => m.content).filter((_, i) => i % 2 === 0)).toEqual([
      'do you have red dresses under $150?',
      'what about shoes in 39?',
    ]);
    expect(await s3.stop('SIGTERM')).toBe(0);
  }, 120_000);

  it('SIGTERM: stops accepting, lets the turn in flight finish and commit, exits 0', async () => {
    const store = tempStore();
    cleanup.push(() => store.dispose());
    const up = await startFakeUpstream(() => ({ delayMs: 1500, text: 'Here is a slow but complete answer.' }));
    cleanup.push(() => up.close());
    const s = await startServer({ dbFile: store.dbFile, env: upstreamEnv(up) });
    track(store, s);
    expect(s.output()).toMatch(/model: openai:fake-model, fallback: offline/);

    const pending = chat(s.url, 'tell me about your shipping');
    await up.waitForRequests(1);
    s.proc.kill('SIGTERM');
    // New connections are refused while the turn (upstream answers after 1.5 s) finishes.
    let refused = false;
    for (let i = 0; i < 20 && !refused; i++) {
      refused = await fetch(`${s.url}/api/health`).then(
        (r) => (void r.arrayBuffer(), false),
        () => true,
      );
      if (!refused) await sleep(50);
    }
    expect(refused).toBe(true);
    const res = await pending;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conversationId: string; reply: string; model: string };
    expect(body.reply).toContain('slow but complete');
    expect((await s.exited).code).toBe(0);

    const s2 = await startServer({ dbFile: store.dbFile });
    track(store, s2);
    const t = await transcript(s2.url, body.conversationId);
    expect(t.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(t.messages[1]!.content).toContain('slow but complete');
  }, 120_000);

  it('a failing upstream: the shopper still gets an answer from the offline model, and metrics count the fallback', async () => {
    const store = tempStore();
    cleanup.push(() => store.dispose());
    const up = await startFakeUpstream(() => ({ status: 500 }));
    cleanup.push(() => up.close());
    const s = await startServer({ dbFile: store.dbFile, env: { ...upstreamEnv(up), TAILOR_ADMIN_TOKEN: 'durability-admin-token' } });
    track(store, s);
    const res = await chat(s.url, 'what is your return policy?');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reply: string; model: string };
    expect(body.model).toBe('offline (fallback)');
    expect(body.reply).toMatch(/30 days/);
    expect(up.requests.length).toBeGreaterThan(1); // retried before giving up
    const m = (await (
      await fetch(`${s.url}/api/admin/metrics`, { headers: { Authorization: 'Bearer durability-admin-token' } })
    ).json()) as {
      totals: { modelFallbacks: number; turns: number };
      modelFailures: { sinceStart: { fallbacks: number; byCause: Record<string, number> } };
    };
    expect(m.totals).toMatchObject({ turns: 1, modelFallbacks: 1 });
    expect(m.modelFailures.sinceStart.fallbacks).toBe(1);
    expect(m.modelFailures.sinceStart.byCause.server_error).toBe(1);
  }, 120_000);
});
