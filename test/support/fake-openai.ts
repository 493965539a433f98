// A small real HTTP server speaking the Chat Completions API (JSON and SSE streaming, tools,
// usage), scripted per test. It checks conversations the way the real API does (every
// assistant tool call answered by a tool message, no stray tool messages), so a test fails
// where the provider would reject the request. Also runnable as a child process for benches.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FakeToolCall {
  id?: string;
  name: string;
  /** An object is JSON-encoded; a string is sent verbatim (to send malformed JSON). */
  arguments: Record<string, unknown> | string;
}

export type FakeReply =
  | {
      kind?: 'message';
      content?: string;
      toolCalls?: FakeToolCall[];
      /** null: report no usage at all; undefined: a rough count from the request size. */
      usage?: { prompt: number; completion: number } | null;
      delayMs?: number;
      /** Streaming only: pause between SSE chunks, to show deltas pass through as they arrive. */
      chunkDelayMs?: number;
    }
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string; delayMs?: number }
  /** Accepts the request and never answers (until the client gives up). */
  | { kind: 'hang' }
  /** Streams the first words of `content`, then stops sending without ending the response. */
  | { kind: 'stall'; content: string };

export interface RecordedRequest {
  body: ChatBody;
  headers: IncomingMessage['headers'];
  at: number;
}

export interface ChatBody {
  model: string;
  messages: Array<{
    role: string;
    content: unknown;
    tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    tool_call_id?: string;
  }>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: unknown } }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  [k: string]: unknown;
}

export type FakeHandler = (body: ChatBody, index: number) => FakeReply;

export interface FakeOpenAI {
  url: string;
  /** Bodies of every request received, in arrival order (including retried ones). */
  requests: RecordedRequest[];
  /** Queue replies, answered in order; an exhausted queue answers 400 so the test notices. */
  script(...replies: FakeReply[]): void;
  /** Compute each reply from the request instead of a queue. */
  handle(fn: FakeHandler): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeOpenAI(opts: { record?: boolean } = {}): Promise<FakeOpenAI> {
  const record = opts.record ?? true;
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  let handler: FakeHandler | null = null;
  let count = 0;
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions'))
        return sendError(res, 404, `fake-openai: no route ${req.method} ${req.url}`);
      let body: ChatBody;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as ChatBody;
      } catch {
        return sendError(res, 400, 'fake-openai: body is not JSON');
      }
      if (record) requests.push({ body, headers: req.headers, at: Date.now() });
      const invalid = validateConversation(body);
      if (invalid) return sendError(res, 400, invalid);
      const reply = handler ? handler(body, count++) : queue.shift();
      if (!reply) return sendError(res, 400, 'fake-openai: no scripted response left');
      answer(res, body, reply, hanging);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    handle(fn) {
      handler = fn;
    },
    reset() {
      queue.length = 0;
      requests.length = 0;
      handler = null;
      count = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(res: ServerResponse, body: ChatBody, reply: FakeReply, hanging: Set<ServerResponse>): void {
  if (reply.kind === 'hang' || reply.kind === 'stall') {
    hanging.add(res);
    res.on('close', () => hanging.delete(res));
    if (reply.kind === 'stall') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const words = reply.content.split(' ').slice(0, 3).join(' ');
      res.write(
        `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: { role: 'assistant', content: words }, finish_reason: null }] })}\n\n`,
      );
    }
    return;
  }
  const send = () =>
    reply.kind === 'status'
      ? sendError(res, reply.status, reply.message ?? `fake-openai: status ${reply.status}`, reply.headers)
      : sendMessage(res, body, reply);
  if (reply.delayMs) setTimeout(send, reply.delayMs);
  else send();
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'invalid_request_error', code: null } }));
}

type MessageReply = Extract<FakeReply, { kind?: 'message' }>;

