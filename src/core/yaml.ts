// The YAML parser, borrowed while YAML is read (personas, prompt rules, segment rules: at start
// and on a reload) and let go after. Chat turns never parse YAML, but a module once imported stays
// on the heap for good (yaml's code and source, about 1 MB live), and V8 sizes the heap at several
// times what survives its collections. So in Node the parser is required (CommonJS) when first
// asked for and dropped from the require cache once the current work is done: nothing holds it
// then, and it is collected; the next reload requires it again (a few ms). Where there is no
// CommonJS loader (workerd), the entry hands the parser in once (provideYaml) and it stays.
import type * as Yaml from 'yaml';

export type YamlParser = typeof Yaml;

/** What this file uses of Node's require (not named through @types/node: core also compiles for the browser). */
interface CommonJsRequire {
  (id: string): unknown;
  resolve(id: string): string;
  cache: Record<string, unknown>;
}

let provided: YamlParser | null = null;
let borrowed: YamlParser | null = null;

/** For runtimes without a CommonJS loader (the Workers entry): the parser, kept for good. */
export function provideYaml(parser: YamlParser): void {
  provided = parser;
}

/** The YAML parser: the one provided, or (Node) yaml required now and let go after this turn of the event loop. */
export function yaml(): YamlParser {
  if (provided) return provided;
  if (borrowed) return borrowed;
  const nodeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const nodeModule = nodeProcess?.getBuiltinModule?.('node:module') as { createRequire(from: string): CommonJsRequire } | undefined;
  if (!nodeModule) throw new Error('No YAML parser: this runtime has no CommonJS loader, and none was provided (provideYaml).');
  const require = nodeModule.createRequire(import.meta.url);
  const parser = require('yaml') as YamlParser;
  borrowed = parser;
  // Once the work that asked for it is done: forget it here and in the require cache.
  const entry = require.resolve('yaml');
  const root = /^.*[\\/]node_modules[\\/]yaml[\\/]/.exec(entry)?.[0] ?? entry;
  const release = () => {
    borrowed = null;
    for (const key of Object.keys(require.cache)) if (key.startsWith(root)) delete require.cache[key];
  };
  (setTimeout(release, 0) as { unref?: () => void }).unref?.();
  return parser;
}
