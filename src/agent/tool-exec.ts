// Runs one model message's tool calls concurrently, each bounded by a timeout, and returns the
// results in the order the model asked. Nothing here throws: a failure is a result the model
// reads and recovers from.
import type { Logger } from '../core/logger.js';
import type { ToolContext, ToolName, ToolResult } from '../tools/types.js';
import type { ModelCall } from './model-call.js';
import type { TurnTools } from './types.js';

export function runToolCalls(
  calls: readonly ModelCall[],
  tools: TurnTools,
  allowed: readonly ToolName[],
  ctx: ToolContext,
  timeoutMs: number,
  logger?: Logger,
): Promise<ToolResult[]> {
  return Promise.all(calls.map((c) => runOne(c, tools, allowed, ctx, timeoutMs, logger)));
}

async function runOne(call: ModelCall, tools: TurnTools, allowed: readonly ToolName[], ctx: ToolContext, timeoutMs: number, logger?: Logger): Promise<ToolResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ToolResult>((resolve) => {
    timer = setTimeout(() => {
      logger?.warn('tool_timeout', { tool: call.name, timeoutMs });
      resolve({ ok: false, error: { code: 'unavailable', message: `${call.name} did not answer in time. Tell the shopper it is temporarily unavailable; do not retry it in this reply.` } });
    }, timeoutMs);
  });
  try {
    // Malformed JSON goes to the registry as the raw text so it can say what was wrong.
    return await Promise.race([tools.execute(call.name, call.raw ?? call.args, allowed, ctx), timeout]);
  } catch (err) {
    // The registry promises never to throw; this keeps one broken tool from ending the turn anyway.
    logger?.error('tool_threw', { tool: call.name, error: err instanceof Error ? err.message : String(err) });
    return { ok: false, error: { code: 'failed', message: `${call.name} failed unexpectedly. Apologize and offer another way to help.` } };
  } finally {
    clearTimeout(timer);
  }
}

/** The tool message the model reads. */
export function toolMessageContent(result: ToolResult): string {
  return JSON.stringify(result);
}
