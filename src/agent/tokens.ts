// Token counts for models that report no usage (some OpenAI-compatible servers omit it): the
// shared o200k_base counter (src/tokens), imported on the first count, not at startup, since it
// carries a large ranks table. When the provider reports usage nothing here runs at all (the loop
// counts only a reply whose usage is null). Counts of messages reused across steps are memoized.
import type { BaseMessage } from '@langchain/core/messages';

type Count = (text: string) => number;

/** A server counting every turn keeps the encoder while traffic flows; an idle one gives its memory back. */
const KEEP_MS = 60_000;

let counter: Promise<Count> | null = null;

function loadCounter(): Promise<Count> {
  counter ??= import('../tokens/index.js').then(
    async (t) => {
      await t.loadTokenCounter();
      return (text: string) => t.countTokens(text, KEEP_MS);
    },
    (err: unknown) => {
      counter = null;
      throw err;
    },
  );
  return counter;
}

/** Per-message framing the Chat Completions API adds (role, separators). */
const PER_MESSAGE = 4;
const messageCounts = new WeakMap<BaseMessage, number>();
const toolCounts = new Map<string, number>();

export async function countText(text: string): Promise<number> {
  if (!text) return 0;
  return (await loadCounter())(text);
}

export async function countMessages(messages: readonly BaseMessage[], tools: { key: string; json: () => string } | null): Promise<number> {
  const count = await loadCounter();
  let total = 3;
  for (const m of messages) {
    let n = messageCounts.get(m);
    if (n === undefined) {
      n = PER_MESSAGE + count(typeof m.content === 'string' ? m.content : JSON.stringify(m.content));
      const calls = (m as { tool_calls?: unknown[] }).tool_calls;
      if (calls?.length) n += count(JSON.stringify(calls));
      messageCounts.set(m, n);
    }
    total += n;
  }
  if (tools) {
    let n = toolCounts.get(tools.key);
    if (n === undefined) {
      n = count(tools.json());
      if (toolCounts.size > 200) toolCounts.clear();
      toolCounts.set(tools.key, n);
    }
    total += n;
  }
  return total;
}
