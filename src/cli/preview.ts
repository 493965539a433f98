// npm run persona:preview -- --customer <email> | --segment <id> | --session <id>
//   [--variant <id>] [--opt-out] [--page <url>]
// Shows a prompt engineer exactly what a shopper would get: the segment and why, the persona
// and variant, the rendered system prompt, and the tools with their token cost.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { desc, eq } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import type { SegmentResult, Shopper } from '../core/index.js';
import { sessions, type Db } from '../db/index.js';
import { openNodeDb } from '../db/node.js';
import { seedDemoStore } from '../db/seed/index.js';
import {
  buildPersonaContext,
  createPersonaRegistry,
  measurePersona,
  SAMPLE_CONTEXT,
  type PersonaContextInput,
  type PersonaSummary,
  type RenderedPersona,
} from '../personas/index.js';
import { countTokens, nodePersonaSource } from '../personas/node.js';
import { createSegmenter } from '../segments/index.js';
import { loadSegmentRulesFile } from '../segments/node.js';
import { findCustomerByEmail } from '../shop/index.js';
import { loadToolDefinitions } from './persona-tools.js';
import { runCli } from './run.js';

const USAGE =
  'usage: npm run persona:preview -- (--customer <email> | --segment <id> | --session <id>) [--variant <id>] [--opt-out] [--page <url>]';

interface Target {
  label: string;
  segment: SegmentResult;
  context: PersonaContextInput;
  subjectId: string;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      customer: { type: 'string' },
      segment: { type: 'string' },
      session: { type: 'string' },
      variant: { type: 'string' },
      'opt-out': { type: 'boolean', default: false },
      page: { type: 'string' },
    },
  });
  const chosen = [values.customer, values.segment, values.session].filter((v) => v !== undefined);
  if (chosen.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  const handle = openNodeDb(config.dbFile);
  try {
    const now = Date.now();
    if (config.demo) await seedDemoStore(handle.db, { now, atomic: handle.atomic });
    const rules = loadSegmentRulesFile(join(config.dataDir, 'segments.yaml'));
    const tools = await loadToolDefinitions();
    const registry = await createPersonaRegistry({
      source: nodePersonaSource(config.promptsDir),
      segments: rules.segments,
      toolDefinitions: tools.definitions,
      watch: false,
    });
    const page = values.page ? { url: values.page } : undefined;

    const target =
      values.segment !== undefined ? forcedTarget(values.segment, rules, page) : await shopperTarget(handle.db, values, rules, page, now);
    if (!target) return 1;

    const persona = registry.resolve({
      segment: target.segment,
      optOut: values['opt-out'],
      subjectId: target.subjectId,
      context: target.context,
      variant: values.variant,
    });
    const summary = registry.list().find((p) => p.id === persona.id)!;
    const tokens = measurePersona(persona, countTokens, tools.definitions);
    printPreview({
      target,
      persona,
      summary,
      tokens,
      toolsSource: tools.source,
      budget: config.promptTokenBudget,
      optOut: values['opt-out'],
    });
    return 0;
  } finally {
    await handle.close();
  }
}

type Rules = ReturnType<typeof loadSegmentRulesFile>;
type Page = { url: string } | undefined;

/** `--segment`: no shopper, the sample context, the segment forced. */
function forcedTarget(id: string, rules: Rules, page: Page): Target {
  if (!rules.segments.includes(id)) console.warn(`note: "${id}" is not a segment of ${rules.file} (${rules.segments.join(', ')})`);
  const segment = { id, rule: 'none', reasons: ['forced with --segment'] };
  return {
    label: 'no shopper: the sample context (3 orders, 2-item cart)',
    segment,
    context: { ...SAMPLE_CONTEXT, page: { url: page?.url ?? SAMPLE_CONTEXT.page.url, referrer: null } },
    subjectId: 'preview',
  };
}

/** `--customer` / `--session`: the shopper as the app would see them, segmented, with their context; null (reported) if unknown. */
async function shopperTarget(
  db: Db,
  values: { customer?: string; session?: string },
  rules: Rules,
  page: Page,
  now: number,
): Promise<Target | null> {
  const shopper = await findShopper(db, values.customer, values.session);
  if (!shopper) {
    console.error(values.customer ? `No customer with email ${values.customer}` : `No session ${values.session}`);
    return null;
  }
  const segmenter = createSegmenter({ db, rules, now: () => now });
  const { segment, profile } = await segmenter.segment({ customerId: shopper.customerId, sessionId: shopper.sessionId });
  const context = await buildPersonaContext(db, { shopper, profile, page, now });
  const who = values.customer
    ? `${values.customer} (${shopper.customerId})`
    : `session ${shopper.sessionId}${shopper.customerId ? ` (customer ${shopper.customerId})` : ' (anonymous)'}`;
  return { label: who, segment, context, subjectId: shopper.customerId ?? shopper.sessionId };
}

interface Preview {
  target: Target;
  persona: RenderedPersona;
  summary: PersonaSummary;
  tokens: ReturnType<typeof measurePersona>;
  toolsSource: string;
  budget: number;
  optOut: boolean;
}

function printPreview({ target, persona, summary, tokens, toolsSource, budget, optOut }: Preview): void {
  const withheld = Object.keys(target.context).filter((k) => !summary.context.includes(k));
  console.log(`Shopper   ${target.label}`);
  console.log(`Segment   ${target.segment.id}  (rule ${target.segment.rule})`);
  for (const r of target.segment.reasons) console.log(`          - ${r}`);
  const experiment = persona.experimentId ? `  (experiment ${persona.experimentId}, sticky for ${target.subjectId})` : '';
  console.log(`Persona   ${persona.id}${optOut ? ' (opted out)' : ''}  ${summary.path}  ${persona.version}`);
  console.log(`Variant   ${persona.variant ?? '-'}${experiment}`);
  console.log(`Model     temperature ${persona.model.temperature}, max tokens ${persona.model.maxTokens}`);
  console.log(`Context   sees: ${summary.context.join(', ') || '-'}; withheld: ${withheld.join(', ') || '-'}`);
  console.log(`Greeting  ${persona.greeting}`);
  console.log(`\n── System prompt (${tokens.prompt} tokens) ${'─'.repeat(40)}\n${persona.systemPrompt}${'─'.repeat(60)}`);
  console.log(`\nTools (${tokens.tools} tokens; ${toolsSource})`);
  const width = Math.max(...tokens.perTool.map((t) => t.name.length));
  for (const t of tokens.perTool) console.log(`  ${t.name.padEnd(width)}  ${String(t.tokens).padStart(4)}`);
  console.log(
    `\nTotal     ${tokens.total} tokens (system prompt + tools), budget ${budget}${tokens.total > budget ? '  OVER BUDGET' : ''}`,
  );
}

async function findShopper(db: Db, email?: string, sessionId?: string): Promise<Shopper | null> {
  if (email !== undefined) {
    const customer = await findCustomerByEmail(db, email);
    if (!customer) return null;
    const [last] = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.customerId, customer.id))
      .orderBy(desc(sessions.startedAt))
      .limit(1);
    return { sessionId: last?.id ?? `preview_${customer.id}`, customerId: customer.id, verified: true, via: 'token' };
  }
  const [row] = await db
    .select({ id: sessions.id, customerId: sessions.customerId })
    .from(sessions)
    .where(eq(sessions.id, sessionId!))
    .limit(1);
  if (!row) return null;
  return { sessionId: row.id, customerId: row.customerId, verified: row.customerId !== null, via: row.customerId ? 'token' : 'anonymous' };
}

runCli('persona:preview', main, USAGE);
