// Renders a parsed template. Values are plain text for a system prompt (no HTML escaping),
// but each is flattened to one line: a first name or page URL can never inject a new
// paragraph of instructions into the prompt, and rendering is single-pass, so "{{" inside a
// value is never expanded.
import type { TemplateNode } from './template-parse.js';

export type PartialLookup = (name: string) => TemplateNode[] | undefined;

const MAX_PARTIAL_DEPTH = 8;

export function renderTemplate(nodes: readonly TemplateNode[], context: unknown, partials: PartialLookup = () => undefined): string {
  const out: string[] = [];
  renderInto(nodes, [context], partials, out, 0);
  return out.join('');
}

function renderInto(nodes: readonly TemplateNode[], stack: unknown[], partials: PartialLookup, out: string[], depth: number): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(node.value);
        break;
      case 'var':
        out.push(format(lookup(stack, node.path)));
        break;
      case 'partial': {
        const partial = partials(node.name);
        // Lint rejects unknown and recursive partials; the depth guard keeps rendering total anyway.
        if (!partial || depth >= MAX_PARTIAL_DEPTH) break;
        if (node.standalone) {
          renderInto(partial, stack, partials, out, depth + 1);
        } else {
          // Used mid-line ("- {{> verify}}"): the partial file's final newline would break the line.
          const inner: string[] = [];
          renderInto(partial, stack, partials, inner, depth + 1);
          out.push(inner.join('').replace(/\r?\n$/, ''));
        }
        break;
      }
      case 'section': {
        const value = lookup(stack, node.path);
        const items = Array.isArray(value) ? value : truthy(value) ? [value] : [];
        if (node.inverted) {
          if (items.length === 0) renderInto(node.children, stack, partials, out, depth);
        } else {
          for (const item of items) renderInto(node.children, [...stack, item], partials, out, depth);
        }
        break;
      }
      default: {
        const never: never = node;
        throw new Error(`unknown template node ${JSON.stringify(never)}`);
      }
    }
  }
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '' && value !== 0;
}

function lookup(stack: readonly unknown[], path: readonly string[]): unknown {
  if (path.length === 0) return stack.at(-1);
  const [head, ...rest] = path as [string, ...string[]];
  for (let i = stack.length - 1; i >= 0; i--) {
    const scope = stack[i];
    if (isRecord(scope) && Object.hasOwn(scope, head)) {
      let value: unknown = scope[head];
      for (const key of rest) value = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
      return value;
    }
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function format(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(format).filter(Boolean).join(', ');
  return '';
}
