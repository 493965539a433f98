// A tools/call whose params are the wrong shape (arguments an array or a string, a name that is no string…) is
// answered here with a short JSON-RPC "Invalid params" error naming the field. The SDK's own check would answer it
// with its schema's whole validation dump, which tells a caller nothing it needs and much it does not.
import { CallToolRequestSchema, ErrorCode } from '@modelcontextprotocol/sdk/types.js';

type RpcId = string | number;
export interface RpcError {
  jsonrpc: '2.0';
  id: RpcId;
  error: { code: number; message: string };
}

/** The body for the SDK (`sdk` false when nothing is left for it) and the errors answered here, in the body's order. */
export interface Screened {
  body: unknown;
  sdk: boolean;
  errors: RpcError[];
}

const EXPECTED: Record<string, string> = {
  record: 'an object of named values',
  object: 'an object',
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
};

export function screenToolCalls(body: unknown): Screened {
  const batch = Array.isArray(body);
  const messages: unknown[] = batch ? body : [body];
  const errors: RpcError[] = [];
  const rest = messages.filter((m) => {
    const error = badToolCall(m);
    if (error) errors.push(error);
    return !error;
  });
  if (!errors.length) return { body, sdk: true, errors };
  return { body: batch ? rest : rest[0], sdk: rest.length > 0, errors };
}

/** Errors answered here, joined with what the SDK answered for the rest of the body (a JSON response, or none). */
export async function joinResponses(errors: RpcError[], sdk: Response | null, batch: boolean): Promise<Response> {
  let theirs: unknown[] = [];
  if (sdk && sdk.status === 200 && /json/.test(sdk.headers.get('content-type') ?? '')) {
    const out = (await sdk.json()) as unknown;
    theirs = Array.isArray(out) ? out : [out];
  } else if (sdk && sdk.status !== 202) return sdk; // the SDK refused the whole request (a header, a version): its answer stands
  const all = [...theirs, ...errors];
  return Response.json(batch ? all : all[0], { status: 200 });
}

function badToolCall(m: unknown): RpcError | null {
  if (typeof m !== 'object' || m === null) return null;
  const { jsonrpc, id, method, params } = m as Record<string, unknown>;
  // Only a well-formed request for tools/call is answered here; anything else is the SDK's to refuse.
  if (jsonrpc !== '2.0' || method !== 'tools/call' || !(typeof id === 'string' || typeof id === 'number')) return null;
  const parsed = CallToolRequestSchema.safeParse({ method, params });
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  const field = path.slice(path[0] === 'params' ? 1 : 0).join('.') || 'params';
  const expected = 'expected' in issue && typeof issue.expected === 'string' ? EXPECTED[issue.expected] : undefined;
  const got = kindOf(valueAt(m, path));
  const message = expected ? `Invalid params: ${field} must be ${expected}, not ${got}.` : `Invalid params: ${field} is not valid.`;
  return { jsonrpc: '2.0', id, error: { code: ErrorCode.InvalidParams, message } };
}

function valueAt(root: unknown, path: string[]): unknown {
  let v = root;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function kindOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
