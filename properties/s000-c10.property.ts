import fc from 'fast-check';
import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, inverse, solve } from 'ml-matrix';
import {
  affineInvariantDistance,
  forAll,
  frobeniusNorm,
  karcherMean,
  karcherResidual,
  meanSquaredDistance,
  step,
  substance,
  tolerance,
  verifyClaim,
  withControl,
} from '../src/claim.js';
import type { Measurement } from '../src/claim.js';

type SpdSet = { Bs: number[][][]; same: boolean; A: number[][] };
const intMatrix = (n: number) =>
  fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n });
const sets: fc.Arbitrary<SpdSet> = fc
  .record({ n: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 2, max: 4 }) })
  .chain(({ n, k }) =>
    fc.record({
      Bs: fc.array(intMatrix(n), { minLength: k, maxLength: k }),
      same: fc.boolean(),
      A: intMatrix(n).filter((a) => detOf(a) !== 0), // invertible integer congruence
    }),
  );
function detOf(a: number[][]): number {
  const n = a.length;
  if (n === 1) return a[0][0];
  if (n === 2) return a[0][0] * a[1][1] - a[0][1] * a[1][0];
  return (
    a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
    a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
    a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0])
  );
}
/** H_i = B_iB_iᵀ + I (all equal to H_1 when `same`): SPD with κ ≤ 37. */
const spd = (c: SpdSet) =>
  (c.same ? c.Bs.map(() => c.Bs[0]) : c.Bs).map((b) => {
    const B = new Matrix(b);
    return B.mmul(B.transpose()).add(Matrix.eye(B.rows));
  });
const arithmeticMean = (Hs: Matrix[]) =>
  Hs.reduce((a, H) => a.add(H), Matrix.zeros(Hs[0].rows, Hs[0].rows)).mul(1 / Hs.length);
const sigmaArithmetic = (Hs: Matrix[]) => meanSquaredDistance(Hs, arithmeticMean(Hs));
const sigmaKarcher = (Hs: Matrix[]) => meanSquaredDistance(Hs, karcherMean(Hs));
const show = (c: SpdSet) => ({ H: spd(c).map((H) => H.to2DArray()), A: c.A });
const size = (c: SpdSet): [number, number] => [c.A.length, c.A.length];

/**
 * Roundoff of σ² through eigen-decompositions, inverse roots and logs: ≈ n·u·κ per log, κ ≤ κ(A)²·37
 * ≲ 1e4 after congruence; the Karcher iteration stops at ‖mean log‖ ≤ 1e-12, which moves σ² by
 * O(1e-24) (first-order optimality). Relative bound 1e-9 on σ² (or absolute where σ² < 1).
 */
const RELATIVE_SIGMA2 = 1e-9;
const SIGMA2 = tolerance(
  RELATIVE_SIGMA2,
  'eigen-based logs and inverse roots: error ≈ n·u·κ ≲ 1e-11 with κ ≲ 1e4 after congruence; Karcher iteration stopped at ‖mean log‖ ≤ 1e-12 (moves σ² by O(1e-24)); bound 1e-9 on |a − b|/max(1, |a|, |b|)',
);
const equalUpTo = (a: number, b: number, detail: Record<string, unknown>): Measurement => ({
  value: Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b)),
  tolerance: SIGMA2,
  detail: { ...detail, lhs: a, rhs: b },
});
const check = (name: string, measure: (c: SpdSet) => Measurement, numRuns = 100) =>
  forAll({ name, backend: 'ml-matrix-f64', arbitrary: sets, numRuns, size, show, measure });
/** Equal sets: the centre is H₁ up to roundoff. Distinct sets: σ² is far from 0. */
const EQUAL_SETS = tolerance(
  1e-20,
  'equal sets: the centre is H₁ up to roundoff, each log ≈ 1e-15, so σ² ≈ 1e-30; bound 1e-20',
);
const DISTINCT_SETS = tolerance(
  1e-12,
  'distinct integer SPD sets: matrices ≥ 1/37 apart in log-eigenvalue, so σ² ≥ 1e-4; "≠ 0" judged as σ² ≥ 1e-12, far above the roundoff (≈ 1e-30 on equal sets)',
);

const zeroIffEqual = (sigma: (Hs: Matrix[]) => number, label: string) =>
  check(`σ_R² = 0 iff all H_i are equal (${label})`, (c) => {
    const Hs = spd(c);
    const allEqual = Hs.every((H) => frobeniusNorm(H.clone().sub(Hs[0])) === 0);
    const s = sigma(Hs);
    return allEqual
      ? { value: s, tolerance: EQUAL_SETS, detail: { allEqual, sigma2: s } }
      : { value: s, tolerance: DISTINCT_SETS, relation: '>=', detail: { allEqual, sigma2: s } };
  });
const affineInvariant = (sigma: (Hs: Matrix[]) => number, label: string) =>
  check(`σ_R²({AH_iAᵀ}) = σ_R²({H_i}) (${label})`, (c) => {
    const Hs = spd(c),
      A = new Matrix(c.A);
    return equalUpTo(sigma(Hs.map((H) => A.mmul(H).mmul(A.transpose()))), sigma(Hs), {});
  });
const inversionInvariant = (sigma: (Hs: Matrix[]) => number, label: string) =>
  check(`σ_R²({H_i⁻¹}) = σ_R²({H_i}) (${label})`, (c) => {
    const Hs = spd(c);
    return equalUpTo(sigma(Hs.map((H) => inverse(H))), sigma(Hs), {});
  });

