// The README's token table is what `npm run personas:lint` computes now; when a prompt or a
// tool description changes, `npm run personas:lint -- --update-readme` rewrites it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { personaTokenRows, readmeTokenTable, tokenTable, withTokenTable } from '../../src/cli/readme-figures.js';

describe('README figures', () => {
  it('the token table equals what lint computes (fix: npm run personas:lint -- --update-readme)', async () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(readmeTokenTable(readme)).toBe(tokenTable(await personaTokenRows()));
  });

  it('rewrites only the table between its markers', () => {
    const readme =
      'intro\n<!-- token-table:start (npm run personas:lint -- --update-readme) -->\n| old |\n<!-- token-table:end -->\nafter\n';
    const next = withTokenTable(readme, '| new |');
    expect(next).toBe(
      'intro\n<!-- token-table:start (npm run personas:lint -- --update-readme) -->\n| new |\n<!-- token-table:end -->\nafter\n',
    );
    expect(() => withTokenTable('no markers', '| x |')).toThrow(/no token table markers/);
  });
});
