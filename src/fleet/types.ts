// The slices of the Durable Object runtime API this module uses (the full types live in
// @cloudflare/workers-types, which the project does not install). Structural, so the objects
// run under workerd as they are and under Node's tests with an in-memory storage.

export interface DurableStorage {
  get<T>(key: string): Promise<T | undefined>;
  put<T>(key: string, value: T): Promise<void>;
  deleteAll(): Promise<void>;
  setAlarm(scheduledTime: number): Promise<void>;
}

export interface DurableState {
  storage: DurableStorage;
  blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
}

export interface DurableStub {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** A `[[durable_objects.bindings]]` binding: one object per name, wherever the request runs. */
export interface DurableNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): DurableStub;
}

/** The instance for `name`: the same object from every isolate and every location. */
export function stubFor(ns: DurableNamespace, name: string): DurableStub {
  return ns.get(ns.idFromName(name));
}

/** One JSON call to an object; its answer is checked by the caller's schema. */
export async function call(stub: DurableStub, path: string, body: unknown): Promise<unknown> {
  const res = await stub.fetch(`https://fleet.internal${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`durable object ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
}
