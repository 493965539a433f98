// The servers of the JSON-mode job, shared by json-mode.bench.ts (time, rate, memory) and
// alloc.ts (bytes allocated per conversation): a seeded SQLite file, the Chat Completions fake
// in its own process, Tailor's server (src/node.ts, OpenAI-compatible model) and the bare
// ChatOpenAI.bindTools loop (bare-loop-server.ts), the autocannon load for each, and a check
// that both do the same job (one lookup_order that succeeded, then the fake's reply).
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openNodeDb } from '../../src/db/node.js';
import { seedDemoStore } from '../../src/db/seed/index.js';
import { buildPersonaContext, createPersonaRegistry } from '../../src/personas/index.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createSegmenter } from '../../src/segments/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { createToolRegistry } from '../../src/tools/index.js';
import { repoRoot, sleep, startServer, tempStore, type TempStore } from '../support/server.js';

export interface Result {
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (
  opts: Record<string, unknown>,
  done: (err: unknown, result: Result) => void,
) => { on(event: 'response', listener: () => void): void };
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/**
 * Runs autocannon and also returns when its last response arrived: autocannon itself resolves
 * only on its next one-second tick, which would round every round's duration up to whole seconds.
 */
export function cannon(opts: Record<string, unknown>): Promise<{ result: Result; lastResponseAt: number }> {
  let lastResponseAt = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve({ result, lastResponseAt })));
    instance.on('response', () => (lastResponseAt = performance.now()));
  });
}

export const CONNECTIONS = 50;
export const MESSAGE = 'Where is my order 28473?';
export const EXPECTED_REPLY = 'Your order 28473 was delivered five days ago.'; // what the fake answers after the tool result
export const usagePreload = fileURLToPath(new URL('./server-usage.mjs', import.meta.url));
export const extraArgs = (v: string | undefined) => v?.split(' ').filter(Boolean) ?? [];

export interface Server {
  name: string;
  url: string;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<unknown>;
}
export interface Usage {
  cpuMs: number;
  /** The main thread's share of cpuMs (null off Linux): the rest is V8's helper threads (GC), libuv's pool, workers. */
  mainCpuMs: number | null;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  gcMinorMs: number;
  gcMajorMs: number;
}

/** The server's own figures, read from inside (server-usage.mjs answers SIGUSR2 with one line). */
export async function usage(s: Server): Promise<Usage> {
  const seen = s.output().split('BENCH_USAGE ').length;
  s.proc.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    const parts = s.output().split('BENCH_USAGE ');
    if (parts.length > seen) return JSON.parse(parts[seen]!.split('\n')[0]!) as Usage;
    await sleep(10);
  }
  throw new Error(`${s.name} did not report its usage`);
}

export async function startFake(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/support/fake-openai.ts'), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url, child };
}

/** The seeded store both servers read, and what the bare loop needs to send what Tailor sends. */
export interface JobStore {
  store: TempStore;
  /** The system prompt Tailor renders for Marcus, in a file for the bare loop. */
  systemFile: string;
  /** The persona's model settings (temperature, max tokens), for the bare loop. */
  modelSettings: unknown;
}

export async function prepareStore(): Promise<JobStore> {
  const store = tempStore();
  // Seeded once, before either server starts: both read the same data, neither pays for seeding.
  const seeded = openNodeDb(store.dbFile);
  await seedDemoStore(seeded.db, { now: Date.now() });
  // The system prompt Tailor sends Marcus, rendered the way the chat service renders it, for the
  // bare loop to send too: both put the same prompt on the wire; Tailor adds its other tools.
  const tools = createToolRegistry();
  const rules = loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml'));
  const personas = await createPersonaRegistry({
    source: nodePersonaSource(join(repoRoot, 'prompts')),
    segments: rules.segments,
    watch: false,
    toolDefinitions: (n) => tools.definitions(n),
  });
  const shopper = { sessionId: 's_bench_json_mode_000', customerId: 'c_marcus', verified: true, via: 'token' as const };
  const { segment, profile } = await createSegmenter({ db: seeded.db, rules, now: Date.now }).segment({
    customerId: shopper.customerId,
    sessionId: shopper.sessionId,
  });
  const context = await buildPersonaContext(seeded.db, { shopper, profile, now: Date.now() });
  const persona = personas.resolve({ segment, optOut: false, subjectId: shopper.customerId, context });
  personas.close();
  await seeded.close();
  const systemFile = join(store.dir, 'bare-system-prompt.txt');
  writeFileSync(systemFile, persona.systemPrompt);
  return { store, systemFile, modelSettings: persona.model };
}

/** How each server is started (compiled.ts): Tailor's dist/ or src/ through tsx; the bare loop's entry. */
export interface Entries {
  tailorBuilt: boolean;
  bare: string[];
}

export async function startTailor(job: JobStore, fakeUrl: string, nodeArgs: string[], entries: Entries): Promise<Server> {
  const tailorProc = await startServer({
    dbFile: job.store.dbFile,
    built: entries.tailorBuilt,
    timeoutMs: 120_000, // a crowded machine starts tsx slowly
    nodeArgs: ['--import', usagePreload, ...nodeArgs],
    // Rate limits off, as for the bare loop. Logs at warn, as in http.bench.ts: at info the two
    // lines per turn go down a pipe to this busy process (BENCH_TAILOR_LOG=info to include them).
    env: {
      TAILOR_MODEL: 'openai:gpt-4o-mini',
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: fakeUrl,
      TAILOR_RATE_SESSION_PER_MIN: '0',
      TAILOR_RATE_IP_PER_MIN: '0',
      TAILOR_LOG: process.env.BENCH_TAILOR_LOG ?? 'warn',
    },
  });
  return {
    name: 'Tailor',
    url: tailorProc.url,
    proc: tailorProc.proc,
    output: tailorProc.output,
    stop: () => tailorProc.stop('SIGTERM'),
  };
}

