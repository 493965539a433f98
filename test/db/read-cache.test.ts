// Reads kept between turns (db/read-cache.ts) on a real SQLite file: the persona context, the
// segment profile and "may this customer act" are served again only while nothing they were
// read from has changed — written through the atomic seam, by a plain drizzle call, or by another
// connection — and for a bounded time.
import { describe, expect, it, vi } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { customers, orders } from '../../src/db/index.js';
import { openNodeDb } from '../../src/db/node.js';
import { seedDemoStore } from '../../src/db/seed/index.js';
import { buildPersonaContext } from '../../src/personas/index.js';
import { customerExists } from '../../src/shop/index.js';
import { createSegmenter } from '../../src/segments/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { recordSession } from '../../src/chat/store.js';
import { repoRoot } from '../support/server.js';
import { tempDbsPerTest } from '../support/db.js';
import { join } from 'node:path';

const open = tempDbsPerTest();
const NOW = Date.UTC(2026, 11, 6, 12);
const marcus = { sessionId: 's_cache_1', customerId: 'c_marcus', verified: true, via: 'token' as const };

async function seeded(readCache: boolean) {
  const h = open({ readCache });
  await seedDemoStore(h.db, { now: NOW });
  return h;
}

const context = (h: { db: Parameters<typeof buildPersonaContext>[0] }, now = NOW) => buildPersonaContext(h.db, { shopper: marcus, now });

describe('kept reads on the server handle', () => {
  it('serves the same persona context again until a table it reads is written, however it is written', async () => {
    const h = await seeded(true);
    const first = await context(h);
    expect(first.firstName).toBe('Marcus');
    expect(await context(h)).toBe(first); // kept: not read again

    // A plain drizzle write (no atomic seam).
    await h.db.update(customers).set({ firstName: 'Marc' }).where(eq(customers.id, 'c_marcus'));
    const renamed = await context(h);
    expect(renamed.firstName).toBe('Marc');

    // Through the atomic seam (group commit): the newest order changes status.
    const [newest] = await h.db.select().from(orders).where(eq(orders.customerId, 'c_marcus')).orderBy(desc(orders.createdAt)).limit(1);
    const next = newest!.status === 'cancelled' ? 'delivered' : 'cancelled';
    await h.atomic([h.db.update(orders).set({ status: next }).where(eq(orders.id, newest!.id))]);
    const after = await context(h);
    expect(after.recentOrders[0]).toMatchObject({ number: newest!.number, status: next });

    // Another connection to the same file (a CLI, a second process).
    const other = openNodeDb(h.file);
    await other.db.update(customers).set({ loyaltyPoints: 4321 }).where(eq(customers.id, 'c_marcus'));
    await other.close();
    expect((await context(h)).loyaltyPoints).toBe(4321);
  });

  it("sees another connection's commit as soon as the turn's own version check does, within the same millisecond", async () => {
    let clock = 1_000_000;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const h = await seeded(true);
      clock += 5;
      const first = await context(h); // the clock looks at data_version itself (a millisecond passed)
      expect(await context(h)).toBe(first);
      const other = openNodeDb(h.file);
      await other.db.update(customers).set({ loyaltyPoints: 777 }).where(eq(customers.id, 'c_marcus'));
      await other.close();
      clock += 0.2; // under a millisecond since the clock's own look: alone, it would not look again yet
      h.dataVersion(); // the conversation cache's per-turn check sees the other commit…
      clock += 0.1;
      expect((await context(h)).loyaltyPoints).toBe(777); // …and the kept read is refreshed at once
    } finally {
      now.mockRestore();
    }
  });

  it('reads again once the kept value is a minute old, and per shopper', async () => {
    const h = await seeded(true);
    const first = await context(h);
    expect(await context(h, NOW + 30_000)).toBe(first);
    expect(await context(h, NOW + 61_000)).not.toBe(first);
    const anonymous = await buildPersonaContext(h.db, {
      shopper: { sessionId: 's_other', customerId: null, verified: false, via: 'anonymous' },
      now: NOW,
    });
    expect(anonymous.firstName).toBeNull();
  });

  it('sees a blocked customer at once', async () => {
    const h = await seeded(true);
    expect(await customerExists(h.db, 'c_marcus')).toBe(true);
    await h.atomic([h.db.update(customers).set({ blockedAt: NOW }).where(eq(customers.id, 'c_marcus'))]);
    expect(await customerExists(h.db, 'c_marcus')).toBe(false);
  });

  it('counts a newly recorded visit in the next profile', async () => {
    const h = await seeded(true);
    const rules = loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml'));
    const segmenter = createSegmenter({ db: h.db, rules, now: () => NOW });
    const who = { customerId: 'c_marcus', sessionId: 's_new_visit' };
    const before = await segmenter.profile(who);
    await recordSession(h.db, { ...marcus, sessionId: 's_another_visit' }, NOW);
    const after = await segmenter.profile(who);
    expect(after.sessions).toBe(before.sessions + 1);
  });

  it('keeps nothing on a handle opened without the cache (CLIs, tests that seed with plain writes)', async () => {
    const h = await seeded(false);
    const first = await context(h);
    const second = await context(h);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});
