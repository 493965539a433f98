// Shared set-up for the loop tests: the demo store in a real SQLite file, the shipped persona
// files, the real tool registry, the fake Chat Completions server and the real ChatOpenAI.
import { join } from 'node:path';
import { seedDemoStore } from '../../src/db/seed/index.js';
import { nodePersonaSource } from '../../src/personas/node.js';
import { createPersonaRegistry, SAMPLE_CONTEXT, type PersonaRegistry } from '../../src/personas/index.js';
import { createToolRegistry, type ToolRegistry } from '../../src/tools/index.js';
import type { ToolContext, ToolEvent } from '../../src/tools/types.js';
import type { Shopper } from '../../src/core/index.js';
import { createLogger, type Logger } from '../../src/core/index.js';
import { createOpenAIProvider, createOfflineProvider, runTurn, type OpenAIProviderConfig } from '../../src/agent/index.js';
import type { RenderedPersona } from '../../src/personas/types.js';
import type { TurnDeps, TurnEvent, TurnInput, TurnResult } from '../../src/agent/types.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { tempDb } from '../support/db.js';

export const repoRoot = join(import.meta.dirname, '../..');
export const MARCUS: Shopper = { sessionId: 's_marcus', customerId: 'c_marcus', verified: true, via: 'token' };

export interface Harness {
  db: ReturnType<typeof tempDb>;
  fake: FakeOpenAI;
  personas: PersonaRegistry;
  tools: ToolRegistry;
  logs: string[];
  logger: Logger;
  persona(segment: 'vip' | 'repeat_buyer' | 'new_visitor'): RenderedPersona;
  ctx(shopper?: Shopper, db?: ReturnType<typeof tempDb>): ToolContext & { events: ToolEvent[] };
  provider(overrides?: Partial<OpenAIProviderConfig>): ReturnType<typeof createOpenAIProvider>;
  deps(overrides?: Partial<TurnDeps>): TurnDeps;
  dispose(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const db = tempDb();
  await seedDemoStore(db.db, { now: Date.now() });
  const fake = await startFakeOpenAI();
  const tools = createToolRegistry();
  const personas = await createPersonaRegistry({
    source: nodePersonaSource(join(repoRoot, 'prompts')),
    watch: false,
    toolDefinitions: (n) => tools.definitions(n),
  });
  const logs: string[] = [];
  const logger = createLogger('debug', (l) => logs.push(l));
  let n = 0;
  const h: Harness = {
    db,
    fake,
    personas,
    tools,
    logs,
    logger,
    persona: (segment) =>
      personas.resolve({
        segment: { id: segment, rule: 'test', reasons: [] },
        optOut: false,
        subjectId: 'c_marcus',
        context: SAMPLE_CONTEXT,
      }),
    ctx(shopper = MARCUS, handle = db) {
      const events: ToolEvent[] = [];
      let current = shopper;
      let proven: readonly string[] = [];
      return {
        db: handle.db,
        atomic: handle.atomic,
        now: Date.now,
        ids: (p) => `${p}_${++n}`,
        get shopper() {
          return current;
        },
        segment: { id: 'repeat_buyer', rule: 'test', reasons: [] },
        conversationId: 'conv_test',
        turn: 1,
        approval: null,
        clientKey: null,
        get provenOrders() {
          return proven;
        },
        bindCustomer(customerId) {
          current = { ...current, customerId, verified: true, via: 'verify_customer' };
        },
        proveOrder(orderId) {
          if (!proven.includes(orderId)) proven = [...proven, orderId];
        },
        emit: (e) => events.push(e),
        record: (e) => (
          events.push(e),
          {
            id: `evt_${++n}`,
            conversationId: 'conv_test',
            customerId: current.customerId,
            sessionId: current.sessionId,
            type: e.type,
            data: e.data,
            createdAt: Date.now(),
          }
        ),
        transcript: () => '',
        events,
      };
    },
    provider: (overrides = {}) =>
      createOpenAIProvider({
        model: 'gpt-4o-mini',
        apiKey: 'sk-test',
        baseURL: fake.url,
        timeoutMs: 2000,
        maxRetries: 2,
        maxTotalWaitMs: 3000,
        baseDelayMs: 20,
        logger,
        ...overrides,
      }),
    deps: (overrides = {}) => ({ provider: h.provider(), fallback: createOfflineProvider(), tools, now: Date.now, logger, ...overrides }),
    async dispose() {
      await fake.close();
      personas.close();
      await db.dispose();
    },
  };
  return h;
}

/** Runs a turn to the end, collecting its events. */
export async function drive(
  input: TurnInput,
  deps: TurnDeps,
): Promise<{ events: TurnEvent[]; result: TurnResult; final: Extract<TurnEvent, { type: 'final' }> }> {
  const events: TurnEvent[] = [];
  const gen = runTurn(input, deps);
  let r = await gen.next();
  while (!r.done) {
    events.push(r.value);
    r = await gen.next();
  }
  const final = events.find((e) => e.type === 'final');
  if (!final || final.type !== 'final') throw new Error('no final event');
  return { events, result: r.value, final };
}

export const ofType = <T extends TurnEvent['type']>(events: TurnEvent[], type: T) =>
  events.filter((e): e is Extract<TurnEvent, { type: T }> => e.type === type);
