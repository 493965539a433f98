// A self-contained HTML report (no external assets): scores, then every case with its
// transcript, tool calls with their results, and checks — failed ones first and open.
import type { CaseOutcome, CaseRun, CheckResult, GroupScore, SuiteResult, TurnRecord } from '../types.js';
import { pct } from '../score.js';

const h = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#1d2330;padding:0 16px}
h1{font-size:22px}table{border-collapse:collapse;margin:8px 24px 16px 0;display:inline-table;vertical-align:top}
td,th{border:1px solid #d7dbe3;padding:3px 8px;text-align:left}th{background:#f2f4f8}.num{text-align:right}
details.case{border:1px solid #d7dbe3;border-radius:6px;margin:6px 0;padding:4px 10px}
details.case>summary{cursor:pointer;font-weight:600}.pass{color:#167a3a}.fail{color:#b3261e}.skipped{color:#8a6d00}
.turn{border-left:3px solid #c4cad6;margin:8px 0;padding:2px 10px}.user{white-space:pre-wrap;background:#eef3ff;padding:6px;border-radius:4px}
.reply{white-space:pre-wrap;background:#f6f6f6;padding:6px;border-radius:4px}.tool{font-family:ui-monospace,monospace;font-size:12px}
pre{white-space:pre-wrap;font-size:12px;background:#fafafa;padding:6px;max-height:240px;overflow:auto}.meta{color:#5b6475;font-size:12px}
.bar button{margin-right:6px}`;

const JS = `document.querySelectorAll('[data-show]').forEach(b=>b.onclick=()=>{const m=b.dataset.show;document.querySelectorAll('details.case').forEach(d=>{d.style.display=m==='all'||d.dataset.status===m?'':'none'})})`;

function scoreTable(title: string, rows: readonly GroupScore[]): string {
  return `<table><tr><th>${h(title)}</th><th>cases</th><th>passed</th><th>score</th></tr>${rows
    .map(
      (r) =>
        `<tr><td>${h(r.key)}</td><td class="num">${r.cases}</td><td class="num">${r.passed}</td><td class="num ${r.score === 1 ? 'pass' : 'fail'}">${pct(r.score)}</td></tr>`,
    )
    .join('')}</table>`;
}

const checkLine = (c: CheckResult) =>
  `<li class="${c.status}">${c.status === 'pass' ? '✓' : c.status === 'fail' ? '✗' : '–'} <b>${h(c.grader)}</b> ${h(c.reason)}</li>`;

function turnHtml(t: TurnRecord, checks: readonly CheckResult[]): string {
  const tools = t.toolCalls
    .map(
      (c) =>
        `<details class="tool"><summary>${c.ok ? '✓' : '✗'} ${h(c.name)}(${h(JSON.stringify(c.args))})</summary><pre>${h(JSON.stringify(c.result, null, 2))}</pre></details>`,
    )
    .join('');
  const mine = checks.filter((c) => c.turn === t.index && c.status !== 'pass');
  const meta = `${h(t.persona?.id ?? '?')}${t.persona?.variant ? `@${h(t.persona.variant)}` : ''} · segment ${h(t.segment?.id ?? '?')} · ${h(t.model)} · ${t.usage.modelCalls} model call(s), ${t.usage.inputTokens + t.usage.outputTokens} tokens · ${Math.round(t.latencyMs)} ms`;
  return `<div class="turn"><div class="meta">turn ${t.index} — ${meta}</div><div class="user"><span class="meta">shopper</span> ${h(t.user)}</div>${tools}<div class="reply"><span class="meta">assistant</span> ${t.error ? `<span class="fail">error: ${h(t.error)}</span>` : h(t.reply)}</div>${mine.length ? `<ul>${mine.map(checkLine).join('')}</ul>` : ''}</div>`;
}

function runHtml(r: CaseRun, n: number, of: number): string {
  const caseLevel = r.checks.filter((c) => c.turn === undefined);
  const counts = ['pass', 'fail', 'skipped'].map((s) => `${r.checks.filter((c) => c.status === s).length} ${s}`).join(', ');
  return `${of > 1 ? `<h4>run ${n}/${of}: <span class="${r.passed ? 'pass' : 'fail'}">${r.passed ? 'passed' : 'failed'}</span></h4>` : ''}<div class="meta">${counts} · ${Math.round(r.durationMs)} ms</div>${r.error ? `<p class="fail">${h(r.error)}</p>` : ''}${r.turns.map((t) => turnHtml(t, r.checks)).join('')}<ul>${caseLevel.map(checkLine).join('')}</ul><details><summary class="meta">all checks</summary><ul>${r.checks.map(checkLine).join('')}</ul></details>`;
}

function caseHtml(o: CaseOutcome): string {
  const status = o.passed ? 'pass' : 'fail';
  return `<details class="case" data-status="${status}"${o.passed ? '' : ' open'}><summary><span class="${status}">${o.passed ? '✓' : '✗'}</span> ${h(o.instanceId)} <span class="meta">${h(o.persona)} · ${h(o.tags.join(', '))} · ${h(o.file)}</span></summary>${o.runs.map((r, i) => runHtml(r, i + 1, o.runs.length)).join('')}</details>`;
}

function snapshotsHtml(result: SuiteResult): string {
  const snaps = result.prompts?.snapshots ?? [];
  if (!snaps.length) return '';
  const items = snaps
    .map((c) => `<details open><summary class="fail">${h(c.source ?? c.file)} (${c.status})</summary><pre>${h(c.diff)}</pre></details>`)
    .join('');
  return `<h2>Rendered prompts changed</h2><p class="meta">Accept with <code>npm run eval -- --update-snapshots</code> after review (diff against ${h(result.prompts!.snapshotsDir)}/).</p>${items}`;
}

export function toHtml(result: SuiteResult, gateLines: readonly string[] = []): string {
  const s = result.summary;
  const ordered = [...result.outcomes].sort((a, b) => Number(a.passed) - Number(b.passed) || a.instanceId.localeCompare(b.instanceId));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tailor eval — ${s.passed}/${s.cases}</title><style>${CSS}</style></head><body>
<h1>Tailor eval: <span class="${s.failed ? 'fail' : 'pass'}">${s.passed}/${s.cases} passed (${pct(s.passRate)})</span></h1>
<p class="meta">model ${h(result.model)} · judge ${h(result.judge ?? 'none (judge checks skipped)')} · ${result.repeat > 1 ? `pass^${result.repeat}, per-run ${pct(s.runPassRate)} · ` : ''}${(result.durationMs / 1000).toFixed(1)} s · ${h(result.startedAt)}${result.label ? ` · ${h(result.label)}` : ''}</p>
${gateLines.length ? `<ul>${gateLines.map((l) => `<li>${h(l)}</li>`).join('')}</ul>` : ''}
${snapshotsHtml(result)}
${scoreTable('persona', s.byPersona)}${scoreTable('tag', s.byTag)}
<p class="bar"><button data-show="all">all</button><button data-show="fail">failed (${s.failed})</button><button data-show="pass">passed</button></p>
${ordered.map(caseHtml).join('\n')}
<script>${JS}</script></body></html>
`;
}
