// The demo store as plain SQL text, for `wrangler d1 execute --file` (D1 has no Node driver to
// run seedDemoStore from a CLI). Literal values, no bound parameters; no BEGIN/COMMIT, which D1 rejects.
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { sqlLiteral as literal } from '../sql-literal.js';
import { generateDemoStore } from './generate.js';
import { RESET_ORDER, SEED_TABLES, chunk } from './tables.js';

const ROWS_PER_INSERT = 50;

function inserts(table: Table, rows: readonly Record<string, unknown>[]): string[] {
  const columns = Object.entries(getTableColumns(table));
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  return chunk(rows, ROWS_PER_INSERT).map((part) => {
    // mapToDriverValue serializes JSON columns exactly as drizzle would when inserting.
    // A column the row leaves out takes its default, as in drizzle's own insert.
    const value = (row: Record<string, unknown>, key: string, c: (typeof columns)[number][1]) =>
      row[key] === undefined && c.default !== undefined ? c.default : row[key];
    const values = part.map(
      (row) =>
        `(${columns
          .map(([key, c]) => {
            const v = value(row, key, c);
            return literal(v == null ? null : c.mapToDriverValue(v));
          })
          .join(', ')})`,
    );
    return `INSERT INTO "${getTableName(table)}" (${names}) VALUES\n${values.join(',\n')};`;
  });
}

export function seedSql(opts: { now: number; reset?: boolean }): string {
  const store = generateDemoStore({ now: opts.now });
  const out = [`-- Tailor demo store, dates relative to ${new Date(opts.now).toISOString()}`];
  if (opts.reset) for (const table of RESET_ORDER) out.push(`DELETE FROM "${getTableName(table)}";`);
  for (const [key, table] of SEED_TABLES) out.push(...inserts(table, store[key] as unknown as Record<string, unknown>[]));
  return `${out.join('\n')}\n`;
}
