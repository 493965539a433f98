// JSON mode (non-streaming), full HTTP turn, side by side in one run: Tailor's server
// (src/node.ts, OpenAI-compatible model) against a bare ChatOpenAI.bindTools loop behind a
// minimal node:http endpoint (bare-loop-server.ts), both served from the same seeded SQLite
// file and calling the same Chat Completions fake, which runs in its own process so its CPU is
// counted for neither. The job: a one-turn conversation where the model first calls
// lookup_order, then answers. Each variant is measured with autocannon on 127.0.0.1 at 50
// connections, a bounded number of conversations per round, rounds interleaved (best round of
// each, as the machine is shared; conversations per second from a round's start to its last
// response). Tailor's shopper is Marcus, signed in, from a pool of 200 sessions (browsers) used in
// turn. CPU is the server process's own process.cpuUsage, peak memory its maxRSS (both read
// from inside by server-usage.mjs). Targets (issue 24): Tailor ≤ 1.2× the
// bare loop's CPU per conversation, ≥ 0.8× its conversations per second, ≤ 1.3× its peak RSS.
//
// BENCH_JSON_CONVERSATIONS (per round, default 2000), BENCH_JSON_ROUNDS (default 3), --quick;
// BENCH_TAILOR_NODE_ARGS / BENCH_BARE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profile a server.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
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
import { repoRoot, sleep, startServer, tempStore } from '../support/server.js';

interface Result {
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
function cannon(opts: Record<string, unknown>): Promise<{ result: Result; lastResponseAt: number }> {
  let lastResponseAt = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve({ result, lastResponseAt })));
    instance.on('response', () => (lastResponseAt = performance.now()));
  });
}

const quick = process.argv.includes('--quick');
const CONNECTIONS = 50;
const N = Number(process.env.BENCH_JSON_CONVERSATIONS ?? (quick ? 800 : 2000));
const ROUNDS = Number(process.env.BENCH_JSON_ROUNDS ?? (quick ? 1 : 3));
const WARMUP = quick ? 300 : 1000;
const TARGET = { cpu: 1.2, rate: 0.8, memory: 1.3 };
const MESSAGE = 'Where is my order 28473?';
const EXPECTED_REPLY = 'Your order 28473 was delivered five days ago.'; // what the fake answers after the tool result
const usagePreload = fileURLToPath(new URL('./server-usage.mjs', import.meta.url));
const extraArgs = (v: string | undefined) => v?.split(' ').filter(Boolean) ?? [];

interface Server {
  name: string;
  url: string;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<unknown>;
}
interface Usage {
  cpuMs: number;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  gcMinorMs: number;
  gcMajorMs: number;
}

/** The server's own figures, read from inside (server-usage.mjs answers SIGUSR2 with one line). */
async function usage(s: Server): Promise<Usage> {
  const seen = s.output().split('BENCH_USAGE ').length;
  s.proc.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    const parts = s.output().split('BENCH_USAGE ');
    if (parts.length > seen) return JSON.parse(parts[seen]!.split('\n')[0]!) as Usage;
    await sleep(10);
  }
  throw new Error(`${s.name} did not report its usage`);
}

async function startFake(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/support/fake-openai.ts'), '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  return { url, child };
}

