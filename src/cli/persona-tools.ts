// Shared by the persona CLIs: the real tool definitions when the tool registry is available
// (its descriptions count too), else the bare argument schemas, and the known segment ids.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { schemaToolDefinitions, segmentIdsFromRules, type ToolDefinitions } from '../personas/index.js';

export async function loadToolDefinitions(): Promise<{ definitions: ToolDefinitions; source: string }> {
  // Resolved at run time so persona lint keeps working while the tools module is in flux.
  const spec = '../tools/index.js';
  try {
    const mod = (await import(spec)) as { createToolRegistry?: () => { definitions: ToolDefinitions } };
    if (typeof mod.createToolRegistry === 'function') {
      const registry = mod.createToolRegistry();
      return { definitions: (names) => registry.definitions(names), source: 'tool registry definitions' };
    }
  } catch {
    // fall through to the schema-only definitions
  }
  return { definitions: schemaToolDefinitions, source: 'argument schemas only (tool registry unavailable)' };
}

export async function loadSegmentIds(dataDir: string): Promise<{ ids: string[]; file: string }> {
  const file = join(dataDir, 'segments.yaml');
  return { ids: segmentIdsFromRules(await readFile(file, 'utf8')), file };
}
