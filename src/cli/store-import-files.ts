// Reading the files of a store import (Node): folders expanded, each file streamed in chunks
// into store-sync's importer, products before customers before orders (order lines find the
// variants imported just before them).
import { createReadStream, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importStream, shopifyKind, createCsvParser, type ImportFormat, type ImportReport, type RecordSink } from '../store-sync/index.js';

const EXTENSIONS: Record<ImportFormat, RegExp> = {
  shopify: /\.csv$/i,
  jsonl: /\.(jsonl|ndjson)$/i,
};

export function resolveFiles(paths: readonly string[], format: ImportFormat): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) if (EXTENSIONS[format].test(name)) files.push(join(p, name));
    } else files.push(p);
  }
  if (format === 'jsonl') return files;
  const rank = { products: 0, customers: 1, orders: 2 } as const;
  return files
    .map((f) => ({ f, r: rank[csvKind(f) ?? 'orders'] }))
    .sort((a, b) => a.r - b.r)
    .map((x) => x.f);
}

/** The export kind from a CSV file's header (its first 64 KB). */
function csvKind(file: string) {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(65_536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const [first] = createCsvParser().push(buf.subarray(0, n).toString('utf8'));
    return first && 'fields' in first ? shopifyKind(first.fields) : undefined;
  } finally {
    closeSync(fd);
  }
}

export interface ImportFilesOptions {
  format: ImportFormat;
  sink: RecordSink;
  storeUrl?: string | null;
  /** One line of progress per `progressEvery` rows (stderr in the CLI). */
  progress?: (line: string) => void;
  progressEvery?: number;
}

export async function importFiles(paths: readonly string[], opts: ImportFilesOptions): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const file of resolveFiles(paths, opts.format)) {
    const started = performance.now();
    const stream = createReadStream(file, {
      encoding: 'utf8',
      highWaterMark: 256 * 1024,
    });
    const report = await importStream(stream as AsyncIterable<string>, {
      source: file,
      format: opts.format,
      sink: opts.sink,
      storeUrl: opts.storeUrl,
      progressEvery: opts.progressEvery,
      onProgress: (r) =>
        opts.progress?.(`${basename(file)}: ${r.rows.toLocaleString('en-US')} rows, ${rate(r.rows, started)} rows/s — ${summary(r)}`),
    });
    reports.push(report);
  }
  return reports;
}

const rate = (rows: number, started: number) =>
  Math.round(rows / Math.max(0.001, (performance.now() - started) / 1000)).toLocaleString('en-US');

export function summary(r: ImportReport): string {
  const parts = [`${r.imported} imported`, `${r.updated} updated`];
  if (r.written) parts.push(`${r.written} written`);
  parts.push(`${r.rejected} rejected`);
  return parts.join(', ');
}
