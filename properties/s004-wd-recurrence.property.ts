import { decoupledWeightDecayTrajectory, forAll, UNIT_ROUNDOFF_F64, vectorResidual, verifyClaim, weightDecayCases } from '../src/claim.js';
import type { WeightDecayCase } from '../src/claim.js';

// Dyadic η, small-integer w_0 and s: every iterate is a short sum of exact products, so the two
// recurrences agree to a few ulps of the largest term when they are the same map.
const REASON = '30 × (k+2) × u64 relative to max(1, |largest iterate|): each step adds ≤ 3 roundings of dyadic products';
const bound = (c: WeightDecayCase) => 30 * (c.k + 2) * UNIT_ROUNDOFF_F64;
const size = (c: WeightDecayCase): [number, number] => [c.w0.length, c.k + 1];

/** Iterates a one-step update map from w_0 and compares every iterate with AdamW's decoupled update. */
function trajectoryCheck(name: string, update: (w: number[], eta: number, alpha: number, s: number[]) => number[]) {
  return forAll({
    name, backend: 'scalar-f64', arbitrary: weightDecayCases(), numRuns: 200, size, toleranceReason: REASON,
    measure: (c: WeightDecayCase) => {
      const ref = decoupledWeightDecayTrajectory(c.w0, c.eta, c.alpha, c.s);
      let w = [...c.w0], worst = 0, at = 0, scale = 1;
      for (let k = 0; k <= c.k; k++) {
        w = update(w, c.eta[k], c.alpha, c.s[k]);
        scale = Math.max(scale, ...ref[k + 1].map(Math.abs), ...w.map(Math.abs));
        const r = vectorResidual(w, ref[k + 1], scale);
        if (r > worst) { worst = r; at = k + 1; }
      }
      return { value: worst, bound: bound(c), detail: { firstDifferingIterate: at, asTyped: w, adamw: ref[c.k + 1] } };
    },
  });
}

verifyClaim(import.meta.url, {
  checks: [
    trajectoryCheck('w_{k+1} = (1 − η_kαw_k) + η_k s_k as typed equals the decoupled update (1 − αη_k)w_k − η_k s_k',
      (w, eta, alpha, s) => w.map((wi, i) => (1 - eta * alpha * wi) + eta * s[i])),
  ],
  corrected: [
    trajectoryCheck('w_{k+1} = (1 − αη_k)w_k − η_k s_k equals the two-stage AdamW update (decay, then step)',
      (w, eta, alpha, s) => {
        const decayed = w.map((wi) => wi - eta * alpha * wi);
        return decayed.map((wi, i) => wi - eta * s[i]);
      }),
  ],
});
