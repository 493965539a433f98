// The Worker has no file system: src/worker-assets.ts must bundle every file in prompts/. This
// fails here (and wrangler's build command fails) when a persona is added without it.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingFromWorkerAssets, promptFilesOnDisk, renderWorkerAssets } from '../../src/cli/worker-assets.js';

describe('src/worker-assets.ts', () => {
  it('bundles every file in prompts/ and is exactly what `npm run worker:assets` writes', () => {
    expect(missingFromWorkerAssets(), 'run `npm run worker:assets`').toEqual([]);
    expect(readFileSync('src/worker-assets.ts', 'utf8')).toBe(renderWorkerAssets(promptFilesOnDisk()));
  });

  it('names a persona file that is on disk but not bundled', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-assets-'));
    try {
      cpSync('prompts', join(dir, 'prompts'), { recursive: true });
      mkdirSync(join(dir, 'src'));
      cpSync('src/worker-assets.ts', join(dir, 'src', 'worker-assets.ts'));
      writeFileSync(join(dir, 'prompts', 'win-back.md'), '---\nid: win-back\n---\n');
      expect(missingFromWorkerAssets(dir)).toEqual(['win-back.md']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
