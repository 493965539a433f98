// LLM-judge grader: scores a turn against the case's rubric. Without a judge model configured
// it reports "skipped" — never a pass.
import type { TurnExpect } from '../case-schema.js';
import type { CheckResult, TurnRecord } from '../types.js';

export interface JudgeVerdict {
  score: number;
  reason: string;
}

export interface Judge {
  readonly name: string;
  score(input: { rubric: string; persona: string; user: string; reply: string; toolCalls: TurnRecord['toolCalls'] }): Promise<JudgeVerdict>;
}

export async function gradeJudge(expect: TurnExpect['judge'], turn: TurnRecord, judge: Judge | null): Promise<CheckResult[]> {
  if (!expect) return [];
  const at = turn.index;
  if (!judge) return [{ grader: 'judge', status: 'skipped', reason: 'no judge model configured (--judge openai:<model>)', turn: at }];
  try {
    const v = await judge.score({
      rubric: expect.rubric,
      persona: turn.persona?.id ?? 'unknown',
      user: turn.user,
      reply: turn.reply,
      toolCalls: turn.toolCalls,
    });
    const pass = v.score >= expect.minScore;
    return [
      {
        grader: 'judge',
        status: pass ? 'pass' : 'fail',
        reason: `${judge.name} scored ${v.score}/5 (min ${expect.minScore}): ${v.reason}`,
        turn: at,
      },
    ];
  } catch (err) {
    return [{ grader: 'judge', status: 'fail', reason: `judge ${judge.name} failed: ${(err as Error).message}`, turn: at }];
  }
}
