// `npm run nlu:report`: the checked-in intent model scored as Markdown (per-intent precision and
// recall, the most frequent confusions) for the README: on data/nlu/test by default, or with
// `--cv` as out-of-fold predictions on the training corpus.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import {
  artifactSchema,
  crossValidate,
  evaluate,
  type HeadClassifier,
  loadClassifier,
  loadCorpusDir,
  NLU_PATHS,
  readIntentLabels,
  renderReport,
} from '../agent/node.js';
import { scoreMultiRequests, type MultiCase } from '../agent/node.js';
import { runCli } from './run.js';
import { parse } from 'yaml';

const USAGE = `usage: npm run nlu:report -- [--cv [--folds <n>]] [--test <dir>] [--acts-test <dir>] [--follow-test <dir>] [--reply-test <dir>] [--parts-test <dir>] [--scope-test <dir>] [--model <file>] [--confusions <n>]
  Prints the intent classifier's per-intent precision/recall and top confusions as Markdown.
  default       the model in data/nlu/model.json on the test set data/nlu/test, then its act head on
                data/nlu/acts/test or --acts-test (with a confusion matrix; with --test, only if --acts-test
                is given), then its follow head on data/nlu/follow/test or --follow-test (likewise) and its
                reply head on data/nlu/reply/test or --reply-test (likewise), its part head on
                data/nlu/policy-parts/test or --parts-test (likewise), its scope head on
                data/nlu/scope/test or --scope-test (likewise), then
                the several-requests set
                <test>/multi.yaml through the offline model's splitter (add --failures to list the misses)
  --cv          instead, k-fold cross-validation on the training corpus (with the model's hyper-parameters)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cv: { type: 'boolean' },
      folds: { type: 'string' },
      test: { type: 'string' },
      model: { type: 'string' },
      confusions: { type: 'string' },
      failures: { type: 'boolean' },
      'acts-test': { type: 'string' },
      'follow-test': { type: 'string' },
      'reply-test': { type: 'string' },
      'parts-test': { type: 'string' },
      'scope-test': { type: 'string' },
    },
  });
  const labels = readIntentLabels();
  const modelFile = values.model ?? NLU_PATHS.model;
  const artifact = artifactSchema().parse(JSON.parse(readFileSync(modelFile, 'utf8')));
  const classifier = loadClassifier(artifact);
  const confusions = values.confusions ? Number(values.confusions) : 15;
  if (values.cv) {
    const train = loadCorpusDir(NLU_PATHS.train, labels);
    if (!train) throw new Error(`no training corpus at ${relative(process.cwd(), NLU_PATHS.train)}`);
    // At the pruning the shipped model needed, as nlu:train does.
    const hyper = { ...artifact.hyper, prune: artifact.pruning.threshold };
    const folds = values.folds ? Number(values.folds) : 5;
    const cv = crossValidate(train.corpus, hyper, folds);
    console.log(
      renderReport(cv.evaluation, { title: `Intent classifier, ${folds}-fold cross-validation on the training corpus`, confusions }),
    );
    return 0;
  }
  const dir = values.test ?? NLU_PATHS.test;
  const test = loadCorpusDir(dir, labels);
  if (!test) {
    console.error(`No test set at ${relative(process.cwd(), dir)}; use --cv for cross-validation on the training corpus.`);
    return 1;
  }
  const e = evaluate(classifier, test.corpus.examples);
  console.log(renderReport(e, { title: `Intent classifier on the test set (${e.total} utterances)`, confusions }));
  const actsDir = values['acts-test'] ?? (values.test ? undefined : NLU_PATHS.actsTest);
  headReport('Act head', 'act', classifier.act, actsDir, confusions);
  const followDir = values['follow-test'] ?? (values.test ? undefined : NLU_PATHS.followTest);
  headReport('Follow head', 'follow-up', classifier.follow, followDir, confusions);
  const replyDir = values['reply-test'] ?? (values.test ? undefined : NLU_PATHS.replyTest);
  headReport('Reply head', 'reply', classifier.reply, replyDir, confusions);
  const partsDir = values['parts-test'] ?? (values.test ? undefined : NLU_PATHS.partsTest);
  headReport('Part head', 'part', classifier.part, partsDir, confusions);
  const scopeDir = values['scope-test'] ?? (values.test ? undefined : NLU_PATHS.scopeTest);
  headReport('Scope head', 'scope', classifier.scope, scopeDir, confusions);
  const multiFile = join(dir, 'multi.yaml');
  if (existsSync(multiFile))
    console.log(`\n${multiReport(parse(readFileSync(multiFile, 'utf8')) as MultiCase[], values.failures ?? false)}`);
  return 0;
}

runCli('nlu:report', main, USAGE);

/** A second head (the act head, the follow head) on its own test folder, with its confusion matrix. */
function headReport(title: string, labelName: string, head: HeadClassifier | null, dir: string | undefined, confusions: number): void {
  const test = dir && head ? loadCorpusDir(dir, head.labels, `a label of the ${labelName} head`) : null;
  if (!test || !head) return;
  const e = evaluate(head, test.corpus.examples);
  const where = relative(process.cwd(), dir!);
  console.log(
    `\n${renderReport(e, { title: `${title} on its test set (${e.total} utterances, ${where})`, confusions, labelName, matrix: true })}`,
  );
}

/** Several requests in one message: how many the offline model's splitter and classifier take apart in full. */
function multiReport(cases: MultiCase[], failures: boolean): string {
  const score = scoreMultiRequests(cases);
  const lines = [
    `## Several requests in one message (${score.total} messages)`,
    '',
    `Handled in full (every request found, in order, each with its intent): **${score.handled}/${score.total}** (${((100 * score.handled) / score.total).toFixed(1)}%).`,
  ];
  if (failures) {
    lines.push('', '| expected | parts read |', '|---|---|');
    for (const o of score.outcomes.filter((x) => !x.handled)) {
      lines.push(`| ${o.intents.join(', ')} | ${o.parts.map((p) => `${p.intent}: “${p.text.replace(/\|/g, '/')}”`).join('<br>')} |`);
    }
  }
  return lines.join('\n');
}