export async function startBare(job: JobStore, fakeUrl: string, nodeArgs: string[], entries: Entries): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', usagePreload, ...nodeArgs, ...entries.bare], {
    cwd: repoRoot,
    env: {
      ...process.env,
      BARE_DB: job.store.dbFile,
      BARE_MODEL_URL: fakeUrl,
      BARE_SYSTEM_FILE: job.systemFile,
      BARE_MODEL_SETTINGS: JSON.stringify(job.modelSettings),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => proc.once('exit', r));
  for (let i = 0; i < 2400 && !/listening on /.test(out); i++) {
    if (proc.exitCode !== null) break;
    await sleep(50);
  }
  const m = /listening on (http:\/\/\S+)/.exec(out);
  if (!m) throw new Error(`bare loop server did not start:\n${out}`);
  return { name: 'bare loop', url: m[1]!, proc, output: () => out, stop: () => (proc.kill('SIGTERM'), exited) };
}

export type Variant = 'tailor' | 'bare';

/**
 * The autocannon options for each server's job. Tailor: Marcus, signed in, chatting from a few
 * shopper sessions (browsers), one-turn conversations one after another, as the widget does: it
 * keeps its session id. Handed out in turn from four times as many sessions as connections, so a
 * session's previous turn has long finished when it comes round again (a session's new
 * conversations are serialized). Not a session per request: autocannon resets a request's
 * context after each one, which made every conversation a new session (thousands of sessions for
 * one customer, counted by every profile read).
 */
export async function loads(tailor: Server, bare: Server): Promise<Record<Variant, { server: Server; opts: Record<string, unknown> }>> {
  const token = (
    (await (
      await fetch(`${tailor.url}/api/demo/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'marcus@example.com' }),
      })
    ).json()) as { token: string }
  ).token;
  const sessionPool = Array.from({ length: CONNECTIONS * 4 }, (_, i) => `s_bench_json_${String(i + 1).padStart(8, '0')}`);
  let sessions = 0;
  const tailorRequests = [
    {
      method: 'POST',
      path: '/api/chat',
      setupRequest(req: Record<string, unknown>) {
        const session = sessionPool[sessions++ % sessionPool.length]!;
        req.headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'X-Tailor-Session': session };
        req.body = JSON.stringify({ message: MESSAGE });
        return req;
      },
    },
  ];
  // Same job, same answer: one lookup_order that succeeded, then the model's reply.
  const check = async (name: string, url: string, init: RequestInit) => {
    const r = await fetch(url, { method: 'POST', ...init, body: JSON.stringify({ message: MESSAGE }) });
    const body = (await r.json()) as { reply?: string; toolCalls?: Array<{ name: string; ok: boolean }> };
    if (
      r.status !== 200 ||
      body.reply !== EXPECTED_REPLY ||
      body.toolCalls?.length !== 1 ||
      body.toolCalls[0]!.name !== 'lookup_order' ||
      !body.toolCalls[0]!.ok
    ) {
      throw new Error(`${name} did not do the job (${r.status}): ${JSON.stringify(body)}`);
    }
  };
  await check('Tailor', `${tailor.url}/api/chat`, { headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
  await check('bare loop', `${bare.url}/chat`, { headers: { 'Content-Type': 'application/json' } });
  return {
    tailor: { server: tailor, opts: { url: tailor.url, requests: tailorRequests } },
    bare: {
      server: bare,
      opts: {
        url: `${bare.url}/chat`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ message: MESSAGE }),
      },
    },
  };
}

/** One bounded load at CONNECTIONS connections; throws unless every request got a 2xx. */
export async function runLoad(load: { server: Server; opts: Record<string, unknown> }, amount: number): Promise<{ wallS: number }> {
  const t0 = performance.now();
  const { result: r, lastResponseAt } = await cannon({ ...load.opts, connections: CONNECTIONS, amount, timeout: 120 });
  if (r.errors || r.timeouts || r.non2xx || r.requests.total !== amount)
    throw new Error(
      `${load.server.name}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx of ${r.requests.total}/${amount}`,
    );
  return { wallS: (lastResponseAt - t0) / 1000 };
}

/** The job's store, the fake API and the servers `body` starts (pushed on `servers`), all torn down after it, whatever happens. */
export async function withJob<T>(
  body: (job: JobStore, fake: { url: string; child: ChildProcess }, servers: Server[]) => Promise<T>,
): Promise<T> {
  const job = await prepareStore();
  const fake = await startFake();
  const servers: Server[] = [];
  try {
    return await body(job, fake, servers);
  } finally {
    for (const s of servers) await s.stop();
    fake.child.kill();
    job.store.dispose();
  }
}

/** Runs a bench script: exits with the code `main` returns (0 when none), or 1 with the error when it throws. */
export function runScript(main: () => Promise<number | void>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
