// Which shopper tools an MCP client sees, in what shape, and how their results read. The
// persona's tool subset is a chat concern (a prompt budget, a voice); over MCP the set follows
// only the shopper's verification state. `confirm` and `mergeGuestCart` are not offered: the
// second phase of a write runs only through confirm_proposal, by the proposal's id.
import { z } from 'zod';
import { fenceValue, type Shopper } from '../core/index.js';
import { TOOL_EFFECTS, TOOL_NAMES, toolOutputs, type ToolName, type ToolRegistry, type ToolResult } from '../tools/index.js';

/** Anyone: the catalog, the session's cart, the store's policies, a human colleague. */
const OPEN: readonly ToolName[] = [
  'search_products',
  'get_product',
  'add_to_cart',
  'update_cart',
  'view_cart',
  'store_policy',
  'escalate_to_human',
];
/**
 * A verified shopper (storefront token, or verify_customer earlier in this MCP session): their own account; verified in
 * chat, the tools still answer for the orders proven only (tools/results.ts shopperScope), and verify_customer stays
 * offered to prove another order with the same email.
 */
const ACCOUNT: readonly ToolName[] = [
  'lookup_order',
  'refund_status',
  'loyalty_status',
  'recommend_products',
  'reorder',
  'create_return_label',
  'cancel_order',
  'change_shipping_address',
  'exchange_items',
  'report_problem',
];

export const PROPOSAL_TOOLS = ['confirm_proposal', 'decline_proposal'] as const;
export type ProposalToolName = (typeof PROPOSAL_TOOLS)[number];

export const isVerified = (s: Shopper) => s.verified && s.customerId !== null;

export function toolsFor(shopper: Shopper): readonly ToolName[] {
  if (!isVerified(shopper)) return [...OPEN, 'verify_customer'];
  return shopper.via === 'token' ? [...OPEN, ...ACCOUNT] : [...OPEN, ...ACCOUNT, 'verify_customer'];
}

export const isToolName = (name: string): name is ToolName => (TOOL_NAMES as readonly string[]).includes(name);
export const isProposalTool = (name: string): name is ProposalToolName => (PROPOSAL_TOOLS as readonly string[]).includes(name);

/** Set only by the server when a proposal is confirmed by id. */
const SERVER_ONLY = ['confirm', 'mergeGuestCart'];

export const ProposalArgs = z.object({ proposalId: z.string().trim().min(1).max(64) });

