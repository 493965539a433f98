// One import run: text chunks in (a file read piece by piece), records validated one by one,
// written in batches through a sink (the database, or a SQL script for D1), and a report out.
// Memory holds one batch and one product or order group, whatever the file's size.
import { inArray } from 'drizzle-orm';
import { customers, orders, products, type Atomic, type Db, type Statement } from '../db/index.js';
import { createCsvParser } from './csv.js';
import { StoreRecordSchema, recordProblem, type StoreRecord } from './records.js';
import { createShopifyRowMapper, type Mapped, type ShopifyCsvKind } from './shopify-csv.js';
import { recordStatements, renderStatement } from './write.js';

export type ImportFormat = 'shopify' | 'jsonl';
export type Outcome = { outcome: 'imported' | 'updated' | 'written' } | { error: string };

/** Where records go: the database (imported/updated) or a SQL script (written). */
export interface RecordSink {
  write(batch: ReadonlyArray<{ line: number; record: StoreRecord }>): Promise<Outcome[]>;
}

export interface ImportReport {
  source: string;
  /** What the file held: a Shopify export kind, or 'jsonl'. */
  kind: ShopifyCsvKind | 'jsonl' | 'unknown';
  rows: number;
  imported: number;
  updated: number;
  /** Written to a SQL script (D1): whether each is new is known only when it runs. */
  written: number;
  rejected: number;
  /** The first rejections with their line numbers (at most MAX_LISTED). */
  rejections: Array<{ line: number; reason: string }>;
}

export interface ImportOptions {
  source: string;
  format: ImportFormat;
  sink: RecordSink;
  /** The store's address, for product page URLs (Shopify: <store>/products/<handle>). */
  storeUrl?: string | null;
  /** Called every `progressEvery` rows and at the end. */
  onProgress?: (report: ImportReport) => void;
  progressEvery?: number;
  batchSize?: number;
}

const MAX_LISTED = 1000;

export async function importStream(chunks: AsyncIterable<string>, opts: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    source: opts.source,
    kind: opts.format === 'jsonl' ? 'jsonl' : 'unknown',
    rows: 0,
    imported: 0,
    updated: 0,
    written: 0,
    rejected: 0,
    rejections: [],
  };
  const batchSize = opts.batchSize ?? 200;
  const every = opts.progressEvery ?? 10_000;
  let batch: Array<{ line: number; record: StoreRecord }> = [];
  let lastProgress = 0;

  const reject = (line: number, reason: string) => {
    report.rejected++;
    if (report.rejections.length < MAX_LISTED) report.rejections.push({ line, reason });
  };
  const flush = async () => {
    if (!batch.length) return;
    const outcomes = await opts.sink.write(batch);
    outcomes.forEach((o, i) => {
      if ('error' in o) reject(batch[i]!.line, o.error);
      else report[o.outcome]++;
    });
    batch = [];
  };
  const take = async (items: Mapped[]) => {
    for (const m of items) {
      if ('error' in m) {
        reject(m.line, m.error);
        continue;
      }
      const parsed = StoreRecordSchema.safeParse(m.record);
      if (!parsed.success) reject(m.line, recordProblem(parsed.error));
      else batch.push({ line: m.line, record: parsed.data });
      if (batch.length >= batchSize) await flush();
    }
    if (opts.onProgress && report.rows - lastProgress >= every) {
      lastProgress = report.rows;
      opts.onProgress(report);
    }
  };

  const rows = opts.format === 'jsonl' ? jsonlRows() : csvRows(opts, report);
  for await (const chunk of chunks) {
    const items = rows.push(chunk);
    await take(items);
  }
  await take(rows.end());
  await flush();
  // Orders and products are written when their last row is read: list the reasons in file order.
  report.rejections.sort((a, b) => a.line - b.line);
  opts.onProgress?.(report);
  return report;
}

interface RowSource {
  push(chunk: string): Mapped[];
  end(): Mapped[];
}

