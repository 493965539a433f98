// Node's way to count many texts at once without keeping the counter: the o200k ranks table and
// the encoder built from it (~60 MB while counting) live in a short-lived child process, whose
// memory is all returned when it exits. A server that counts only when persona files are
// (re)loaded (the prompt token budget) thus never builds the encoder in its own isolate: built
// there at start, it left the server ~35 MB larger after start, and V8 sized the heap from it.
// Not a worker thread: that one's isolate went with it, but the C heap its thread had used (glibc
// keeps a thread's arena after the thread exits) stayed resident, about 7 MB for the life of the
// server. Where no child process can start, a worker thread counts, and failing that this thread.
import { spawn } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The counter's code: this module's sibling index (.ts under tsx, .js when compiled) counts. A
 * worker thread or child process does not inherit tsx's loader (`--import tsx`), so where this
 * file is TypeScript it registers tsx's own loader before it imports the counter.
 */
const COUNTER = new URL(`./index${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  if (workerData.loader) (await import(workerData.loader)).register();
  const { countTokens } = await import(workerData.counter);
  parentPort.postMessage(workerData.texts.map((text) => countTokens(text)));
})();
`;
/** The child's code: the job (loader, counter, texts) as JSON on stdin, the counts as JSON on stdout. */
const CHILD_CODE = `
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (job.loader) (await import(job.loader)).register();
  const { countTokens } = await import(job.counter);
  process.stdout.write(JSON.stringify(job.texts.map((text) => countTokens(text))));
});
`;

const loaderFor = (counter: string) => (counter.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null);

/** Tokens of each text (o200k_base), counted in a child process that exits when done. */
export async function countTokensOffThread(texts: readonly string[]): Promise<number[]> {
  if (texts.length === 0) return [];
  try {
    return await countTokensInChild(texts);
  } catch {
    try {
      return await countTokensInWorker(texts);
    } catch {
      const { countTokens } = await import('./index.js');
      return texts.map((text) => countTokens(text));
    }
  }
}

/** Tokens of each text, counted in a child process (plain node, none of this process's flags); rejects when it cannot count. */
export function countTokensInChild(texts: readonly string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD_CODE], { stdio: ['pipe', 'pipe', 'ignore'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.once('error', reject);
    child.stdin.once('error', reject);
    child.once('close', (code) => {
      try {
        const counts = JSON.parse(Buffer.concat(out).toString('utf8')) as unknown;
        if (code === 0 && Array.isArray(counts) && counts.length === texts.length && counts.every((n) => Number.isInteger(n))) {
          return resolve(counts as number[]);
        }
      } catch {
        // reported below
      }
      reject(new Error(`token counter exited with ${code}`));
    });
    child.stdin.end(JSON.stringify({ texts, counter: COUNTER, loader: loaderFor(COUNTER) }));
  });
}

/** Tokens of each text, counted in a worker thread; rejects when the worker cannot count. */
export function countTokensInWorker(texts: readonly string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const loader = loaderFor(COUNTER);
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { texts, counter: COUNTER, loader } });
    let counts: number[] | null = null;
    worker.once('message', (m: number[]) => (counts = m));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      counts && counts.length === texts.length ? resolve(counts) : reject(new Error(`token counter exited with ${code}`)),
    );
  });
}
