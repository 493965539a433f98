// Editing segments while serving: the recency criterion (a win-back segment in one rule), and
// data/segments.yaml hot-reloaded on Node together with the prompts — a new segment and its
// persona go live without a restart; a broken edit answers non-200 and keeps the last good
// version; on Workers the reload says plainly that the files are bundled.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfflineProvider } from '../../src/agent/offline/index.js';
import { customers, orders } from '../../src/db/index.js';
import { seedDemoStore } from '../../src/db/seed/index.js';
import { createTailor, type Tailor } from '../../src/http/compose.js';
import { createApp } from '../../src/http/index.js';
import { createBundledPersonaSource, SAMPLE_CONTEXT } from '../../src/personas/index.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { nodeSegmentRulesSource } from '../../src/segments/node.js';
import { tempDb } from '../support/db.js';
import { NOW, daysAgo, oneRule, useStore } from './store.js';

describe('lastOrder: recency over all orders, whatever the timeFrame', () => {
  const open = useStore();

  it('"no order in 180 days" is one rule, with a readable reason', async () => {
    const store = await (
      await (await (await open().customer('lapsed')).customer('recent')).customer('never')
    ).orders('lapsed', [{ at: daysAgo(400) }, { at: daysAgo(200) }]);
    await store.orders('recent', [{ at: daysAgo(300) }, { at: daysAgo(10) }]);
    const s = store.segmenter(oneRule('lastOrder: { olderThanDays: 180 }'));
    const day = new Date(daysAgo(200)).toISOString().slice(0, 10);
    expect((await s.segment({ customerId: 'lapsed', sessionId: 'x' })).segment).toEqual({
      id: 'matched',
      rule: 'under-test',
      reasons: [`last order ${day} (over 180 days ago)`],
    });
    expect((await s.segment({ customerId: 'recent', sessionId: 'x' })).segment).toMatchObject({ id: 'fallback' });
    // Never ordered: no last order, so not "lapsed".
    expect((await s.segment({ customerId: 'never', sessionId: 'x' })).segment).toMatchObject({ id: 'fallback' });
  });

  it('combines with a time frame on the order count without the frame narrowing it', async () => {
    const store = await (await open().customer('c1')).orders('c1', [{ at: daysAgo(300) }, { at: daysAgo(250) }, { at: daysAgo(200) }]);
    const s = store.segmenter(oneRule('orders: { min: 3 }\ntimeFrame: { lastDays: 365 }\nlastOrder: { olderThanDays: 180 }'));
    expect((await s.segment({ customerId: 'c1', sessionId: 'x' })).segment).toMatchObject({
      id: 'matched',
      reasons: ['3 orders ≥ 3 in the last 365 days', expect.stringMatching(/^last order .* \(over 180 days ago\)$/)],
    });
  });

  it('a misspelt recency field names the allowed ones', () => {
    expect(() => store().segmenter(oneRule('lastOrder: { olderThan: 180 }'))).toThrow(
      /field "when.lastOrder.olderThan": unknown field \(allowed: withinDays, olderThanDays, from, to\)/,
    );
  });
  const store = open;
});

const ADMIN = 'admin-token-for-reload-tests';
const WIN_BACK_RULE = `  - id: lapsed-customers
    segment: win_back
    description: Ordered before, but not in the last 180 days.
    when:
      lastOrder: { olderThanDays: 180 }

`;

