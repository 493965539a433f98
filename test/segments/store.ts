// A tiny shop-history builder over a real SQLite file, for segment tests.
import { afterEach } from 'vitest';
import { customers, orders, segmentMemberships, sessions, DAY_MS, type OrderStatus } from '../../src/db/index.js';
import { createSegmenter, loadSegmentRules } from '../../src/segments/index.js';
import { tempDb } from '../support/db.js';

export const NOW = Date.parse('2025-06-01T12:00:00Z');
export const daysAgo = (d: number) => NOW - d * DAY_MS;

export function useStore() {
  const handles: Array<ReturnType<typeof tempDb>> = [];
  afterEach(() => handles.splice(0).forEach((h) => h.dispose()));
  return () => {
    const h = tempDb();
    handles.push(h);
    let seq = 0;
    const api = {
      db: h.db,
      async customer(id: string, extra: Partial<typeof customers.$inferInsert> = {}) {
        await h.db
          .insert(customers)
          .values({ id, email: `${id}@example.com`, firstName: id, lastName: 'Test', createdAt: daysAgo(400), ...extra });
        return api;
      },
      async sessions(customerId: string | null, startedAts: number[]) {
        for (const startedAt of startedAts) await h.db.insert(sessions).values({ id: `s${++seq}`, customerId, startedAt });
        return api;
      },
      async orders(customerId: string, list: Array<{ at: number; cents?: number; status?: OrderStatus }>) {
        for (const o of list) {
          const n = ++seq;
          await h.db.insert(orders).values({
            id: `o${n}`,
            number: String(10000 + n),
            customerId,
            status: o.status ?? 'delivered',
            totalCents: o.cents ?? 5000,
            createdAt: o.at,
          });
        }
        return api;
      },
      async member(customerId: string, segment: string) {
        await h.db.insert(segmentMemberships).values({ customerId, segment, createdAt: daysAgo(1) });
        return api;
      },
      segmenter(yaml: string) {
        return createSegmenter({ db: h.db, rules: loadSegmentRules(yaml, 'test-rules.yaml'), now: () => NOW });
      },
    };
    return api;
  };
}

/** A rules file with one rule under test and a catch-all default. */
export const oneRule = (when: string) =>
  `rules:\n  - id: under-test\n    segment: matched\n    when:\n${when
    .trim()
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n')}\ndefault:\n  segment: fallback\n`;