function csvRows(opts: ImportOptions, report: ImportReport): RowSource {
  const csv = createCsvParser();
  let mapper: ReturnType<typeof createShopifyRowMapper> | null = null;
  const map = (records: ReturnType<typeof csv.push>): Mapped[] => {
    const out: Mapped[] = [];
    for (const r of records) {
      if (!mapper) {
        if ('error' in r) {
          out.push({ line: r.line, error: `header: ${r.error}` });
          continue;
        }
        mapper = createShopifyRowMapper(r.fields, { storeUrl: opts.storeUrl });
        if ('error' in mapper) out.push({ line: r.line, error: mapper.error });
        else report.kind = mapper.kind;
        continue;
      }
      report.rows++;
      if ('error' in mapper) continue;
      if ('error' in r) out.push({ line: r.line, error: r.error });
      else out.push(...mapper.push(r.line, r.fields));
    }
    return out;
  };
  return {
    push: (chunk) => map(csv.push(chunk)),
    end: () => {
      const out = map(csv.end());
      if (mapper && !('error' in mapper)) out.push(...mapper.end());
      return out;
    },
  };
}

function jsonlRows(): RowSource & { rows?: number } {
  let rest = '';
  let line = 0;
  const parse = (text: string): Mapped[] => {
    line++;
    if (!text.trim()) return [];
    try {
      return [{ line, record: JSON.parse(text) }];
    } catch {
      return [{ line, error: 'not valid JSON' }];
    }
  };
  return {
    push(chunk) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      return parts.flatMap((p) => parse(p.replace(/\r$/, '')));
    },
    end() {
      const out = rest ? parse(rest) : [];
      rest = '';
      return out;
    },
  };
}

/** Writes into the database; each record is new or updated by its key, a failing one is rejected alone. */
export function createDbSink(db: Db, atomic: Atomic, now: () => number): RecordSink {
  return {
    async write(batch) {
      const existing = await existingKeys(
        db,
        batch.map((b) => b.record),
      );
      const statements = batch.map((b) => recordStatements(b.record, now()));
      const outcome = (r: StoreRecord): Outcome => ({
        outcome: existing.has(keyOf(r)) ? 'updated' : 'imported',
      });
      try {
        await atomic(statements.flat());
        return batch.map((b) => outcome(b.record));
      } catch {
        // One bad record must not cost the others: retry them one by one to find it.
        const out: Outcome[] = [];
        for (const [i, b] of batch.entries()) {
          try {
            await atomic(statements[i]!);
            out.push(outcome(b.record));
          } catch (err) {
            out.push({ error: `not written: ${(err as Error).message}` });
          }
        }
        return out;
      }
    },
  };
}

/** Renders each record's upserts as SQL text for `wrangler d1 execute --file`. */
export function createSqlSink(emit: (text: string) => void | Promise<void>, now: () => number): RecordSink {
  return {
    async write(batch) {
      const text = batch.map((b) => recordStatements(b.record, now()).map(renderStatement).join('\n')).join('\n');
      await emit(`${text}\n`);
      return batch.map(() => ({ outcome: 'written' as const }));
    },
  };
}

const keyOf = (r: StoreRecord): string =>
  r.type === 'product' ? `p:${r.handle}` : r.type === 'customer' ? `c:${r.email}` : `o:${r.number}`;

async function existingKeys(db: Db, records: readonly StoreRecord[]): Promise<Set<string>> {
  const out = new Set<string>();
  const of = <T extends StoreRecord['type']>(t: T) => records.filter((r): r is Extract<StoreRecord, { type: T }> => r.type === t);
  const slugs = of('product').map((r) => r.handle);
  const emails = of('customer').map((r) => r.email);
  const numbers = of('order').map((r) => r.number);
  // In slices: D1 binds at most 100 values per statement.
  for (const part of slices(slugs))
    for (const r of await db.select({ k: products.slug }).from(products).where(inArray(products.slug, part))) out.add(`p:${r.k}`);
  for (const part of slices(emails))
    for (const r of await db.select({ k: customers.email }).from(customers).where(inArray(customers.email, part))) out.add(`c:${r.k}`);
  for (const part of slices(numbers))
    for (const r of await db.select({ k: orders.number }).from(orders).where(inArray(orders.number, part))) out.add(`o:${r.k}`);
  return out;
}

function slices<T>(xs: readonly T[], n = 90): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export type { Statement };
