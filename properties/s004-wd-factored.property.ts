import fc from 'fast-check';
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
 * Divisions by products of factors 1 − αη ∈ [1/4, 7/8] are not exact: ≤ 3(k+2) roundings per term, each term
 * bounded by Σ|terms| (the factors are ≥ 1/4, so 1/Π ≤ 4^{k+1} is folded into that sum): 30 × (k+2) × u64
 * relative to max(1, Σ|terms|).
 */
function tol(c: WeightDecayCase) {
  const r = relative({ n: c.k + 2 });
  return tolerance(
    r.bound,
    `${r.reason}, relative to max(1, Σ|terms|): n = k + 2, ≤ 3(k+2) roundings per term (divisions by products of factors 1 − αη ≥ 1/4)`,
  );
}
/** P_k against P_j·Π: products of ≤ k+1 dyadic factors, relative to max(1, |P_k|). */
function productTol(c: WeightDecayCase) {
  const r = relative({ n: c.k + 2 });
  return tolerance(
    r.bound,
    `${r.reason}, relative to max(1, |product|): n = k + 2, products of ≤ k+1 dyadic factors, each rounded once`,
  );
}
const size = (c: WeightDecayCase): [number, number] => [c.w0.length, c.k + 1];

/** The document's P_r for fixed k: P_0 = 1, P_r = Π_{j=0}^{r}(1 − αη_{k−j}) for r ≥ 1. */
function documentP(c: WeightDecayCase, r: number): number {
  return r === 0 ? 1 : decayProduct(c.eta, c.alpha, c.k - r, c.k);
}

/** outer·(w_0 − Σ_j coef(j) s_j) with Σ|terms| for the tolerance. */
function factored(c: WeightDecayCase, outer: number, coef: (j: number) => number) {
  const inner = [...c.w0];
  let scale = Math.max(0, ...c.w0.map(Math.abs));
  for (let j = 0; j <= c.k; j++) {
    const a = coef(j);
    c.s[j].forEach((x, i) => {
      inner[i] -= a * x;
    });
    scale += Math.abs(a) * Math.max(0, ...c.s[j].map(Math.abs));
  }
  return { w: inner.map((x) => outer * x), scale: Math.abs(outer) * scale };
}

function againstRecurrence(name: string, formula: (c: WeightDecayCase) => { w: number[]; scale: number }) {
  return forAll({
    name,
    backend: 'scalar-f64',
    arbitrary: weightDecayCases(),
    numRuns: 200,
    size,
    measure: (c: WeightDecayCase) => {
      const ref = decoupledWeightDecayTrajectory(c.w0, c.eta, c.alpha, c.s)[c.k + 1];
      const { w, scale } = formula(c);
      return { value: vectorResidual(w, ref, scale), tolerance: tol(c), detail: { formula: w, recurrence: ref } };
    },
  });
}

const asWritten = (c: WeightDecayCase) =>
  factored(c, documentP(c, c.k), (j) => c.eta[c.k - j] / decayProduct(c.eta, c.alpha, j + 1, c.k));
/** The corrected factored form: Π_0^k (w_0 − Σ_j η_j s_j / Π_0^j). */
const correctedFactored = (c: WeightDecayCase) =>
  factored(c, decayProduct(c.eta, c.alpha, 0, c.k), (j) => c.eta[j] / decayProduct(c.eta, c.alpha, 0, j));
const withJ = fc.tuple(weightDecayCases(), fc.nat()).map(([c, n]) => ({ c, j: n % (c.k + 1) }));

verifyClaim(import.meta.url, {
  checks: [
    againstRecurrence('w_{k+1} = P_k(w_0 − Σ_j η_{k−j} s_j / Π_{i=j+1}^k(1−αη_i)) with the stated P_r', asWritten),
  ],
  // Wrong in substance: the discount of s_j is η_j/Π_0^j, under the full product Π_0^k.
  failure: substance({
    checks: {
      'w_{k+1} = P_k(w_0 − Σ_j η_{k−j} s_j / Π_{i=j+1}^k(1−αη_i)) with the stated P_r': againstRecurrence(
        'w_{k+1} = Π_{i=0}^k(1−αη_i)·(w_0 − Σ_j η_j s_j / Π_{i=0}^j(1−αη_i)) (same runs)',
        correctedFactored,
      ),
    },
  }),
  steps: [
    step(
      'numeric',
      forAll({
        name: 'P_k = P_j Π_{i=j+1}^k (1 − αη_i), 0 ≤ j ≤ k, stated P_r',
        backend: 'scalar-f64',
        arbitrary: withJ,
        numRuns: 200,
        size: ({ c }) => [1, c.k + 1],
        measure: ({ c, j }) => {
          const lhs = documentP(c, c.k),
            rhs = documentP(c, j) * decayProduct(c.eta, c.alpha, j + 1, c.k);
          return {
            value: Math.abs(lhs - rhs) / Math.max(1, Math.abs(lhs)),
            tolerance: productTol(c),
            detail: { j, P_k: lhs, P_j_times_product: rhs },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'P_k(w_0 − Σ η_{k−j}s_j/Π_{i=j+1}^k) = P_k w_0 − Σ η_{k−j}P_j s_j (the previous display)',
        backend: 'scalar-f64',
        arbitrary: weightDecayCases(),
        numRuns: 200,
        size,
        measure: (c: WeightDecayCase) => {
          const f = asWritten(c);
          const prev = [...c.w0].map((x) => documentP(c, c.k) * x);
          for (let j = 0; j <= c.k; j++)
            c.s[j].forEach((x, i) => {
              prev[i] -= c.eta[c.k - j] * documentP(c, j) * x;
            });
          return {
            value: vectorResidual(f.w, prev, f.scale),
            tolerance: tol(c),
            detail: { factored: f.w, previousDisplay: prev },
          };
        },
      }),
    ),
  ],
  corrected: [
    againstRecurrence('w_{k+1} = Π_{i=0}^k(1−αη_i)·(w_0 − Σ_j η_j s_j / Π_{i=0}^j(1−αη_i))', correctedFactored),
    forAll({
      name: 'Π_{i=0}^k = Π_{i=0}^j · Π_{i=j+1}^k',
      backend: 'scalar-f64',
      arbitrary: withJ,
      numRuns: 100,
      size: ({ c }) => [1, c.k + 1],
      measure: ({ c, j }) => {
        const lhs = decayProduct(c.eta, c.alpha, 0, c.k),
          rhs = decayProduct(c.eta, c.alpha, 0, j) * decayProduct(c.eta, c.alpha, j + 1, c.k);
        return { value: Math.abs(lhs - rhs) / Math.max(1, Math.abs(lhs)), tolerance: productTol(c) };
      },
    }),
  ],
});
