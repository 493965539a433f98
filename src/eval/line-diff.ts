// A unified line diff (LCS), small enough for prompt snapshots of a few hundred lines, so a
// reviewer sees exactly which prompt lines an edit changed without leaving the report.

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

export function unifiedDiff(before: string, after: string, labels: { a: string; b: string }, context = 2): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const ops = diffLines(a, b);
  if (ops.every((o) => o.kind === ' ')) return '';
  const out = [`--- ${labels.a}`, `+++ ${labels.b}`];
  for (const hunk of hunks(ops, context)) {
    const first = hunk[0]!;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${first.a + 1},${aLen} +${first.b + 1},${bLen} @@`, ...hunk.map((o) => `${o.kind}${o.line}`));
  }
  return `${out.join('\n')}\n`;
}

function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ kind: ' ', line: a[i]!, a: i++, b: j++ });
    else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) ops.push({ kind: '+', line: b[j]!, a: i, b: j++ });
    else ops.push({ kind: '-', line: a[i]!, a: i++, b: j });
  }
  return ops;
}

function hunks(ops: readonly Op[], context: number): Op[][] {
  const changed = ops.map((o, i) => (o.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const out: Op[][] = [];
  let start = -1;
  let end = -1;
  for (const i of changed) {
    if (start >= 0 && i - context <= end + context) end = i;
    else {
      if (start >= 0) out.push(ops.slice(Math.max(0, start - context), Math.min(ops.length, end + context + 1)));
      start = i;
      end = i;
    }
  }
  if (start >= 0) out.push(ops.slice(Math.max(0, start - context), Math.min(ops.length, end + context + 1)));
  return out;
}
