// Turns of one conversation run one after another: the second waits for the first, so their
// message sequence numbers and turn numbers never collide within a process. (Across Workers
// isolates the unique (conversation, seq) and (conversation, turn) keys refuse the loser.)
export interface KeyedLock {
  /** Resolves when the key is free; `waited` says whether another holder went first. */
  acquire(key: string): Promise<{ release: () => void; waited: boolean }>;
}

export function createKeyedLock(): KeyedLock {
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
        release: () => {
          release();
          if (tails.get(key) === tail) tails.delete(key);
        },
      };
    },
  };
}
