import fc from 'fast-check';
import {
  compute,
  fisherComparison,
  forAll,
  hessianFD,
  regularFamilies,
  scoreFD,
  step,
  tolerance,
  uniformScaleFamily,
  verifyClaim,
} from '../src/claim.js';
import type { FisherComparison, Measurement, ParametricFamily } from '../src/claim.js';

/** A family and a parameter point: u in hundredths so counterexamples print short. */
const familyAndTheta = fc
  .tuple(
    fc.integer({ min: 0, max: regularFamilies.length - 1 }),
    fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 3, maxLength: 3 }),
  )
  .map(([k, u]) => {
    const fam = regularFamilies[k];
    return { fam, theta: fam.theta(u.slice(0, fam.dim).map((x) => x / 100)) };
  });
const show = ({ fam, theta }: { fam: ParametricFamily; theta: number[] }) => ({ family: fam.name, theta });

// Central-difference Hessian, h = 1e-4: roundoff u·|log p|/h² ≈ 1e-7 dominates truncation h²·|∂⁴log p| ≈ 1e-8;
// quadrature error < 1e-12. ×100 for |log p| up to ~50 at the tails that carry mass.
const FISHER_TOL = tolerance(
  1e-5,
  'max entry gap relative to max(1, |I|): central-difference Hessian (h = 1e-4) errs by u·|log p|/h² ≈ 1e-7 (dominating truncation h²·|∂⁴log p| ≈ 1e-8), ×100 for |log p| up to ≈ 50 in the tails that carry mass; exact sums / Simpson quadrature (error < 1e-12)',
);

/**
 * The statement's parts, as written: E[ssᵀ] = (hessianSign)·(hessianCoefficient)·E[∇² log p], with the
 * outer product taken inside the expectation (`outerOfMean` false) and the full Hessian (`diagonalOnly`
 * false). A mutant replaces one.
 */
interface Parts extends Record<string, unknown> {
  hessianSign: number;
  hessianCoefficient: number;
  outerOfMean: boolean;
  diagonalOnly: boolean;
  hessianTransposed: boolean;
}
/** E[s] = 0 from the central-difference score. */
const MEAN_SCORE_TOL = tolerance(
  1e-6,
  'central-difference score (h = 1e-5): error h²|∂³log p| + u|log p|/h ≈ 1e-10, ×1e4 for the size of ∂³log p and |log p| in the tails',
);
/** The Jacobian of the central-difference score against the 4-point Hessian. */
const SCORE_JACOBIAN_TOL = tolerance(
  1e-4,
  'difference of the central-difference score (h = 1e-3 outer, 1e-5 inner) vs the 4-point Hessian, relative to max(1, |H|): ≈ 1e-6 each (outer truncation h² ≈ 1e-6), bound 1e-4',
);
const AS_WRITTEN: Parts = {
  hessianSign: -1,
  hessianCoefficient: 1,
  outerOfMean: false,
  diagonalOnly: false,
  hessianTransposed: false,
};

/** Both sides as the parts write them, from the exact expectations; as written, fisherComparison's two matrices. */
function sides(p: Parts, c: FisherComparison): { lhs: number[][]; rhs: number[][] } {
  const d = c.meanScore.length;
  const lhs = p.outerOfMean ? c.meanScore.map((a) => c.meanScore.map((b) => a * b)) : c.outerProduct;
  // negativeHessian = −E[∇² log p], so (sign)·(coefficient)·E[∇² log p] = −(sign)·(coefficient)·negativeHessian (= 1· as written).
  const factor = -p.hessianSign * p.hessianCoefficient;
  const rhs = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      if (p.diagonalOnly && i !== j) return 0;
      return factor * (p.hessianTransposed ? c.negativeHessian[j][i] : c.negativeHessian[i][j]);
    }),
  );
  return { lhs, rhs };
}
/** max_ij |lhs − rhs| / max(1, max|lhs|): fisherComparison's relativeGap for the parts as written. */
function relativeGap(p: Parts, c: FisherComparison): number {
  const { lhs, rhs } = sides(p, c);
  let gap = 0,
    scale = 1;
  lhs.forEach((row, i) =>
    row.forEach((v, j) => {
      gap = Math.max(gap, Math.abs(v - rhs[i][j]));
      scale = Math.max(scale, Math.abs(v));
    }),
  );
  return gap / scale;
}

const identityGap =
  (p: Parts) =>
  ({ fam, theta }: { fam: ParametricFamily; theta: number[] }): Measurement => {
    const c = fisherComparison(fam, theta);
    return {
      value: relativeGap(p, c),
      tolerance: FISHER_TOL,
      detail: { outerProduct: c.outerProduct, negativeHessian: c.negativeHessian },
    };
  };
