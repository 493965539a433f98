// Where persona files come from: disk on Node (node.ts), a bundled object on Workers.

export interface PersonaSource {
  /** Relative path → text, e.g. 'vip.md', 'partials/store-policy.md', 'experiments.yaml'. */
  read(): Promise<Record<string, string>>;
  /** Calls onChange when files may have changed; returns a function that stops watching. */
  watch?(onChange: () => void): () => void;
  /** How errors name the folder, e.g. "prompts" → "prompts/vip.md:12: …". */
  readonly root?: string;
  /** Bundled at build time (Workers): reading again can only return the same files. */
  readonly bundled?: boolean;
}

/** For Workers: the same files, bundled at build time (wrangler `[[rules]] type = "Text"`). */
export function createBundledPersonaSource(files: Record<string, string>, root = 'prompts'): PersonaSource {
  const copy = { ...files };
  return { root, bundled: true, read: async () => ({ ...copy }) };
}