const PROPOSAL_DEFS = [
  {
    name: 'confirm_proposal',
    description:
      'Carry out a proposal a tool returned (needsConfirmation: a return label, a cancellation, a new address, an exchange, a problem report, adding a guest basket) — only after the shopper has clearly agreed to exactly what it says. Same shopper only; expires after 30 minutes; a newer proposal replaces it.',
    annotations: { destructiveHint: true, idempotentHint: true, openWorldHint: false },
  },
  {
    name: 'decline_proposal',
    description: 'Withdraw a proposal the shopper does not want; nothing is done.',
    annotations: { destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
];

const READ_ONLY_HINTS: Record<string, boolean> = { readOnlyHint: true, openWorldHint: false };
const WRITE_HINTS: Record<string, boolean> = { readOnlyHint: false, destructiveHint: false, openWorldHint: false };

type JsonSchema = { type: 'object'; [key: string]: unknown };

export interface McpToolDefinition {
  name: string;
  description: string;
  inputSchema: JsonSchema;
  /** What structuredContent holds: the tool's output (src/tools/outputs.ts) with the MCP hints, or an error. */
  outputSchema?: JsonSchema;
  annotations: Record<string, boolean>;
}

const ErrorOut = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
const toJson = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};
const outputSchemas = new Map<ToolName, JsonSchema>();

/**
 * A tool's MCP outputSchema: each shape of its output schema, with the hints callResult adds
 * (`instruction` on a proposal, `tools` after verifying), or the error a failed call returns.
 */
function outputSchemaFor(name: ToolName): JsonSchema {
  let schema = outputSchemas.get(name);
  if (!schema) {
    const out = toJson(toolOutputs[name]);
    const shapes = (Array.isArray(out.anyOf) ? out.anyOf : [out]) as Array<{ properties?: Record<string, unknown> }>;
    for (const shape of shapes) shape.properties = { ...shape.properties, instruction: { type: 'string' }, tools: { type: 'string' } };
    schema = { type: 'object', anyOf: [...shapes, toJson(ErrorOut)] };
    outputSchemas.set(name, schema);
  }
  return schema;
}

/** What tools/list shows this shopper: the same definitions the chat model gets, minus the server-only fields. */
export function listTools(registry: ToolRegistry, shopper: Shopper): McpToolDefinition[] {
  const tools = registry.definitions(toolsFor(shopper)).map((d) => ({
    name: d.function.name,
    description: d.function.description,
    inputSchema: withoutServerFields(d.function.parameters),
    outputSchema: outputSchemaFor(d.function.name as ToolName),
    annotations: TOOL_EFFECTS[d.function.name as ToolName] === 'read' ? READ_ONLY_HINTS : WRITE_HINTS,
  }));
  if (!isVerified(shopper)) return tools;
  const { $schema: _drop, ...rest } = z.toJSONSchema(ProposalArgs, { io: 'input' }) as Record<string, unknown>;
  const proposalSchema = { ...rest, type: 'object' as const };
  return [...tools, ...PROPOSAL_DEFS.map((d) => ({ ...d, inputSchema: proposalSchema }))];
}

function withoutServerFields(parameters: Record<string, unknown>): McpToolDefinition['inputSchema'] {
  const schema = structuredClone(parameters) as { type: 'object'; properties?: Record<string, unknown>; required?: string[] };
  for (const field of SERVER_ONLY) delete schema.properties?.[field];
  if (schema.required) schema.required = schema.required.filter((f) => !SERVER_ONLY.includes(f));
  return schema;
}

/** The arguments a direct call runs with: never the second phase (confirm:false), whatever the client sent. */
export function callArgs(registry: ToolRegistry, name: ToolName, raw: Record<string, unknown> | undefined): Record<string, unknown> {
  const args: Record<string, unknown> = { ...(raw ?? {}) };
  for (const field of SERVER_ONLY) delete args[field];
  const props = registry.definitions([name])[0]?.function.parameters.properties as Record<string, unknown> | undefined;
  return props && 'confirm' in props ? { ...args, confirm: false } : args;
}

const confirmInstruction = (id: string) =>
  `Show the shopper exactly this proposal. Only if they clearly agree, call confirm_proposal with proposalId "${id}"; if they do not, call decline_proposal. Calling this tool again does not carry it out.`;

/** The MCP result of a tool call: the same data as in chat (fenced), the proposal steps in MCP terms. */
export function callResult(
  name: string,
  result: ToolResult,
): { content: Array<{ type: 'text'; text: string }>; structuredContent: Record<string, unknown>; isError?: boolean } {
  const body: Record<string, unknown> = fenceValue(result.ok ? forMcp(name, result.data) : { error: result.error });
  return { content: [{ type: 'text', text: JSON.stringify(body) }], structuredContent: body, ...(result.ok ? {} : { isError: true }) };
}

function forMcp(name: string, data: Record<string, unknown>): Record<string, unknown> {
  const id = [data.proposal, data.guestBasket]
    .map((v) => (v && typeof v === 'object' ? (v as { proposalId?: unknown }).proposalId : undefined))
    .find((v): v is string => typeof v === 'string');
  const out = id ? { ...data, instruction: confirmInstruction(id) } : data;
  if (name === 'verify_customer' && data.verified === true && !data.alreadyVerified) {
    return { ...out, tools: 'The shopper is verified for this MCP session, for the orders named: list the tools again for those orders.' };
  }
  return out;
}

/** A tool this shopper cannot use in their state, said so the client's model can recover. */
export function unavailable(name: ToolName, shopper: Shopper): ToolResult {
  if (!isVerified(shopper)) {
    return {
      ok: false,
      error: {
        code: 'must_verify',
        message: `${name} needs a verified shopper: connect with the storefront's identity token, or call verify_customer with the shopper's email and one of their order numbers first.`,
      },
    };
  }
  return { ok: false, error: { code: 'not_allowed', message: `${name} is not available: the shopper is already verified.` } };
}
