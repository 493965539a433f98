// README figures that code can compute, so they stay true: the persona token table is written
// by `npm run personas:lint -- --update-readme` between markers, and a test compares it with
// what lint computes now (test/personas/readme-figures.test.ts).
import { readFile } from 'node:fs/promises';
import { lintPersonas, type PersonaTokens } from '../personas/index.js';
import { countTokens, nodePersonaSource } from '../personas/node.js';
import { loadSegmentIds, loadToolDefinitions } from './persona-tools.js';

const START = '<!-- token-table:start (npm run personas:lint -- --update-readme) -->';
const END = '<!-- token-table:end -->';

/** Token cost per persona and variant, exactly as `npm run personas:lint` prints it. */
export async function personaTokenRows(promptsDir = 'prompts', dataDir = 'data'): Promise<PersonaTokens[]> {
  const [files, tools, segments] = await Promise.all([
    nodePersonaSource(promptsDir).read(),
    loadToolDefinitions(),
    loadSegmentIds(dataDir),
  ]);
  const result = await lintPersonas(files, {
    segments: segments.ids,
    required: ['neutral'],
    countTokens,
    toolDefinitions: tools.definitions,
  });
  return result.tokens;
}

export function tokenTable(rows: readonly PersonaTokens[]): string {
  return [
    '| persona | variant | prompt | tools | total |',
    '|---|---|---:|---:|---:|',
    ...rows.map((t) => `| ${t.persona} | ${t.variant ?? '–'} | ${t.prompt} | ${t.tools} | ${t.total} |`),
  ].join('\n');
}

/** The table as the README holds it now (null when the markers are missing). */
export function readmeTokenTable(readme: string): string | null {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  return a < 0 || b < a ? null : readme.slice(a + START.length, b).trim();
}

export function withTokenTable(readme: string, table: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no token table markers (${START} … ${END})`);
  return `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`;
}

export const readReadme = (file = 'README.md') => readFile(file, 'utf8');
