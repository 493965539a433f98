// The checked-in model (data/nlu/model.json), loaded on first use and kept for the life of the
// process or isolate — not at startup: a server whose configured model is OpenAI-compatible may
// never fall back to the offline one, and imported as a module (compiled to JavaScript by tsx)
// the 1.5 MB of JSON cost the server about 11 MB of resident memory from the start. Node reads
// and parses the file when it is first needed (a synchronous read, so classifyIntent stays
// synchronous); workerd has no such file, and gets it bundled by wrangler behind the dynamic
// import, which the offline model awaits before its first answer (loadDefaultClassifier, used by
// src/agent/offline/index.ts).
import { createMemo, type Memo } from '../../../core/index.js';
import { loadClassifier, type IntentClassifier, type IntentPrediction, type PredictOptions } from './classifier.js';

const MODEL_FILE = '../../../../data/nlu/model.json';

let loaded: IntentClassifier | null = null;
let loading: Promise<IntentClassifier> | null = null;

/** The model file read from disk, or null where there is no disk to read it from (workerd). */
function readFromDisk(): unknown {
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = nodeProcess?.getBuiltinModule?.('node:fs') as { readFileSync?: (path: URL | string, enc: 'utf8') => string } | undefined;
  if (!fs?.readFileSync) return null;
  // TAILOR_NLU_MODEL: a model trained elsewhere (`npm run nlu:train -- --out <file>`), to try a corpus change
  // without replacing the checked-in one.
  const other = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.TAILOR_NLU_MODEL;
  try {
    return JSON.parse(fs.readFileSync(other || new URL(MODEL_FILE, import.meta.url), 'utf8'));
  } catch {
    return null;
  }
}

/** Loads the classifier if it is not loaded yet: what the offline model awaits before it answers. */
export function loadDefaultClassifier(): Promise<IntentClassifier> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= (async () => {
    const artifact = readFromDisk() ?? (await import('../../../../data/nlu/model.json', { with: { type: 'json' } })).default;
    loaded ??= loadClassifier(artifact);
    return loaded;
  })();
  return loading;
}

/** The classifier trained from data/nlu/train (by `npm run nlu:train`). */
export function defaultClassifier(): IntentClassifier {
  if (loaded) return loaded;
  const artifact = readFromDisk();
  if (artifact === null) throw new Error(`The intent classifier is not loaded yet (${MODEL_FILE}): await loadDefaultClassifier() first.`);
  loaded = loadClassifier(artifact);
  return loaded;
}

/** The intent of one shopper message, with every label's probability and the top few. */
export function classifyIntent(text: string, options?: PredictOptions): IntentPrediction {
  return defaultClassifier().predict(text, options);
}

/** A head's labels and the guard that tells them from any other string. */
function labelSet<const L extends readonly string[]>(labels: L) {
  return { labels, is: (label: string): label is L[number] => (labels as readonly string[]).includes(label) };
}

/** One head's reading of a text: its label under the head's own key (`act`, `follow`, `reply`), how sure, every label's probability. */
type HeadPrediction<K extends string, L extends string> = { [P in K]: L } & { confidence: number; probabilities: Record<string, number> };

/** The acts the act head tells apart (data/nlu/acts/acts.yaml). */
export const ACTS = ['ask', 'hypothetical', 'told', 'conditional_yes', 'courtesy'] as const;
export type Act = (typeof ACTS)[number];
export type ActPrediction = HeadPrediction<'act', Act>;
const acts = labelSet(ACTS);

/**
 * What the message (or one clause of it) does with its words (the act head, trained from
 * data/nlu/acts/train): asks for something now, imagines it ("if they don't fit…"), tells what was
 * done or some context ("I already sent it back", "I work nights"), agrees on a condition ("yes if it
 * comes by Friday"), or is only courtesy ("hope you are well"). A model without the head reads every
 * message as asked, which is how the intent alone would read it.
 */
export function classifyAct(text: string): ActPrediction {
  const { label, ...p } = readHead(defaultClassifier().act, acts.is, 'ask', text);
  return { act: label, ...p };
}

/** What a follow-up may ask about (data/nlu/follow/labels.yaml). */
export const FOLLOWS = ['order_fact', 'options', 'money', 'person', 'next_step', 'continue', 'new'] as const;
export type Follow = (typeof FOLLOWS)[number];
export type FollowPrediction = HeadPrediction<'follow', Follow>;
const follows = labelSet(FOLLOWS);

/**
 * What the message asks about, read as a follow-up whatever the conversation (the follow head, trained
 * from data/nlu/follow/train): a fact of an order, the delivery options, money, a person answering, the
 * next step of something under way, the last question carried over ("and with express?"), or a request
 * of its own. The dialogue state decides which of these continue the previous reply's subject
 * (frame-follow.ts). A model without the head reads every message as new.
 */
export function classifyFollow(text: string): FollowPrediction {
  const { label, ...p } = readHead(defaultClassifier().follow, follows.is, 'new', text);
  return { follow: label, ...p };
}

/** What a message may do with a proposal waiting (data/nlu/reply/labels.yaml). */
export const REPLIES = ['yes', 'no', 'change', 'about', 'other'] as const;
export type Reply = (typeof REPLIES)[number];
export type ReplyPrediction = HeadPrediction<'reply', Reply>;
const replies = labelSet(REPLIES);

