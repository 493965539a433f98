// Turns of one conversation run one after another: the second waits for the first, so their
// message sequence numbers and turn numbers never collide. `createKeyedLock` does it within a
// process (Node); on Workers the chat service gets a Durable Object lease instead (src/fleet),
// so turns arriving at different isolates wait for each other too. (Should both ever run, the
// unique (conversation, seq) and (conversation, turn) keys refuse the loser.)
export interface TurnLock {
  /**
   * Resolves when the key is the caller's; `waited` says another holder may have written since the
   * caller last read (re-read before use). May throw a TailorError (a 429 when the wait is too long).
   */
  acquire(key: string): Promise<{ release: () => void | Promise<void>; waited: boolean }>;
}

/** The in-process lock (kept under its first name). */
export type KeyedLock = TurnLock;

export function createKeyedLock(): TurnLock {
  const tails = new Map<string, Promise<void>>();
  return {
    async acquire(key) {
      const held = tails.get(key);
      const prev = held ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      const tail = prev.then(() => mine);
      tails.set(key, tail);
      await prev;
      return {
        waited: held !== undefined,
        release() {
          release();
          if (tails.get(key) === tail) tails.delete(key);
        },
      };
    },
  };
}
