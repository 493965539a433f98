// The Node database adapter under the server's write pattern: compiled write templates, the
// statement cache, and WAL checkpoints run from a worker thread.
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { conversations, events, messages, writeRowsTemplate, writeTemplate } from '../../src/db/index.js';
import { openNodeDb } from '../../src/db/node.js';
import { tempDbsPerTest } from '../support/db.js';
import { randomIds } from '../../src/http/compose.js';

const open = tempDbsPerTest();
const conversation = (id: string) => ({
  id,
  sessionId: 's_1',
  segmentId: 'new-visitor',
  ruleId: 'default',
  personaId: 'new-visitor',
  personaVersion: 'v1',
  model: 'offline',
  createdAt: 1,
  updatedAt: 1,
});

describe('writeTemplate', () => {
  it('maps values the way drizzle does (JSON, booleans) and compiles the SQL once', async () => {
    const h = open();
    await h.db.insert(conversations).values(conversation('conv_1'));
    const ph = sql.placeholder;
    const build = () =>
      writeTemplate<{ id: string; optOut: boolean; pending: unknown }>(h.db, 'test.update', (d) =>
        d
          .update(conversations)
          .set({ optOut: ph('optOut'), pending: ph('pending') } as never)
          .where(eq(conversations.id, ph('id'))),
      );
    const a = build()({ id: 'conv_1', optOut: true, pending: { action: 'return_label', order: '28473' } });
    expect(a.params).toEqual([1, JSON.stringify({ action: 'return_label', order: '28473' }), 'conv_1']);
    expect(build()).toBe(build()); // one compiled template per db and key
    await h.atomic([a]);
    const [row] = await h.db.select().from(conversations).where(eq(conversations.id, 'conv_1'));
    expect(row).toMatchObject({ optOut: true, pending: { action: 'return_label', order: '28473' } });
    const insertEvent = writeTemplate<Record<string, unknown>>(h.db, 'test.event', (d) =>
      d.insert(events).values({ id: ph('id'), type: ph('type'), data: ph('data'), createdAt: ph('createdAt') }),
    );
    expect(() => insertEvent({ id: 'evt_1', type: 'x', createdAt: 1 })).toThrow(/no value for "data"/);
  });

  it('a failing statement rolls back the whole batch', async () => {
    const h = open();
    await h.db.insert(conversations).values(conversation('conv_1'));
    const msg = (id: string, seq: number) =>
      h.db.insert(messages).values({ id, conversationId: 'conv_1', turn: 1, seq, role: 'user', content: 'hi', createdAt: 1 });
    await expect(h.atomic([msg('m1', 1), msg('m2', 1)])).rejects.toThrow(/UNIQUE/);
    expect(await h.db.select().from(messages)).toEqual([]);
  });
});

describe('writeRowsTemplate', () => {
  const columns = ['id', 'conversationId', 'turn', 'seq', 'role', 'content', 'toolCalls', 'toolCallId', 'toolName', 'createdAt'] as const;
  type Msg = Record<(typeof columns)[number], unknown>;
  const rowsOf = (n: number, from = 1): Msg[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `m${from + i}`,
      conversationId: 'conv_1',
      turn: 1,
      seq: from + i,
      role: i % 2 ? 'assistant' : 'user',
      content: `message ${from + i}`,
      toolCalls: i % 2 ? [{ id: `call_${i}`, name: 'lookup_order', args: { orderNumber: '28473' } }] : null,
      toolCallId: null,
      toolName: null,
      createdAt: 10 + i,
    }));
  const template = (h: ReturnType<typeof open>) =>
    writeRowsTemplate<Msg>(h.db, 'test.messages', columns, (d, rows) => d.insert(messages).values(rows));

  it('inserts rows several to a statement, at most 100 bound values each, mapped as drizzle maps them', async () => {
    const h = open();
    await h.db.insert(conversations).values(conversation('conv_1'));
    const insert = template(h);
    const four = insert(rowsOf(4));
    expect(four).toHaveLength(1); // one statement for a turn's four messages
    expect(four[0]!.params).toHaveLength(40);
    const many = insert(rowsOf(23, 5));
    expect(many.map((st) => st.params.length)).toEqual([100, 100, 30]); // D1 binds at most 100 values a statement
    await h.atomic([...four, ...many]);
    const stored = await h.db.select().from(messages).orderBy(messages.seq);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    expect(stored[1]).toMatchObject({
      id: 'm2',
      role: 'assistant',
      toolCalls: [{ id: 'call_1', name: 'lookup_order', args: { orderNumber: '28473' } }],
    });
    expect(stored[0]).toMatchObject({ id: 'm1', role: 'user', content: 'message 1', toolCalls: null, createdAt: 10 });
    expect(() => insert([{ ...rowsOf(1)[0]!, content: undefined }])).toThrow(/no value for "content" in row 1/);
  });

  it('stores none of the rows when one of them fails', async () => {
    const h = open();
    await h.db.insert(conversations).values(conversation('conv_1'));
    const rows = rowsOf(3);
    rows[2]!.seq = 1; // the unique (conversation, seq) index refuses the third row
    await expect(h.atomic(template(h)(rows))).rejects.toThrow(/UNIQUE/);
    expect(await h.db.select().from(messages)).toEqual([]);
  });
});

