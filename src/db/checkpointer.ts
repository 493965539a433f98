// Moves SQLite's WAL checkpoints off the event loop. A checkpoint copies committed pages from
// the write-ahead log into the database file and fsyncs both; done inline (SQLite's default,
// every 1,000 pages) it stalls whichever commit crosses the threshold for milliseconds. Here the
// serving connection checkpoints inline only past a far higher limit (`walLimitPages`, 20,000 by
// default: a safety net should the worker fall behind); a worker thread with its own connection
// runs a PASSIVE checkpoint (never blocks readers or writers) once a second. Not more often: a
// busy server rewrites the same few pages (the conversation and message tables' last leaves, their
// indexes) many times a second, and a checkpoint copies each page once however often the log holds
// it. Measured under the JSON-mode bench's load: every 100 ms the worker copied 12,000 frames in
// 800 ms for 1,100 conversations; every second, 5,500 frames in 110 ms.
// Under steady writes such a checkpoint never quite catches up, and SQLite only rewinds the log
// when a transaction starts with every frame copied; so when the log passes `rewindFrames` the
// worker asks the serving connection to run one checkpoint itself (`onRewindDue`): by then all
// but the last few frames are copied, so that one is short, and the next commit rewinds the log.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

export interface Checkpointer {
  /** Stops the worker; the caller then closes its own connection (the last close checkpoints). */
  stop(): Promise<void>;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const tick = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log > workerData.rewindFrames) parentPort.postMessage({ rewind: r.log });
  } catch (err) { parentPort.postMessage({ error: String(err && err.message || err) }); }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  tick();
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface CheckpointerOptions {
  intervalMs?: number;
  /** WAL length (frames of one page) past which the serving connection should checkpoint once. */
  rewindFrames?: number;
  onRewindDue?: () => void;
  onError?: (message: string) => void;
}

export function startCheckpointer(file: string, opts: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  // Plain CommonJS: the worker must not inherit a TypeScript loader to run twenty lines.
  const worker = new Worker(WORKER, {
    eval: true,
    execArgv: [],
    workerData: { driver, file, intervalMs: opts.intervalMs ?? 1000, rewindFrames: opts.rewindFrames ?? 8000 },
  });
  worker.unref();
  let stopped: Promise<void> | null = null;
  const done = new Promise<void>((resolve) => {
    worker.on('message', (m: { error?: string; stopped?: boolean; rewind?: number }) => {
      if (m.error) opts.onError?.(m.error);
      if (m.rewind) opts.onRewindDue?.();
      if (m.stopped) resolve();
    });
    worker.on('error', (err) => {
      opts.onError?.(err.message);
      resolve();
    });
    worker.on('exit', () => resolve());
  });
  return {
    stop() {
      stopped ??= (async () => {
        worker.postMessage('stop');
        await Promise.race([done, new Promise((r) => setTimeout(r, 2000).unref())]);
        await worker.terminate();
      })();
      return stopped;
    },
  };
}
