// The segment ids a rules file can produce (its rules' targets and its default), read straight
// from the YAML so persona lint does not depend on the segments module loading cleanly.
import { yaml } from '../core/index.js';

export function segmentIdsFromRules(text: string): string[] {
  const doc = (yaml().parse(text) ?? {}) as { rules?: Array<{ segment?: unknown }>; default?: unknown };
  const ids = new Set<string>();
  for (const rule of doc.rules ?? []) if (typeof rule?.segment === 'string') ids.add(rule.segment);
  const def = doc.default;
  if (typeof def === 'string') ids.add(def);
  else if (def && typeof def === 'object' && typeof (def as { segment?: unknown }).segment === 'string')
    ids.add((def as { segment: string }).segment);
  return [...ids];
}