function sendMessage(res: ServerResponse, body: ChatBody, reply: MessageReply): void {
  if (res.destroyed) return;
  const id = 'chatcmpl-fake';
  const created = Math.floor(Date.now() / 1000);
  const calls = (reply.toolCalls ?? []).map((c, i) => ({
    id: c.id ?? `call_${i}_${Math.random().toString(36).slice(2, 8)}`,
    type: 'function' as const,
    function: { name: c.name, arguments: typeof c.arguments === 'string' ? c.arguments : JSON.stringify(c.arguments) },
  }));
  const content = reply.content ?? (calls.length ? null : '');
  const usage =
    reply.usage === null
      ? undefined
      : (reply.usage ?? {
          prompt: Math.ceil(JSON.stringify(body.messages).length / 4),
          completion: Math.ceil(((content ?? '').length + JSON.stringify(calls).length) / 4),
        });
  const usageJson = usage && {
    prompt_tokens: usage.prompt,
    completion_tokens: usage.completion,
    total_tokens: usage.prompt + usage.completion,
  };
  const finish = calls.length ? 'tool_calls' : 'stop';

  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content, ...(calls.length ? { tool_calls: calls } : {}) }, finish_reason: finish },
        ],
        ...(usageJson ? { usage: usageJson } : {}),
      }),
    );
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
  const out = [chunk({ role: 'assistant', content: '' })];
  // Text in word-sized pieces, tool arguments split in two, as real endpoints do.
  for (const piece of (content ?? '').match(/\S+\s*|\s+/g) ?? []) out.push(chunk({ content: piece }));
  calls.forEach((c, index) => {
    const cut = Math.ceil(c.function.arguments.length / 2);
    out.push(
      chunk({
        tool_calls: [
          { index, id: c.id, type: 'function', function: { name: c.function.name, arguments: c.function.arguments.slice(0, cut) } },
        ],
      }),
    );
    out.push(chunk({ tool_calls: [{ index, function: { arguments: c.function.arguments.slice(cut) } }] }));
  });
  out.push(chunk({}, finish));
  if (usageJson && body.stream_options?.include_usage) {
    out.push(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [], usage: usageJson })}\n\n`,
    );
  }
  out.push('data: [DONE]\n\n');
  if (!reply.chunkDelayMs) return void res.end(out.join(''));
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i === out.length - 1) return void res.end(out[i]);
    res.write(out[i++]);
    setTimeout(next, reply.chunkDelayMs);
  };
  next();
}

/** The checks the real API makes that a broken history would fail. */
export function validateConversation(body: ChatBody): string | null {
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must be a non-empty array";
  const open = new Set<string>();
  for (const [i, m] of body.messages.entries()) {
    if (m.role === 'tool') {
      if (!m.tool_call_id || !open.has(m.tool_call_id)) {
        return `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (messages[${i}])`;
      }
      open.delete(m.tool_call_id);
      continue;
    }
    if (open.size > 0) {
      return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open].join(', ')}`;
    }
    if (m.role === 'assistant') for (const c of m.tool_calls ?? []) open.add(c.id);
  }
  if (open.size > 0)
    return `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open].join(', ')}`;
  return null;
}

/**
 * The bench conversation: the first call asks for lookup_order, the call after the tool result
 * replies with text. Deterministic and allocation-light so the fake costs little.
 */
export function orderLookupHandler(delayMs = 0): FakeHandler {
  return (body) => {
    const last = body.messages[body.messages.length - 1];
    if (last?.role === 'tool')
      return { content: 'Your order 28473 was delivered five days ago.', usage: { prompt: 420, completion: 12 }, delayMs };
    return {
      toolCalls: [{ id: 'call_lookup', name: 'lookup_order', arguments: { orderNumber: '28473' } }],
      usage: { prompt: 400, completion: 18 },
      delayMs,
    };
  };
}

// `tsx test/support/fake-openai.ts [delayMs]`: serves orderLookupHandler in its own process
// (so bench CPU figures exclude the fake) and prints its URL on the first stdout line.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fake = await startFakeOpenAI({ record: false });
  fake.handle(orderLookupHandler(Number(process.argv[2] ?? 0)));
  process.stdout.write(`${fake.url}\n`);
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
}
