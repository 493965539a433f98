// Temperature scaling: one number T so that softmax(logits / T) is as honest as it can be on
// predictions the model did not train on (cross-validation's out-of-fold logits). A model trained
// to fit its corpus closely is over-confident; T > 1 softens it so "low confidence" means something.
import { softmaxInPlace } from './train.js';

/** Mean negative log-likelihood of the gold labels at temperature t. */
function nll(logits: readonly Float64Array[], gold: readonly number[], t: number): number {
  let sum = 0;
  const p = new Float64Array(logits[0]?.length ?? 0);
  logits.forEach((l, i) => {
    for (let k = 0; k < l.length; k++) p[k] = l[k]! / t;
    softmaxInPlace(p);
    sum -= Math.log(Math.max(p[gold[i]!]!, 1e-12));
  });
  return sum / Math.max(1, logits.length);
}

/** The temperature minimising NLL, by golden-section search over log T in [0.1, 10]. */
export function fitTemperature(logits: readonly Float64Array[], gold: readonly number[]): number {
  if (logits.length === 0) return 1;
  let lo = Math.log(0.1);
  let hi = Math.log(10);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(logits, gold, Math.exp(a));
  let fb = nll(logits, gold, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(logits, gold, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(logits, gold, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
