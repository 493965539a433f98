// Node's way to count many texts at once without keeping the counter: the o200k ranks table and
// the encoder built from it (~60 MB while counting) live in a short-lived worker thread, whose
// memory is returned when it exits. A server that counts only when persona files are (re)loaded
// (the prompt token budget) thus never builds the encoder in its own isolate: built there at
// start, it left the server ~35 MB larger after start, and V8 sized the heap from it. Where no
// worker can start, the texts are counted in this thread.
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The worker's code: this module's sibling index (.ts under tsx, .js when compiled) counts. A
 * worker thread does not inherit tsx's loader (`--import tsx`), so where this file is TypeScript
 * the worker registers tsx's own loader before it imports the counter.
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

/** Tokens of each text (o200k_base), counted in a worker thread that exits when done. */
export async function countTokensOffThread(texts: readonly string[]): Promise<number[]> {
  if (texts.length === 0) return [];
  try {
    return await countTokensInWorker(texts);
  } catch {
    const { countTokens } = await import('./index.js');
    return texts.map((text) => countTokens(text));
  }
}

/** Tokens of each text, counted in a worker thread; rejects when the worker cannot count. */
export function countTokensInWorker(texts: readonly string[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const loader = COUNTER.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : null;
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: { texts, counter: COUNTER, loader } });
    let counts: number[] | null = null;
    worker.once('message', (m: number[]) => (counts = m));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      counts && counts.length === texts.length ? resolve(counts) : reject(new Error(`token counter exited with ${code}`)),
    );
  });
}
