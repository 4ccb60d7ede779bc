import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  compute,
  exact,
  forAll,
  fullSvd,
  integerVectors,
  matrices,
  matrixResidual,
  norm2,
  orthogonalMatrices,
  relative,
  rmsOperatorNormByDefinition,
  showMatrixCase,
  singularValues,
  sizeOf,
  spectralNorm,
  spectralNormAtScale,
  spectralNormAtScaleCheck,
  step,
  thinSvd,
  tolerance,
  toMatrix,
  U64,
  verifyClaim,
  withControl,
} from '../src/claim.js';
import type { MatrixCase, Measurement, Tolerance } from '../src/claim.js';

// Up to 4×4, every rank, κ ≤ 10³; σ_max is perfectly conditioned, so errors are O(n·u64)·σ_max.
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
/** 30·max(m,n)·u64 × `scale` (named `scaleName`; relative when omitted): σ_max is perfectly conditioned (growth 1). */
const tolOf = (A: Matrix, scale?: number, scaleName?: string) =>
  relative({
    n: Math.max(A.rows, A.columns),
    nName: 'max(m,n)',
    growth: 1,
    growthName: 'κ of σ_max (perfectly conditioned)',
    ...(scale === undefined ? {} : { scale, scaleName }),
  });
const mv = (A: Matrix, x: number[]) => A.mmul(Matrix.columnVector(x)).getColumn(0);
const withVector = (c: MatrixCase) => fc.record({ c: fc.constant(c), x: integerVectors(c.cols, { nonzero: true }) });
const matrixAndVector = anyMatrix.chain(withVector);
const showMV = ({ c, x }: { c: MatrixCase; x: number[] }) => ({ ...(showMatrixCase(c) as object), x });

/** A diagonal Σ (nonnegative, descending, small integers) and a vector w, for the steps about Σw. */
const sigmaAndW = fc
  .array(fc.tuple(fc.nat({ max: 3 }), fc.integer({ min: -3, max: 3 })), { minLength: 1, maxLength: 4 })
  .map((pairs) => ({ s: pairs.map(([s]) => s).sort((a, b) => b - a), w: pairs.map(([, w]) => w) }));

/** Products of small integers are exact in f64: the margin rhs − lhs must be ≥ 0. */
const EXACT_MARGIN = exact('products of small integers are exact in f64: the margin rhs − lhs must be ≥ 0');
/** Where square roots enter, the margin may dip to −4·u64·rhs: two correctly rounded square roots and one product. */
const sqrtMargin = (rhs: number) =>
  tolerance(
    -4 * U64 * rhs,
    'the margin rhs − lhs may dip to −4·u64·rhs: two correctly rounded square roots and one product, each ≤ u64 relative',
  );

function sigmaWStep(
  name: string,
  margin: (s: number[], w: number[]) => number,
  detail: (s: number[], w: number[]) => Record<string, unknown>,
  floor: (s: number[], w: number[]) => Tolerance = () => EXACT_MARGIN,
) {
  return forAll({
    name,
    backend: 'scalar-f64',
    arbitrary: sigmaAndW,
    numRuns: 200,
    show: (x) => ({ Sigma: `diag(${x.s.join(', ')})`, w: x.w }),
    measure: ({ s, w }) => ({
      value: margin(s, w),
      tolerance: floor(s, w),
      relation: '>=' as const,
      detail: detail(s, w),
    }),
  });
}

/**
 * The statement "sup_x ‖Ax‖₂/‖x‖₂ = σ_max(A)" as a function of its parts: the right-hand side is
 * (n/m)^aspectExponent · σ(A)^sigmaExponent with σ the chosen singular value. As written: σ_max,
 * exponent 1, no aspect factor.
 */
interface Parts extends Record<string, unknown> {
  /** Which singular value: the largest (as written), the second (σ₂ := 0 when min(m, n) = 1), the smallest, or √Σσ_i² (Frobenius). */
  singularValue: 'max' | 'second' | 'min' | 'rootSumSquares';
  sigmaExponent: number;
  /** Exponent of n/m in front (½ would be the RMS→RMS operator norm of eq. (2)). */
  aspectExponent: number;
}
const PARTS: Parts = { singularValue: 'max', sigmaExponent: 1, aspectExponent: 0 };
function chosenSigma(A: Matrix, which: Parts['singularValue']): number {
  if (which === 'max') return spectralNorm(A);
  const s = singularValues(A);
  if (which === 'second') return s[1] ?? 0;
  if (which === 'min') return s[s.length - 1];
  return Math.hypot(...s);
}
/** x^1 = x and (n/m)^0 = 1 exactly in f64, so the parts as written give exactly σ_max(A). */
const claimedNorm = (A: Matrix, p: Parts) =>
  (A.columns / A.rows) ** p.aspectExponent * chosenSigma(A, p.singularValue) ** p.sigmaExponent;

