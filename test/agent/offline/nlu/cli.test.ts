// nlu:train and nlu:report end to end on the fixture corpus, in a temp folder (never data/nlu).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_FILES } from './fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'tailor-nlu-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });

describe('nlu:train and nlu:report', () => {
  it('train writes the same artifact twice, scores a test folder, and the report prints Markdown', { timeout: 60_000 }, () => {
    const train = join(dir, 'train');
    mkdirSync(train);
    for (const [label, text] of Object.entries(FIXTURE_FILES)) writeFileSync(join(train, `${label}.txt`), text);
    const args = ['--corpus', train, '--test', train, '--folds', '3'];
    const first = run('src/cli/nlu-train.ts', ...args, '--out', join(dir, 'a.json'));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/40 utterances over 4 intents/);
    expect(first.stdout).toMatch(/cross-validation \(3-fold, training corpus\): accuracy \d+\.\d%/);
    expect(first.stdout).toMatch(/overall\s+40\s+100\.0%/);
    expect(first.stderr).toMatch(/no training examples for thanks, goodbye/);
    run('src/cli/nlu-train.ts', ...args, '--out', join(dir, 'b.json'));
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe(readFileSync(join(dir, 'a.json'), 'utf8'));

    const report = run('src/cli/nlu-report.ts', '--model', join(dir, 'a.json'), '--test', train);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toContain('| intent | support | precision | recall | F1 |');
    expect(report.stdout).toMatch(/\| refund_status \| 10 \| 100\.0% \| 100\.0% \| 100\.0% \|/);
  });

  it('rejects a corpus file for an intent that intents.yaml does not define', { timeout: 30_000 }, () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'greetings.txt'), 'hi\n');
    const r = run('src/cli/nlu-train.ts', '--corpus', bad, '--out', join(dir, 'c.json'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('greetings.txt not an intent in intents.yaml');
  });

  it.each(['src/cli/nlu-train.ts', 'src/cli/nlu-report.ts'])('%s explains itself', { timeout: 30_000 }, (script) => {
    expect(run(script, '--help').stdout).toMatch(/^usage: npm run nlu:/);
    const bad = run(script, '--nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/usage: npm run nlu:/);
  });
});
