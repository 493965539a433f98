// defineTool ties a tool's run() argument type to its schema, so a tool cannot read a field
// the model was never asked for, and its result type to its output schema (outputs.ts), and keeps
// its name literal so the registry can check it.
import type { z } from 'zod';
import type { Tool, ToolName } from './types.js';

export function defineTool<N extends ToolName, S extends z.ZodType>(tool: Tool<S, N>): Tool<S, N> {
  return tool;
}
