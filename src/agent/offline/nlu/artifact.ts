// The model as it is checked in (data/nlu/model.json): sparse, pruned and rounded so it stays small,
// with what it was trained from (labels, hyper-parameters, a SHA-256 of the corpus) so CI can tell
// when it is stale. Serialised in one fixed layout: same model, same bytes.
//
// Each feature is one string row, "<feature>\t<label index> <weight> <label index> <weight>…", not
// nested number arrays: a few hundred thousand number literals would cost TypeScript seconds of
// type inference on every type-check (the file is imported as a JSON module) and zod a per-number
// check on every cold start; one string per feature costs neither, and diffs stay one line per feature.
import { z } from 'zod';
import { hyperSchema, type Hyper } from './hyper.js';
import type { DenseModel } from './train.js';

export const ARTIFACT_FORMAT = 'tailor-nlu/1';

// The schemas are built where an artifact is checked (once per process, when the model loads) and
// not kept by the module: about 200 KB of heap that would otherwise survive every collection of a
// server whose turns never look at them again, and V8 sizes the heap in proportion to what survives.

/** The corpus a head was trained from: SHA-256 of its files (see corpusSha256 in node.ts) and counts. */
const corpusSchema = () =>
  z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    examples: z.number().int().min(0),
    perLabel: z.record(z.string(), z.number().int()),
  });
/** Softmax temperature fitted on out-of-fold predictions (1 when cross-validation was skipped). */
const calibrationSchema = () => z.object({ temperature: z.number().positive() });
/** Cross-validated accuracy on the training corpus, when it was measured. */
const cvSchema = () => z.object({ folds: z.number().int(), accuracy: z.number() }).nullable();
/** Weights under `threshold` were dropped (hyper.prune, raised if needed to fit hyper.maxBytes). */
const pruningSchema = () => z.object({ threshold: z.number().min(0), weights: z.number().int().min(0) });

/**
 * A second head over the same features and vocabulary: the message's act (asked, imagined, told…),
 * trained from data/nlu/acts/train. Its own labels, corpus hash, calibration, pruning and rows.
 */
export const headSchema = () =>
  z
    .object({
      labels: z.array(z.string().min(1)).min(2),
      corpus: corpusSchema(),
      calibration: calibrationSchema(),
      cv: cvSchema(),
      pruning: pruningSchema(),
      bias: z.array(z.number()),
      rows: z.array(z.string()),
    })
    .refine((h) => h.bias.length === h.labels.length, 'act head: bias and labels differ in length');

export type ModelHead = z.infer<ReturnType<typeof headSchema>>;

export const artifactSchema = () =>
  z
    .object({
      format: z.literal(ARTIFACT_FORMAT),
      labels: z.array(z.string().min(1)).min(1),
      hyper: hyperSchema(),
      corpus: corpusSchema(),
      calibration: calibrationSchema(),
      cv: cvSchema(),
      pruning: pruningSchema(),
      bias: z.array(z.number()),
      /**
       * The corpus's words with how often each was seen ("word count word count …", sorted by word):
       * what the classifier splits run-together words into and corrects typos towards (repair.ts).
       * Absent in an artifact built for cross-validation.
       */
      vocabulary: z
        .string()
        .regex(/^(?:[a-z]+ \d+(?: [a-z]+ \d+)*)?$/)
        .optional(),
      /** One row per feature, sorted by feature (see above). */
      rows: z.array(z.string()),
      /** The act head (see headSchema), absent in a model trained without an act corpus. */
      act: headSchema().optional(),
      /** The follow head (what a follow-up asks about, data/nlu/follow), absent in a model trained without its corpus. */
      follow: headSchema().optional(),
      /** The reply head (what a message does with a proposal waiting, data/nlu/reply), absent in a model trained without its corpus. */
      reply: headSchema().optional(),
      /** The part head (which part of a policy a follow-up asks, data/nlu/policy-parts), absent in a model trained without its corpus. */
      part: headSchema().optional(),
      /** The scope head (how much of something a message means: adds, replaces, all, part, one, none; data/nlu/scope), absent in a model trained without its corpus. */
      scope: headSchema().optional(),
    })
    .refine((a) => a.bias.length === a.labels.length, 'bias and labels differ in length');

export type ModelArtifact = z.infer<ReturnType<typeof artifactSchema>>;

export interface ArtifactMeta {
  hyper: Hyper;
  sha256: string;
  perLabel: Record<string, number>;
  temperature: number;
  cv: ModelArtifact['cv'];
  /** The corpus's words and counts (see ModelArtifact.vocabulary); part of the size budget. */
  vocabulary?: string;
}

const round = (x: number, digits: number) => Number(x.toPrecision(digits));

