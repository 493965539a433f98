// Item 8 — nothing written is left untold. A real server process on a fake model that creates a
// return label after the shopper's yes and then hangs on the next model call; kill -9 between
// the tool's write and the turn's commit. After a restart the label, its return_label_created
// event and a transcript line telling of it all exist.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { sleep, startServer, tempStore, type RunningServer } from '../support/server.js';
import { lastUserText, stepInTurn } from './support.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const SESSION = 's_security_crash_reconcile_01';
const SECRET = 'crash-reconcile-identity-secret-0123456789';

async function chat(url: string, token: string, message: string, conversationId?: string) {
  return fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Tailor-Session': SESSION, Authorization: `Bearer ${token}` },
    body: JSON.stringify({ message, conversationId }),
  });
}

const created = (fake: FakeOpenAI) =>
  fake.requests.some((r) => r.body.messages.some((m) => m.role === 'tool' && /"created":true/.test(String(m.content))));

describe('kill -9 between a tool write and the turn commit', () => {
  it('after restart: the label, its event and a transcript line telling of it all exist', async () => {
    const store = tempStore();
    cleanup.push(() => store.dispose());
    const fake = await startFakeOpenAI();
    cleanup.push(() => fake.close());
    fake.handle((body) => {
      const msg = lastUserText(body);
      const step = stepInTurn(body);
      if (/^RETURN/.test(msg))
        return step === 0
          ? { toolCalls: [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: false } }] }
          : { content: 'Shall I create the label?' };
      if (step === 0) return { toolCalls: [{ name: 'create_return_label', arguments: { orderNumber: '28473', confirm: true } }] };
      return { kind: 'hang' };
    });
    const env = {
      TAILOR_MODEL: 'openai:fake-model',
      OPENAI_API_KEY: 'sk-test-not-real',
      OPENAI_BASE_URL: fake.url,
      TAILOR_MODEL_TIMEOUT_MS: '120000',
      TAILOR_IDENTITY_SECRET: SECRET,
    };
    const s1: RunningServer = await startServer({ dbFile: store.dbFile, env });
    cleanup.push(async () => void (await s1.stop('SIGKILL')));
    const { signIdentityToken } = await import('../../src/http/identity.js');
    const token = (await signIdentityToken('c_marcus', SECRET, Date.now(), 3600)).token;

    const first = await chat(s1.url, token, 'RETURN order 28473');
    expect(first.status).toBe(200);
    const { conversationId } = (await first.json()) as { conversationId: string };

    const pending = chat(s1.url, token, 'yes please', conversationId).then(
      (r) => r.status,
      () => 'connection lost',
    );
    for (let i = 0; i < 200 && !created(fake); i++) await sleep(25);
    expect(created(fake)).toBe(true);
    s1.proc.kill('SIGKILL');
    expect((await s1.exited).signal).toBe('SIGKILL');
    expect(await pending).toBe('connection lost');

    const s2 = await startServer({ dbFile: store.dbFile, env: { TAILOR_IDENTITY_SECRET: SECRET } });
    cleanup.push(async () => void (await s2.stop('SIGKILL')));
    const db = new Database(store.dbFile, { readonly: true });
    try {
      const labels = db.prepare('select tracking_code t from return_labels where conversation_id = ?').all(conversationId) as Array<{
        t: string;
      }>;
      expect(labels.length).toBe(1);
      const events = db
        .prepare("select data from events where type = 'return_label_created' and conversation_id = ?")
        .all(conversationId) as Array<{ data: string }>;
      expect(events.length).toBe(1);
      expect(JSON.parse(events[0]!.data).trackingCode).toBe(labels[0]!.t);
      const lines = db
        .prepare("select content from messages where conversation_id = ? and role = 'assistant'")
        .all(conversationId) as Array<{ content: string }>;
      expect(lines.some((l) => l.content.includes(labels[0]!.t) && /28473/.test(l.content))).toBe(true);
      // The proposal was spent with the label: a second yes does not make another.
      const pending = db.prepare('select pending from conversations where id = ?').get(conversationId) as { pending: string | null };
      expect(pending.pending === null || pending.pending === 'null').toBe(true);
    } finally {
      db.close();
    }
    // The shopper sees it in the transcript after the restart.
    const t = await fetch(`${s2.url}/api/conversations/${conversationId}`, {
      headers: { Authorization: `Bearer ${token}`, 'X-Tailor-Session': SESSION },
    });
    expect(t.status).toBe(200);
    const transcript = (await t.json()) as { messages: Array<{ role: string; content: string }> };
    expect(transcript.messages.some((m) => m.role === 'assistant' && /interrupted/i.test(m.content) && /28473/.test(m.content))).toBe(true);
  }, 60_000);
});