/**
 * What the message does with the proposal waiting, read from its words alone (the reply head, trained
 * from data/nlu/reply/train): goes ahead, declines, wants it different, asks about it, or something
 * else. Never consent: core/consent.ts alone decides whether a yes makes an action run. Null when the
 * model has no reply head, so callers keep their rules exactly as without it.
 */
export function classifyReply(text: string): ReplyPrediction | null {
  const head = defaultClassifier().reply;
  if (!head) return null;
  const { label, ...p } = readHead(head, replies.is, 'other', text);
  return { reply: label, ...p };
}

/** The parts of a policy a follow-up may ask alone (data/nlu/policy-parts/labels.yaml); `none`: the policy whole. */
export const PARTS = ['window', 'cost', 'refund', 'how', 'exchanges', 'express', 'standard', 'regions', 'tracking', 'none'] as const;
export type Part = (typeof PARTS)[number];
/** The part head's reading among the parts of one policy: each of them (and `none`) with its share of their probability. */
export interface PartPrediction<P extends Part> {
  part: P | 'none';
  confidence: number;
  probabilities: Record<P | 'none', number>;
}

/**
 * Which of `among` (the parts of the policy just answered) the message asks alone, or `none`: the policy whole (the part
 * head, trained from data/nlu/policy-parts/train). The head tells every policy's parts apart; read after one policy, only
 * that policy's parts and `none` compete, their probabilities renormalised among them, so "is it free?" is the return's
 * cost after the returns policy and the standard delivery after the shipping one. A model without the head reads every
 * message as `none`, the whole policy.
 */
export function classifyPart<P extends Part>(text: string, among: readonly P[]): PartPrediction<P> {
  const { label, ...p } = readAmong(defaultClassifier().part, among, 'none', text);
  return { part: label, ...p };
}

/** How much of something a message means (data/nlu/scope/labels.yaml); `none`: it says nothing of how much. */
export const SCOPES = ['adds', 'replaces', 'all', 'part', 'one', 'none'] as const;
export type Scope = (typeof SCOPES)[number];
/** The scope head's reading among the scopes a caller tells apart: each of them (and `none`) with its share of their probability. */
export interface ScopePrediction<S extends Scope> {
  scope: S | 'none';
  confidence: number;
  probabilities: Record<S | 'none', number>;
}

/**
 * How much of something the message means, among the scopes the caller tells apart (the scope head, trained from
 * data/nlu/scope/train): more on top of what was asked or proposed ("the chinos too"), something else in its place
 * ("the chinos instead"), the whole of it ("all my orders", "the entire order", "empty the basket"), some of it with
 * the rest kept ("I still want the trousers"), one thing singled out or settled on ("the navy it is"), or nothing of
 * how much. Only `among` and `none` compete, their probabilities renormalised among them, so a caller asking "all or
 * not?" is never answered by a reading it does not use. A model without the head reads every message as `none`.
 */
export function classifyScope<S extends Scope>(text: string, among: readonly S[]): ScopePrediction<S> {
  const { label, ...p } = readAmong(defaultClassifier().scope, among, 'none', text);
  return { scope: label, ...p };
}

type Head = NonNullable<ReturnType<typeof defaultClassifier>['act']>;

/**
 * A small head's reading of a text, remembered per head: a turn asks the same head about the same message from several
 * steps (the follow head up to ten times in a follow-up, the scope head from the cancel plan's two checks). Frozen.
 */
const readings = new WeakMap<Head, Memo<string, IntentPrediction>>();
function predicted(head: Head, text: string): IntentPrediction {
  let memo = readings.get(head);
  if (!memo) readings.set(head, (memo = createMemo<string, IntentPrediction>(500)));
  return memo.get(text, () => {
    const p = head.predict(text, { topK: 1 });
    Object.freeze(p.probabilities);
    return Object.freeze(p);
  });
}

/**
 * A head's best label among `among` and `rest` (the label meaning none of them), every other label's probability left
 * out and theirs renormalised; `rest`, sure, when the model has no such head.
 */
function readAmong<L extends string, R extends string>(head: Head | null, among: readonly L[], rest: R, text: string) {
  const labels: Array<L | R> = [...among, rest];
  const probabilities = Object.fromEntries(labels.map((l) => [l, l === rest ? 1 : 0])) as Record<L | R, number>;
  if (!head) return { label: rest as L | R, confidence: 1, probabilities };
  const all = predicted(head, text).probabilities;
  const sum = labels.reduce((n, l) => n + (all[l] ?? 0), 0) || 1;
  for (const l of labels) probabilities[l] = (all[l] ?? 0) / sum;
  const label = labels.reduce((best, l) => (probabilities[l] > probabilities[best] ? l : best), rest as L | R);
  return { label, confidence: probabilities[label], probabilities };
}

/** A head's best label for the text, or `fallback`, sure, when the model has no such head or the label is unknown. */
function readHead<L extends string>(head: Head | null, known: (label: string) => label is L, fallback: L, text: string) {
  if (!head) return { label: fallback, confidence: 1, probabilities: { [fallback]: 1 } as Record<string, number> };
  const p = predicted(head, text);
  return { label: known(p.label) ? p.label : fallback, confidence: p.confidence, probabilities: p.probabilities };
}
