// The tools module's public surface: the registry, the contracts and the tools themselves.
export { createToolRegistry, type OpenAIToolDefinition, type ToolRegistry, type ToolRegistryOptions } from './registry.js';
export { ALL_TOOLS } from './all.js';
export { TOOL_EFFECTS, toolsWithEffect, type ToolEffect } from './names.js';
export { defineTool } from './define.js';
export {
  TOOL_NAMES,
  type ResultOf,
  type Tool,
  type ToolContext,
  type ToolErrorCode,
  type ToolEvent,
  type ToolFailure,
  type ToolName,
  type ToolResult,
} from './types.js';
export {
  readOutput,
  toolOutputs,
  type CartView,
  type OrderDetail,
  type OrderListed,
  type ProductCard,
  type ProductDetail,
  type ProductPick,
  type RefundDetail,
  type ShippingFacts,
  type SizingFacts,
  type ToolOutput,
} from './outputs.js';
export { toolSchemas, CATEGORIES, type ToolArgs } from './schemas.js';
