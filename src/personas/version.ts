// Content version of a persona: its file plus every partial it includes, so a policy edit in a
// partial changes the version recorded on each conversation that used it.

export async function personaVersion(fileText: string, partials: ReadonlyArray<readonly [name: string, text: string]>): Promise<string> {
  const parts = [
    fileText,
    ...[...partials].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, text]) => `\u0000${name}\u0000${text}`),
  ];
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(parts.join('')));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
