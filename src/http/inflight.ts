// Counts chat turns in progress so a shutdown can wait for them to commit (bounded) before
// the database closes.
export interface InflightTracker {
  start(): () => void;
  count(): number;
  /** Resolves true when no turn is running, false if `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createInflightTracker(): InflightTracker {
  let running = 0;
  let waiters: Array<() => void> = [];
  return {
    start() {
      running++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        running--;
        if (running === 0) {
          const w = waiters;
          waiters = [];
          for (const f of w) f();
        }
      };
    },
    count: () => running,
    drain(timeoutMs) {
      if (running === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
