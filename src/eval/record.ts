// Record and replay of the model's HTTP exchanges, per case instance, with nock back:
// --record stores them under evals/recordings/<model>/<case>.json; --replay serves them with
// the network locked down. A missing recording or a request that matches none fails the case —
// it never falls through to a live call. Each recording says where it came from.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import type { CaseRun } from './types.js';
import type { Instance } from './runner/run-case.js';

export interface RecorderOptions {
  mode: 'record' | 'replay';
  /** evals/recordings */
  root: string;
  model: string;
  /** The endpoint the provider talks to (recorded hosts are rewritten to it on replay). */
  baseURL: string;
  /** Where the exchanges come from, stored with every recording, e.g. "local fake Chat Completions server (test/support/fake-openai.ts) — not a real model". */
  source: string;
}

export interface Recorder {
  dir: string;
  around(inst: Instance, run: () => Promise<CaseRun>): Promise<CaseRun>;
  close(): void;
}

export const recordingDir = (root: string, model: string) => join(root, model.replace(/[^A-Za-z0-9._-]+/g, '_'));
export const fixtureName = (instanceId: string) => `${instanceId.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;

type Definition = nock.Definition;

export function createRecorder(opts: RecorderOptions): Recorder {
  const dir = recordingDir(opts.root, opts.model);
  mkdirSync(dir, { recursive: true });
  const origin = new URL(opts.baseURL).origin;
  nock.back.fixtures = dir;
  nock.back.setMode(opts.mode === 'record' ? 'update' : 'lockdown');
  const misses: string[] = [];
  const onMiss = (req: { method?: string; path?: string; href?: string }) =>
    misses.push(`${req.method ?? 'POST'} ${req.href ?? req.path ?? '?'}`);
  nock.emitter.on('no match', onMiss);
  if (opts.mode === 'record') {
    writeFileSync(
      join(dir, 'SOURCE.json'),
      `${JSON.stringify({ model: opts.model, source: opts.source, recordedAt: new Date().toISOString(), note: 'Model HTTP exchanges for `npm run eval -- --replay`.' }, null, 2)}\n`,
    );
  }

  return {
    dir,
    async around(inst, run) {
      const name = fixtureName(inst.instanceId);
      const missing = opts.mode === 'replay' && !existsSync(join(dir, name));
      misses.length = 0;
      const options: nock.BackOptions = {
        // Recorded against whatever port the server had; replay against today's endpoint.
        before: (def: Definition) => {
          def.scope = origin;
        },
        afterRecord: (defs: Definition[]) => defs.map((d) => ({ _source: opts.source, ...d })),
      };
      const { nockDone } = await nock.back(name, options);
      let result: CaseRun;
      try {
        result = await run();
      } finally {
        nockDone();
      }
      const problems = [
        ...(missing ? [`no recording ${join(dir, name)} (record it with --record)`] : []),
        ...(opts.mode === 'replay' && !missing && misses.length
          ? [`${misses.length} model request(s) matched no recording (the prompt or case changed since recording: re-record)`]
          : []),
      ];
      if (problems.length) {
        result.checks.unshift(...problems.map((reason) => ({ grader: 'replay', status: 'fail' as const, reason })));
        result.passed = false;
      }
      return result;
    },
    close() {
      nock.emitter.removeListener('no match', onMiss);
      nock.back.setMode('wild');
      nock.restore();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
