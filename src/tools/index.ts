// The tools module's public surface: the registry, the contracts and the tools themselves.
export { createToolRegistry, type OpenAIToolDefinition, type ToolRegistry, type ToolRegistryOptions } from './registry.js';
export { ALL_TOOLS } from './all.js';
export { defineTool } from './define.js';
export { TOOL_NAMES, type Tool, type ToolContext, type ToolErrorCode, type ToolEvent, type ToolName, type ToolResult } from './types.js';
export { toolSchemas, CATEGORIES, type ToolArgs } from './schemas.js';
