import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  compute,
  forAll,
  frobeniusNorm,
  fullSvd,
  matrices,
  matrixResidual,
  orthogonalMatrices,
  relative,
  rmsOperatorNorm,
  rmsOperatorNormByDefinition,
  showMatrixCase,
  sizeOf,
  spectralNorm,
  spectralNormAtScale,
  spectralNormAtScaleCheck,
  step,
  toMatrix,
  verifyClaim,
  withControl,
} from '../src/claim.js';
import type { MatrixCase, Measurement } from '../src/claim.js';

// A any m×n up to 4×4 and every rank; U ∈ O(m), V ∈ O(n) signed permutations (shrink target) or Haar.
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
interface Case {
  a: MatrixCase;
  U: Matrix;
  V: Matrix;
}
const cases: fc.Arbitrary<Case> = anyMatrix.chain((a) =>
  fc.record({ a: fc.constant(a), U: orthogonalMatrices(a.rows), V: orthogonalMatrices(a.cols) }),
);
const show = (c: Case) => ({ ...(showMatrixCase(c.a) as object), U: c.U.to2DArray(), V: c.V.to2DArray() });
const size = (c: Case) => sizeOf(c.a);
// σ_max and the SVD's backward error are O(n·u64)·‖A‖ (perfectly conditioned), orthogonal factors add O(n·u64).
/** 30·max(m,n)·u64 × `scale` (named `scaleName`; relative when omitted). */
const tolOf = (A: Matrix, scale?: number, scaleName?: string) =>
  relative({
    n: Math.max(A.rows, A.columns),
    nName: 'max(m,n)',
    growth: 1,
    growthName: 'κ of σ_max (perfectly conditioned)',
    ...(scale === undefined ? {} : { scale, scaleName }),
  });
const T = (M: Matrix) => M.transpose();
const B_of = (A: Matrix, U: Matrix, V: Matrix) => U.mmul(A).mmul(T(V));

/** UAVᵀ against (UL)S(·)ᵀ built from A's full SVD A = LSRᵀ. */
function svdOfBStep(name: string, right: (R: Matrix, V: Matrix) => Matrix) {
  return forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: cases,
    numRuns: 150,
    size,
    show,
    measure: ({ a, U, V }) => {
      const A = toMatrix(a);
      const { U: L, S, V: R } = fullSvd(A);
      const m = matrixResidual(
        () => B_of(A, U, V),
        () =>
          U.mmul(L)
            .mmul(S)
            .mmul(T(right(R, V))),
        tolOf(A),
      );
      return {
        ...m,
        detail: {
          ...(m.detail as object),
          L: L.to2DArray(),
          S: S.to2DArray(),
          R: R.to2DArray(),
          RV: R.mmul(V).to2DArray(),
          VR: V.mmul(R).to2DArray(),
        },
      };
    },
  });
}

/**
 * The statement ‖A‖_RMS = ‖UAVᵀ‖_RMS as a function of its parts: the norm taken on the right-hand
 * side, whether UAVᵀ is transposed there, its exponent, and the factors around A. As written: the RMS
 * norm (from its definition) of UAVᵀ itself, exponent 1.
 */
interface Parts extends Record<string, unknown> {
  /** Norm on the right: RMS→RMS operator norm (as written), spectral, or Frobenius. */
  rhsNorm: 'RMS' | 'op' | 'F';
  /** Take the norm of (UAVᵀ)ᵀ instead (the RMS norm is not transpose invariant when m ≠ n). */
  transposeRhs: boolean;
  rhsExponent: number;
  /** Right factor: Vᵀ (as written) or V; left factor U (as written) or none. */
  rightFactor: 'Vᵀ' | 'V';
  leftFactor: 'U' | 'I';
}
const PARTS: Parts = { rhsNorm: 'RMS', transposeRhs: false, rhsExponent: 1, rightFactor: 'Vᵀ', leftFactor: 'U' };
const rhsMatrix = (A: Matrix, U: Matrix, V: Matrix, p: Parts) => {
  const M = (p.leftFactor === 'U' ? U.mmul(A) : A).mmul(p.rightFactor === 'Vᵀ' ? T(V) : V);
  return p.transposeRhs ? T(M) : M;
};
const rhsNormOf = (M: Matrix, which: Parts['rhsNorm']) =>
  which === 'RMS' ? rmsOperatorNormByDefinition(M).norm : which === 'op' ? spectralNorm(M) : frobeniusNorm(M);

/**
 * Negative control of the f32 check at 2048×1024: the same measured RMS ratios judged, with the same
 * f32 tolerances, against √(m/n)σ₁ (the aspect ratio inverted, i.e. the RMS norm of the transpose):
 * √2·σ₁ instead of σ₁/√2, off by a factor 2, far above the f32 bound τ (≈ 3·10⁻⁴·σ₁).
 */