describe('hot reload of data/segments.yaml with the prompts (Node)', () => {
  let dir: string;
  let db: ReturnType<typeof tempDb>;
  let tailor: Tailor;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tailor-rules-reload-'));
    cpSync('prompts', join(dir, 'prompts'), { recursive: true });
    cpSync('data/segments.yaml', join(dir, 'segments.yaml'));
    db = tempDb();
    await seedDemoStore(db.db, { now: NOW });
    const rulesSource = nodeSegmentRulesSource(join(dir, 'segments.yaml'));
    tailor = await createTailor({
      db: db.db,
      atomic: db.atomic,
      rules: rulesSource.load(),
      rulesSource,
      personaSource: nodePersonaSource(join(dir, 'prompts')),
      provider: createOfflineProvider(),
      now: () => NOW,
      watchPersonas: true,
    });
    app = makeApp(tailor, db);
  });
  afterEach(async () => {
    tailor.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const reload = () => app.request('/api/admin/personas/reload', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } });
  const addWinBack = () => {
    const file = join(dir, 'segments.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('rules:\n', `rules:\n${WIN_BACK_RULE}`));
  };
  const winBackPersona = () =>
    writeFileSync(
      join(dir, 'prompts', 'win-back.md'),
      readFileSync(join(dir, 'prompts', 'repeat-buyer.md'), 'utf8')
        .replace('id: repeat-buyer', 'id: win-back')
        .replace('segments: [repeat_buyer]', 'segments: [win_back]'),
    );

  it('a new segment and its persona are served after the save, without a restart', async () => {
    await db.db
      .insert(customers)
      .values({ id: 'c_lapsed', email: 'lapsed@example.com', firstName: 'Lee', lastName: 'Lapsed', createdAt: daysAgo(900) });
    await db.db
      .insert(orders)
      .values({ id: 'o_lapsed', number: '77001', customerId: 'c_lapsed', status: 'delivered', totalCents: 9000, createdAt: daysAgo(240) });
    winBackPersona();
    addWinBack();
    const segment = await until(
      async () => (await tailor.segmenter.segment({ customerId: 'c_lapsed', sessionId: 's_lapsed' })).segment,
      (s) => s.id === 'win_back',
    );
    expect(segment.rule).toBe('lapsed-customers');
    const persona = tailor.personas.resolve({ segment, optOut: false, subjectId: 'c_lapsed', context: SAMPLE_CONTEXT });
    expect(persona.id).toBe('win-back');
    const res = await reload();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, errors: [] });
  });

  it('a broken rules file answers 400 with the file and line, and keeps the last good rules', async () => {
    writeFileSync(
      join(dir, 'segments.yaml'),
      readFileSync(join(dir, 'segments.yaml'), 'utf8').replace('orders: { min: 5 }', 'orders: { mni: 5 }'),
    );
    const res = await reload();
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; errors: string[]; error: { code: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('bad_request');
    expect(body.errors[0]).toMatch(/segments\.yaml:\d+: rule "orders-5-plus" field "when.orders.mni": unknown field/);
    expect(tailor.segmenter.rules.segments).toEqual(['vip', 'new_visitor', 'repeat_buyer']);
  });

  it('new rules whose segment a persona cannot serve yet are refused as a whole', async () => {
    winBackPersona();
    const res = await reload();
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: string[] }).errors.join('\n')).toMatch(/win-back\.md:\d+: unknown segment "win_back"/);
  });
});

describe('reload on Workers', () => {
  it('answers 400 saying the prompts are bundled at build time', async () => {
    const db = tempDb();
    const files = await nodePersonaSource('prompts').read();
    const rules = nodeSegmentRulesSource('data/segments.yaml').load();
    const tailor = await createTailor({
      db: db.db,
      atomic: db.atomic,
      rules,
      personaSource: createBundledPersonaSource(files),
      provider: createOfflineProvider(),
    });
    try {
      const res = await makeApp(tailor, db).request('/api/admin/personas/reload', {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}` },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { ok: boolean; error: { message: string } };
      expect(body.ok).toBe(false);
      expect(body.error.message).toMatch(/bundled into the Worker at build time .*nothing was reloaded/);
    } finally {
      tailor.close();
      await db.dispose();
    }
  });
});

function makeApp(tailor: Tailor, db: ReturnType<typeof tempDb>) {
  return createApp({
    config: {
      identitySecret: 'reload-test-secret-0123456789',
      adminToken: ADMIN,
      demo: false,
      demoShoppers: [],
      allowedOrigins: [],
      rate: { sessionPerMin: 0, ipPerMin: 0 },
    },
    chat: tailor.chat,
    db: db.db,
    now: tailor.now,
    ids: tailor.ids,
    modelName: 'offline',
    personas: { reload: tailor.reload },
  });
}

async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() - start > timeoutMs) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}
