// A value as SQL text, for the plain-SQL files `wrangler d1 execute --file` applies (the demo seed
// and the store import's D1 output): D1 has no driver to bind parameters from a CLI.
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot render ${value} as SQL`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${String(value).replace(/'/g, "''")}'`;
}
