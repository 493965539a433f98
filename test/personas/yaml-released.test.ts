// A server reads YAML only at start and on a reload (personas, prompt rules, segment rules), so it
// does not keep the YAML parser loaded between reads (src/core/yaml.ts): whatever stays loaded
// stays on the heap, and V8 sizes the heap at several times what survives. After a read the
// parser's modules leave the require cache (nothing else holds them, so they are collected), and
// the next read, a reload, loads it again and reads the same.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBundledPersonaSource, createPersonaRegistry } from '../../src/personas/index.js';
import { loadSegmentRules } from '../../src/segments/index.js';
import { repoRoot } from '../support/server.js';
import { shippedFiles } from './fixtures.js';

const cache = createRequire(import.meta.url).cache;
const yamlModules = () => Object.keys(cache).filter((k) => /[\\/]node_modules[\\/]yaml[\\/]/.test(k));
const nextTick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the YAML parser is let go after the files are read', () => {
  it('compiles the shipped personas and segment rules, then holds no YAML module', async () => {
    const rulesText = readFileSync(join(repoRoot, 'data/segments.yaml'), 'utf8');
    const rules = loadSegmentRules(rulesText, 'data/segments.yaml');
    const registry = await createPersonaRegistry({ source: createBundledPersonaSource(await shippedFiles()), segments: rules.segments });
    expect(registry.list().length).toBeGreaterThan(2);
    expect(yamlModules().length).toBeGreaterThan(0); // loaded for the read
    await nextTick();
    expect(yamlModules()).toEqual([]);
    // A reload reads the files again, with the parser loaded again, and gets the same rules.
    expect(loadSegmentRules(rulesText, 'data/segments.yaml')).toEqual(rules);
    await nextTick();
    expect(yamlModules()).toEqual([]);
    registry.close();
  });

  it('still reports a YAML mistake with its line after the parser was let go', async () => {
    await nextTick();
    expect(() => loadSegmentRules('rules:\n  - id: a\n    segment: [unclosed\n', 'bad.yaml')).toThrow(/bad\.yaml:\d+: invalid YAML/);
  });
});
