// Time and ids are injected everywhere (tests and evals are deterministic); these are the real ones.

export type Clock = () => number;
export type IdGen = (prefix: string) => string;

export const DAY_MS = 86_400_000;

export const systemClock: Clock = () => Date.now();

/**
 * Ids carry their kind, the time (48 bits, milliseconds) and 80 random bits: unguessable, readable
 * in logs, and time-ordered, so new rows append to the end of each primary-key index instead of
 * dirtying a random page of it on every write (that halves the cost of a turn's commit).
 */
export const randomIds: IdGen = (prefix) => {
  const u = crypto.randomUUID(); // xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx: groups 1 and 5 are 80 random bits
  return `${prefix}_${Date.now().toString(16).padStart(12, '0')}${u.slice(0, 8)}${u.slice(24)}`;
};
