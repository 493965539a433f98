// The MCP module: the shopper tools served to other agents over Streamable HTTP (see README "MCP").
import type { McpDeps, McpHandler } from './server.js';

export type { McpDeps, McpHandler, McpRequest } from './server.js';
export { toolsFor } from './tool-set.js';

/**
 * The MCP server for `deps`. The MCP SDK (its modules and their zod schemas, megabytes of heap)
 * is loaded on the first /mcp request, not at startup: a store that serves only the chat never
 * pays for it.
 */
export function createMcpHandler(deps: McpDeps): McpHandler {
  let loaded: Promise<McpHandler> | null = null;
  return {
    async handle(request, ctx) {
      loaded ??= import('./server.js').then(
        (m) => m.createMcpHandler(deps),
        (err: unknown) => {
          loaded = null; // a failed load is tried again by the next request
          throw err;
        },
      );
      return (await loaded).handle(request, ctx);
    },
  };
}
