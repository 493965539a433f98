// The one way tools run: only tools the persona offers, arguments parsed and validated, results
// checked against the tool's output schema, and every failure turned into a result the model can
// recover from. execute() never throws.
import { z } from 'zod';
import { ALL_TOOLS } from './all.js';
import { toolOutputs } from './outputs.js';
import { compileCheck, type ValueCheck } from './output-check.js';
import { fail } from './results.js';
import { TOOL_NAMES, type Tool, type ToolContext, type ToolName, type ToolResult } from './types.js';

export interface OpenAIToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface ToolRegistry {
  execute(name: string, rawArgs: unknown, allowed: readonly ToolName[], ctx: ToolContext): Promise<ToolResult>;
  definitions(names: readonly ToolName[]): OpenAIToolDefinition[];
}

export interface ToolRegistryOptions {
  /** Told about tool crashes (the model only gets a safe message). */
  onError?(tool: ToolName, error: unknown): void;
  /** Tools to use instead of the built-in ones of the same name (a seam for tests and extensions). */
  tools?: Partial<Record<ToolName, Tool>>;
}

const isToolName = (name: string): name is ToolName => (TOOL_NAMES as readonly string[]).includes(name);

/** Field path and reason of the first few problems, e.g. "quantity: Too big: expected number to be <=10". */
function describeIssues(error: z.ZodError): { message: string; field?: string } {
  const parts = error.issues.slice(0, 3).map((i) => `${i.path.length ? i.path.join('.') : '(arguments)'}: ${i.message}`);
  const first = error.issues[0]?.path.join('.');
  return { message: parts.join('; '), ...(first ? { field: first } : {}) };
}

function parseArgs(rawArgs: unknown): { ok: true; value: unknown } | { ok: false } {
  if (rawArgs === undefined || rawArgs === null) return { ok: true, value: {} };
  if (typeof rawArgs !== 'string') return { ok: true, value: rawArgs };
  if (rawArgs.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(rawArgs) };
  } catch {
    return { ok: false };
  }
}

function toJsonSchema(tool: Tool): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(tool.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  // zod emits a long regex next to format "email"; the format says it in fewer tokens.
  const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
  for (const p of Object.values(props ?? {})) if (p.format === 'email') delete p.pattern;
  return schema;
}

/** Each tool's output schema compiled to a predicate (output-check.ts), once per process; null: zod alone. */
const outputChecks = new Map<ToolName, ValueCheck | null>();

function outputCheck(name: ToolName): ValueCheck | null {
  let check = outputChecks.get(name);
  if (check === undefined) outputChecks.set(name, (check = compileCheck(toolOutputs[name])));
  return check;
}

/**
 * Whether a successful result's data is what the tool's output schema says. The compiled predicate
 * answers without building anything; zod (which copies the value as it checks it) decides only what
 * the predicate does not accept, and names the problem.
 */
function checkOutput(name: ToolName, data: unknown): void {
  if (outputCheck(name)?.(data)) return;
  const checked = (toolOutputs[name] as z.ZodType).safeParse(data);
  if (!checked.success) throw new Error(`${name} returned data outside its output schema: ${describeIssues(checked.error).message}`);
}

export function createToolRegistry(options: ToolRegistryOptions = {}): ToolRegistry {
  const cache = new Map<ToolName, OpenAIToolDefinition>();

  return {
    async execute(name, rawArgs, allowed, ctx) {
      if (typeof name !== 'string' || !isToolName(name) || !allowed.includes(name)) {
        const shown = typeof name === 'string' ? name.slice(0, 64) : String(name);
        return fail('not_allowed', `tool ${shown} is not available`);
      }
      const tool = (options.tools?.[name] ?? ALL_TOOLS[name]) as Tool;
      const parsed = parseArgs(rawArgs);
      if (!parsed.ok)
        return fail('invalid_arguments', `Arguments for ${name} are not valid JSON. Send a JSON object matching the tool's parameters.`);
      const args = tool.schema.safeParse(parsed.value);
      if (!args.success) {
        const { message, field } = describeIssues(args.error);
        return fail('invalid_arguments', `Invalid arguments for ${name}: ${message}. Fix them and call again.`, field);
      }
      try {
        const result = await tool.run(args.data, ctx);
        // A result outside the tool's output schema is a broken tool, treated as a crash: no reader ever guesses at a shape.
        if (result.ok) checkOutput(name, result.data);
        return result;
      } catch (error) {
        options.onError?.(name, error);
        return fail('failed', `${name} failed unexpectedly. Apologise, try once more later, or offer a human colleague.`);
      }
    },

    definitions(names) {
      return names.map((name) => {
        let def = cache.get(name);
        if (!def) {
          const tool = (options.tools?.[name] ?? ALL_TOOLS[name]) as Tool;
          def = { type: 'function', function: { name, description: tool.description, parameters: toJsonSchema(tool) } };
          cache.set(name, def);
        }
        return def;
      });
    },
  };
}