const AT_SCALE = { m: 2048, n: 1024, kappa: 100 };
const atScaleControl = compute({
  name: '‖UΣVᵀ‖_RMS = √(m/n)σ₁ at 2048×1024 in f32 (control)',
  backend: 'gpu.js-f32',
  sizes: [[AT_SCALE.m, AT_SCALE.n]],
  run: async (ctx) =>
    (await spectralNormAtScale(AT_SCALE.m, AT_SCALE.n, AT_SCALE.kappa, ctx.seed, 'rms')).map((m, i): Measurement => {
      const d = m.detail as { measured: number; sigma1: number };
      const claimed = Math.sqrt(AT_SCALE.m / AT_SCALE.n) * d.sigma1;
      // Case 2 (index 1) is one-sided ("the ratio at a random x stays ≤ the norm"); cases 1 and 3 are equalities.
      const gap = d.measured - claimed;
      return { value: i === 1 ? gap : Math.abs(gap), tolerance: m.tolerance, detail: { ...d, claimed } };
    }),
});

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (p: Parts) => [
    forAll({
      name: '‖A‖_RMS = ‖UAVᵀ‖_RMS (both from the definition sup ‖Mx‖_RMS/‖x‖_RMS)',
      backend: 'ml-matrix-f64',
      arbitrary: cases,
      numRuns: 200,
      size,
      show,
      measure: ({ a, U, V }) => {
        const A = toMatrix(a);
        // As written this is rmsOperatorNormByDefinition(UAVᵀ).norm ** 1, exactly today's value.
        const lhs = rmsOperatorNormByDefinition(A).norm,
          rhs = rhsNormOf(rhsMatrix(A, U, V, p), p.rhsNorm) ** p.rhsExponent;
        return {
          value: Math.abs(lhs - rhs),
          tolerance: tolOf(A, Math.max(lhs, rhs), 'max(‖A‖_RMS, ‖UAVᵀ‖_RMS)'),
          detail: { normA: lhs, normUAVt: rhs },
        };
      },
    }),
    withControl(
      spectralNormAtScaleCheck(
        '‖UΣVᵀ‖_RMS = ‖Σ‖_RMS = √(n/m)σ₁ at 2048×1024 in f32 (Householder U, V)',
        AT_SCALE.m,
        AT_SCALE.n,
        AT_SCALE.kappa,
        'rms',
      ),
      '√(n/m)σ₁ → √(m/n)σ₁ (aspect ratio inverted) on the same f32 measurements',
      atScaleControl,
    ),
  ],
  mutants: [
    { name: 'RMS → spectral norm on the right: ‖A‖_RMS = ‖UAVᵀ‖_op', parts: { rhsNorm: 'op' } },
    { name: 'RMS → Frobenius norm on the right: ‖A‖_RMS = ‖UAVᵀ‖_F', parts: { rhsNorm: 'F' } },
    { name: 'added transpose: ‖A‖_RMS = ‖(UAVᵀ)ᵀ‖_RMS', parts: { transposeRhs: true } },
    { name: 'exponent 1 → 2 on the right: ‖A‖_RMS = ‖UAVᵀ‖²_RMS', parts: { rhsExponent: 2 } },
    { name: 'exponent 1 → ½ on the right: ‖A‖_RMS = ‖UAVᵀ‖^{1/2}_RMS', parts: { rhsExponent: 0.5 } },
    {
      name: 'dropped transpose: UAV instead of UAVᵀ',
      parts: { rightFactor: 'V' },
      equivalent: 'V is orthogonal exactly when Vᵀ is: ‖A‖_RMS = ‖UAV‖_RMS is the same theorem with V renamed Vᵀ',
    },
    {
      name: 'dropped U: ‖A‖_RMS = ‖AVᵀ‖_RMS',
      parts: { leftFactor: 'I' },
      equivalent: 'U = I is an orthogonal matrix, so this is an instance of the statement (one-sided invariance)',
    },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: '‖M‖_RMS = √(n/m)σ_max(M)',
        backend: 'ml-matrix-f64',
        arbitrary: anyMatrix,
        numRuns: 100,
        size: sizeOf,
        show: showMatrixCase,
        measure: (c) => {
          const M = toMatrix(c);
          const d = rmsOperatorNormByDefinition(M).norm,
            f = rmsOperatorNorm(M);
          return {
            value: Math.abs(d - f),
            tolerance: tolOf(M, f, '√(n/m)σ_max(M)'),
            detail: { byDefinition: d, formula: f },
          };
        },
      }),
    ),
    step(
      'numeric',
      svdOfBStep('B = UAVᵀ = (UL)S(RV)ᵀ', (R, V) => R.mmul(V)),
    ),
    step(
      'numeric',
      forAll({
        name: 'UL and RV are orthogonal',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 100,
        size,
        show,
        measure: ({ a, U, V }) => {
          const { U: L, V: R } = fullSvd(toMatrix(a));
          const UL = U.mmul(L),
            RV = R.mmul(V);
          const dev = Math.max(
            T(UL).mmul(UL).sub(Matrix.eye(UL.rows)).norm('frobenius'),
            T(RV).mmul(RV).sub(Matrix.eye(RV.rows)).norm('frobenius'),
          );
          return { value: dev, tolerance: tolOf(toMatrix(a)) };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'σ_max(A) = S₁₁ = σ_max(B)',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 100,
        size,
        show,
        measure: ({ a, U, V }) => {
          const A = toMatrix(a);
          const s11 = fullSvd(A).s[0],
            sb = spectralNorm(B_of(A, U, V));
          return { value: Math.abs(s11 - sb), tolerance: tolOf(A, s11, 'S₁₁'), detail: { S11: s11, sigmaMaxB: sb } };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖A‖_RMS = √(n/m)σ_max(A) = √(n/m)σ_max(B) = ‖B‖_RMS',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 100,
        size,
        show,
        measure: ({ a, U, V }) => {
          const A = toMatrix(a),
            B = B_of(A, U, V),
            c = Math.sqrt(A.columns / A.rows);
          const chain = [
            rmsOperatorNormByDefinition(A).norm,
            c * spectralNorm(A),
            c * spectralNorm(B),
            rmsOperatorNormByDefinition(B).norm,
          ];
          return {
            value: Math.max(...chain) - Math.min(...chain),
            tolerance: tolOf(A, chain[1], '√(n/m)σ_max(A)'),
            detail: { chain },
          };
        },
      }),
    ),
  ],
  corrected: [svdOfBStep('step 2 corrected: B = UAVᵀ = (UL)S(VR)ᵀ', (R, V) => V.mmul(R))],
});
