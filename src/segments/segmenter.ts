// The per-turn entry point: profile (one prepared aggregate statement) + rules.
import type { SegmentResult } from '../core/index.js';
import type { Clock, Db } from '../db/index.js';
import { evaluateRules } from './evaluate.js';
import type { SegmentRules } from './load-rules.js';
import type { Profile } from './profile.js';
import { createProfileQuery, type Who } from './profile-query.js';

export interface Segmenter {
  readonly rules: SegmentRules;
  segment(who: Who): Promise<{ segment: SegmentResult; profile: Profile }>;
  profile(who: Who): Promise<Profile>;
}

export function createSegmenter(opts: { db: Db; rules: SegmentRules; now: Clock }): Segmenter {
  const { rules, now } = opts;
  // Prepared once: the statement only aggregates the time frames these rules use.
  const profileOf = createProfileQuery(opts.db, rules.windows);
  return {
    rules,
    profile: (who) => profileOf(who, now()),
    async segment(who) {
      const at = now();
      const profile = await profileOf(who, at);
      return { segment: evaluateRules(rules, profile, at), profile };
    },
  };
}