/**
 * Negative control of the f32 check at n = 1024: the same three measured ratios (at v₁, at a random x,
 * by power iteration) judged, with the same f32 tolerances, against σ₂ instead of σ₁. The synthetic
 * spectrum has σ₂ = σ₁/2 (gappedSigma), so the wrong claim is off by σ₁/2, far above the f32 bound τ
 * (≈ γ_{n+2}‖A‖_F + power-iteration terms, ≈ 4·10⁻⁴·σ₁ at n = 1024).
 */
const AT_SCALE = { m: 1024, n: 1024, kappa: 100 };
const atScaleControl = compute({
  name: '‖A‖ = σ₂ at n = 1024 in f32 (control)',
  backend: 'gpu.js-f32',
  sizes: [[AT_SCALE.m, AT_SCALE.n]],
  run: async (ctx) =>
    (await spectralNormAtScale(AT_SCALE.m, AT_SCALE.n, AT_SCALE.kappa, ctx.seed, 'spectral')).map(
      (m, i): Measurement => {
        const d = m.detail as { measured: number; sigma1: number; sigma2: number };
        // Case 2 (index 1) is one-sided ("the ratio at a random x stays ≤ σ"); cases 1 and 3 are equalities.
        const gap = d.measured - d.sigma2;
        return { value: i === 1 ? gap : Math.abs(gap), tolerance: m.tolerance, detail: { ...d, claimed: d.sigma2 } };
      },
    ),
});

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (p: Parts) => [
    forAll({
      name: '‖A‖ = sup_x ‖Ax‖₂/‖x‖₂ = σ_max(A): the supremum (Rayleigh–Ritz on AᵀA) equals the largest singular value',
      backend: 'ml-matrix-f64',
      arbitrary: anyMatrix,
      numRuns: 200,
      size: sizeOf,
      show: showMatrixCase,
      measure: (c) => {
        const A = toMatrix(c);
        const x = rmsOperatorNormByDefinition(A).argmax;
        const sup = norm2(mv(A, x)) / norm2(x);
        const s = claimedNorm(A, p);
        return { value: Math.abs(sup - s), tolerance: tolOf(A, s, 'σ_max'), detail: { sup, sigmaMax: s } };
      },
    }),
    forAll({
      name: 'no x exceeds σ_max: ‖Ax‖₂ ≤ σ_max(A)‖x‖₂',
      backend: 'ml-matrix-f64',
      arbitrary: matrixAndVector,
      numRuns: 200,
      size: ({ c }) => sizeOf(c),
      show: showMV,
      measure: ({ c, x }) => {
        const A = toMatrix(c);
        const s = claimedNorm(A, p);
        return {
          value: norm2(mv(A, x)) - s * norm2(x),
          tolerance: tolOf(A, s * norm2(x), 'σ_max‖x‖₂'),
          detail: { Ax: norm2(mv(A, x)), sigmaMaxX: s * norm2(x) },
        };
      },
    }),
    withControl(
      spectralNormAtScaleCheck(
        '‖A‖ = σ_max at n = 1024 in f32 (known maximiser, random x, power iteration)',
        AT_SCALE.m,
        AT_SCALE.n,
        AT_SCALE.kappa,
        'spectral',
      ),
      'σ_max → σ₂ = σ₁/2 (index 1 → 2) on the same f32 measurements',
      atScaleControl,
    ),
  ],
  mutants: [
    { name: 'σ_max → σ_min (largest → smallest singular value)', parts: { singularValue: 'min' } },
    { name: 'σ_max → σ₂ (index 1 → 2)', parts: { singularValue: 'second' } },
    { name: 'σ_max → ‖A‖_F = √Σσ_i² (Frobenius instead of spectral)', parts: { singularValue: 'rootSumSquares' } },
    { name: 'σ_max → σ_max² (exponent 1 → 2)', parts: { sigmaExponent: 2 } },
    { name: 'σ_max → σ_max^{1/2} (exponent 1 → ½)', parts: { sigmaExponent: 0.5 } },
    { name: 'σ_max → √(n/m)·σ_max (the RMS operator norm of eq. (2))', parts: { aspectExponent: 0.5 } },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: 'Av = UΣVᵀ(Ve₁) = σ_max Ue₁',
        backend: 'ml-matrix-f64',
        arbitrary: anyMatrix,
        numRuns: 100,
        size: sizeOf,
        show: showMatrixCase,
        measure: (c) => {
          const A = toMatrix(c);
          const { U, s, V } = thinSvd(A);
          return matrixResidual(
            () => A.mmul(V.subMatrixColumn([0])),
            () => U.subMatrixColumn([0]).mul(s[0]),
            tolOf(A),
          );
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖v‖₂ = ‖Ue₁‖₂ = ‖e₁‖₂ = 1 (v = Ve₁)',
        backend: 'ml-matrix-f64',
        arbitrary: anyMatrix,
        numRuns: 100,
        size: sizeOf,
        show: showMatrixCase,
        measure: (c) => {
          const A = toMatrix(c);
          const { U, V } = thinSvd(A);
          const v = norm2(V.getColumn(0)),
            ue = norm2(U.getColumn(0));
          return {
            value: Math.max(Math.abs(v - ue), Math.abs(ue - 1)),
            tolerance: tolOf(A),
            detail: { normV: v, normUe1: ue },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖Ow‖₂² = wᵀOᵀOw = ‖w‖₂² for orthogonal O',
        backend: 'ml-matrix-f64',
        arbitrary: fc
          .integer({ min: 1, max: 5 })
          .chain((n) => fc.record({ O: orthogonalMatrices(n), w: integerVectors(n) })),
        numRuns: 100,
        show: ({ O, w }) => ({ O: O.to2DArray(), w }),
        measure: ({ O, w }) => {
          const lhs = norm2(mv(O, w)) ** 2,
            rhs = norm2(w) ** 2;
          return {
            value: Math.abs(lhs - rhs),
            tolerance: relative({
              n: O.rows,
              growth: 1,
              growthName: 'κ(O)',
              scale: Math.max(rhs, 1),
              scaleName: 'max(‖w‖₂², 1)',
            }),
            detail: { lhs, rhs },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖Av‖₂ = ‖ΣVᵀv‖₂ (U orthogonal)',
        backend: 'ml-matrix-f64',
        arbitrary: matrixAndVector,
        numRuns: 100,
        size: ({ c }) => sizeOf(c),
        show: showMV,
        measure: ({ c, x }) => {
          const A = toMatrix(c);
          const { S, V } = fullSvd(A);
          const lhs = norm2(mv(A, x)),
            rhs = norm2(mv(S.mmul(V.transpose()), x));
          return {
            value: Math.abs(lhs - rhs),
            tolerance: tolOf(A, Math.max(spectralNorm(A) * norm2(x), Number.MIN_VALUE), 'σ_max‖x‖₂'),
            detail: { lhs, rhs },
          };
        },
      }),
    ),
    step(
      'numeric',
      sigmaWStep(
        '(Σw)_i = Σ_ii w_i ≤ σ_max w_i for every i',
        (s, w) => Math.min(...s.map((si, i) => s[0] * w[i] - si * w[i])),
        (s, w) => ({ SigmaW: s.map((si, i) => si * w[i]), sigmaMaxW: w.map((wi) => s[0] * wi) }),
      ),
    ),
    step(
      'numeric',
      sigmaWStep(
        '‖Σw‖₂ ≤ σ_max‖w‖₂',
        (s, w) => s[0] * norm2(w) - norm2(s.map((si, i) => si * w[i])),
        (s, w) => ({ normSigmaW: norm2(s.map((si, i) => si * w[i])), sigmaMaxNormW: s[0] * norm2(w) }),
        (s, w) => sqrtMargin(s[0] * norm2(w)),
      ),
    ),
    step(
      'numeric',
      forAll({
        name: '‖Av‖₂ = ‖Σw‖₂ ≤ σ_max‖w‖₂ = σ_max‖v‖₂ (w = Vᵀv)',
        backend: 'ml-matrix-f64',
        arbitrary: matrixAndVector,
        numRuns: 100,
        size: ({ c }) => sizeOf(c),
        show: showMV,
        measure: ({ c, x }) => {
          const A = toMatrix(c);
          const { S, V, s } = fullSvd(A);
          const w = mv(V.transpose(), x);
          const tol = tolOf(A, Math.max(s[0] * norm2(x), Number.MIN_VALUE), 'σ_max‖x‖₂');
          const eqs = Math.max(Math.abs(norm2(mv(A, x)) - norm2(mv(S, w))), Math.abs(norm2(w) - norm2(x)) * s[0]);
          return {
            value: Math.max(eqs, norm2(mv(S, w)) - s[0] * norm2(w)),
            tolerance: tol,
            detail: { Av: norm2(mv(A, x)), SigmaW: norm2(mv(S, w)), sigmaMaxV: s[0] * norm2(x) },
          };
        },
      }),
    ),
  ],
  corrected: [
    sigmaWStep(
      'step 5 corrected: |(Σw)_i| = Σ_ii|w_i| ≤ σ_max|w_i| for every i',
      (s, w) => Math.min(...s.map((si, i) => s[0] * Math.abs(w[i]) - Math.abs(si * w[i]))),
      (s, w) => ({ absSigmaW: s.map((si, i) => Math.abs(si * w[i])) }),
    ),
  ],
});
