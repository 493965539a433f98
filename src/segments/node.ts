// Node-only: reads a rules file from disk (entry points, CLIs, tests).
import { readFileSync } from 'node:fs';
import { ConfigError } from '../core/index.js';
import { loadSegmentRules, type SegmentRules } from './load-rules.js';

export function loadSegmentRulesFile(file: string): SegmentRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read segment rules (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return loadSegmentRules(text, file);
}
