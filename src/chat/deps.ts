// What the chat service is built from, and the same with its defaults filled in: what each stage
// of a turn (prepare.ts → run.ts → persist.ts) reads.
import type { Atomic, Db } from '../db/index.js';
import type { Clock, IdGen, Logger } from '../core/index.js';
import type { CheckoutSettings } from '../shop/index.js';
import type { Segmenter } from '../segments/index.js';
import type { PersonaRegistry } from '../personas/index.js';
import type { ToolRegistry } from '../tools/index.js';
import type { ModelProvider } from '../agent/index.js';
import type { Telemetry } from '../telemetry/index.js';
import type { TurnLock } from './serialize.js';
import type { StateCodec } from './cache.js';

export interface ChatDeps {
  db: Db;
  atomic: Atomic;
  now: Clock;
  ids: IdGen;
  segmenter: Segmenter;
  personas: PersonaRegistry;
  tools: ToolRegistry;
  provider: ModelProvider;
  /** Completes the turn when the provider fails (the offline model). */
  fallback?: ModelProvider;
  logger?: Logger;
  maxSteps?: number;
  /** Turns kept verbatim in the model's history; older ones are summarized. */
  historyTurns?: number;
  /**
   * SQLite's `PRAGMA data_version` (Node): when given, the state each turn commits is kept in
   * memory for the conversation's next turn (see cache.ts). Not on D1, where isolates share the database.
   */
  dataVersion?: () => number;
  /** How the conversation cache keeps an entry as bytes: JSON in UTF-8 by default; V8's serializer on Node (chat/node.ts). */
  stateCodec?: StateCodec;
  /** Serializes a conversation's turns: in-process by default; a Durable Object lease on Workers. */
  turnLock?: TurnLock;
  /** How a cart becomes a checkout link on the store (tools' `checkoutUrl`); none → no link. */
  checkout?: CheckoutSettings | null;
  /** Metrics, model health and (when enabled) spans for each turn. */
  telemetry?: Telemetry;
  /**
   * auto (default): a hosted model is offered only the persona tools the shopper's message can use
   * (src/agent/tool-routing.ts); off: every persona tool. The offline model is never routed.
   */
  toolRouting?: 'auto' | 'off';
}

/** ChatDeps with the defaults the service chose. */
export interface TurnEnv {
  deps: ChatDeps;
  logger: Logger;
  historyTurns: number;
  telemetry: Telemetry;
}
