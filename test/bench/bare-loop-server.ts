// The reference for json-mode.bench.ts: what anyone would write with LangChain and nothing else,
// behind a minimal node:http JSON endpoint so it pays for HTTP like Tailor does.
// POST /chat {"message": "..."} → ChatOpenAI.bindTools([lookup_order]), invoke, run the tool
// against the same SQLite file (as the demo customer c_marcus), invoke again → {"reply", "toolCalls"}.
// Configured by the bench through the environment; prints "listening on http://127.0.0.1:<port>".
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatOpenAI } from '@langchain/openai';
import { HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { openNodeDb } from '../../src/db/node.js';
import { createToolRegistry } from '../../src/tools/index.js';
import { lookupOrderTool } from '../../src/tools/lookup-order.js';
import type { ToolContext } from '../../src/tools/types.js';

const env = (name: string) => process.env[name] ?? (console.error(`bare-loop-server: ${name} is not set`), process.exit(2));
const { db, atomic } = openNodeDb(env('BARE_DB'), { migrate: false });
const system = readFileSync(env('BARE_SYSTEM_FILE'), 'utf8');
const settings = JSON.parse(process.env.BARE_MODEL_SETTINGS ?? '{}') as { temperature?: number; maxTokens?: number };
// The same definition object Tailor sends for lookup_order, so that tool's bytes on the wire match.
const model = new ChatOpenAI({
  model: 'gpt-4o-mini',
  apiKey: 'sk-bench',
  maxRetries: 0,
  ...settings,
  configuration: { baseURL: env('BARE_MODEL_URL') },
}).bindTools(createToolRegistry().definitions(['lookup_order']));

let n = 0;
const ids = (p: string) => `${p}_${(++n).toString(36)}`;
const ctx: ToolContext = {
  db,
  atomic,
  now: Date.now,
  ids,
  shopper: { sessionId: 's_bare_loop_session', customerId: 'c_marcus', verified: true, via: 'token' },
  segment: { id: 'bench', rule: 'bench', reasons: [] },
  conversationId: 'bare',
  turn: 1,
  approval: null,
  clientKey: null,
  provenOrders: [],
  bindCustomer: () => undefined,
  proveOrder: () => undefined,
  emit: () => undefined,
  record: (e) => ({ id: ids('evt'), type: e.type, data: e.data, createdAt: Date.now() }),
  transcript: () => '',
};

async function conversation(message: string): Promise<{ reply: string; toolCalls: Array<{ name: string; args: unknown; ok: boolean }> }> {
  const messages: BaseMessage[] = [new SystemMessage(system), new HumanMessage(message)];
  const toolCalls: Array<{ name: string; args: unknown; ok: boolean }> = [];
  for (let step = 0; step < 6; step++) {
    const out = await model.invoke(messages);
    messages.push(out);
    if (!out.tool_calls?.length) return { reply: typeof out.content === 'string' ? out.content : JSON.stringify(out.content), toolCalls };
    for (const tc of out.tool_calls) {
      const result =
        tc.name === lookupOrderTool.name
          ? await lookupOrderTool.run(lookupOrderTool.schema.parse(tc.args), ctx)
          : { ok: false as const, error: { code: 'not_allowed', message: 'unknown tool' } };
      toolCalls.push({ name: tc.name, args: tc.args, ok: result.ok });
      messages.push(new ToolMessage({ tool_call_id: tc.id!, content: JSON.stringify(result) }));
    }
  }
  return { reply: '', toolCalls };
}

const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (c: Buffer) => parts.push(c));
  req.on('end', () => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/chat') return send(404, { error: 'not found' });
    let message: unknown;
    try {
      message = (JSON.parse(Buffer.concat(parts).toString('utf8')) as { message?: unknown }).message;
    } catch {
      return send(400, { error: 'body is not JSON' });
    }
    if (typeof message !== 'string' || !message) return send(400, { error: 'message is required' });
    conversation(message).then(
      (r) => send(200, r),
      (err: unknown) => send(502, { error: err instanceof Error ? err.message : String(err) }),
    );
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
