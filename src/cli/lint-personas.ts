// npm run personas:lint — every persona mistake as "prompts/vip.md:12: …", then the token cost
// of each persona (system prompt + tool definitions, o200k_base) against the budget.
import { loadConfig } from '../config.js';
import { formatIssue, lintPersonas } from '../personas/index.js';
import { countTokens, nodePersonaSource } from '../personas/node.js';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadSegmentIds, loadToolDefinitions } from './persona-tools.js';
import { readReadme, tokenTable, withTokenTable } from './readme-figures.js';
import { runCli } from './run.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { 'update-readme': { type: 'boolean', default: false } } });
  const config = loadConfig(process.env);
  const source = nodePersonaSource(config.promptsDir);
  const root = source.root ?? config.promptsDir;
  const [files, tools, segments] = await Promise.all([source.read(), loadToolDefinitions(), loadSegmentIds(config.dataDir)]);
  const budget = config.promptTokenBudget;
  const result = await lintPersonas(files, {
    segments: segments.ids,
    required: ['neutral'],
    tokenBudget: budget,
    countTokens,
    toolDefinitions: tools.definitions,
  });

  for (const w of result.warnings) console.warn(`warning: ${formatIssue(root, w)}`);
  for (const issue of result.issues) console.error(formatIssue(root, issue));

  console.log(`\nToken cost per persona: rendered system prompt + tool definitions (o200k_base), budget ${budget}`);
  console.log(`Context: a full sample (3 orders, 2-item cart). Tools: ${tools.source}.\n`);
  const rows = result.tokens.map((t) => [
    t.persona,
    t.variant ?? '-',
    String(t.prompt),
    String(t.tools),
    String(t.total),
    t.total > budget ? 'OVER' : 'ok',
  ]);
  printTable(['persona', 'variant', 'prompt', 'tools', 'total', ''], rows);

  if (values['update-readme'] && !result.issues.length) {
    await writeFile('README.md', withTokenTable(await readReadme(), tokenTable(result.tokens)));
    console.log('\nREADME.md: token table updated');
  }
  const n = result.set.personas.size;
  if (result.issues.length) {
    console.error(`\n✗ ${result.issues.length} error${result.issues.length === 1 ? '' : 's'} in ${root}/`);
    return 1;
  }
  console.log(`\n✓ ${n} personas OK (segments from ${segments.file}: ${segments.ids.join(', ')})`);
  return 0;
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(line(head));
  for (const r of rows) console.log(line(r));
}

runCli(
  'personas:lint',
  main,
  'usage: npm run personas:lint [-- --update-readme]\n  Checks every persona in TAILOR_PROMPTS_DIR (default prompts/) and the prompt rules (prompts/prompt-rules.yaml),\n  and prints its token cost against the budget. --update-readme writes the token table into README.md.',
);
