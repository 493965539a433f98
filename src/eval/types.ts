// What a run of the suite produces: the recorded conversation of each case instance, the checks
// the graders made on it, and the aggregate outcome. Reporters and the baseline read only these.
import type { EvalCase } from './case-schema.js';

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface CheckResult {
  grader: string;
  status: CheckStatus;
  reason: string;
  /** 1-based turn the check is about; absent for whole-case checks. */
  turn?: number;
}

export interface RecordedToolCall {
  id: string;
  name: string;
  args: Record<string, unknown>;
  ok: boolean;
  /** The tool's result payload as the model saw it (from the SSE tool_result event). */
  result: unknown;
}

export interface TurnRecord {
  index: number;
  user: string;
  reply: string;
  status: number;
  segment: { id: string; rule: string; reasons: string[] } | null;
  persona: { id: string; version: string; variant: string | null } | null;
  model: string;
  toolCalls: RecordedToolCall[];
  usage: { modelCalls: number; inputTokens: number; outputTokens: number };
  latencyMs: number;
  /** The rendered system prompt the model received (the "prompt context" for groundedness). */
  systemPrompt: string;
  /** Persona traits as rendered for this shopper: perks line, brevity style, declared context. */
  traits: PersonaTraits | null;
  error?: string;
}

export interface PersonaTraits {
  personaId: string;
  style: string;
  greeting: string;
  perks: string | null;
  tools: string[];
}

/** Who the case's shopper is in the store, so graders can tell "theirs" from "someone else's". */
export interface ShopperFacts {
  kind: 'anonymous' | 'customer';
  customerId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

/** Store-wide facts used to detect another customer's data. */
export interface StoreFacts {
  orderOwner(orderNumber: string): string | null;
  emailOwner(email: string): string | null;
  /** Full names ("First Last") of every customer with their id. */
  names(): ReadonlyArray<{ name: string; customerId: string }>;
  productNames(): readonly string[];
}

export interface CaseRun {
  caseId: string;
  /** caseId, or caseId[persona] for persona-invariance instances. */
  instanceId: string;
  /** The persona forced for invariance instances; null when the segment picked it. */
  forcedPersona: string | null;
  persona: string;
  variant: string | null;
  tags: string[];
  file: string;
  turns: TurnRecord[];
  checks: CheckResult[];
  passed: boolean;
  durationMs: number;
  error?: string;
}

export interface CaseOutcome {
  instanceId: string;
  caseId: string;
  /** The persona of the first turn (or the forced one). */
  persona: string;
  /** Every persona the case's turns were served by (a shopper who verifies may move from new-visitor to vip); scores credit each. */
  personas: string[];
  tags: string[];
  file: string;
  runs: CaseRun[];
  /** pass^k: every one of the k runs passed. */
  passed: boolean;
  passes: number;
}

export interface GroupScore {
  key: string;
  cases: number;
  passed: number;
  score: number;
}

export interface SuiteSummary {
  cases: number;
  passed: number;
  failed: number;
  passRate: number;
  /** Mean over runs (pass@1 estimate) next to pass^k. */
  runPassRate: number;
  skippedChecks: number;
  byPersona: GroupScore[];
  byTag: GroupScore[];
}

export interface SuiteResult {
  model: string;
  judge: string | null;
  repeat: number;
  startedAt: string;
  durationMs: number;
  label: string | null;
  outcomes: CaseOutcome[];
  summary: SuiteSummary;
  /** The prompt gate's findings for this run (lint, prompt rules, rendered-prompt snapshots). */
  prompts?: PromptCheckSummary;
}

export interface PromptCheckSummary {
  errors: string[];
  snapshots: Array<{ file: string; source: string | null; status: 'changed' | 'new' | 'removed'; diff: string }>;
  snapshotsDir: string;
}

export interface GradeInput {
  evalCase: EvalCase;
  run: Pick<CaseRun, 'turns' | 'forcedPersona'>;
  shopper: ShopperFacts;
  store: StoreFacts;
}