/**
 * Median of a feature's weights across labels. Adding the same amount to every label's weight of a
 * feature leaves the softmax unchanged, and centring on the median leaves most weights near zero,
 * where pruning drops them.
 */
function median(row: Float64Array): number {
  const s = Float64Array.from(row).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Each feature's weights centred on their median (see median), laid out like DenseModel.weights. */
function centre(model: DenseModel): Float64Array {
  const K = model.labels.length;
  const out = new Float64Array(model.weights.length);
  for (let f = 0; f < model.features.length; f++) {
    const row = model.weights.subarray(f * K, (f + 1) * K);
    const m = median(row);
    for (let k = 0; k < K; k++) out[f * K + k] = row[k]! - m;
  }
  return out;
}

function build(model: DenseModel, centred: Float64Array, meta: ArtifactMeta, threshold: number): ModelArtifact {
  const K = model.labels.length;
  const digits = meta.hyper.digits;
  const rows: string[] = [];
  let weights = 0;
  model.features.forEach((key, f) => {
    const kept: string[] = [];
    for (let k = 0; k < K; k++) {
      const w = centred[f * K + k]!;
      if (Math.abs(w) >= threshold) kept.push(`${k} ${round(w, digits)}`);
    }
    weights += kept.length;
    if (kept.length) rows.push(`${key}\t${kept.join(' ')}`);
  });
  return {
    format: ARTIFACT_FORMAT,
    labels: [...model.labels],
    hyper: meta.hyper,
    corpus: { sha256: meta.sha256, examples: Object.values(meta.perLabel).reduce((a, b) => a + b, 0), perLabel: meta.perLabel },
    calibration: { temperature: round(meta.temperature, digits) },
    cv: meta.cv,
    pruning: { threshold, weights },
    bias: Array.from(model.bias, (b) => round(b, digits)),
    ...(meta.vocabulary === undefined ? {} : { vocabulary: meta.vocabulary }),
    rows,
  };
}

/**
 * Pruned, rounded, sparse form of a trained model. Weights under hyper.prune are dropped; if the
 * text would still exceed hyper.maxBytes, the threshold rises to the magnitude that keeps about as
 * many weights as fit (size is close to linear in the weights kept), so the artifact stays small
 * as the corpus grows, by dropping its least important weights first.
 */
export function toArtifact(model: DenseModel, meta: ArtifactMeta): ModelArtifact {
  const centred = centre(model);
  let mags: Float64Array | null = null;
  let threshold = meta.hyper.prune;
  for (let attempt = 0; ; attempt++) {
    const a = build(model, centred, meta, threshold);
    const size = serializeArtifact(a).length;
    if (size <= meta.hyper.maxBytes || attempt === 8) return a;
    mags ??= centred.map(Math.abs).sort().reverse();
    const keep = Math.floor(a.pruning.weights * (meta.hyper.maxBytes / size) * 0.98);
    threshold = Math.max(round(mags[keep] ?? threshold, 3), round(threshold * 1.01, 3));
  }
}

/** The head a trained model makes for the act corpus: the artifact's weights without its intent-only fields. */
export function toHead(a: ModelArtifact): ModelHead {
  const { labels, corpus, calibration, cv, pruning, bias, rows } = a;
  return { labels, corpus, calibration, cv, pruning, bias, rows };
}

const rowsText = (rows: readonly string[], indent: string) =>
  rows.length ? `[\n${rows.map((r) => `${indent}  ${JSON.stringify(r)}`).join(',\n')}\n${indent}]` : '[]';

/** The artifact as text: header fields one per line, then one row per line (the act head's likewise). */
export function serializeArtifact(a: ModelArtifact): string {
  const head = (['format', 'labels', 'hyper', 'corpus', 'calibration', 'cv', 'pruning', 'bias', 'vocabulary'] as const)
    .filter((k) => a[k] !== undefined)
    .map((k) => `  ${JSON.stringify(k)}: ${JSON.stringify(a[k])}`);
  const second = (name: 'act' | 'follow' | 'reply' | 'part' | 'scope', h: ModelHead | undefined) =>
    h
      ? `,\n  ${JSON.stringify(name)}: {\n${(['labels', 'corpus', 'calibration', 'cv', 'pruning', 'bias'] as const)
          .map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(h[k])}`)
          .join(',\n')},\n    "rows": ${rowsText(h.rows, '    ')}\n  }`
      : '';
  return `{\n${head.join(',\n')},\n  "rows": ${rowsText(a.rows, '  ')}${second('act', a.act)}${second('follow', a.follow)}${second('reply', a.reply)}${second('part', a.part)}${second('scope', a.scope)}\n}\n`;
}
