// Argument subset matching shared by the tool-call and policy graders.

const norm = (s: string) => s.trim().toLowerCase().replace(/^#/, '');

/**
 * True when `actual` contains `expected`: objects key by key (extra keys allowed), arrays
 * element-wise as a subset, strings case-insensitively (a "/.../" string is a regex).
 */
export function matchesSubset(expected: unknown, actual: unknown): boolean {
  if (expected === null || expected === undefined) return actual === expected;
  if (typeof expected === 'string') {
    if (expected.length > 2 && expected.startsWith('/') && expected.endsWith('/')) {
      return new RegExp(expected.slice(1, -1), 'i').test(String(actual ?? ''));
    }
    return (typeof actual === 'string' || typeof actual === 'number') && norm(String(actual)) === norm(expected);
  }
  if (typeof expected === 'number') return actual === expected || (typeof actual === 'string' && Number(actual) === expected);
  // Tool flags default to false, so an omitted flag is a false one.
  if (typeof expected === 'boolean') return actual === expected || (expected === false && actual === undefined);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((e) => actual.some((a) => matchesSubset(e, a)));
  }
  if (typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).every(([k, v]) => matchesSubset(v, a[k]));
  }
  return false;
}

export const show = (v: unknown) => JSON.stringify(v);
