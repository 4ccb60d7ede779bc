import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  asMatrices,
  centralDifferenceError,
  forAll,
  frobeniusInner,
  frobeniusNorm,
  kron,
  matrices,
  problemSize,
  regressionProblems,
  relative,
  showMatrixCase,
  showProblem,
  sizeOf,
  step,
  substance,
  symmetricEigen,
  tolerance,
  toMatrix,
  vec,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase, Measurement, RegressionProblem, Tolerance } from '../src/claim.js';

const sq = (A: Matrix) => frobeniusInner(A, A);
const ones = (n: number) => Matrix.ones(n, 1);
const scale = (X: Matrix, W: Matrix, Y: Matrix) => (frobeniusNorm(Y) + frobeniusNorm(X) * frobeniusNorm(W)) ** 2;
/** The same N·D·(d+2) products summed in a different order: 30 × N·D·(d+2) × u64 × (‖Y‖ + ‖X‖‖W‖)². */
const reorderedSums = (X: Matrix, W: Matrix, Y: Matrix) =>
  relative({
    n: X.rows * W.columns * (X.columns + 2),
    scale: scale(X, W, Y),
    scaleName: '(‖Y‖+‖X‖‖W‖)² (n = N·D·(d+2): the same products summed in a different order)',
  });

/** ‖Y − XW‖_F² against ‖vec(Y) − A vec(W)‖₂² for A built from X and D; a shape mismatch refutes the identity. */
function vecIdentity(name: string, operator: (X: Matrix, D: number) => Matrix, operatorName: string) {
  return forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: regressionProblems(),
    numRuns: 150,
    size: problemSize,
    show: showProblem,
    measure: (p: RegressionProblem): Measurement => {
      const { X, W, Y } = asMatrices(p);
      const A = operator(X, W.columns),
        vW = vec(W),
        vY = vec(Y);
      const tolerance = reorderedSums(X, W, Y);
      if (A.columns !== vW.rows || A.rows !== vY.rows) {
        const reason = `${operatorName} is ${A.rows}×${A.columns} but vec(W) has ${vW.rows} rows and vec(Y) ${vY.rows}: the product is undefined`;
        return { value: Infinity, tolerance, infinite: reason, detail: { reason } };
      }
      const lhs = sq(Y.clone().sub(X.mmul(W))),
        rhs = sq(vY.clone().sub(A.mmul(vW)));
      return { value: Math.abs(lhs - rhs), tolerance, detail: { lhs, rhs } };
    },
  });
}

/**
 * λ_min of a symmetric matrix against the level below which f64 cannot tell it from 0: the eigensolver is
 * backward stable (eigenvalues move by ≲ n·u64·‖H‖₂), so 30 × n × u64 × λ_max is the numerical zero.
 */
function smallestEigen(H: Matrix): { lmin: number; lmax: number; zero: Tolerance } {
  const ev = symmetricEigen(H.clone()).values;
  const lmax = Math.max(...ev.map(Math.abs));
  const level = relative({ n: H.rows, scale: Math.max(lmax, Number.MIN_VALUE), scaleName: 'λ_max(H)' });
  return {
    lmin: ev[0],
    lmax,
    zero: tolerance(
      level.bound,
      `numerical zero of a symmetric eigensolver (backward stable: eigenvalues move by ≲ n·u64·‖H‖₂): ${level.reason}; positive definite iff λ_min exceeds it, singular iff |λ_min| is below it`,
    ),
  };
}

function hessianCheck(
  name: string,
  xs: fc.Arbitrary<MatrixCase>,
  operator: (X: Matrix, D: number) => Matrix,
  want: 'pd' | 'psd' | 'singular',
) {
  return forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: fc.tuple(xs, fc.integer({ min: 1, max: 3 })),
    numRuns: 120,
    size: ([c]) => sizeOf(c),
    show: ([c, D]) => ({ X: showMatrixCase(c), D }),
    measure: ([c, D]): Measurement => {
      const A = operator(toMatrix(c), D);
      const H = A.transpose().mmul(A).mul(2);
      const { lmin, lmax, zero } = smallestEigen(H);
      const detail = {
        hessianSize: `${H.rows}×${H.columns}`,
        lambdaMin: lmin,
        lambdaMax: lmax,
        numericalZero: zero.bound,
      };
      if (want === 'pd') return { value: lmin, tolerance: zero, relation: '>=', detail };
      if (want === 'psd')
        return {
          value: lmin,
          tolerance: tolerance(-zero.bound, `positive semidefinite: λ_min ≥ −(numerical zero); ${zero.reason}`),
          relation: '>=',
          detail,
        };
      return { value: Math.abs(lmin), tolerance: zero, detail };
    },
  });
}

const literalA = (X: Matrix, D: number) => kron(ones(D), X);
const identityA = (X: Matrix, D: number) => kron(Matrix.eye(D), X);

/** Every shape and rank of X (N ≤ 4, d ≤ 3), as the statement has no rank condition. */
const anyX = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 3 }, rank: 'any', maxLogKappa: 2 });

