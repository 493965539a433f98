// Drives the pinned wrangler CLI for the workerd tests: one-shot commands with a deadline, and
// `wrangler dev` in its own process group so stopping it also stops the workerd it spawned.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { repoRoot, sleep } from './server.js';

const WRANGLER = join(repoRoot, 'node_modules/wrangler/bin/wrangler.js');

/** Offline and quiet: no telemetry, no update check, no interactive prompts. (WRANGLER_LOG=warn would
 * also swallow `d1 execute --json` output, which wrangler prints at info level.) */
function wranglerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1', FORCE_COLOR: '0' };
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Kills the whole process group (wrangler → workerd); SIGKILL if it has not gone after `graceMs`. */
async function killGroup(proc: ChildProcess, exited: Promise<unknown>, graceMs = 5000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, s);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const gone = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
  // workerd may outlive wrangler's own exit; the group kill reaches it either way.
  signal('SIGKILL');
  if (!gone) await Promise.race([exited, sleep(2000)]);
}

export async function runCommand(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  const proc = spawn(cmd, args, { cwd: repoRoot, env: wranglerEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
  const timer = sleep(timeoutMs).then(() => 'timeout' as const);
  const result = await Promise.race([exited, timer]);
  if (result === 'timeout') {
    await killGroup(proc, exited);
    throw new Error(`${args.slice(0, 4).join(' ')} timed out after ${timeoutMs} ms:\n${out}`);
  }
  if (result !== 0) throw new Error(`${args.slice(0, 4).join(' ')} exited with ${result}:\n${out}`);
  return out;
}

export function runWrangler(args: string[], timeoutMs: number): Promise<string> {
  return runCommand(process.execPath, [WRANGLER, ...args], timeoutMs);
}

/** `wrangler d1 execute --local --json`: the rows of one statement. */
export async function d1Query(persistTo: string, sql: string): Promise<Array<Record<string, unknown>>> {
  const out = await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--json', '--command', sql], 60_000);
  const start = out.search(/^\[/m);
  const parsed = JSON.parse(out.slice(start)) as Array<{ results: Array<Record<string, unknown>>; success: boolean }>;
  return parsed.flatMap((r) => r.results);
}

export interface WranglerDev {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** The offline model whatever a developer's .dev.vars says, so the test never calls a hosted model. */
export async function startWranglerDev(opts: {
  persistTo: string;
  port: number;
  inspectorPort: number;
  timeoutMs: number;
  vars?: Record<string, string>;
}): Promise<WranglerDev> {
  const args = [
    WRANGLER,
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--inspector-port',
    String(opts.inspectorPort),
    '--persist-to',
    opts.persistTo,
    '--show-interactive-dev-session=false',
    '--var',
    'TAILOR_LOG:warn',
    '--var',
    'TAILOR_MODEL:offline',
  ];
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('--var', `${k}:${v}`);
  const proc = spawn(process.execPath, args, { cwd: repoRoot, env: wranglerEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((res) => proc.once('exit', () => res()));
  let dead = false;
  void exited.then(() => (dead = true));
  // A crashed test run must not leave workerd behind.
  const onExit = () => {
    try {
      process.kill(-proc.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.once('exit', onExit);
  const stop = async () => {
    process.removeListener('exit', onExit);
    await killGroup(proc, exited);
  };

  const url = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    if (dead) throw new Error(`wrangler dev exited during startup:\n${out}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer /api/health within ${opts.timeoutMs} ms:\n${out}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (res.status === 200) break;
      // 503 from the entry means the app could not be built: no point in waiting.
      if (res.status === 503) {
        const body = await res.text();
        await stop();
        throw new Error(`the Worker failed to start: ${body}\n${out}`);
      }
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('the Worker failed')) throw err;
    }
    await sleep(250);
  }
  return { url, output: () => out, stop };
}

/** A migrated, demo-seeded local D1 in a temp folder and `wrangler dev` serving on it. */
export interface SeededWorkerd {
  dev: WranglerDev;
  /** The D1 state folder (for d1Query, once the Worker has stopped). */
  persist: string;
  /** Stops the Worker, keeping the state folder (idempotent). */
  stopDev(): Promise<void>;
  /** Stops the Worker and removes the folder. */
  stop(): Promise<void>;
}

export async function startSeededWorkerd(prefix: string, vars?: Record<string, string>): Promise<SeededWorkerd> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const persist = join(dir, 'state');
  const seedFile = join(dir, 'seed.sql');
  await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], 120_000);
  await runCommand(process.execPath, ['--import', 'tsx', 'src/cli/seed-d1.ts', '--out', seedFile], 60_000);
  await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, `--file=${seedFile}`], 120_000);
  const dev = await startWranglerDev({
    persistTo: persist,
    port: await freePort(),
    inspectorPort: await freePort(),
    timeoutMs: 120_000,
    vars,
  });
  let stopped = false;
  const stopDev = async () => {
    if (stopped) return;
    stopped = true;
    await dev.stop();
  };
  return {
    dev,
    persist,
    stopDev,
    async stop() {
      await stopDev();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
