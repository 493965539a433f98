// Wires the domain modules into a chat service, the same way on every runtime: the entries
// (src/node.ts, src/worker.ts) and the tests bring the db, the persona source, the rules and
// the model; this builds everything in between.
import { ConfigError, randomIds, silentLogger, type Logger } from '../core/index.js';
import type { Atomic, Clock, Db, IdGen } from '../db/index.js';
import {
  createChatService,
  createDirectTools,
  reconcileInterruptedTurns,
  type ChatService,
  type StateCodec,
  type TurnLock,
} from '../chat/index.js';
import { createMcpHandler, type McpHandler } from '../mcp/index.js';
import { createSegmenter, type SegmentRules, type Segmenter } from '../segments/index.js';
import { createPersonaRegistry, type PersonaRegistry, type PersonaSource } from '../personas/index.js';
import { createToolRegistry, type ToolRegistry } from '../tools/index.js';
import type { ModelProvider } from '../agent/index.js';
import type { CheckoutSettings } from '../shop/index.js';
import { createTelemetry, type Telemetry } from '../telemetry/index.js';

export interface TailorParts {
  db: Db;
  atomic: Atomic;
  rules: SegmentRules;
  personaSource: PersonaSource;
  provider: ModelProvider;
  /** Finishes a turn when `provider` fails: the offline model behind a hosted one. */
  fallback?: ModelProvider;
  now?: Clock;
  ids?: IdGen;
  logger?: Logger;
  promptTokenBudget?: number;
  /** Counts the persona texts for the budget all at once (Node: in a child process, src/tokens/node.ts); default: in this thread. */
  countPromptTokens?: (texts: readonly string[]) => Promise<number[]>;
  /** The database's change counter for other connections' commits (Node's SQLite); enables the chat service's conversation cache. */
  dataVersion?: () => number;
  /** How the conversation cache keeps its entries as bytes (Node: V8's serializer, chat/node.ts); default JSON. */
  stateCodec?: StateCodec;
  /** How a cart becomes a checkout link on the store (config: TAILOR_STORE_URL, TAILOR_CHECKOUT_URL_TEMPLATE, demo). */
  checkout?: CheckoutSettings | null;
  /** Reload personas when their files change (Node); default: whatever the source supports. */
  watchPersonas?: boolean;
  /** Where `rules` came from, to reload them with the prompts (Node: data/segments.yaml, watched). */
  rulesSource?: { readonly file: string; load(): SegmentRules; watch?(onChange: () => void): () => void };
  /** Serializes a conversation's turns; default in-process (Node), a Durable Object lease on Workers. */
  turnLock?: TurnLock;
  /** Metrics, model health and spans; default: metrics only, no tracing. */
  telemetry?: Telemetry;
  /** Tool routing for hosted models (config TAILOR_TOOL_ROUTING); default auto. */
  toolRouting?: 'auto' | 'off';
}

export interface ReloadResult {
  ok: boolean;
  errors: string[];
  /** Workers: prompts and rules are bundled at build time, so nothing can be reloaded. */
  bundled?: boolean;
}

export interface Tailor {
  chat: ChatService;
  personas: PersonaRegistry;
  segmenter: Segmenter;
  tools: ToolRegistry;
  /** The same tools for other agents, as an MCP server (createApp serves it at /mcp). */
  mcp: McpHandler;
  now: Clock;
  ids: IdGen;
  /** Segment rules, then prompts (checked against the new rules); all or nothing. What the admin reload calls. */
  reload(): Promise<ReloadResult>;
  /** Stops watching files. */
  close(): void;
  /** What /metrics and /api/health read (hand it to createApp). */
  telemetry: Telemetry;
}

export { randomIds } from '../core/index.js';

export async function createTailor(parts: TailorParts): Promise<Tailor> {
  const now = parts.now ?? Date.now;
  const ids = parts.ids ?? randomIds;
  const logger = parts.logger ?? silentLogger;
  const tools = createToolRegistry({
    onError: (tool, error) => logger.warn('tool_failed', { tool, error: error instanceof Error ? error.message : String(error) }),
  });
  const personas = await createPersonaRegistry({
    source: parts.personaSource,
    segments: parts.rules.segments,
    tokenBudget: parts.promptTokenBudget,
    countTokensBatch: parts.countPromptTokens,
    toolDefinitions: (names) => tools.definitions(names),
    logger,
    watch: parts.watchPersonas,
  });
  const segmenter = createSegmenter({ db: parts.db, rules: parts.rules, now });
  // Before the first turn: actions a crash left out of their transcript get their line.
  await reconcileInterruptedTurns(parts.db, parts.atomic, ids, now(), logger);
  const telemetry = parts.telemetry ?? createTelemetry({ now });
  const chat = createChatService({
    db: parts.db,
    atomic: parts.atomic,
    now,
    ids,
    segmenter,
    personas,
    tools,
    provider: parts.provider,
    fallback: parts.fallback,
    logger,
    dataVersion: parts.dataVersion,
    stateCodec: parts.stateCodec,
    checkout: parts.checkout,
    turnLock: parts.turnLock,
    telemetry,
    toolRouting: parts.toolRouting,
  });
  const direct = createDirectTools({
    db: parts.db,
    atomic: parts.atomic,
    now,
    ids,
    segmenter,
    tools,
    channel: 'mcp',
    logger,
    turnLock: parts.turnLock,
    checkout: parts.checkout,
  });
  const mcp = createMcpHandler({ direct, tools, logger });
  const reload = createReload(parts, personas, segmenter, logger);
  const stopRules = watchRules(parts, reload);
  const close = () => {
    stopRules();
    personas.close();
  };
  return { chat, personas, segmenter, tools, mcp, now, ids, reload, close, telemetry };
}

/** Reloads when the segment rules file changes (unless watching is off); returns the function that stops watching. */
function watchRules(parts: TailorParts, reload: () => Promise<ReloadResult>): () => void {
  if (parts.watchPersonas === false || !parts.rulesSource?.watch) return () => {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = parts.rulesSource.watch(() => {
    // Editors save in bursts: one reload per burst.
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void reload(), 60);
  });
  return () => {
    if (timer) clearTimeout(timer);
    stop();
  };
}

function createReload(parts: TailorParts, personas: PersonaRegistry, segmenter: Segmenter, logger: Logger): () => Promise<ReloadResult> {
  return async () => {
    if (personas.bundled) {
      return {
        ok: false,
        bundled: true,
        errors: [
          'Prompts and segment rules are bundled into the Worker at build time (src/worker-assets.ts): nothing was reloaded. Deploy again to change them.',
        ],
      };
    }
    let rules = segmenter.rules;
    if (parts.rulesSource) {
      try {
        rules = parts.rulesSource.load();
      } catch (err) {
        const errors = [err instanceof ConfigError ? err.message : `${parts.rulesSource.file}: ${(err as Error).message}`];
        logger.error('segment rules reload failed; still serving the last good version', { errors });
        return { ok: false, errors };
      }
    }
    // Personas first, against the new segment ids: new rules only go live with prompts that fit them.
    const result = await personas.reload({ segments: rules.segments });
    if (result.ok && rules !== segmenter.rules) {
      segmenter.setRules(rules);
      logger.info('segment rules reloaded', { file: parts.rulesSource?.file, segments: rules.segments });
    }
    return result;
  };
}
