// The persona registry: picks the persona for a segment (or opt-out), assigns the sticky
// experiment variant and renders it for one shopper. Reloads from its source on change; a
// broken edit never replaces the last good set, so chat keeps working through a typo.
import { ConfigError, createMemo, deepFreeze, silentLogger, type Logger, type Memo, type SegmentResult } from '../core/index.js';
import type { VersionedPersona, PersonaSet } from './compile.js';
import { formatIssue } from './compile.js';
import { minimizeContext, type ContextField, type PersonaContextInput } from './context.js';
import { lintPersonas, type LintOptions } from './lint.js';
import { schemaToolDefinitions, type CountTokens, type ToolDefinitions } from './measure.js';
import { renderPersona } from './render-persona.js';
import type { PersonaSource } from './source.js';
import type { RenderedPersona } from './types.js';
import { pickVariant } from './variants.js';

export interface PersonaRegistryOptions {
  source: PersonaSource;
  /** Serves segments no persona lists. Default "neutral". */
  defaultPersona?: string;
  /** Serves shoppers who opted out of personalization. Default "neutral". */
  optOutPersona?: string;
  /** Known segment ids (rule targets of data/segments.yaml): unknown ones in a persona are errors. */
  segments?: readonly string[];
  /** Max tokens of system prompt + tool definitions (config TAILOR_PROMPT_TOKEN_BUDGET). */
  tokenBudget?: number;
  /** Defaults to o200k_base via js-tiktoken, loaded only when a budget is set. */
  countTokens?: CountTokens;
  /**
   * Counts many texts at once, used instead of countTokens when given: Node counts in a child
   * process (src/tokens/node.ts), so the counter's memory never stays in the server's process.
   * Counts are kept between reloads: a reload that changes no text counts nothing.
   */
  countTokensBatch?: (texts: readonly string[]) => Promise<number[]>;
  /** The tool registry's `definitions`; defaults to the bare argument schemas. */
  toolDefinitions?: ToolDefinitions;
  logger?: Logger;
  /** Reload when the source reports a change (default true when the source can watch). */
  watch?: boolean;
}

export interface ResolveInput {
  segment: SegmentResult;
  optOut: boolean;
  /** Customer id, else session id: the unit of sticky experiment assignment. */
  subjectId: string;
  context: PersonaContextInput;
  /** Force a persona / variant (preview, persona-invariance evals). */
  persona?: string;
  variant?: string;
}

export interface PersonaSummary {
  id: string;
  path: string;
  version: string;
  description: string | null;
  segments: string[];
  tools: string[];
  context: string[];
  experimentId: string | null;
  variants: Array<{ id: string; weight: number }>;
}

export interface PersonaRegistry {
  resolve(input: ResolveInput): RenderedPersona;
  /**
   * The context fields the persona `resolve` would pick for this input declares: hand them to
   * buildPersonaContext, which then skips the reads no declared field needs.
   */
  contextFields(input: Omit<ResolveInput, 'context'>): readonly ContextField[];
  /**
   * Re-reads the source; on any error keeps serving the previous set. `segments`: the segment
   * ids of newly loaded rules, checked against the personas and kept only if they pass.
   */
  reload(opts?: { segments?: readonly string[] }): Promise<{ ok: boolean; errors: string[] }>;
  /** The files are bundled at build time (Workers): a reload cannot change anything. */
  readonly bundled: boolean;
  list(): PersonaSummary[];
  /** Stops watching the source. */
  close(): void;
}

export async function createPersonaRegistry(opts: PersonaRegistryOptions): Promise<PersonaRegistry> {
  const logger = opts.logger ?? silentLogger;
  const defaultId = opts.defaultPersona ?? 'neutral';
  const optOutId = opts.optOutPersona ?? 'neutral';
  const root = opts.source.root ?? 'prompts';
  let countTokens = opts.countTokens;
  const batch = opts.tokenBudget !== undefined && !countTokens ? opts.countTokensBatch : undefined;
  if (opts.tokenBudget !== undefined && !countTokens && !batch) countTokens = (await import('./tokens.js')).countTokens;
  const lintOpts: LintOptions = {
    segments: opts.segments,
    required: [...new Set([defaultId, optOutId])],
    tokenBudget: opts.tokenBudget,
    countTokens: opts.tokenBudget !== undefined ? countTokens : undefined,
    toolDefinitions: opts.toolDefinitions ?? schemaToolDefinitions,
  };
  const lint = batch ? batchCounted(batch) : lintPersonas;

  const load = (segments: readonly string[] | undefined) => loadSet(opts.source, root, { ...lintOpts, segments }, logger, lint);

  const first = await load(lintOpts.segments);
  if (!first.set) throw new ConfigError(`Persona files are invalid:\n${first.errors.join('\n')}`);
  let current: PersonaSet = first.set;

  let pendingSegments: readonly string[] | undefined;
  const reloadOnce = coalesce(async (): Promise<{ ok: boolean; errors: string[] }> => {
    const segments = pendingSegments ?? lintOpts.segments;
    pendingSegments = undefined;
    const next = await load(segments);
    if (!next.set) {
      logger.error('persona reload failed; still serving the last good version', { errors: next.errors });
      return { ok: false, errors: next.errors };
    }
    current = next.set;
    lintOpts.segments = segments;
    logger.info('personas reloaded', { versions: Object.fromEntries([...current.personas].map(([id, p]) => [id, p.version])) });
    return { ok: true, errors: [] };
  });
  const reload = (reloadOpts: { segments?: readonly string[] } = {}) => {
    if (reloadOpts.segments) pendingSegments = reloadOpts.segments;
    return reloadOnce();
  };
  // Editors save in bursts (write, rename, chmod): one reload per burst.
  const watcher = opts.watch !== false && opts.source.watch ? debounced(opts.source.watch, () => void reload(), 60) : { close: () => {} };

  return {
    contextFields(input) {
      return pick(current, input, defaultId, optOutId).context;
    },
    resolve(input) {
      const set = current;
      const persona = pick(set, input, defaultId, optOutId);
      const { variant, experimentId } = chooseVariant(set, persona, input);
      const context = { ...input.context, segment: input.segment.id };
      // The same persona, variant and visible context render the same prompt: a shopper's turns
      // share one rendering until what their prompt shows changes (a new order, the next day).
      const key = `${persona.id}\u0000${variant?.id ?? ''}\u0000${experimentId ?? ''}\u0000${JSON.stringify(minimizeContext(context, persona.context))}`;
      return renderedFor(set).get(key, () => deepFreeze(renderPersona(set, persona, variant, experimentId, context)));
    },
    reload,
    bundled: opts.source.bundled === true,
    list: () => [...current.personas.values()].map(summary),
    close: () => watcher.close(),
  };
}

