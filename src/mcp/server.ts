// The shopper tools as an MCP server over Streamable HTTP, stateless: a fresh SDK server and
// web-standard transport per HTTP request (JSON responses, no held streams), so it runs the same
// on Node and on Workers and survives restarts. What lasts between requests — the session's
// conversation, its verification, its proposal — lives in the database (chat's direct tools).
// The HTTP route has already established who is asking (token or session) and applied limits.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { silentLogger, TailorError, type Logger, type Shopper } from '../core/index.js';
import type { DirectTools } from '../chat/index.js';
import type { ToolRegistry } from '../tools/index.js';
import { joinResponses, screenToolCalls } from './screen.js';
import { callArgs, callResult, isProposalTool, isToolName, listTools, ProposalArgs, toolsFor, unavailable } from './tool-set.js';

export interface McpDeps {
  direct: DirectTools;
  tools: ToolRegistry;
  logger?: Logger;
  version?: string;
}

/** One HTTP request, as the route established it. */
export interface McpRequest {
  shopper: Shopper;
  /** A digest of the client's address (per-address limits in the tools), or null. */
  clientKey: string | null;
  /** A digest of the client's site (an IPv6 /48), or null. */
  networkKey?: string | null;
  /** The JSON-RPC body, already read and parsed (size-limited) by the route. */
  body: unknown;
}

export interface McpHandler {
  handle(request: Request, ctx: McpRequest): Promise<Response>;
}

const INSTRUCTIONS = [
  'Tailor: a store’s shopping tools, acting for one shopper (the identity token or session this connection carries).',
  'Catalog, cart and store policy are open to anyone; orders, returns and the account need a verified shopper (a storefront token, or verify_customer).',
  'Writes that matter are two-phase: the tool returns a proposal (needsConfirmation, proposalId); show it to the shopper and call confirm_proposal only after their clear yes.',
].join(' ');

// Never used (this server asks clients nothing); spares building an Ajv instance per request.
const NO_SCHEMA_VALIDATION: jsonSchemaValidator = {
  getValidator: () => () => ({ valid: false, data: undefined, errorMessage: 'schema validation is not used by this server' }),
};

export function createMcpHandler(deps: McpDeps): McpHandler {
  const logger = deps.logger ?? silentLogger;
  return {
    async handle(request, ctx) {
      const server = new Server(
        { name: 'tailor', version: deps.version ?? '0.1.0' },
        { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS, jsonSchemaValidator: NO_SCHEMA_VALIDATION },
      );
      server.setRequestHandler(ListToolsRequestSchema, async () => ({
        tools: listTools(deps.tools, await deps.direct.acting(ctx.shopper)),
      }));
      server.setRequestHandler(CallToolRequestSchema, async (req) => {
        try {
          return await callTool(deps, ctx, req.params.name, req.params.arguments);
        } catch (err) {
          throw toMcpError(err, logger);
        }
      });
      const screened = screenToolCalls(ctx.body);
      if (!screened.sdk) return joinResponses(screened.errors, null, Array.isArray(ctx.body));
      const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      await server.connect(transport);
      try {
        const res = await transport.handleRequest(request, { parsedBody: screened.body });
        return screened.errors.length ? await joinResponses(screened.errors, res, Array.isArray(ctx.body)) : res;
      } finally {
        await server.close();
      }
    },
  };
}

async function callTool(deps: McpDeps, ctx: McpRequest, name: string, args: Record<string, unknown> | undefined) {
  const base = { shopper: ctx.shopper, clientKey: ctx.clientKey, networkKey: ctx.networkKey, allowed: toolsFor };
  if (isProposalTool(name)) {
    const parsed = ProposalArgs.safeParse(args ?? {});
    if (!parsed.success)
      return callResult(name, {
        ok: false,
        error: {
          code: 'invalid_arguments',
          message: 'proposalId: the proposalId a tool returned with needsConfirmation',
          field: 'proposalId',
        },
      });
    const out = await deps.direct.decide({
      ...base,
      proposalId: parsed.data.proposalId,
      decision: name === 'confirm_proposal' ? 'confirm' : 'cancel',
    });
    return callResult(name, out.result);
  }
  if (!isToolName(name)) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name.slice(0, 64)}`);
  const acting = await deps.direct.acting(ctx.shopper);
  if (!toolsFor(acting).includes(name)) return callResult(name, unavailable(name, acting));
  const out = await deps.direct.call({ ...base, tool: name, args: callArgs(deps.tools, name, args) });
  return callResult(name, out.result);
}

/** Errors outside a tool's own result: a domain error keeps its message, anything else says only "internal". */
function toMcpError(err: unknown, logger: Logger): McpError {
  if (err instanceof McpError) return err;
  if (err instanceof TailorError && err.code !== 'internal') return new McpError(ErrorCode.InvalidRequest, err.message, { code: err.code });
  logger.error('mcp_call_failed', {
    error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return new McpError(ErrorCode.InternalError, 'Internal error');
}
