// The files Node reads from disk at run time, bundled into the Worker at build time as text
// (there is no file system on Workers). test/e2e/workerd.test.ts fails when a file in prompts/
// is missing here, so a new persona cannot silently be left out of the Worker.
import neutral from '../prompts/neutral.md';
import newVisitor from '../prompts/new-visitor.md';
import repeatBuyer from '../prompts/repeat-buyer.md';
import vip from '../prompts/vip.md';
import experiments from '../prompts/experiments.yaml';
import account from '../prompts/partials/account.md';
import groundRules from '../prompts/partials/ground-rules.md';
import returns from '../prompts/partials/returns.md';
import storePolicy from '../prompts/partials/store-policy.md';
import verify from '../prompts/partials/verify.md';
import segments from '../data/segments.yaml';

/** prompts/ as the persona registry expects it: relative path → text. */
export const promptFiles: Record<string, string> = {
  'neutral.md': neutral,
  'new-visitor.md': newVisitor,
  'repeat-buyer.md': repeatBuyer,
  'vip.md': vip,
  'experiments.yaml': experiments,
  'partials/account.md': account,
  'partials/ground-rules.md': groundRules,
  'partials/returns.md': returns,
  'partials/store-policy.md': storePolicy,
  'partials/verify.md': verify,
};

export const segmentRules = { file: 'data/segments.yaml', text: segments };
