// Token counts for models that report no usage (some OpenAI-compatible servers omit it):
// o200k_base, the GPT-4o family's encoding. The ranks table is large, so it is loaded on the
// first count, not at startup, and counts of messages reused across steps are memoized.
import type { Tiktoken } from 'js-tiktoken/lite';
import type { BaseMessage } from '@langchain/core/messages';

let encoder: Promise<Tiktoken> | null = null;

function loadEncoder(): Promise<Tiktoken> {
  encoder ??= Promise.all([import('js-tiktoken/lite'), import('js-tiktoken/ranks/o200k_base')]).then(([lite, ranks]) => new lite.Tiktoken(ranks.default));
  return encoder;
}

/** Per-message framing the Chat Completions API adds (role, separators). */
const PER_MESSAGE = 4;
const messageCounts = new WeakMap<BaseMessage, number>();
const toolCounts = new Map<string, number>();

export async function countText(text: string): Promise<number> {
  if (!text) return 0;
  return (await loadEncoder()).encode(text).length;
}

export async function countMessages(messages: readonly BaseMessage[], tools: { key: string; json: () => string } | null): Promise<number> {
  const enc = await loadEncoder();
  let total = 3;
  for (const m of messages) {
    let n = messageCounts.get(m);
    if (n === undefined) {
      n = PER_MESSAGE + enc.encode(typeof m.content === 'string' ? m.content : JSON.stringify(m.content)).length;
      const calls = (m as { tool_calls?: unknown[] }).tool_calls;
      if (calls?.length) n += enc.encode(JSON.stringify(calls)).length;
      messageCounts.set(m, n);
    }
    total += n;
  }
  if (tools) {
    let n = toolCounts.get(tools.key);
    if (n === undefined) {
      n = enc.encode(tools.json()).length;
      if (toolCounts.size > 200) toolCounts.clear();
      toolCounts.set(tools.key, n);
    }
    total += n;
  }
  return total;
}
