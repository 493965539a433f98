import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customers, orders, returnLabels } from '../../src/db/index.js';
import { tempDbsPerTest } from '../support/db.js';

describe('database schema on a real SQLite file', () => {
  const open = tempDbsPerTest();

  it('migrates, uses WAL and rejects a duplicate email', async () => {
    const { db, sqlite } = open();
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    await db.insert(customers).values({ id: 'c1', email: 'a@example.com', firstName: 'A', lastName: 'B', createdAt: 1 });
    await expect(
      db.insert(customers).values({ id: 'c2', email: 'a@example.com', firstName: 'C', lastName: 'D', createdAt: 1 }),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('rolls a failed atomic batch back whole', async () => {
    const { db, atomic } = open();
    await db.insert(customers).values({ id: 'c1', email: 'a@example.com', firstName: 'A', lastName: 'B', createdAt: 1 });
    await db.insert(orders).values({ id: 'o1', number: '28473', customerId: 'c1', status: 'delivered', totalCents: 100, createdAt: 1 });
    const label = (id: string) =>
      db
        .insert(returnLabels)
        .values({ id, orderId: 'o1', customerId: 'c1', items: [], trackingCode: 'T', emailedTo: 'm***@example.com', createdAt: 1 });
    await expect(
      atomic([db.update(orders).set({ status: 'returned' }).where(eq(orders.id, 'o1')), label('l1'), label('l1')]),
    ).rejects.toThrow(/UNIQUE/);
    const [o] = await db.select().from(orders).where(eq(orders.id, 'o1'));
    expect(o?.status).toBe('delivered');
    expect(await db.select().from(returnLabels)).toHaveLength(0);
  });
});
