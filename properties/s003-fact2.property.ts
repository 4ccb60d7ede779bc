import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  forAll,
  frobeniusInner,
  frobeniusNorm,
  matrices,
  orthogonalMatrices,
  relative,
  showMatrixCase,
  step,
  toMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase } from '../src/claim.js';

// A, B any m×n up to 4×4 (B an independent draw of the same shape), U ∈ O(m), V ∈ O(n): signed
// permutations (shrink target) or Haar.
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
interface Case {
  a: MatrixCase;
  b: MatrixCase;
  U: Matrix;
  V: Matrix;
}
const cases: fc.Arbitrary<Case> = anyMatrix.chain((a) =>
  fc.record({
    a: fc.constant(a),
    b: matrices({
      rows: { min: a.rows, max: a.rows },
      cols: { min: a.cols, max: a.cols },
      rank: 'any',
      maxLogKappa: 3,
    }),
    U: orthogonalMatrices(a.rows),
    V: orthogonalMatrices(a.cols),
  }),
);
const show = (c: Case) => ({ A: showMatrixCase(c.a), B: showMatrixCase(c.b), U: c.U.to2DArray(), V: c.V.to2DArray() });
const size = (c: Case): [number, number] => [c.a.rows, c.a.cols];
// Traces of products of ≤ 5 factors of size ≤ 4, each entry a dot product: error ≤ 30·n·u64 relative to ‖A‖_F‖B‖_F.
const tol = (c: Case, scale: number, scaleName: string) =>
  relative({
    n: Math.max(c.a.rows, c.a.cols),
    nName: 'max(m,n)',
    growth: 1,
    growthName: 'orthogonal factors (norm 1)',
    scale,
    scaleName,
  });
const tr = (M: Matrix) => M.trace();
const scale = (A: Matrix, B: Matrix) => Math.max(frobeniusNorm(A) * frobeniusNorm(B), Number.MIN_VALUE);

function traceCheck(
  name: string,
  lhs: (A: Matrix, B: Matrix, U: Matrix, V: Matrix) => number,
  rhs: (A: Matrix, B: Matrix, U: Matrix, V: Matrix) => number,
) {
  return forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: cases,
    numRuns: 150,
    size,
    show,
    measure: (c) => {
      const A = toMatrix(c.a),
        B = toMatrix(c.b);
      const l = lhs(A, B, c.U, c.V),
        r = rhs(A, B, c.U, c.V);
      return { value: Math.abs(l - r), tolerance: tol(c, scale(A, B), '‖A‖_F‖B‖_F'), detail: { lhs: l, rhs: r } };
    },
  });
}
const T = (M: Matrix) => M.transpose();

/**
 * The statement ⟨UAVᵀ, UBVᵀ⟩ = sign·⟨A, B⟩ as a function of its parts: the factors applied to B (A always
 * gets U on the left and Vᵀ on the right) and the sign. As written: U and Vᵀ on both, sign +1.
 */
interface Parts extends Record<string, unknown> {
  /** Left factor on B: U (as written), Uᵀ, or none. */
  leftOnB: 'U' | 'Uᵀ' | 'I';
  /** Right factor on B: Vᵀ (as written), V, or none. */
  rightOnB: 'Vᵀ' | 'V' | 'I';
  /** Right factor on A: Vᵀ (as written) or V. */
  rightOnA: 'Vᵀ' | 'V';
  sign: number;
}
const PARTS: Parts = { leftOnB: 'U', rightOnB: 'Vᵀ', rightOnA: 'Vᵀ', sign: 1 };
const left = (U: Matrix, which: Parts['leftOnB'], X: Matrix) =>
  which === 'U' ? U.mmul(X) : which === 'Uᵀ' ? T(U).mmul(X) : X;
const right = (X: Matrix, V: Matrix, which: Parts['rightOnB']) =>
  which === 'Vᵀ' ? X.mmul(T(V)) : which === 'V' ? X.mmul(V) : X;

