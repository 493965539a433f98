// A small mustache dialect, parsed to an AST that remembers line numbers so lint errors can
// point at "prompts/vip.md:12". Supported: {{var}}, {{a.b}}, {{.}}, {{#section}}…{{/section}},
// {{^inverted}}…{{/inverted}}, {{> partial}}, {{! comment}}. Tags alone on a line leave no
// blank line behind (as in mustache), so prompt files can be laid out readably.

export type TemplateNode =
  | { type: 'text'; value: string }
  | { type: 'var'; name: string; path: string[]; line: number }
  | { type: 'section'; name: string; path: string[]; inverted: boolean; children: TemplateNode[]; line: number }
  | { type: 'partial'; name: string; line: number; standalone: boolean };

export interface TemplateIssue {
  line: number;
  message: string;
}

export interface ParsedTemplate {
  nodes: TemplateNode[];
  issues: TemplateIssue[];
}

const NAME = /^(?:\.|[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)$/;
const PARTIAL = /^[\w-]+(?:\/[\w-]+)*$/;

interface RawTag {
  kind: '!' | '#' | '^' | '/' | '>' | 'var';
  name: string;
  start: number;
  end: number;
  line: number;
}

const isBlank = (s: string) => /^[ \t\r]*$/.test(s);

/** `firstLine` is the file line the template starts on (frontmatter strings start mid-file). */
export function parseTemplate(source: string, firstLine = 1): ParsedTemplate {
  const issues: TemplateIssue[] = [];
  const tags = scanTags(source, firstLine, issues);
  const root: TemplateNode[] = [];
  const stack: OpenSection[] = [];
  let current = root;
  let cursor = 0;
  const pushText = (to: number) => {
    if (to > cursor) current.push({ type: 'text', value: source.slice(cursor, to) });
  };

  for (const tag of tags) {
    const { from, to, standalone } = tagSpan(source, tag, cursor);
    pushText(from);
    cursor = to;
    switch (tag.kind) {
      case '!':
        break;
      case 'var':
        if (!NAME.test(tag.name)) issues.push({ line: tag.line, message: `invalid variable name "{{${tag.name}}}"` });
        else current.push({ type: 'var', name: tag.name, path: pathOf(tag.name), line: tag.line });
        break;
      case '>':
        if (!PARTIAL.test(tag.name)) issues.push({ line: tag.line, message: `invalid partial name "{{> ${tag.name}}}"` });
        else current.push({ type: 'partial', name: tag.name, line: tag.line, standalone });
        break;
      case '#':
      case '^': {
        if (!NAME.test(tag.name) || tag.name === '.') {
          issues.push({ line: tag.line, message: `invalid section name "{{${tag.kind}${tag.name}}}"` });
        }
        const node = {
          type: 'section' as const,
          name: tag.name,
          path: pathOf(tag.name),
          inverted: tag.kind === '^',
          children: [],
          line: tag.line,
        };
        current.push(node);
        stack.push({ node, parent: current });
        current = node.children;
        break;
      }
      case '/':
        current = closeSection(stack, tag, issues) ?? current;
        break;
    }
  }
  pushText(source.length);
  for (const open of stack.reverse()) {
    issues.push({ line: open.node.line, message: `section {{${open.node.inverted ? '^' : '#'}${open.node.name}}} is never closed` });
  }
  return { nodes: root, issues: issues.sort((a, b) => a.line - b.line) };
}

type OpenSection = { node: Extract<TemplateNode, { type: 'section' }>; parent: TemplateNode[] };

/**
 * The source range a tag replaces. A tag other than a variable alone on its line takes the
 * whole line with it (standalone), so it leaves no blank line behind.
 */
function tagSpan(source: string, tag: RawTag, cursor: number): { from: number; to: number; standalone: boolean } {
  if (tag.kind === 'var') return { from: tag.start, to: tag.end, standalone: false };
  const lineStart = source.lastIndexOf('\n', tag.start - 1) + 1;
  const nl = source.indexOf('\n', tag.end);
  const lineEnd = nl === -1 ? source.length : nl;
  if (lineStart >= cursor && isBlank(source.slice(lineStart, tag.start)) && isBlank(source.slice(tag.end, lineEnd))) {
    return { from: lineStart, to: nl === -1 ? source.length : nl + 1, standalone: true };
  }
  return { from: tag.start, to: tag.end, standalone: false };
}

/** `{{/name}}`: closes the open section and returns the list to continue in, or reports why it cannot (null). */
function closeSection(stack: OpenSection[], tag: RawTag, issues: TemplateIssue[]): TemplateNode[] | null {
  const open = stack.at(-1);
  if (!open) {
    issues.push({ line: tag.line, message: `{{/${tag.name}}} closes a section that was never opened` });
    return null;
  }
  if (open.node.name !== tag.name) {
    issues.push({ line: tag.line, message: `{{/${tag.name}}} does not match {{#${open.node.name}}} opened on line ${open.node.line}` });
    return null;
  }
  stack.pop();
  return open.parent;
}

function pathOf(name: string): string[] {
  return name === '.' ? [] : name.split('.');
}

function scanTags(source: string, firstLine: number, issues: TemplateIssue[]): RawTag[] {
  const tags: RawTag[] = [];
  let line = firstLine;
  let counted = 0;
  const lineAt = (pos: number) => {
    for (; counted < pos; counted++) if (source.charCodeAt(counted) === 10) line++;
    return line;
  };
  let pos = 0;
  while (true) {
    const start = source.indexOf('{{', pos);
    if (start === -1) break;
    const tagLine = lineAt(start);
    const triple = source.startsWith('{{{', start);
    const closer = triple ? '}}}' : '}}';
    const close = source.indexOf(closer, start + 2);
    const inner = close === -1 ? '' : source.slice(start + (triple ? 3 : 2), close);
    if (close === -1 || (inner.includes('\n') && !inner.trimStart().startsWith('!'))) {
      issues.push({ line: tagLine, message: 'unclosed tag: "{{" without a matching "}}" on the same line' });
      pos = start + 2;
      continue;
    }
    const end = close + closer.length;
    pos = end;
    const body = inner.trim();
    const sigil = triple ? '' : body[0];
    if (!triple && (sigil === '!' || sigil === '#' || sigil === '^' || sigil === '/' || sigil === '>')) {
      tags.push({ kind: sigil, name: body.slice(1).trim(), start, end, line: tagLine });
    } else if (!triple && sigil === '&') {
      tags.push({ kind: 'var', name: body.slice(1).trim(), start, end, line: tagLine });
    } else if (body === '') {
      issues.push({ line: tagLine, message: 'empty tag "{{}}"' });
    } else {
      tags.push({ kind: 'var', name: body, start, end, line: tagLine });
    }
  }
  return tags;
}
