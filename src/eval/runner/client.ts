// Talks to the app exactly as a shopper's browser does: POST /api/chat with SSE, the identity
// token and the session header; collects reply, tool calls with their results, usage, latency.
import type { RecordedToolCall, TurnRecord } from '../types.js';
import { parseSse } from './sse.js';

export interface ChatApp {
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

export interface ChatRequest {
  token: string | null;
  sessionId: string;
  conversationId: string | null;
  message: string;
  page?: { url?: string; referrer?: string };
  /** A turn that never answers fails its case instead of stalling the whole run. */
  timeoutMs?: number;
}

export type TurnResult = Omit<TurnRecord, 'index' | 'systemPrompt' | 'traits'> & { conversationId: string | null };

export async function chatTurn(app: ChatApp, req: ChatRequest): Promise<TurnResult> {
  const started = performance.now();
  const { res, text } = await post(app, req);
  const latencyMs = performance.now() - started;
  const base: TurnResult = {
    user: req.message,
    reply: '',
    status: res.status,
    segment: null,
    persona: null,
    model: '',
    toolCalls: [],
    usage: { modelCalls: 0, inputTokens: 0, outputTokens: 0 },
    latencyMs,
    conversationId: req.conversationId,
  };
  if (!res.ok) return { ...base, error: errorMessage(text) };
  return readStream(text, base);
}

/** POST /api/chat and read the whole body, within the turn's time limit. */
async function post(app: ChatApp, req: ChatRequest): Promise<{ res: Response; text: string }> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'text/event-stream',
    'X-Tailor-Session': req.sessionId,
  };
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  const body = JSON.stringify({
    message: req.message,
    ...(req.conversationId ? { conversationId: req.conversationId } : {}),
    ...(req.page ? { page: req.page } : {}),
  });
  const abort = new AbortController();
  const limit = req.timeoutMs ?? 30_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new Error(`no reply within ${limit} ms`));
    }, limit);
  });
  try {
    const res = await Promise.race([
      Promise.resolve(app.request('/api/chat', { method: 'POST', headers, body, signal: abort.signal })),
      timeout,
    ]);
    const text = await Promise.race([res.text(), timeout]);
    return { res, text };
  } finally {
    clearTimeout(timer);
  }
}

/** A non-2xx body: the JSON error's code and message, else the raw text's start. */
function errorMessage(text: string): string {
  let msg = text.slice(0, 300);
  try {
    const j = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (j.error) msg = `${j.error.code}: ${j.error.message}`;
  } catch {
    // not JSON: keep the raw text
  }
  return msg;
}

/** The SSE events of one turn, folded into its result. */
function readStream(text: string, base: TurnResult): TurnResult {
  const calls = new Map<string, RecordedToolCall>();
  for (const ev of parseSse(text)) {
    const data = JSON.parse(ev.data) as Record<string, unknown>;
    if (ev.event === 'meta') base.conversationId = String(data.conversationId);
    else if (ev.event === 'tool_call') {
      calls.set(String(data.id), {
        id: String(data.id),
        name: String(data.name),
        args: (data.args ?? {}) as Record<string, unknown>,
        ok: false,
        result: undefined,
      });
    } else if (ev.event === 'tool_result') {
      const call = calls.get(String(data.id)) ?? { id: String(data.id), name: String(data.name), args: {}, ok: false, result: undefined };
      calls.set(call.id, { ...call, ok: data.ok === true, result: data.result });
    } else if (ev.event === 'error') {
      return { ...base, status: 502, toolCalls: [...calls.values()], error: `${String(data.code)}: ${String(data.message)}` };
    } else if (ev.event === 'done') {
      const r = data as unknown as {
        conversationId: string;
        reply: string;
        segment: TurnRecord['segment'];
        persona: TurnRecord['persona'];
        usage: TurnRecord['usage'];
        model: string;
      };
      return {
        ...base,
        conversationId: r.conversationId,
        reply: r.reply,
        segment: r.segment,
        persona: r.persona,
        usage: r.usage,
        model: r.model,
        toolCalls: [...calls.values()],
      };
    }
  }
  return { ...base, status: 502, toolCalls: [...calls.values()], error: 'stream ended without a done event' };
}
