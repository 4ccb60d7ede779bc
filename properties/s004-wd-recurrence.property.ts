import {
  decoupledWeightDecayTrajectory,
  forAll,
  notation,
  relative,
  tolerance,
  vectorResidual,
  verifyClaim,
  weightDecayCases,
} from '../src/claim.js';
import type { WeightDecayCase } from '../src/claim.js';

/**
 * Dyadic η, small-integer w_0 and s: every iterate is a short sum of exact products, so the two recurrences
 * agree to a few ulps of the largest term when they are the same map: 30 × (k+2) × u64 relative to
 * max(1, |largest iterate|).
 */
function iterateTolerance(c: WeightDecayCase) {
  const r = relative({ n: c.k + 2 });
  return tolerance(
    r.bound,
    `${r.reason}, relative to max(1, |largest iterate|): n = k + 2 (k + 1 steps, each adding ≤ 3 roundings of dyadic products)`,
  );
}
const size = (c: WeightDecayCase): [number, number] => [c.w0.length, c.k + 1];

/** Iterates a one-step update map from w_0 and compares every iterate with AdamW's decoupled update. */
function trajectoryCheck(name: string, update: (w: number[], eta: number, alpha: number, s: number[]) => number[]) {
  return forAll({
    name,
    backend: 'scalar-f64',
    arbitrary: weightDecayCases(),
    numRuns: 200,
    size,
    measure: (c: WeightDecayCase) => {
      const ref = decoupledWeightDecayTrajectory(c.w0, c.eta, c.alpha, c.s);
      let w = [...c.w0],
        worst = 0,
        at = 0,
        scale = 1;
      for (let k = 0; k <= c.k; k++) {
        w = update(w, c.eta[k], c.alpha, c.s[k]);
        scale = Math.max(scale, ...ref[k + 1].map(Math.abs), ...w.map(Math.abs));
        const r = vectorResidual(w, ref[k + 1], scale);
        if (r > worst) {
          worst = r;
          at = k + 1;
        }
      }
      return {
        value: worst,
        tolerance: iterateTolerance(c),
        detail: { firstDifferingIterate: at, asTyped: w, adamw: ref[c.k + 1] },
      };
    },
  });
}

verifyClaim(import.meta.url, {
  checks: [
    trajectoryCheck(
      'w_{k+1} = (1 − η_kαw_k) + η_k s_k as typed equals the decoupled update (1 − αη_k)w_k − η_k s_k',
      (w, eta, alpha, s) => w.map((wi, i) => 1 - eta * alpha * wi + eta * s[i]),
    ),
  ],
  // A notation slip: the bracket belongs around 1 − αη_k and the step is subtracted, as the next display has it.
  failure: notation({
    checks: {
      'w_{k+1} = (1 − η_kαw_k) + η_k s_k as typed equals the decoupled update (1 − αη_k)w_k − η_k s_k': trajectoryCheck(
        'w_{k+1} = (1 − αη_k)w_k − η_k s_k (bracket and sign as in the next display) equals the decoupled update',
        (w, eta, alpha, s) => w.map((wi, i) => (1 - alpha * eta) * wi - eta * s[i]),
      ),
    },
  }),
  corrected: [
    trajectoryCheck(
      'w_{k+1} = (1 − αη_k)w_k − η_k s_k equals the two-stage AdamW update (decay, then step)',
      (w, eta, alpha, s) => {
        const decayed = w.map((wi) => wi - eta * alpha * wi);
        return decayed.map((wi, i) => wi - eta * s[i]);
      },
    ),
  ],
});
