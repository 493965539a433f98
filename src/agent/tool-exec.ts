// Runs one model message's tool calls concurrently, each bounded by a timeout, and returns the
// results in the order the model asked. Nothing here throws: a failure is a result the model
// reads and recovers from.
import { fenceText, type Logger } from '../core/index.js';
import type { ToolContext, ToolName, ToolResult } from '../tools/index.js';
import type { ModelCall } from './model-call.js';
import type { TurnObserver, TurnTools } from './types.js';

/** At most this many tool calls run per model message, and per turn; the rest are answered as refused. */
export const TOOL_CALL_LIMITS = { perStep: 4, perTurn: 12 } as const;

/**
 * `budget` is what this turn may still run; calls past it (or past the per-step limit) are not
 * executed, so one runaway or hijacked model message cannot fan out into a thousand writes.
 */
export async function runToolCalls(
  calls: readonly ModelCall[],
  tools: TurnTools,
  allowed: readonly ToolName[],
  ctx: ToolContext,
  timeoutMs: number,
  logger?: Logger,
  budget: number = TOOL_CALL_LIMITS.perTurn,
  observer?: TurnObserver,
): Promise<ToolResult[]> {
  const runnable = Math.max(0, Math.min(TOOL_CALL_LIMITS.perStep, budget));
  if (calls.length > runnable) logger?.warn('tool_calls_capped', { asked: calls.length, ran: runnable });
  return Promise.all(
    calls.map((c, i) =>
      i < runnable
        ? observer
          ? observed(c, tools, allowed, ctx, timeoutMs, logger, observer)
          : runOne(c, tools, allowed, ctx, timeoutMs, logger)
        : Promise.resolve(capped(c)),
    ),
  );
}

const capped = (call: ModelCall): ToolResult => ({
  ok: false,
  error: {
    code: 'refused',
    message: `${call.name} was not run: at most ${TOOL_CALL_LIMITS.perStep} tool calls per step and ${TOOL_CALL_LIMITS.perTurn} per turn. Answer with what you have, or call fewer tools.`,
  },
});

async function runOne(
  call: ModelCall,
  tools: TurnTools,
  allowed: readonly ToolName[],
  ctx: ToolContext,
  timeoutMs: number,
  logger?: Logger,
): Promise<ToolResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<ToolResult>((resolve) => {
    timer = setTimeout(() => {
      logger?.warn('tool_timeout', { tool: call.name, timeoutMs });
      resolve({
        ok: false,
        error: {
          code: 'unavailable',
          message: `${call.name} did not answer in time. Tell the shopper it is temporarily unavailable; do not retry it in this reply.`,
        },
      });
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

async function observed(
  call: ModelCall,
  tools: TurnTools,
  allowed: readonly ToolName[],
  ctx: ToolContext,
  timeoutMs: number,
  logger: Logger | undefined,
  observer: TurnObserver,
): Promise<ToolResult> {
  const handle = observer.toolStart(call.name, call.id);
  const result = await runOne(call, tools, allowed, ctx, timeoutMs, logger);
  observer.toolEnd(handle, call.name, result);
  return result;
}

/**
 * The tool message the model reads. Tool results carry store data (product texts, names, notes)
 * that no shopper typed here: fenced like any untrusted text before it reaches a prompt. The same
 * text as `JSON.stringify(fenceValue(result))` (every string fenced, keys left alone), fenced as
 * it is written rather than through a fenced copy of the whole result.
 */
export function toolMessageContent(result: ToolResult): string {
  return JSON.stringify(result, fenceStrings);
}

function fenceStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? fenceText(value) : value;
}