/** Prompts rendered from one persona set, shared frozen; a reload brings a new set and new renderings. */
const RENDERED_KEPT = 100;
const rendered = new WeakMap<PersonaSet, Memo<string, RenderedPersona>>();

function renderedFor(set: PersonaSet): Memo<string, RenderedPersona> {
  let memo = rendered.get(set);
  if (!memo) rendered.set(set, (memo = createMemo(RENDERED_KEPT)));
  return memo;
}

async function loadSet(
  source: PersonaSource,
  root: string,
  lintOpts: LintOptions,
  logger: Logger,
  lint: typeof lintPersonas,
): Promise<{ set: PersonaSet | null; errors: string[] }> {
  let files: Record<string, string>;
  try {
    files = await source.read();
  } catch (err) {
    return { set: null, errors: [`${root}: cannot read persona files: ${(err as Error).message}`] };
  }
  const result = await lint(files, lintOpts);
  for (const w of result.warnings) logger.warn('persona warning', { warning: formatIssue(root, w) });
  const errors = result.issues.map((i) => formatIssue(root, i));
  return { set: errors.length ? null : result.set, errors };
}

/**
 * lintPersonas with token counts from `batch`: a first pass collects the texts whose count is not
 * known yet, `batch` counts them all at once, and a second pass measures with every count known.
 * Keeps the counts of the last load only (a reload that changes nothing counts nothing).
 */
function batchCounted(batch: (texts: readonly string[]) => Promise<number[]>): typeof lintPersonas {
  let known = new Map<string, number>();
  return async (files, opts) => {
    const missing = new Set<string>();
    const used = new Map<string, number>();
    const counted = (text: string) => {
      const n = known.get(text);
      if (n === undefined) missing.add(text);
      else used.set(text, n);
      return n ?? 0;
    };
    let result = await lintPersonas(files, { ...opts, countTokens: counted });
    if (missing.size > 0) {
      const texts = [...missing];
      const counts = await batch(texts);
      texts.forEach((text, i) => known.set(text, counts[i]!));
      missing.clear();
      result = await lintPersonas(files, { ...opts, countTokens: counted });
    }
    known = used;
    return result;
  };
}

/** Runs `task` one at a time; calls made during a run share one more run after it, which sees every change made meanwhile. */
function coalesce<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let again = false;
  return async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let outcome: T;
      do {
        again = false;
        outcome = await task();
      } while (again);
      return outcome;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  };
}

/** Subscribes to `watch`, calling `onChange` once `ms` after the last of a burst of changes. */
function debounced(watch: (onChange: () => void) => () => void, onChange: () => void, ms: number): { close(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stop = watch(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, ms);
  });
  return {
    close() {
      if (timer) clearTimeout(timer);
      stop();
    },
  };
}

function pick(set: PersonaSet, input: Omit<ResolveInput, 'context'>, defaultId: string, optOutId: string): VersionedPersona {
  const wanted = input.persona ?? (input.optOut ? optOutId : undefined);
  if (wanted) {
    const forced = set.personas.get(wanted);
    if (!forced) throw new ConfigError(`Unknown persona "${wanted}"`);
    return forced;
  }
  return set.bySegment.get(input.segment.id) ?? set.personas.get(defaultId)!;
}

function chooseVariant(set: PersonaSet, persona: VersionedPersona, input: ResolveInput) {
  const experimentId = persona.experimentId;
  if (!experimentId || persona.variants.length === 0) return { variant: null, experimentId: null };
  if (input.variant) {
    const forced = persona.variants.find((v) => v.id === input.variant);
    if (!forced) throw new ConfigError(`Persona "${persona.id}" has no variant "${input.variant}"`);
    return { variant: forced, experimentId };
  }
  const status = set.experiments[experimentId];
  if (status?.status === 'stopped') {
    return { variant: persona.variants.find((v) => v.id === status.winner) ?? null, experimentId: null };
  }
  return { variant: pickVariant(persona.variants, input.subjectId, experimentId), experimentId };
}

function summary(p: VersionedPersona): PersonaSummary {
  return {
    id: p.id,
    path: p.path,
    version: p.version,
    description: p.description,
    segments: [...p.segments],
    tools: [...p.tools],
    context: [...p.context],
    experimentId: p.experimentId,
    variants: p.variants.map((v) => ({ id: v.id, weight: v.weight })),
  };
}
