// The per-turn entry point: profile (one prepared aggregate statement) + rules. The rules can
// be swapped while serving (Node reloads data/segments.yaml on change): a turn uses the rules
// and the statement that were current when it started.
import type { SegmentResult } from '../core/index.js';
import type { Clock, Db } from '../db/index.js';
import { evaluateRules } from './evaluate.js';
import type { SegmentRules } from './load-rules.js';
import type { Profile } from './profile.js';
import { createProfileQuery, type Who } from './profile-query.js';

export interface Segmenter {
  /** The rules in force now. */
  readonly rules: SegmentRules;
  segment(who: Who): Promise<{ segment: SegmentResult; profile: Profile }>;
  profile(who: Who): Promise<Profile>;
  /** Serves these rules from the next lookup on (already validated by loadSegmentRules). */
  setRules(rules: SegmentRules): void;
}

export function createSegmenter(opts: { db: Db; rules: SegmentRules; now: Clock }): Segmenter {
  const { now } = opts;
  // Prepared once per rules: the statement only aggregates the time frames these rules use.
  let current = { rules: opts.rules, profileOf: createProfileQuery(opts.db, opts.rules.windows) };
  return {
    get rules() {
      return current.rules;
    },
    profile: (who) => current.profileOf(who, now()),
    async segment(who) {
      const { rules, profileOf } = current;
      const at = now();
      const profile = await profileOf(who, at);
      return { segment: evaluateRules(rules, profile, at), profile };
    },
    setRules(rules) {
      current = { rules, profileOf: createProfileQuery(opts.db, rules.windows) };
    },
  };
}
