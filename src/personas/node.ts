// Node adapter: persona files from a folder on disk, watched so an edit takes effect on the
// next message. Imported by entry points, CLIs and tests only (the app stays runtime-neutral).
import { readdirSync, watch, type FSWatcher } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { PersonaSource } from './source.js';

const WANTED = /\.(md|ya?ml)$/;

/** `root` names the folder in errors; default: the path relative to the process's working directory. */
export function nodePersonaSource(dir: string, root?: string): PersonaSource {
  const base = resolve(dir);
  return {
    root: root ?? (relative(process.cwd(), base) || '.'),
    async read() {
      const files: Record<string, string> = {};
      for (const file of await listFiles(base)) {
        const key = relative(base, file).split(sep).join('/');
        files[key] = await readFile(file, 'utf8');
      }
      return files;
    },
    watch(onChange) {
      // Watch folders, not files: editors save by writing a temp file and renaming it over
      // the original, which a per-file watcher would lose track of.
      const watchers: FSWatcher[] = [];
      const add = (folder: string) => {
        try {
          const w = watch(folder, { persistent: false }, (_event, name) => {
            if (!name || WANTED.test(String(name))) onChange();
          });
          w.on('error', () => w.close());
          watchers.push(w);
        } catch {
          // A folder removed between listing and watching: nothing to watch there.
        }
      };
      // Synchronous, so a change made right after watch() returns is already seen.
      listFolders(base).forEach(add);
      return () => {
        for (const w of watchers) w.close();
      };
    },
  };
}

function listFolders(dir: string): string[] {
  const out = [dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith('.')) out.push(...listFolders(join(dir, entry.name)));
  }
  return out;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (WANTED.test(entry.name)) out.push(full);
  }
  return out.sort();
}

// Token counting loads a large ranks table: Node tools (lint, preview, README figures) take it from here.
export { countTokens } from './tokens.js';