describe('statement cache', () => {
  it('hands out one compiled statement per SQL text, in object mode even after drizzle used it raw', async () => {
    const h = open();
    await h.db.insert(conversations).values(conversation('conv_1'));
    const text = 'select id, model from conversations where id = ?';
    const a = h.sqlite.prepare(text);
    expect(h.sqlite.prepare(text)).toBe(a);
    expect(a.raw().get('conv_1')).toEqual(['conv_1', 'offline']);
    expect(h.sqlite.prepare(text).get('conv_1')).toEqual({ id: 'conv_1', model: 'offline' });
    // drizzle's own selects (raw mode) and plain reads of the same table keep working side by side
    expect(await h.db.select({ id: conversations.id }).from(conversations)).toEqual([{ id: 'conv_1' }]);
    expect(h.sqlite.prepare('select id from conversations').all()).toEqual([{ id: 'conv_1' }]);
  });
});

describe('background checkpoints', () => {
  const write = (h: ReturnType<typeof open>, i: number) =>
    h.atomic([
      h.db
        .insert(messages)
        .values({ id: `m${i}`, conversationId: 'conv_1', turn: i, seq: i, role: 'user', content: 'x'.repeat(3000), createdAt: i }),
    ]);
  // NOOP reads the log's length without checkpointing anything.
  const logOf = (h: ReturnType<typeof open>) => (h.sqlite.pragma('wal_checkpoint(NOOP)') as Array<{ log: number }>)[0]!.log;

  it('rewind the write-ahead log from the worker thread under steady writes, and nothing is lost on close', async () => {
    // No inline limit here: only the worker can bring the log back. It is given time, not a deadline
    // per write, so a CPU-starved worker on a busy machine makes this slower, not red.
    const h = open({ backgroundCheckpoints: true, walLimitPages: 1_000_000_000 });
    await h.db.insert(conversations).values(conversation('conv_1'));
    let longest = 0;
    let rewound = false;
    const until = Date.now() + 30_000;
    let i = 0;
    for (; i < 4000 || (!rewound && Date.now() < until); i++) {
      await write(h, i);
      const log = logOf(h);
      if (log < longest) rewound = true;
      longest = Math.max(longest, log);
      await new Promise((r) => setImmediate(r));
    }
    expect(rewound).toBe(true);
    await h.close();
    const again = openNodeDb(h.file);
    expect((await again.db.select().from(messages)).length).toBe(i);
    await again.close();
  }, 60_000);

  it('keep the log under the inline limit whatever the worker does', async () => {
    // The worker is taken out of the picture (it would tick once an hour): the commit that crosses
    // the limit checkpoints inline, and the next one starts the log again.
    const h = open({ backgroundCheckpoints: true, walLimitPages: 3000, checkpointIntervalMs: 3_600_000 });
    await h.db.insert(conversations).values(conversation('conv_1'));
    expect(h.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(3000);
    let longest = 0;
    for (let i = 0; i < 4000; i++) {
      await write(h, i);
      longest = Math.max(longest, logOf(h));
    }
    expect(longest).toBeGreaterThan(2900);
    expect(longest).toBeLessThan(3010);
  }, 60_000);
});

describe('ids', () => {
  it('are unique, carry their kind and sort by creation time', async () => {
    const first = Array.from({ length: 1000 }, () => randomIds('msg'));
    await new Promise((r) => setTimeout(r, 5));
    const later = randomIds('msg');
    expect(new Set(first).size).toBe(1000);
    for (const id of first) expect(id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(first.every((id) => id < later)).toBe(true);
  });

  it('carry their creation time in their first twelve hex digits, and 80 random bits after it', () => {
    const before = Date.now();
    const ids = Array.from({ length: 600 }, () => randomIds('evt'));
    const after = Date.now();
    for (const id of ids) {
      const at = parseInt(id.slice(4, 16), 16);
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
    }
    // Every hex digit of the random part takes many values across ids (none is stuck, e.g. a padding zero).
    for (let d = 16; d < 36; d++) expect(new Set(ids.map((id) => id[d])).size, `digit ${d}`).toBeGreaterThan(8);
  });
});
