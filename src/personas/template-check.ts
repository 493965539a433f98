// Lints a template against the context shape: every variable must exist in the documented
// context (unknown variable) and be one the persona declared (data minimization), sections
// must walk into real lists/objects, and partials must exist without cycles.
import { CONTEXT_SHAPE, type Shape } from './context.js';
import type { TemplateNode } from './template-parse.js';
import { didYouMean } from './suggest.js';

export interface LocatedIssue {
  file: string;
  line: number;
  message: string;
}

export interface PartialFile {
  file: string;
  nodes: TemplateNode[];
}

export interface CheckResult {
  issues: LocatedIssue[];
  /** Every partial reached, transitively (their texts go into the persona's version hash). */
  partials: Set<string>;
}

interface Walk {
  /** The persona file being checked: an issue found inside a partial names it too. */
  root: string;
  declared: ReadonlySet<string>;
  partials: ReadonlyMap<string, PartialFile>;
  used: Set<string>;
  issues: LocatedIssue[];
  seen: Set<string>;
}

export function checkTemplate(
  nodes: readonly TemplateNode[],
  file: string,
  declared: ReadonlySet<string>,
  partials: ReadonlyMap<string, PartialFile>,
): CheckResult {
  const walk: Walk = { root: file, declared, partials, used: new Set(), issues: [], seen: new Set() };
  visit(nodes, file, [], [], walk);
  return { issues: walk.issues, partials: walk.used };
}

/** Section scopes; null is a section whose own name was already reported (its contents are not). */
type Scope = Shape | null;

function visit(nodes: readonly TemplateNode[], file: string, scopes: Scope[], including: string[], w: Walk): void {
  // A partial serves many personas: its error is only fixable knowing which one it broke.
  const via =
    file === w.root
      ? ''
      : ` (included by ${w.root}${
          including.length > 1
            ? ` via ${including
                .slice(0, -1)
                .map((p) => `{{> ${p}}}`)
                .join(' → ')}`
            : ''
        })`;
  const report = (line: number, message: string) => {
    const key = `${file}:${line}:${message}`;
    if (w.seen.has(key)) return;
    w.seen.add(key);
    w.issues.push({ file, line, message: `${message}${via}` });
  };
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        break;
      case 'var': {
        if (node.path.length === 0) {
          if (scopes.length === 0) report(node.line, '{{.}} is only meaningful inside a section');
          break;
        }
        resolve(node.path, node.name, scopes, w.declared, (m) => report(node.line, m));
        break;
      }
      case 'section': {
        const shape = resolve(node.path, node.name, scopes, w.declared, (m) => report(node.line, m));
        const inner = shape === null ? null : shape.kind === 'list' ? shape.item : shape;
        visit(node.children, file, node.inverted ? scopes : [...scopes, inner], including, w);
        break;
      }
      case 'partial': {
        const partial = w.partials.get(node.name);
        if (!partial) {
          report(node.line, `unknown partial "{{> ${node.name}}}"${didYouMean(node.name, w.partials.keys())}`);
        } else if (including.includes(node.name)) {
          report(node.line, `partial "${node.name}" includes itself (${[...including, node.name].join(' → ')})`);
        } else {
          w.used.add(node.name);
          visit(partial.nodes, partial.file, scopes, [...including, node.name], w);
        }
        break;
      }
    }
  }
}

/** The shape a path points at, or null (after reporting) when it points nowhere. */
function resolve(
  path: readonly string[],
  name: string,
  scopes: readonly Scope[],
  declared: ReadonlySet<string>,
  report: (m: string) => void,
): Shape | null {
  const [head, ...rest] = path as [string, ...string[]];
  let shape: Shape | undefined;
  for (let i = scopes.length - 1; i >= 0 && !shape; i--) {
    const scope = scopes[i];
    if (scope?.kind === 'object') shape = scope.fields[head];
  }
  if (!shape) {
    shape = CONTEXT_SHAPE.fields[head];
    if (!shape) {
      if (scopes.includes(null)) return null;
      const inner = scopes.flatMap((s) => (s?.kind === 'object' ? Object.keys(s.fields) : []));
      const where = inner.length ? 'not a field here nor a context field' : 'not a context field';
      report(`unknown variable "{{${name}}}": "${head}" is ${where}${didYouMean(head, [...inner, ...Object.keys(CONTEXT_SHAPE.fields)])}`);
      return null;
    }
    if (!declared.has(head)) {
      report(`variable "{{${name}}}" uses context field "${head}", which this persona does not declare in \`context\``);
      return null;
    }
  }
  for (const key of rest) {
    const next: Shape | undefined = shape.kind === 'object' ? shape.fields[key] : undefined;
    if (!next) {
      const known = shape.kind === 'object' ? Object.keys(shape.fields) : [];
      report(`unknown variable "{{${name}}}": no field "${key}"${didYouMean(key, known)}`);
      return null;
    }
    shape = next;
  }
  return shape;
}
