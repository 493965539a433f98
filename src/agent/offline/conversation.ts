// Reads the message list the loop sends (system prompt, stored history, the shopper's message,
// this turn's tool calls and results) into turns the offline model can reason about.
import type { BaseMessage } from '@langchain/core/messages';
import { createMemo, deepFreeze } from '../../core/index.js';

export interface ToolOutcome {
  ok: boolean;
  /** Opaque: read through the tool's output schema (results.ts outputOf), never by guessing at fields. */
  data: object;
  error: { code: string; message: string; field?: string } | null;
}

export interface Exchange {
  id: string;
  name: string;
  args: Record<string, unknown>;
  /** null while the call has no result (a turn that died mid-way). */
  result: ToolOutcome | null;
}

export interface Turn {
  user: string;
  exchanges: Exchange[];
  /** The assistant's final text for the turn, if it got that far. */
  reply: string;
}

export interface Conversation {
  system: string;
  /** Oldest first; the last one is the turn being answered. */
  turns: Turn[];
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((c) => (typeof c === 'string' ? c : c && typeof c === 'object' && 'text' in c && typeof c.text === 'string' ? c.text : ''))
      .join('');
  }
  return '';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Every decision re-reads the whole window, so each stored tool result would be parsed again on
// every step of every later turn: parsed results are remembered by their text, frozen (readers
// build new values; a write would throw).
const parsed = createMemo<string, ToolOutcome>(1_000);

export function forgetToolResults(): void {
  parsed.clear();
}

/** Tool results arrive as JSON text; anything else is kept as an opaque failure or plain data. */
export function parseToolResult(content: unknown): ToolOutcome {
  return parsed.get(textOf(content), (text) => deepFreeze(parseToolText(text)));
}

function parseToolText(text: string): ToolOutcome {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, data: {}, error: { code: 'failed', message: text.slice(0, 300) } };
  }
  if (isRecord(value) && typeof value.ok === 'boolean') {
    if (value.ok) return { ok: true, data: isRecord(value.data) ? value.data : {}, error: null };
    const err = isRecord(value.error) ? value.error : {};
    return {
      ok: false,
      data: {},
      error: {
        code: typeof err.code === 'string' ? err.code : 'failed',
        message: typeof err.message === 'string' ? err.message : '',
        ...(typeof err.field === 'string' ? { field: err.field } : {}),
      },
    };
  }
  return { ok: true, data: isRecord(value) ? value : { value }, error: null };
}

export function readConversation(messages: readonly BaseMessage[]): Conversation {
  const conv: Conversation = { system: '', turns: [] };
  let turn: Turn | null = null;
  const byId = new Map<string, Exchange>();
  for (const m of messages) {
    const type = m.getType();
    if (type === 'system') {
      conv.system += (conv.system ? '\n' : '') + textOf(m.content);
    } else if (type === 'human') {
      turn = { user: textOf(m.content), exchanges: [], reply: '' };
      conv.turns.push(turn);
    } else if (type === 'ai') {
      if (!turn) {
        turn = { user: '', exchanges: [], reply: '' };
        conv.turns.push(turn);
      }
      const calls =
        (m as BaseMessage & { tool_calls?: Array<{ id?: string; name: string; args: Record<string, unknown> }> }).tool_calls ?? [];
      for (const c of calls) {
        const ex: Exchange = { id: c.id ?? '', name: c.name, args: isRecord(c.args) ? c.args : {}, result: null };
        turn.exchanges.push(ex);
        if (c.id) byId.set(c.id, ex);
      }
      const text = textOf(m.content);
      if (text && calls.length === 0) turn.reply = text;
    } else if (type === 'tool') {
      const id = (m as BaseMessage & { tool_call_id?: string }).tool_call_id ?? '';
      const ex = byId.get(id);
      if (ex) ex.result = parseToolResult(m.content);
    }
  }
  return conv;
}

/** The turn being answered and whether it already has tool results (a continuation step). */
export function currentTurn(conv: Conversation): Turn {
  return conv.turns[conv.turns.length - 1] ?? { user: '', exchanges: [], reply: '' };
}

export function previousTurns(conv: Conversation): Turn[] {
  return conv.turns.slice(0, -1);
}
