// Node-only: reads a rules file from disk and watches it (entry points, CLIs, tests).
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
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

/** Where the segment rules come from: a file on Node (re-readable, watchable). */
export interface SegmentRulesSource {
  readonly file: string;
  /** Reads and validates the rules; throws ConfigError naming file and line. */
  load(): SegmentRules;
  /** Calls onChange when the file may have changed; returns a function that stops watching. */
  watch?(onChange: () => void): () => void;
}

export function nodeSegmentRulesSource(file: string): SegmentRulesSource {
  return {
    file,
    load: () => loadSegmentRulesFile(file),
    watch(onChange) {
      // The folder, not the file: editors save by renaming a temp file over the original.
      const name = basename(file);
      let w: FSWatcher | null = null;
      try {
        w = watch(dirname(file), { persistent: false }, (_event, changed) => {
          if (!changed || String(changed) === name) onChange();
        });
        w.on('error', () => w?.close());
      } catch {
        // The folder is gone: nothing to watch; the next start reports the missing file.
      }
      return () => w?.close();
    },
  };
}
