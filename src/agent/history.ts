// Stored messages → the model's view of the conversation: the most recent turns verbatim,
// older ones folded into a short deterministic summary (so the prompt stays flat however long
// the conversation runs), and always a sequence the provider accepts: every assistant tool call
// answered by exactly one tool message right after it.
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { StoredMessage, ToolCallRecord } from './types.js';

/** Longest summary kept; the oldest lines go first. */
export const MAX_SUMMARY_CHARS = 900;
const SNIPPET_CHARS = 90;

/** What a tool message says when its call never completed (crash, timeout, provider error). */
export const INTERRUPTED_RESULT = JSON.stringify({
  ok: false,
  error: { code: 'interrupted', message: 'This tool call did not complete. Call the tool again if it is still needed.' },
});

/**
 * The conversation summary after this turn: turns that leave the verbatim window once turn
 * `turnCount + 1` is stored are folded in. Idempotent: a turn already in `previous` is skipped,
 * so passing more history than needed does no harm.
 */
export function summarizeTurns(previous: string, history: readonly StoredMessage[], turnCount: number, window: number): string {
  return foldTurns(previous, history, turnCount + 1 - window);
}

/**
 * LangChain messages for the history part of a prompt (the caller adds the system prompt
 * before and the shopper's new message after).
 */
export function toModelMessages(history: readonly StoredMessage[], summary: string, window: number): BaseMessage[] {
  const lastTurn = history.length ? history[history.length - 1]!.turn : 0;
  const firstKept = lastTurn - window + 1;
  const fullSummary = foldTurns(summary, history, firstKept - 1);
  const out: BaseMessage[] = [];
  if (fullSummary) out.push(new SystemMessage(`Summary of earlier turns in this conversation (oldest first):\n${fullSummary}`));
  let i = 0;
  while (i < history.length && history[i]!.turn < firstKept) i++;
  appendRepaired(out, history, i);
  return out;
}

/** Answers the open tool calls no tool message answered (the turn broke off), and forgets them. */
function closeOpen(out: BaseMessage[], open: readonly ToolCallRecord[], answered: Set<string>): void {
  for (const c of open) if (!answered.has(c.id)) out.push(new ToolMessage({ tool_call_id: c.id, content: INTERRUPTED_RESULT }));
  answered.clear();
}

/** Appends history[from..] with orphaned tool calls answered and stray tool messages dropped. */
function appendRepaired(out: BaseMessage[], history: readonly StoredMessage[], from: number): void {
  let open: ToolCallRecord[] = [];
  const answered = new Set<string>();
  for (let i = from; i < history.length; i++) {
    const m = history[i]!;
    if (m.role === 'tool') {
      const id = m.toolCallId;
      if (id && !answered.has(id) && open.some((c) => c.id === id)) {
        answered.add(id);
        out.push(new ToolMessage({ tool_call_id: id, content: m.content }));
      }
      continue;
    }
    closeOpen(out, open, answered);
    open = [];
    if (m.role === 'user') out.push(new HumanMessage(m.content));
    else if (m.toolCalls?.length) {
      open = m.toolCalls;
      out.push(
        new AIMessage({
          content: m.content,
          tool_calls: m.toolCalls.map((c) => ({ id: c.id, name: c.name, args: c.args, type: 'tool_call' as const })),
        }),
      );
    } else if (m.content) out.push(new AIMessage(m.content));
  }
  closeOpen(out, open, answered);
}

/** `previous` plus one line per turn ≤ upTo found in history and not yet summarized. */
function foldTurns(previous: string, history: readonly StoredMessage[], upTo: number): string {
  const done = lastSummarizedTurn(previous);
  const lines: string[] = [];
  let i = 0;
  while (i < history.length) {
    const turn = history[i]!.turn;
    let j = i;
    while (j < history.length && history[j]!.turn === turn) j++;
    if (turn > upTo) break;
    if (turn > done) lines.push(describeTurn(turn, history, i, j));
    i = j;
  }
  if (lines.length === 0) return previous;
  return trimToBound(previous ? `${previous}\n${lines.join('\n')}` : lines.join('\n'));
}

function describeTurn(turn: number, history: readonly StoredMessage[], from: number, to: number): string {
  let asked = '';
  let replied = '';
  const tools: string[] = [];
  for (let k = from; k < to; k++) {
    const m = history[k]!;
    if (m.role === 'user') asked = m.content;
    else if (m.role === 'assistant') {
      for (const c of m.toolCalls ?? []) tools.push(describeCall(c));
      if (m.content) replied = m.content;
    }
  }
  const did = tools.length ? `used ${tools.join(', ')} and ` : '';
  return `T${turn}: shopper asked "${snippet(asked)}"; assistant ${did}replied "${snippet(replied)}"`;
}

/** Tool name plus its identifying argument (an order number, a product id), never free text. */
function describeCall(c: ToolCallRecord): string {
  const key = c.args.orderNumber ?? c.args.productId ?? c.args.category ?? c.args.topic;
  return typeof key === 'string' || typeof key === 'number' ? `${c.name}(${String(key).slice(0, 24)})` : c.name;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/"/g, "'").trim();
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS - 1)}…`;
}

function trimToBound(summary: string): string {
  if (summary.length <= MAX_SUMMARY_CHARS) return summary;
  const lines = summary.split('\n');
  while (lines.length > 1 && lines.join('\n').length > MAX_SUMMARY_CHARS) lines.shift();
  const text = lines.join('\n');
  return text.length <= MAX_SUMMARY_CHARS ? text : text.slice(text.length - MAX_SUMMARY_CHARS);
}

function lastSummarizedTurn(summary: string): number {
  const m = /(?:^|\n)T(\d+):[^\n]*$/.exec(summary);
  return m ? Number(m[1]) : 0;
}
