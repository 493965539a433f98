// How many prompt tokens a persona costs before the shopper says anything: its rendered
// system prompt plus the definitions of the tools it offers (sent with every model call).
//
// Tool definitions are counted the way the API bills them, not as JSON: OpenAI renders
// functions into a compact text form, and its cookbook ("How to count tokens with tiktoken",
// num_tokens_for_tools, gpt-4o constants) counts name + description and each property's
// name, type, description and enum values, plus fixed overheads. Counting the JSON instead
// would overstate the cost two- to three-fold.
import { z } from 'zod';
import { toolSchemas, type ToolName } from '../tools/index.js';
import type { RenderedPersona } from './types.js';

export type CountTokens = (text: string) => number;
/** Builds the OpenAI tool definitions for a list of tool names (the tool registry's `definitions`). */
export type ToolDefinitions = (names: readonly ToolName[]) => ReadonlyArray<unknown>;

export interface PersonaTokens {
  persona: string;
  variant: string | null;
  prompt: number;
  tools: number;
  total: number;
  perTool: Array<{ name: string; tokens: number }>;
}

const FUNC_INIT = 7;
const PROP_INIT = 3;
const PROP_KEY = 3;
const ENUM_INIT = -3;
const ENUM_ITEM = 3;
const FUNC_END = 12;

const fallbackCache = new Map<ToolName, unknown>();

/**
 * Tool definitions from the argument schemas alone (no tool descriptions): used when no tool
 * registry is passed in, so the figure is a lower bound.
 */
export const schemaToolDefinitions: ToolDefinitions = (names) =>
  names.map((name) => {
    let def = fallbackCache.get(name);
    if (!def) {
      def = { type: 'function', function: { name, description: '', parameters: z.toJSONSchema(toolSchemas[name], { io: 'input' }) } };
      fallbackCache.set(name, def);
    }
    return def;
  });

interface FunctionDef {
  name: string;
  description?: string;
  parameters?: { properties?: Record<string, { type?: unknown; description?: string; enum?: unknown[] }> };
}

const noPeriod = (s: string) => (s.endsWith('.') ? s.slice(0, -1) : s);

/** Tokens one function definition adds (without the list's fixed closing overhead). */
export function functionTokens(definition: unknown, count: CountTokens): number {
  const fn = ((definition as { function?: FunctionDef }).function ?? definition) as FunctionDef;
  let tokens = FUNC_INIT + count(`${fn.name}:${noPeriod(fn.description ?? '')}`);
  const props = Object.entries(fn.parameters?.properties ?? {});
  if (props.length > 0) tokens += PROP_INIT;
  for (const [key, prop] of props) {
    tokens += PROP_KEY;
    if (Array.isArray(prop.enum)) {
      tokens += ENUM_INIT;
      for (const item of prop.enum) tokens += ENUM_ITEM + count(String(item));
    }
    const type = typeof prop.type === 'string' ? prop.type : Array.isArray(prop.type) ? prop.type.join('|') : 'any';
    tokens += count(`${key}:${type}:${noPeriod(prop.description ?? '')}`);
  }
  return tokens;
}

export function measurePersona(persona: RenderedPersona, count: CountTokens, definitions: ToolDefinitions): PersonaTokens {
  const defs = definitions(persona.tools);
  const perTool = persona.tools.map((name, i) => ({ name, tokens: functionTokens(defs[i], count) }));
  const prompt = count(persona.systemPrompt);
  const tools = perTool.length ? perTool.reduce((n, t) => n + t.tokens, 0) + FUNC_END : 0;
  return { persona: persona.id, variant: persona.variant, prompt, tools, total: prompt + tools, perTool };
}