verifyClaim(import.meta.url, {
  checks: [
    vecIdentity('‖Y − XW‖_F² = ‖vec(Y) − (1_D ⊗ X)vec(W)‖₂², 1_D the all-ones vector', literalA, '1_D ⊗ X'),
    hessianCheck(
      'Hessian 2AᵀA of ‖vec(Y) − A vec(W)‖², A = 1_D ⊗ X, is positive definite (any X)',
      anyX,
      literalA,
      'pd',
    ),
  ],
  // Wrong in substance: the operator is I_D ⊗ X, and its Hessian is only semidefinite (definite iff rank X = d).
  failure: substance({
    checks: {
      '‖Y − XW‖_F² = ‖vec(Y) − (1_D ⊗ X)vec(W)‖₂², 1_D the all-ones vector': vecIdentity(
        '‖Y − XW‖_F² = ‖vec(Y) − (I_D ⊗ X)vec(W)‖₂² (same problems)',
        identityA,
        'I_D ⊗ X',
      ),
      'Hessian 2AᵀA of ‖vec(Y) − A vec(W)‖², A = 1_D ⊗ X, is positive definite (any X)': hessianCheck(
        'Hessian 2(I_D ⊗ X)ᵀ(I_D ⊗ X) = 2 I_D ⊗ XᵀX is positive semidefinite (any X, same cases): L is convex',
        anyX,
        identityA,
        'psd',
      ),
    },
  }),
  steps: [
    step(
      'numeric',
      forAll({
        name: '‖Y − XW‖_F² = ‖vec(Y − XW)‖₂²',
        backend: 'ml-matrix-f64',
        arbitrary: regressionProblems(),
        numRuns: 100,
        size: problemSize,
        show: showProblem,
        measure: (p: RegressionProblem) => {
          const { X, W, Y } = asMatrices(p);
          const R = Y.clone().sub(X.mmul(W));
          return { value: Math.abs(sq(R) - sq(vec(R))), tolerance: reorderedSums(X, W, Y) };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'f(x) = ‖y − Ax‖₂² has Hessian 2AᵀA (second central differences, h = 1/4)',
        backend: 'ml-matrix-f64',
        arbitrary: fc.tuple(
          matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 3 }, maxLogKappa: 2 }),
          fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        ),
        numRuns: 100,
        size: ([c]) => sizeOf(c),
        show: ([c, s]) => ({ A: showMatrixCase(c), seed: s }),
        measure: ([c, s]) => {
          const A = toMatrix(c);
          const n = A.columns,
            h = 0.25;
          const y = Matrix.columnVector(Array.from({ length: A.rows }, (_, i) => ((s >> i) % 5) - 2));
          const x = Matrix.columnVector(Array.from({ length: n }, (_, i) => ((s >> (2 * i + 7)) % 5) - 2));
          const f = (v: Matrix) => sq(y.clone().sub(A.mmul(v)));
          const at = (i: number, a: number, j: number, b: number) => {
            const v = x.clone();
            v.set(i, 0, v.get(i, 0) + a * h);
            v.set(j, 0, v.get(j, 0) + b * h);
            return f(v);
          };
          let worst = 0;
          const H = A.transpose().mmul(A).mul(2);
          for (let i = 0; i < n; i++)
            for (let j = 0; j < n; j++) {
              const fd = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * h * h);
              worst = Math.max(worst, Math.abs(fd - H.get(i, j)));
            }
          // f is quadratic: the 4-point second difference has no truncation error; only the rounding of f within 2h of x, over h².
          const rounding = relative({
            n: (n + 2) * A.rows,
            scale: (frobeniusNorm(y) + frobeniusNorm(A) * (frobeniusNorm(x) + 2 * h)) ** 2,
            scaleName: '(‖y‖+‖A‖(‖x‖+2h))²',
          });
          const fd = centralDifferenceError({
            h,
            truncation: 0,
            roundoff: rounding.bound / (h * h),
            safety: 1,
            how: `4-point second difference per entry; truncation 0: f is quadratic; cancellation = ${rounding.reason} / h²`,
          });
          return { value: worst, tolerance: fd };
        },
      }),
    ),
  ],
  corrected: [
    vecIdentity('‖Y − XW‖_F² = ‖vec(Y) − (I_D ⊗ X)vec(W)‖₂²', identityA, 'I_D ⊗ X'),
    hessianCheck(
      'Hessian 2(I_D ⊗ XᵀX) is positive definite when X has full column rank',
      matrices({
        rows: { min: 1, max: 4 },
        cols: { min: 1, max: 3 },
        shape: 'tall-or-square',
        rank: 'full',
        maxLogKappa: 2,
      }),
      identityA,
      'pd',
    ),
    hessianCheck(
      '… and singular (only semidefinite) when X is column-rank deficient',
      matrices({ rows: { min: 1, max: 4 }, cols: { min: 2, max: 3 }, rank: 'deficient', maxLogKappa: 2 }),
      identityA,
      'singular',
    ),
  ],
});
