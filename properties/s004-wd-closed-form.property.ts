import {
  decayProduct,
  decoupledWeightDecayTrajectory,
  forAll,
  relative,
  step,
  substance,
  tolerance,
  vectorResidual,
  verifyClaim,
  weightDecayCases,
} from '../src/claim.js';
import type { WeightDecayCase } from '../src/claim.js';

/**
 * Dyadic η_j and integer w_0, s_j: products of ≤ 5 factors and sums of ≤ 6 terms, each rounded once:
 * ≤ 2(k+2) roundings per term, so 30 × (k+2) × u64 relative to max(1, Σ|terms|) (vectorResidual divides by it).
 */
function closedFormTolerance(c: WeightDecayCase) {
  const r = relative({ n: c.k + 2 });
  return tolerance(
    r.bound,
    `${r.reason}, relative to max(1, Σ|terms|): n = k + 2, ≤ 2(k+2) roundings per term (dyadic data)`,
  );
}
const size = (c: WeightDecayCase): [number, number] => [c.w0.length, c.k + 1];

/** The document's P_r for a fixed k: P_0 = 1, P_r = Π_{j=0}^{r} (1 − αη_{k−j}) for r ≥ 1. */
function documentP(c: WeightDecayCase, r: number): number {
  if (r === 0) return 1;
  let p = 1;
  for (let j = 0; j <= r; j++) p *= 1 - c.alpha * c.eta[c.k - j];
  return p;
}

/** A formula for w_{k+1} as (vector, Σ|terms| for the tolerance), compared with the simulated recurrence. */
type Formula = (c: WeightDecayCase, traj: number[][]) => { w: number[]; scale: number };

function closedFormCheck(name: string, formula: Formula, minK = 0) {
  return forAll({
    name,
    backend: 'scalar-f64',
    arbitrary: weightDecayCases({ minK }),
    numRuns: 200,
    size,
    measure: (c: WeightDecayCase) => {
      const traj = decoupledWeightDecayTrajectory(c.w0, c.eta, c.alpha, c.s);
      const { w, scale } = formula(c, traj);
      return {
        value: vectorResidual(w, traj[c.k + 1], scale),
        tolerance: closedFormTolerance(c),
        detail: { formula: w, recurrence: traj[c.k + 1] },
      };
    },
  });
}

/** Σ_j coef(j)·s_{idx(j)} subtracted from c0·w_0. */
function affine(c: WeightDecayCase, c0: number, coef: (j: number) => number, idx: (j: number) => number) {
  const w = c.w0.map((x) => c0 * x);
  let scale = Math.abs(c0) * Math.max(0, ...c.w0.map(Math.abs));
  for (let j = 0; j <= c.k; j++) {
    const a = coef(j),
      s = c.s[idx(j)];
    for (let i = 0; i < w.length; i++) w[i] -= a * s[i];
    scale += Math.abs(a) * Math.max(0, ...s.map(Math.abs));
  }
  return { w, scale };
}

const asWritten: Formula = (c) =>
  affine(
    c,
    documentP(c, c.k),
    (j) => c.eta[c.k - j] * documentP(c, j),
    (j) => j,
  );
const forwardProducts: Formula = (c) =>
  affine(
    c,
    decayProduct(c.eta, c.alpha, 0, c.k),
    (j) => c.eta[j] * decayProduct(c.eta, c.alpha, j + 1, c.k),
    (j) => j,
  );
/** Q_r := Π_{i=0}^{r−1}(1 − αη_{k−i}) (r factors, Q_0 = 1): the reversed-index form the document aimed at. */
const Q = (c: WeightDecayCase, r: number) => decayProduct(c.eta, c.alpha, c.k - r + 1, c.k);
const reversedProducts: Formula = (c) =>
  affine(
    c,
    Q(c, c.k + 1),
    (j) => c.eta[c.k - j] * Q(c, j),
    (j) => c.k - j,
  );

