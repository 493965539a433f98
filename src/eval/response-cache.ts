// A response cache for evals on a real model: a fetch wrapper keyed by the exact request (URL,
// model, messages, tools, settings) plus the repetition number, so `--repeat k` keeps k
// independent samples and a rerun of the same commit costs nothing. A changed prompt changes
// the request body, so it misses and the model is asked again. Only successful responses are
// kept; the API key travels in a header and is never part of the key or the file.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { CaseRun } from './types.js';
import type { Instance } from './runner/run-case.js';

const EntrySchema = z.object({ status: z.number().int(), contentType: z.string(), body: z.string() });

export interface ResponseCache {
  fetch: typeof fetch;
  around(inst: Instance, run: () => Promise<CaseRun>): Promise<CaseRun>;
  stats(): { hits: number; misses: number };
}

export function createResponseCache(dir: string, inner: typeof fetch = fetch): ResponseCache {
  mkdirSync(dir, { recursive: true });
  const repetition = new AsyncLocalStorage<number>();
  let hits = 0;
  let misses = 0;

  const cachedFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = typeof init?.body === 'string' ? init.body : null;
    // Only JSON POSTs (chat completions) are cacheable; anything else goes straight through.
    if ((init?.method ?? 'GET').toUpperCase() !== 'POST' || body === null) return inner(input, init);
    const key = createHash('sha256')
      .update(`${url}\u0000${repetition.getStore() ?? 0}\u0000${body}`)
      .digest('hex');
    const file = join(dir, `${key.slice(0, 2)}/${key}.json`);
    if (existsSync(file)) {
      const entry = EntrySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (entry.success) {
        hits++;
        return new Response(entry.data.body, { status: entry.data.status, headers: { 'content-type': entry.data.contentType } });
      }
    }
    misses++;
    const res = await inner(input, init);
    if (!res.ok) return res;
    const text = await res.text();
    const entry = { status: res.status, contentType: res.headers.get('content-type') ?? 'application/json', body: text };
    mkdirSync(join(dir, key.slice(0, 2)), { recursive: true });
    // Write then rename: a run killed mid-write must not leave a truncated response behind.
    writeFileSync(`${file}.tmp`, JSON.stringify(entry));
    renameSync(`${file}.tmp`, file);
    return new Response(text, { status: res.status, headers: { 'content-type': entry.contentType } });
  }) as typeof fetch;

  return {
    fetch: cachedFetch,
    around: (inst, run) => repetition.run(inst.repetition, run),
    stats: () => ({ hits, misses }),
  };
}
