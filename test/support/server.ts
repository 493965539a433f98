// Runs the real Node entry (`src/node.ts`) as a child process on a free port with its own
// SQLite file, waits until /api/health answers, and offers the ways a server can end:
// a polite signal, or kill -9. Also a tiny Chat Completions upstream that tests can stall.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface TempStore {
  dir: string;
  dbFile: string;
  dispose(): void;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-server-'));
  return { dir, dbFile: join(dir, 'tailor.db'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningServer {
  url: string;
  proc: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends the signal and resolves with the exit code (null if killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOptions {
  dbFile: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Extra node flags for the server process, e.g. ['--cpu-prof'] when profiling a bench. */
  nodeArgs?: string[];
  /** Run the compiled server (`dist/node.js`, as `npm start` does; build it first) instead of src/ through tsx. */
  built?: boolean;
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    OPENAI_API_KEY: undefined,
    OPENAI_BASE_URL: undefined,
    TAILOR_MODEL: undefined,
  };
  Object.assign(env, { PORT: '0', TAILOR_DB: opts.dbFile, TAILOR_LOG: 'warn', NODE_ENV: 'test' }, opts.env);
  const entry = opts.built ? ['dist/node.js'] : ['--import', 'tsx', 'src/node.ts'];
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    proc.once('exit', (code, signal) => res({ code, signal })),
  );

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let url: string | null = null;
  let dead = false;
  void exited.then(() => (dead = true));
  while (!url) {
    if (dead) throw new Error(`server exited during startup:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not start in time:\n${out}`);
    }
    const m = /listening on http:\/\/(?:\[[^\]\s]*\]|[^:\s]+):(\d+)/.exec(out);
    if (m) url = `http://127.0.0.1:${m[1]}`;
    else await sleep(50);
  }
  const health = await fetch(`${url}/api/health`);
  if (health.status !== 200) throw new Error(`health check failed (${health.status}):\n${out}`);
  return {
    url,
    proc,
    output: () => out,
    exited,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return (await exited).code;
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Chat Completions endpoint scripted per request; `stall` keeps requests hanging until released. */
export interface FakeUpstream {
  baseURL: string;
  requests: Array<{ body: Record<string, unknown> }>;
  /** Resolves once `n` requests have arrived. */
  waitForRequests(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export type UpstreamReply =
  | { toolCall: { name: string; args: Record<string, unknown> } }
  | { text: string }
  | { stall: true }
  | { delayMs: number; text: string }
  | { status: number };

export async function startFakeUpstream(script: (index: number, body: Record<string, unknown>) => UpstreamReply): Promise<FakeUpstream> {
  const requests: FakeUpstream['requests'] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const stalled = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const index = requests.length;
      requests.push({ body });
      for (const w of waiters.filter((w) => requests.length >= w.n)) w.resolve();
      const reply = script(index, body);
      if ('stall' in reply) {
        stalled.add(res);
        return;
      }
      if ('status' in reply) {
        res.writeHead(reply.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'upstream failure (test)', type: 'server_error' } }));
        return;
      }
      const send = () => respond(res, body, reply);
      if ('delayMs' in reply) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    waitForRequests(n, timeoutMs = 20_000) {
      if (requests.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`upstream saw ${requests.length} of ${n} requests`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(t), resolve()) });
      });
    },
    async close() {
      for (const r of stalled) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function respond(res: ServerResponse, body: Record<string, unknown>, reply: Exclude<UpstreamReply, { stall: true } | { status: number }>) {
  const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
  const model = String(body.model ?? 'fake');
  const created = Math.floor(Date.now() / 1000);
  const usage = { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 };
  const toolCall =
    'toolCall' in reply
      ? {
          id: `call_${id.slice(-6)}`,
          type: 'function',
          function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.args) },
        }
      : null;
  const text = 'text' in reply ? reply.text : '';
  const finish = toolCall ? 'tool_calls' : 'stop';
  if (body.stream) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const chunk = (delta: Record<string, unknown>, finish_reason: string | null, extra: Record<string, unknown> = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason }], ...extra })}\n\n`,
      );
    chunk({ role: 'assistant', content: '' }, null);
    if (toolCall) chunk({ tool_calls: [{ index: 0, ...toolCall }] }, null);
    else chunk({ content: text }, null);
    chunk({}, finish, { usage });
    res.end('data: [DONE]\n\n');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(
    JSON.stringify({
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: toolCall ? null : text, ...(toolCall ? { tool_calls: [toolCall] } : {}) },
          finish_reason: finish,
        },
      ],
      usage,
    }),
  );
}