/** Outside the hypotheses the (claimed) identity must fail by at least its own size: relative gap ≥ 1 (it is 2). */
const UNIFORM_MIN_GAP = tolerance(
  1,
  '"fails" read as failing by at least the identity\'s own size: E[s²] = 1/θ² and −E[∂²log p] = −1/θ² give the relative gap |E[s²] − (−E[∂²log p])|·θ² = 2, required ≥ 1 (quadrature stops 3e-4 short of θ: error ≤ 6e-4)',
);

verifyClaim(import.meta.url, {
  parts: AS_WRITTEN,
  checks: (p: Parts) => [
    forAll({
      name: 'E[ssᵀ] = −E[∇² log p] on regular families',
      backend: 'scalar-f64',
      arbitrary: familyAndTheta,
      numRuns: 60,
      show,
      measure: identityGap(p),
    }),
    compute({
      name: 'outside the hypotheses (Uniform(0,θ)) the identity fails: gap ≥ 1',
      backend: 'scalar-f64',
      run: () =>
        [0.5, 1, 2].map((t): Measurement => {
          const c = fisherComparison(uniformScaleFamily, [t]);
          const { lhs, rhs } = sides(p, c);
          return {
            value: Math.abs(lhs[0][0] - rhs[0][0]) * t * t,
            tolerance: UNIFORM_MIN_GAP,
            relation: '>=',
            detail: {
              theta: t,
              meanScore: c.meanScore[0],
              outerProduct: c.outerProduct[0][0],
              negativeHessian: c.negativeHessian[0][0],
            },
          };
        }),
    }),
  ],
  mutants: [
    // Kills both checks: with the sign dropped, Uniform(0, θ)'s E[s²] = 1/θ² = +E[∂² log p] holds exactly.
    { name: 'minus sign dropped: E[ssᵀ] = +E[∇² log p]', parts: { hessianSign: 1 } },
    { name: 'coefficient 1 → ½: E[ssᵀ] = −½E[∇² log p]', parts: { hessianCoefficient: 0.5 } },
    { name: 'coefficient 1 → 2: E[ssᵀ] = −2E[∇² log p]', parts: { hessianCoefficient: 2 } },
    { name: 'E[ssᵀ] → E[s]E[s]ᵀ (expectation taken inside the outer product)', parts: { outerOfMean: true } },
    { name: 'off-diagonal entries dropped: −E[∇² log p] → −diag(E[∇² log p])', parts: { diagonalOnly: true } },
    {
      name: 'Hessian transposed (swapped indices i, j)',
      parts: { hessianTransposed: true },
      equivalent: 'the Hessian of a C² function is symmetric (Schwarz), and so is its expectation',
    },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: 'E[s] = 0 (differentiation under the integral)',
        backend: 'scalar-f64',
        arbitrary: familyAndTheta,
        numRuns: 60,
        show,
        measure: ({ fam, theta }) => {
          const c = fisherComparison(fam, theta);
          return { value: c.maxAbsMeanScore, tolerance: MEAN_SCORE_TOL, detail: { meanScore: c.meanScore } };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '∇s = ∇² log p (Jacobian of the score = Hessian)',
        backend: 'scalar-f64',
        arbitrary: fc.tuple(familyAndTheta, fc.integer({ min: 0, max: 20 })),
        numRuns: 60,
        show: ([x, k]) => ({ ...show(x), x: k }),
        measure: ([{ fam, theta }, k]) => {
          const x = fam.name.startsWith('Bernoulli')
            ? k % 2
            : fam.name.startsWith('Categorical')
              ? k % 3
              : fam.name.startsWith('Gaussian')
                ? theta[0] + (k - 10) / 5
                : fam.name.startsWith('Exponential')
                  ? k / 5
                  : k;
          const H = hessianFD(fam, x, theta);
          const h = 1e-3;
          let gap = 0,
            scale = 1;
          theta.forEach((_, j) => {
            const p = theta.slice(),
              m = theta.slice();
            p[j] += h;
            m[j] -= h;
            const sp = scoreFD(fam, x, p),
              sm = scoreFD(fam, x, m);
            sp.forEach((v, i) => {
              const d = (v - sm[i]) / (2 * h);
              gap = Math.max(gap, Math.abs(d - H[i][j]));
              scale = Math.max(scale, Math.abs(H[i][j]));
            });
          });
          return { value: gap / scale, tolerance: SCORE_JACOBIAN_TOL, detail: { x } };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'E[ssᵀ] = −E[∇sᵀ]',
        backend: 'scalar-f64',
        arbitrary: familyAndTheta,
        numRuns: 40,
        show,
        measure: identityGap(AS_WRITTEN),
      }),
    ),
  ],
});
