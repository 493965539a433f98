// The real app, in-process, once per case instance: a copy of a freshly seeded demo store (one
// temp SQLite file per run, copied per case so cases cannot see each other's carts and labels),
// the real persona registry, segment rules, tools, chat service and HTTP app. Only two things
// are the eval's own: a deterministic clock and ids (so runs and recordings are reproducible),
// and a thin wrapper over the persona registry that records what each turn's persona was given
// and can force a persona (invariance) or a variant (--compare).
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeDb, type NodeDb } from '../../db/node.js';
import { seedDemoStore } from '../../db/seed/index.js';
import { createSegmenter, loadSegmentRules, type SegmentRules } from '../../segments/index.js';
import { createPersonaRegistry, type PersonaRegistry } from '../../personas/index.js';
import { nodePersonaSource } from '../../personas/node.js';
import { createToolRegistry, type ToolRegistry } from '../../tools/index.js';
import { createChatService } from '../../chat/index.js';
import type { ModelProvider } from '../../agent/index.js';
import type { RenderedPersona } from '../../personas/index.js';
import { createApp, signIdentityToken } from '../../http/index.js';
import type { PersonaTraits } from '../types.js';
import type { ChatApp } from './client.js';
import { loadStoreFacts, type FactRows } from './store.js';

export interface HarnessOptions {
  promptsDir: string;
  rulesFile: string;
  /** The store's fixed "now" (ms). */
  now: number;
  provider: ModelProvider;
  /** Force this variant whenever its persona serves (--compare). */
  variant?: { persona: string; variant: string } | null;
  tokenBudget?: number;
}

export interface CaseEnv {
  app: ChatApp;
  store: NodeDb;
  now: number;
  /** What the persona registry rendered, in call order (one per turn). */
  rendered: RenderedPersona[];
  token(customerId: string): Promise<string>;
  dispose(): void;
}

export interface Harness {
  readonly personas: PersonaRegistry;
  readonly personaIds: string[];
  /** Facts of the seeded demo store, read once per run. */
  readonly storeRows: FactRows;
  openCase(key: string, opts?: { forcePersona?: string | null }): CaseEnv;
  close(): void;
}

const SECRET = 'eval-identity-secret-not-for-production';

export async function createHarness(opts: HarnessOptions): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-eval-'));
  const template = join(dir, 'template.db');
  const storeRows = await seedTemplate(template, opts.now);
  const rules: SegmentRules = loadSegmentRules(readFileSync(opts.rulesFile, 'utf8'), opts.rulesFile);
  const tools: ToolRegistry = createToolRegistry();
  const personas = await createPersonaRegistry({
    source: nodePersonaSource(opts.promptsDir),
    segments: rules.segments,
    tokenBudget: opts.tokenBudget,
    toolDefinitions: (names) => tools.definitions(names),
    watch: false,
  });
  const personaIds = personas.list().map((p) => p.id);
  let n = 0;

  return {
    personas,
    personaIds,
    storeRows,
    openCase(key, caseOpts = {}) {
      const file = join(dir, `case-${n++}.db`);
      copyFileSync(template, file);
      return openCaseEnv(file, key, caseOpts.forcePersona ?? null, { opts, rules, tools, personas });
    },
    close() {
      personas.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Seeds the demo store into `file` and returns its facts; the file is then the template every case copies. */
async function seedTemplate(file: string, now: number): Promise<FactRows> {
  const seed = openNodeDb(file);
  await seedDemoStore(seed.db, { now });
  const storeRows = (await loadStoreFacts(seed.db)).rows;
  // Fold the WAL into the main file so a plain file copy is the whole database.
  seed.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await seed.close();
  return storeRows;
}

interface Shared {
  opts: HarnessOptions;
  rules: SegmentRules;
  tools: ToolRegistry;
  personas: PersonaRegistry;
}

/** One case's app over its own copy of the store, with a deterministic clock and ids. */
function openCaseEnv(file: string, key: string, force: string | null, { opts, rules, tools, personas }: Shared): CaseEnv {
  const store = openNodeDb(file, { migrate: false });
  let tick = 0;
  const now = () => opts.now + tick++;
  let seq = 0;
  const ids = (prefix: string) => `${prefix}_${key}_${(seq++).toString(36)}`;
  const rendered: RenderedPersona[] = [];
  const recording = recordingRegistry(personas, force, opts.variant ?? null, rendered);
  const chat = createChatService({
    db: store.db,
    atomic: store.atomic,
    now,
    ids,
    segmenter: createSegmenter({ db: store.db, rules, now }),
    personas: recording,
    tools,
    provider: opts.provider,
  });
  const app = createApp({
    config: {
      identitySecret: SECRET,
      adminToken: null,
      demo: false,
      demoShoppers: [],
      allowedOrigins: [],
      rate: { sessionPerMin: 0, ipPerMin: 0 },
    },
    chat,
    db: store.db,
    now,
    ids,
    modelName: opts.provider.name,
    personas: recording,
  });
  return {
    app,
    store,
    now: opts.now,
    rendered,
    // Wall time: hono/jwt checks `exp` against the real clock, not the store's.
    token: async (customerId) => (await signIdentityToken(customerId, SECRET, Date.now(), 3600)).token,
    dispose: () => {
      // Without background checkpoints the close is synchronous: the files are free to remove.
      void store.close();
      rmSync(file, { force: true });
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
    },
  };
}

/** The registry, forcing a persona (invariance) or a variant (--compare), recording what each turn was given. */
function recordingRegistry(
  personas: PersonaRegistry,
  force: string | null,
  variant: { persona: string; variant: string } | null,
  rendered: RenderedPersona[],
): PersonaRegistry {
  return {
    ...personas,
    contextFields: (input) => personas.contextFields(force ? { ...input, persona: force } : input),
    resolve(input) {
      let r = personas.resolve(force ? { ...input, persona: force } : input);
      if (variant && r.id === variant.persona) r = personas.resolve({ ...input, persona: r.id, variant: variant.variant });
      rendered.push(r);
      return r;
    },
  };
}

export function traitsOf(p: RenderedPersona): PersonaTraits {
  return { personaId: p.id, style: p.voice.style, greeting: p.greeting, perks: p.voice.perks ?? null, tools: [...p.tools] };
}
