// Wires the domain modules into a chat service, the same way on every runtime: the entries
// (src/node.ts, src/worker.ts) and the tests bring the db, the persona source, the rules and
// the model; this builds everything in between.
import { silentLogger, type Logger } from '../core/index.js';
import type { Atomic, Clock, Db, IdGen } from '../db/index.js';
import { createChatService, reconcileInterruptedTurns, type ChatService } from '../chat/index.js';
import { createSegmenter, type SegmentRules, type Segmenter } from '../segments/index.js';
import { createPersonaRegistry, type PersonaRegistry, type PersonaSource } from '../personas/index.js';
import { createToolRegistry, type ToolRegistry } from '../tools/index.js';
import type { ModelProvider } from '../agent/types.js';

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
  /** The database's change counter for other connections' commits (Node's SQLite); enables the chat service's conversation cache. */
  dataVersion?: () => number;
  /** Reload personas when their files change (Node); default: whatever the source supports. */
  watchPersonas?: boolean;
}

export interface Tailor {
  chat: ChatService;
  personas: PersonaRegistry;
  segmenter: Segmenter;
  tools: ToolRegistry;
  now: Clock;
  ids: IdGen;
}

/**
 * Ids carry their kind, the time (48 bits, milliseconds) and 80 random bits: unguessable, readable
 * in logs, and time-ordered, so new rows append to the end of each primary-key index instead of
 * dirtying a random page of it on every write (that halves the cost of a turn's commit).
 */
export const randomIds: IdGen = (prefix) => {
  const u = crypto.randomUUID(); // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: groups 1 and 5 are 80 random bits
  return `${prefix}_${Date.now().toString(16).padStart(12, '0')}${u.slice(0, 8)}${u.slice(24)}`;
};

export async function createTailor(parts: TailorParts): Promise<Tailor> {
  const now = parts.now ?? Date.now;
  const ids = parts.ids ?? randomIds;
  const logger = parts.logger ?? silentLogger;
  const tools = createToolRegistry({ onError: (tool, error) => logger.warn('tool_failed', { tool, error: error instanceof Error ? error.message : String(error) }) });
  const personas = await createPersonaRegistry({
    source: parts.personaSource,
    segments: parts.rules.segments,
    tokenBudget: parts.promptTokenBudget,
    toolDefinitions: (names) => tools.definitions(names),
    logger,
    watch: parts.watchPersonas,
  });
  const segmenter = createSegmenter({ db: parts.db, rules: parts.rules, now });
  // Before the first turn: actions a crash left out of their transcript get their line.
  await reconcileInterruptedTurns(parts.db, parts.atomic, ids, now(), logger);
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
  });
  return { chat, personas, segmenter, tools, now, ids };
}