verifyClaim(import.meta.url, {
  parts: PARTS,
  // As written: frobeniusInner(U·A·Vᵀ, U·B·Vᵀ) against 1·⟨A, B⟩ (exact), i.e. the same products as always.
  checks: (p: Parts) => [
    traceCheck(
      '⟨UAVᵀ, UBVᵀ⟩ = ⟨A, B⟩ for orthogonal U, V',
      (A, B, U, V) => frobeniusInner(right(U.mmul(A), V, p.rightOnA), right(left(U, p.leftOnB, B), V, p.rightOnB)),
      (A, B) => p.sign * frobeniusInner(A, B),
    ),
  ],
  mutants: [
    { name: 'Uᵀ instead of U on B (different left factors)', parts: { leftOnB: 'Uᵀ' } },
    { name: 'dropped U on B: ⟨UAVᵀ, BVᵀ⟩', parts: { leftOnB: 'I' } },
    { name: 'dropped transpose on B only: ⟨UAVᵀ, UBV⟩', parts: { rightOnB: 'V' } },
    { name: 'dropped V on B: ⟨UAVᵀ, UB⟩', parts: { rightOnB: 'I' } },
    { name: 'flipped sign: = −⟨A, B⟩', parts: { sign: -1 } },
    {
      name: 'dropped transpose on both sides: ⟨UAV, UBV⟩',
      parts: { rightOnA: 'V', rightOnB: 'V' },
      equivalent: 'V is orthogonal exactly when Vᵀ is, so ⟨UAV, UBV⟩ = ⟨A, B⟩ is the same theorem with V renamed Vᵀ',
    },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: '(UAVᵀ)ᵀ(UBVᵀ) = VAᵀ(UᵀU)BVᵀ',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 100,
        size,
        show,
        measure: (c) => {
          const A = toMatrix(c.a),
            B = toMatrix(c.b),
            { U, V } = c;
          // The residual over ‖A‖_F‖B‖_F, the scale every entry's rounding error is relative to. (A residual
          // relative to ‖VAᵀBVᵀ‖_F = ‖AᵀB‖_F, with the bound rescaled by ‖A‖_F‖B‖_F/‖AᵀB‖_F, is the same
          // inequality — but overflowed to an infinite bound when AᵀB = 0 exactly, e.g. at seed 12.)
          const L = T(U.mmul(A).mmul(T(V))).mmul(U.mmul(B).mmul(T(V)));
          const R = V.mmul(T(A)).mmul(T(U).mmul(U)).mmul(B).mmul(T(V));
          const value = frobeniusNorm(L.clone().sub(R)) / scale(A, B);
          return {
            value,
            tolerance: tol(c, 1, 'residual measured relative to ‖A‖_F‖B‖_F'),
            detail: { residualOverNormAnormB: value },
          };
        },
      }),
    ),
    step(
      'numeric',
      traceCheck(
        'Tr(VAᵀ(UᵀU)BVᵀ) = Tr(VAᵀBVᵀ)',
        (A, B, U, V) => tr(V.mmul(T(A)).mmul(T(U).mmul(U)).mmul(B).mmul(T(V))),
        (A, B, _U, V) => tr(V.mmul(T(A)).mmul(B).mmul(T(V))),
      ),
    ),
    step(
      'numeric',
      traceCheck(
        'Tr(VAᵀBVᵀ) = Tr(AᵀBVᵀV) (cyclic)',
        (A, B, _U, V) => tr(V.mmul(T(A)).mmul(B).mmul(T(V))),
        (A, B, _U, V) => tr(T(A).mmul(B).mmul(T(V)).mmul(V)),
      ),
    ),
    step(
      'numeric',
      traceCheck(
        'Tr(AᵀBVᵀV) = Tr(AᵀB) = ⟨A, B⟩',
        (A, B, _U, V) => tr(T(A).mmul(B).mmul(T(V)).mmul(V)),
        (A, B) => frobeniusInner(A, B),
      ),
    ),
  ],
});
