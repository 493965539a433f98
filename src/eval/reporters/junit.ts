// JUnit XML: one testsuite per case file, one testcase per case instance, failing checks as the
// failure body and the transcript as system-out, so CI systems can show them natively.
import type { CaseOutcome, SuiteResult } from '../types.js';

// XML 1.0 cannot carry these control characters at all, not even escaped: they are dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

export const xmlEscape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(XML_FORBIDDEN, '');

function testcase(o: CaseOutcome): string {
  const secs = (o.runs.reduce((n, r) => n + r.durationMs, 0) / 1000).toFixed(3);
  const open = `    <testcase classname="${xmlEscape(o.file)}" name="${xmlEscape(o.instanceId)}" time="${secs}">`;
  const transcript = o.runs[0]!.turns.map((t) => `> ${t.user}\n[${t.toolCalls.map((c) => c.name).join(', ')}]\n< ${t.reply}`).join('\n\n');
  const body: string[] = [];
  if (!o.passed) {
    const run = o.runs.find((r) => !r.passed)!;
    const failed = run.checks.filter((c) => c.status === 'fail');
    const msg = run.error ?? failed[0]?.reason ?? 'failed';
    const detail = [
      ...(run.error ? [run.error] : []),
      ...failed.map((c) => `[${c.grader}${c.turn ? ` turn ${c.turn}` : ''}] ${c.reason}`),
    ].join('\n');
    body.push(
      `      <failure message="${xmlEscape(msg)}" type="${xmlEscape(failed[0]?.grader ?? 'error')}">${xmlEscape(`${o.passes}/${o.runs.length} runs passed\n${detail}`)}</failure>`,
    );
  }
  body.push(`      <system-out>${xmlEscape(transcript)}</system-out>`);
  return [open, ...body, '    </testcase>'].join('\n');
}

export function toJUnit(result: SuiteResult): string {
  const byFile = new Map<string, CaseOutcome[]>();
  for (const o of result.outcomes) byFile.set(o.file, [...(byFile.get(o.file) ?? []), o]);
  const suites = [...byFile.entries()].map(([file, list]) => {
    const failures = list.filter((o) => !o.passed).length;
    const time = (list.reduce((n, o) => n + o.runs.reduce((m, r) => m + r.durationMs, 0), 0) / 1000).toFixed(3);
    return [
      `  <testsuite name="${xmlEscape(file)}" tests="${list.length}" failures="${failures}" errors="0" skipped="0" time="${time}">`,
      ...list.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const snaps = result.prompts?.snapshots ?? [];
  if (snaps.length) {
    // The prompt gate as its own suite, so a CI's test view shows the changed prompt and its diff.
    const cases = snaps.map(
      (c) =>
        `    <testcase classname="prompt-snapshots" name="${xmlEscape(c.source ?? c.file)}" time="0">\n      <failure message="${xmlEscape(`rendered prompt ${c.status}: ${c.file}`)}" type="snapshot">${xmlEscape(c.diff)}</failure>\n    </testcase>`,
    );
    suites.unshift(
      [
        `  <testsuite name="prompt-snapshots" tests="${snaps.length}" failures="${snaps.length}" errors="0" skipped="0" time="0">`,
        ...cases,
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const s = result.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tailor-eval (${xmlEscape(result.model)})" tests="${s.cases}" failures="${s.failed}" time="${(result.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
