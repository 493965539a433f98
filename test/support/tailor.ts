// The demo Tailor in-process: a migrated SQLite file seeded with the demo store, the shipped
// persona files and segment rules, the offline model. Shared by the offline-model and HTTP tests.
import { join } from 'node:path';
import { seedDemoStore } from '../../src/db/seed/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createOfflineProvider } from '../../src/agent/offline/index.js';
import { createTailor, type Tailor } from '../../src/http/compose.js';
import { randomIds, type Logger } from '../../src/core/index.js';
import type { ModelProvider } from '../../src/agent/index.js';
import { createChatService, type ChatDeps, type ChatService } from '../../src/chat/index.js';
import type { ChatResponse } from '../../src/chat/types.js';
import type { Segmenter } from '../../src/segments/index.js';
import { tempDb } from './db.js';
import { repoRoot } from './server.js';

export async function demoTailor(
  opts: { logger?: Logger; provider?: ModelProvider } = {},
): Promise<{ db: ReturnType<typeof tempDb>; tailor: Tailor }> {
  const db = tempDb();
  await seedDemoStore(db.db, { now: Date.now() });
  const tailor = await createTailor({
    db: db.db,
    atomic: db.atomic,
    rules: loadSegmentRulesFile(join(repoRoot, 'data/segments.yaml')),
    personaSource: nodePersonaSource(join(repoRoot, 'prompts')),
    provider: opts.provider ?? createOfflineProvider(),
    logger: opts.logger,
    watchPersonas: false,
  });
  return { db, tailor };
}

/**
 * The demo Tailor's chat service over a segmenter that fails for customers (failingForCustomers):
 * a shopper who verifies mid-turn cannot be segmented again. `provider` serves the turns.
 */
export async function chatThatCannotResegment(
  provider: ModelProvider,
  extra: Pick<ChatDeps, 'logger' | 'toolRouting'> = {},
): Promise<{ db: ReturnType<typeof tempDb>; tailor: Tailor; chat: ChatService }> {
  const { db, tailor } = await demoTailor({ provider });
  const chat = createChatService({
    db: db.db,
    atomic: db.atomic,
    now: Date.now,
    ids: randomIds,
    segmenter: failingForCustomers(tailor.segmenter),
    personas: tailor.personas,
    tools: tailor.tools,
    provider,
    ...extra,
  });
  return { db, tailor, chat };
}

/** A chat reply as the HTTP API sends it (the JSON body, and the SSE `done` event). */
export type ChatJson = ChatResponse;

/** The real segmenter, except that segmenting a customer fails (a busy database, say); an anonymous session segments fine. */
export function failingForCustomers(real: Segmenter): Segmenter {
  return {
    get rules() {
      return real.rules;
    },
    segment: (who) => (who.customerId ? Promise.reject(new Error('profile read failed')) : real.segment(who)),
    profile: (who) => real.profile(who),
    setRules: (rules) => real.setRules(rules),
  };
}