/** The controls' near-misses: a centre one unit off the mean, and a shift H ↦ H + I instead of a congruence. */
const shiftedCentre = (Hs: Matrix[]) => meanSquaredDistance(Hs, arithmeticMean(Hs).add(Matrix.eye(Hs[0].rows)));
const shiftedSetInvariant = check('σ_R²({H_i + I}) = σ_R²({H_i}) (arithmetic H̄) [control]', (c) => {
  const Hs = spd(c);
  return equalUpTo(sigmaArithmetic(Hs.map((H) => H.clone().add(Matrix.eye(H.rows)))), sigmaArithmetic(Hs), {});
});

const isRiemannianVariance = check(
  'σ_R² (about H̄) = Riemannian variance min_X (1/k)Σ d²(H_i, X) (about the Karcher mean)',
  (c) => {
    const Hs = spd(c);
    return equalUpTo(sigmaArithmetic(Hs), sigmaKarcher(Hs), {
      arithmeticMean: arithmeticMean(Hs).to2DArray(),
      karcherMean: karcherMean(Hs).to2DArray(),
    });
  },
);
const inversionAsWritten = inversionInvariant(sigmaArithmetic, 'arithmetic H̄');
// The corrected conclusions on the same sets: about H̄ the formula only bounds the Riemannian variance
// from above; centred at the Karcher mean it is inversion-invariant.
const upperBound = check('σ_R² about H̄ ≥ Riemannian variance (H̄ is a feasible centre)', (c) => {
  const Hs = spd(c);
  const a = sigmaArithmetic(Hs),
    k = sigmaKarcher(Hs);
  return {
    value: a - k,
    tolerance: tolerance(
      -RELATIVE_SIGMA2 * Math.max(1, k),
      `σ²(H̄) − σ²(Karcher) ≥ 0, down to the σ² roundoff −1e-9·max(1, σ²) = ${(-RELATIVE_SIGMA2 * Math.max(1, k)).toPrecision(3)} (${SIGMA2.reason})`,
    ),
    relation: '>=',
    detail: { arithmetic: a, karcher: k },
  };
});
const inversionCorrected = inversionInvariant(sigmaKarcher, 'Karcher mean');

verifyClaim(import.meta.url, {
  checks: [
    // The variance about a centre off the mean does not vanish on equal sets.
    withControl(
      zeroIffEqual(sigmaArithmetic, 'arithmetic H̄'),
      'σ² about H̄ + I instead of H̄',
      zeroIffEqual(shiftedCentre, 'about H̄ + I [control]'),
    ),
    // Adding I is not a congruence: the affine-invariant distances change.
    withControl(
      affineInvariant(sigmaArithmetic, 'arithmetic H̄'),
      'H_i ↦ H_i + I (a shift) instead of the congruence AH_iAᵀ',
      shiftedSetInvariant,
    ),
    isRiemannianVariance,
    inversionAsWritten,
  ],
  steps: [
    step(
      'numeric',
      check(
        '‖log(A^{-1/2}BA^{-1/2})‖_F² = Σ ln² λ_j(A⁻¹B) (generalized eigenvalues via Cholesky) and d(A,B) = d(B,A)',
        (c) => {
          const [A, B] = spd(c);
          const L = new CholeskyDecomposition(A).lowerTriangularMatrix;
          const C = solve(L, solve(L, B).transpose()); // L⁻¹BL⁻ᵀ (symmetric), similar to A⁻¹B
          const lambdas = new EigenvalueDecomposition(C.add(C.transpose()).mul(0.5), { assumeSymmetric: true })
            .realEigenvalues;
          const viaEig = lambdas.reduce((a, l) => a + Math.log(l) ** 2, 0);
          const d2 = affineInvariantDistance(A, B) ** 2;
          return {
            value: Math.max(
              equalUpTo(d2, viaEig, {}).value,
              equalUpTo(d2, affineInvariantDistance(B, A) ** 2, {}).value,
            ),
            tolerance: SIGMA2,
            detail: { d2, viaEig },
          };
        },
      ),
    ),
    step(
      'numeric',
      check(
        'H̄ is the centre of the variance: Σ log(H̄^{-1/2}H_iH̄^{-1/2}) = 0 (first-order condition of min_X Σ d²(H_i, X))',
        (c) => {
          const Hs = spd(c);
          return {
            value: frobeniusNorm(karcherResidual(Hs, arithmeticMean(Hs))),
            tolerance: tolerance(1e-9, 'a sum of k ≤ 4 logs, each with error ≈ n·u·κ ≲ 1e-13; bound 1e-9'),
            detail: { arithmeticMean: arithmeticMean(Hs).to2DArray() },
          };
        },
      ),
    ),
  ],
  // Wrong in substance: centred at H̄ the formula is not the Riemannian variance (the centre must be the Karcher mean).
  failure: substance({
    checks: { [isRiemannianVariance.name]: upperBound, [inversionAsWritten.name]: inversionCorrected },
  }),
  corrected: [
    zeroIffEqual(sigmaKarcher, 'Karcher mean'),
    affineInvariant(sigmaKarcher, 'Karcher mean'),
    inversionCorrected,
    upperBound,
  ],
});
