// Tailor under workerd: `wrangler dev` with a local D1 in a temp dir, migrations applied and the
// demo store seeded the documented way, a two-turn conversation with tool calls on the offline
// model over HTTP (JSON, then SSE), rated and found again through the admin review routes (their
// SQL run by D1), and the conversation read back from D1 itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../support/server.js';
import { d1Query, startSeededWorkerd, type SeededWorkerd, type WranglerDev } from '../support/wrangler.js';
import type { ChatJson } from '../support/tailor.js';

describe('the Worker bundle', () => {
  it('bundles every persona file, partial and experiment in prompts/', () => {
    const listed = readFileSync(join(repoRoot, 'src/worker-assets.ts'), 'utf8');
    const files = walk(join(repoRoot, 'prompts')).map((f) => relative(repoRoot, f).replace(/\\/g, '/'));
    expect(files.length).toBeGreaterThan(3);
    const missing = files.filter((f) => !listed.includes(`'../${f}'`) || !listed.includes(`'${f.slice('prompts/'.length)}'`));
    expect(missing, 'add these to src/worker-assets.ts').toEqual([]);
  });
});

const ADMIN = 'review-admin-token-1234';

describe('Tailor on workerd with a local D1', () => {
  let workerd: SeededWorkerd | null = null;
  let dev: WranglerDev | null = null;

  beforeAll(async () => {
    workerd = await startSeededWorkerd('tailor-workerd-', { TAILOR_ADMIN_TOKEN: ADMIN });
    dev = workerd.dev;
  }, 360_000);

  afterAll(async () => {
    await workerd?.stop();
  }, 30_000);

  it('holds a two-turn conversation with tool calls and stores it in D1', async () => {
    const url = dev!.url;
    const health = await (await fetch(`${url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', db: 'ok', model: 'offline' });

    const tokenRes = await fetch(`${url}/api/demo/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'marcus@example.com' }),
    });
    expect(tokenRes.status).toBe(200);
    const { token } = (await tokenRes.json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

    // Turn 1, JSON: an order lookup through the lookup_order tool.
    const r1 = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ message: 'where is my order 28473?' }),
    });
    const body1 = (await r1.json()) as ChatJson;
    expect(r1.status, JSON.stringify(body1)).toBe(200);
    expect(body1.model).toBe('offline');
    expect(body1.segment.id).toBe('repeat_buyer');
    expect(body1.toolCalls).toContainEqual(expect.objectContaining({ name: 'lookup_order', ok: true }));
    expect(body1.reply).toContain('28473');

    // Turn 2, SSE in the same conversation: a catalogue search, streamed out of workerd.
    const r2 = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { ...auth, Accept: 'text/event-stream' },
      body: JSON.stringify({ message: 'do you have red dresses under $150?', conversationId: body1.conversationId }),
    });
    expect(r2.status).toBe(200);
    expect(r2.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await r2.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('meta');
    expect(names).toContain('tool_result');
    expect(names.at(-1)).toBe('done');
    const done = events.at(-1)!.data as ChatJson;
    expect(done.conversationId).toBe(body1.conversationId);
    expect(done.toolCalls).toContainEqual(expect.objectContaining({ name: 'search_products', ok: true }));
    expect(done.reply.toLowerCase()).toContain('dress');

    // Read back through the API (owner only) ...
    const tr = await fetch(`${url}/api/conversations/${body1.conversationId}`, { headers: auth });
    expect(tr.status).toBe(200);
    const transcript = (await tr.json()) as { messages: Array<{ role: string; content: string }> };
    expect(transcript.messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual([
      'where is my order 28473?',
      'do you have red dresses under $150?',
    ]);

    // The operator's review on D1: a downvote, then the conversation in the downvoted list, its
    // transcript with the tool calls, and the A/B figures over the window.
    const rated = await fetch(`${url}/api/feedback`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ conversationId: body1.conversationId, messageId: done.messageId, rating: 'down' }),
    });
    expect(rated.status).toBeLessThan(300);
    const admin = { Authorization: `Bearer ${ADMIN}` };
    const list = await fetch(`${url}/api/admin/conversations?downvoted=true`, { headers: admin });
    const listed = (await list.json()) as { conversations: Array<Record<string, unknown>> };
    expect(list.status, JSON.stringify(listed)).toBe(200);
    expect(listed.conversations).toContainEqual(
      expect.objectContaining({ id: body1.conversationId, segment: 'repeat_buyer', turns: 2, feedback: { up: 0, down: 1 } }),
    );
    const one = await fetch(`${url}/api/admin/conversations/${body1.conversationId}`, { headers: admin });
    const review = JSON.stringify(await one.json());
    expect(one.status, review).toBe(200);
    expect(review).toContain('lookup_order');
    expect(review).toContain('search_products');
    const ab = await fetch(`${url}/api/admin/experiments?from=2020-01-01`, { headers: admin });
    expect(ab.status, await ab.clone().text()).toBe(200);
    expect(JSON.stringify(await ab.json())).toContain('repeat-buyer');

    // ... and straight from D1 once the Worker has stopped: the turns were committed there.
    await workerd!.stopDev();
    const persist = workerd!.persist;
    const id = body1.conversationId.replace(/'/g, "''");
    const conv = await d1Query(persist, `select customer_id, segment_id, model, turn_count from conversations where id = '${id}'`);
    expect(conv).toEqual([{ customer_id: 'c_marcus', segment_id: 'repeat_buyer', model: 'offline', turn_count: 2 }]);
    const rows = await d1Query(persist, `select turn, role, content from messages where conversation_id = '${id}' order by seq`);
    expect(rows.filter((r) => r.role === 'user').map((r) => r.content)).toEqual([
      'where is my order 28473?',
      'do you have red dresses under $150?',
    ]);
    expect(rows.some((r) => r.role === 'tool' && r.turn === 1 && String(r.content).includes('28473'))).toBe(true);
    expect(rows.some((r) => r.role === 'tool' && r.turn === 2)).toBe(true);
    expect(rows.filter((r) => r.role === 'assistant' && r.turn === 2).length).toBeGreaterThan(0);
  }, 120_000);
});

function parseSse(text: string): Array<{ event: string; data: unknown }> {
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split(/\r?\n/);
      const event =
        lines
          .find((l) => l.startsWith('event:'))
          ?.slice(6)
          .trim() ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).replace(/^ /, ''))
        .join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : /\.(md|ya?ml)$/.test(name) ? [full] : [];
  });
}