async function startBare(env: Record<string, string>): Promise<Server> {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      usagePreload,
      ...extraArgs(process.env.BENCH_BARE_NODE_ARGS),
      '--import',
      'tsx',
      join(repoRoot, 'test/bench/bare-loop-server.ts'),
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
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

async function main(): Promise<void> {
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

  const fake = await startFake();
  const servers: Server[] = [];
  let exitCode: number;
  try {
    const tailorProc = await startServer({
      dbFile: store.dbFile,
      timeoutMs: 120_000, // a crowded machine starts tsx slowly
      nodeArgs: ['--import', usagePreload, ...extraArgs(process.env.BENCH_TAILOR_NODE_ARGS)],
      // Rate limits off, as for the bare loop. Logs at warn, as in http.bench.ts: at info the two
      // lines per turn go down a pipe to this busy process (BENCH_TAILOR_LOG=info to include them).
      env: {
        TAILOR_MODEL: 'openai:gpt-4o-mini',
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: fake.url,
        TAILOR_RATE_SESSION_PER_MIN: '0',
        TAILOR_RATE_IP_PER_MIN: '0',
        TAILOR_LOG: process.env.BENCH_TAILOR_LOG ?? 'warn',
      },
    });
    const tailor: Server = {
      name: 'Tailor',
      url: tailorProc.url,
      proc: tailorProc.proc,
      output: tailorProc.output,
      stop: () => tailorProc.stop('SIGTERM'),
    };
    servers.push(tailor);
    const bare = await startBare({
      BARE_DB: store.dbFile,
      BARE_MODEL_URL: fake.url,
      BARE_SYSTEM_FILE: systemFile,
      BARE_MODEL_SETTINGS: JSON.stringify(persona.model),
    });
    servers.push(bare);

    const token = (
      (await (
        await fetch(`${tailor.url}/api/demo/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email: 'marcus@example.com' }),
        })
      ).json()) as { token: string }
    ).token;
    // Marcus chatting from a few shopper sessions (browsers), one-turn conversations one after
    // another, as the widget does: it keeps its session id. Handed out in turn from four times as
    // many sessions as connections, so a session's previous turn has long finished when it comes
    // round again (a session's new conversations are serialized). Not a session per request:
    // autocannon resets a request's context after each one, which made every conversation a new
    // session (thousands of sessions for one customer, counted by every profile read).
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
    const load: Record<'tailor' | 'bare', { server: Server; opts: Record<string, unknown> }> = {
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
    const started = { tailor: await usage(tailor), bare: await usage(bare) };

    const run = async (v: 'tailor' | 'bare', amount: number) => {
      const { server, opts } = load[v];
      const u0 = await usage(server);
      const t0 = performance.now();
      const { result: r, lastResponseAt } = await cannon({ ...opts, connections: CONNECTIONS, amount, timeout: 120 });
      const wallS = (lastResponseAt - t0) / 1000;
      const u1 = await usage(server);
      if (r.errors || r.timeouts || r.non2xx || r.requests.total !== amount)
        throw new Error(`${server.name}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx of ${r.requests.total}/${amount}`);
      return {
        cpuMs: (u1.cpuMs - u0.cpuMs) / amount,
        perSec: amount / wallS,
        gcMs: (u1.gcMinorMs + u1.gcMajorMs - u0.gcMinorMs - u0.gcMajorMs) / amount,
      };
    };
    for (const v of ['tailor', 'bare'] as const) await run(v, WARMUP); // JIT, connection pools, SQLite cache
    const best = { tailor: { cpuMs: Infinity, perSec: 0, gcMs: Infinity }, bare: { cpuMs: Infinity, perSec: 0, gcMs: Infinity } };
    const rounds: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Alternating which goes first, so neither always runs on a machine the other just heated.
      for (const v of i % 2 ? (['bare', 'tailor'] as const) : (['tailor', 'bare'] as const)) {
        const m = await run(v, N);
        rounds.push(`${v} ${m.cpuMs.toFixed(2)} ms, ${m.perSec.toFixed(0)}/s`);
        best[v] = {
          cpuMs: Math.min(best[v].cpuMs, m.cpuMs),
          perSec: Math.max(best[v].perSec, m.perSec),
          gcMs: Math.min(best[v].gcMs, m.gcMs),
        };
      }
    }
    const mem = { tailor: await usage(tailor), bare: await usage(bare) };

    const cpuRatio = best.tailor.cpuMs / best.bare.cpuMs;
    const rateRatio = best.tailor.perSec / best.bare.perSec;
    const memRatio = mem.tailor.peakRssMb / mem.bare.peakRssMb;
    const rows: Array<[string, string, string, string, boolean | null]> = [
      [
        'CPU per conversation (server, ms)',
        best.tailor.cpuMs.toFixed(2),
        best.bare.cpuMs.toFixed(2),
        `${cpuRatio.toFixed(2)}×  (≤ ${TARGET.cpu}×)`,
        cpuRatio <= TARGET.cpu,
      ],
      ['  of which in garbage collection (ms)', best.tailor.gcMs.toFixed(2), best.bare.gcMs.toFixed(2), '(info)', null],
      [
        `conversations/s at concurrency ${CONNECTIONS}`,
        best.tailor.perSec.toFixed(0),
        best.bare.perSec.toFixed(0),
        `${rateRatio.toFixed(2)}×  (≥ ${TARGET.rate}×)`,
        rateRatio >= TARGET.rate,
      ],
      [
        'peak RSS (server, MB)',
        mem.tailor.peakRssMb.toFixed(0),
        mem.bare.peakRssMb.toFixed(0),
        `${memRatio.toFixed(2)}×  (≤ ${TARGET.memory}×)`,
        memRatio <= TARGET.memory,
      ],
      ['RSS after start (server, MB)', started.tailor.rssMb.toFixed(0), started.bare.rssMb.toFixed(0), '(info)', null],
      ['RSS at the end (server, MB)', mem.tailor.rssMb.toFixed(0), mem.bare.rssMb.toFixed(0), '(info)', null],
      [
        'V8 heap used / total at the end (MB)',
        `${mem.tailor.heapUsedMb.toFixed(0)}/${mem.tailor.heapTotalMb.toFixed(0)}`,
        `${mem.bare.heapUsedMb.toFixed(0)}/${mem.bare.heapTotalMb.toFixed(0)}`,
        '(info)',
        null,
      ],
    ];
    console.log(
      `JSON mode, full HTTP turn (lookup_order + reply, 2 model calls): ${N} conversations × ${ROUNDS} rounds per variant at ${CONNECTIONS} connections (best round), ${cpus().length} CPUs${quick ? ' (quick)' : ''}`,
    );
    console.log(`  ${''.padEnd(36)} ${'Tailor'.padStart(9)} ${'bare loop'.padStart(10)}  ratio`);
    for (const [what, t, b, ratio, ok] of rows)
      console.log(
        `  ${what.padEnd(36)} ${t.padStart(9)} ${b.padStart(10)}  ${ratio.padEnd(20)} ${ok === null ? '' : ok ? 'ok' : 'MISSED'}`,
      );
    console.log(`  rounds: ${rounds.join('; ')}`);
    exitCode = rows.every((r) => r[4] !== false) ? 0 : 1;
  } finally {
    for (const s of servers) await s.stop();
    fake.child.kill();
    store.dispose();
  }
  process.exit(exitCode);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
