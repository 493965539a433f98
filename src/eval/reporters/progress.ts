// Live progress: a redrawn bar on a terminal, one plain line per finished case in CI or a pipe.
import type { CaseRun } from '../types.js';

export interface ProgressSink {
  write(text: string): void;
}

export interface Progress {
  tick(run: CaseRun): void;
  done(): void;
}

export function createProgress(opts: { total: number; tty: boolean; out: ProgressSink; width?: number }): Progress {
  let finished = 0;
  let failed = 0;
  const width = opts.width ?? 28;
  const bar = (label: string) => {
    const filled = opts.total ? Math.round((finished / opts.total) * width) : width;
    const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${finished}/${opts.total} ${failed ? `${failed} failed ` : ''}${label}`;
    opts.out.write(`\r\x1b[2K${line.slice(0, 120)}`);
  };
  return {
    tick(run) {
      finished++;
      if (!run.passed) failed++;
      if (opts.tty) {
        if (!run.passed) opts.out.write(`\r\x1b[2K✗ ${run.instanceId}\n`);
        bar(run.instanceId);
        return;
      }
      const firstFail = run.checks.find((c) => c.status === 'fail');
      const detail = firstFail ? `  [${firstFail.grader}${firstFail.turn ? ` t${firstFail.turn}` : ''}] ${firstFail.reason}` : '';
      opts.out.write(
        `${run.passed ? 'ok  ' : 'FAIL'} ${String(finished).padStart(3)}/${opts.total} ${run.instanceId} (${Math.round(run.durationMs)} ms)${detail}\n`,
      );
    },
    done() {
      if (opts.tty) opts.out.write('\r\x1b[2K');
    },
  };
}
