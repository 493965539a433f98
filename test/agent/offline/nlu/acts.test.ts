// The act head (issue 20): what a message does with its words — asks, imagines, tells, agrees on a
// condition — learned from data/nlu/acts/train over the intent model's features, checked in with it.
// Scored on data/nlu/acts/test, written apart in other words and situations and never trained on,
// so a pass means the head generalises rather than looks lines up.
import { describe, expect, it } from 'vitest';
import { classifyAct } from '../../../../src/agent/offline/nlu/index.js';
import {
  buildCorpus,
  NLU_PATHS,
  trainHead,
  trainModel,
  loadClassifier,
  serializeArtifact,
} from '../../../../src/agent/offline/nlu/node.js';
import { itChecksHeadModel, itTrainsHeadFromCli } from './head-model.js';

describe('the act head in data/nlu/model.json', () => {
  itChecksHeadModel({ head: 'act', labels: NLU_PATHS.acts, train: NLU_PATHS.actsTrain, test: NLU_PATHS.actsTest, minRecall: 0.75 });

  it.each([
    // Not lines of either file: the same acts in words of their own.
    ['should the cashmere beanie feel scratchy, am I able to send it back?', 'hypothetical'],
    ['my nan already posted the slippers back to you on thursday', 'told'],
    ['yes alright, as long as it lands before my flight', 'conditional_yes'],
    ['the slippers my nan got are too small, can she swap them', 'ask'],
  ])('"%s" reads as %s', (text, act) => {
    expect(classifyAct(text).act).toBe(act);
  });

  it.each([
    // Voices the first corpus lacked (corpus-z: learners' English, typos, flat problem statements): lines of
    // neither file, each misread by the model trained before them.
    ['my sandles came scratched', 'ask'],
    ['the jeans came faded', 'ask'],
    ['suppose my husband not like the colour', 'hypothetical'],
    ['lets say it come late', 'hypothetical'],
    ['salamat sa inyo', 'courtesy'],
  ])('in a new voice, "%s" reads as %s', (text, act) => {
    expect(classifyAct(text).act).toBe(act);
  });
});

describe('training a head', () => {
  it('learns acts from examples and reads a message it never saw by its words, not by lookup', () => {
    const intents = buildCorpus({
      a: 'where is my order\nwhere is my parcel\nhas my order shipped\ntrack my parcel\nwhen will my order come',
      b: 'return the boots\nsend the jacket back\ni want to return the dress\nreturn these shoes\nrefund the coat',
    });
    const base = trainModel(intents, { corpusSha256: '0'.repeat(64), folds: 0 });
    const corpus = buildCorpus({
      ask: 'can you return the boots\nplease send the jacket back\nwhere is my parcel\ncan you refund the coat\nplease track my order\ncan you cancel it',
      told: 'i already returned the boots\ni already sent the jacket back\ni already cancelled it\nwe already returned the coat\ni already sent the parcel back\nwe already cancelled the order',
    });
    const { head } = trainHead(corpus, {
      corpusSha256: '1'.repeat(64),
      hyper: base.artifact.hyper,
      folds: 0,
      vocabulary: base.artifact.vocabulary,
    });
    const model = loadClassifier(JSON.parse(serializeArtifact({ ...base.artifact, act: head })));
    expect(model.act?.labels).toEqual(['ask', 'told']);
    expect(model.act!.predict('we already returned the dress').label).toBe('told');
    expect(model.act!.predict('can you return the dress').label).toBe('ask');
    // The intent head is untouched by the act head beside it.
    expect(model.predict('where is my order').label).toBe('a');
  });
});

describe('nlu:train and nlu:report with an act corpus', () => {
  itTrainsHeadFromCli({
    head: 'act',
    flag: 'acts',
    noun: 'acts',
    unit: 'acts',
    files: {
      ask: 'where is my order\ncan you track my parcel\nwhen will my refund come\nplease check my order\nhas my refund been processed\n',
      hypothetical:
        'if my order is late what then\nif the refund never comes\nin case the parcel is lost\nwhat if my order never arrives\nif it is late\n',
      told: 'i already got my refund\nmy order already came\nthe parcel already arrived\ni already tracked it\nalready got the refund\n',
    },
    probe: ['if the refund never comes', 'hypothetical'],
    title: 'Act head',
    column: 'act',
  });
});