const d = (c: WeightDecayCase, i: number) => 1 - c.alpha * c.eta[i];
const expansionStep = (name: string, minK: number, formula: Formula) =>
  step('numeric', closedFormCheck(name, formula, minK));

verifyClaim(import.meta.url, {
  checks: [
    closedFormCheck('w_{k+1} = P_k w_0 − Σ_{j=0}^k η_{k−j} P_j s_j with the stated P_r, k ≥ 0', asWritten),
    closedFormCheck('same, k ≥ 1 only (where P_k is the full product)', asWritten, 1),
  ],
  // Wrong in substance: the coefficient of s_j is η_j Π_{i=j+1}^k(1 − αη_i), and w_0's is the full product.
  failure: substance({
    checks: {
      'w_{k+1} = P_k w_0 − Σ_{j=0}^k η_{k−j} P_j s_j with the stated P_r, k ≥ 0': closedFormCheck(
        'w_{k+1} = Π_{i=0}^k(1−αη_i) w_0 − Σ_j η_j Π_{i=j+1}^k(1−αη_i) s_j, k ≥ 0 (same runs)',
        forwardProducts,
      ),
      'same, k ≥ 1 only (where P_k is the full product)': closedFormCheck(
        'w_{k+1} = Π_{i=0}^k(1−αη_i) w_0 − Σ_j η_j Π_{i=j+1}^k(1−αη_i) s_j, k ≥ 1 (same runs)',
        forwardProducts,
        1,
      ),
    },
  }),
  steps: [
    expansionStep('w_{k+1} = (1−αη_k)[(1−αη_{k−1})w_{k−1} − η_{k−1}s_{k−1}] − η_k s_k', 1, (c, t) => {
      const k = c.k;
      const w = t[k - 1].map(
        (x, i) => d(c, k) * (d(c, k - 1) * x - c.eta[k - 1] * c.s[k - 1][i]) - c.eta[k] * c.s[k][i],
      );
      return { w, scale: Math.max(1, ...t[k - 1].map(Math.abs), ...c.s.flat().map(Math.abs)) };
    }),
    expansionStep(
      'w_{k+1} = (1−αη_k)(1−αη_{k−1})[(1−αη_{k−2})w_{k−2} − η_{k−2}s_{k−2}] − η_{k−1}(1−αη_k)s_k − η_k s_k',
      2,
      (c, t) => {
        const k = c.k;
        const w = t[k - 2].map(
          (x, i) =>
            d(c, k) * d(c, k - 1) * (d(c, k - 2) * x - c.eta[k - 2] * c.s[k - 2][i]) -
            c.eta[k - 1] * d(c, k) * c.s[k][i] -
            c.eta[k] * c.s[k][i],
        );
        return { w, scale: Math.max(1, ...t[k - 2].map(Math.abs), ...c.s.flat().map(Math.abs)) };
      },
    ),
  ],
  corrected: [
    closedFormCheck('w_{k+1} = Π_{i=0}^k(1−αη_i) w_0 − Σ_j η_j Π_{i=j+1}^k(1−αη_i) s_j', forwardProducts),
    closedFormCheck(
      'w_{k+1} = Q_{k+1} w_0 − Σ_j η_{k−j} Q_j s_{k−j}, Q_r = Π_{i=0}^{r−1}(1−αη_{k−i})',
      reversedProducts,
    ),
    closedFormCheck(
      'corrected expansion: … − η_{k−1}(1−αη_k)s_{k−1} − η_k s_k',
      (c, t) => {
        const k = c.k;
        const w = t[k - 2].map(
          (x, i) =>
            d(c, k) * d(c, k - 1) * (d(c, k - 2) * x - c.eta[k - 2] * c.s[k - 2][i]) -
            c.eta[k - 1] * d(c, k) * c.s[k - 1][i] -
            c.eta[k] * c.s[k][i],
        );
        return { w, scale: Math.max(1, ...t[k - 2].map(Math.abs), ...c.s.flat().map(Math.abs)) };
      },
      2,
    ),
  ],
});
