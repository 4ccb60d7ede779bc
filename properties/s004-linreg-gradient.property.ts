import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  asMatrices,
  centralDifferenceError,
  directionFromSeed,
  forAll,
  frobeniusInner,
  frobeniusNorm,
  problemSize,
  regressionProblems,
  relative,
  showProblem,
  step,
  verifyClaim,
} from '../src/claim.js';
import type { RegressionProblem } from '../src/claim.js';

const loss = (X: Matrix, W: Matrix, Y: Matrix) => {
  const R = Y.clone().sub(X.mmul(W));
  return frobeniusInner(R, R);
};
/**
 * The gradient formula coefficient·Xᵀ(gramTerm·XW − crossTerm·Y) as a function of its parts; as written
 * 2Xᵀ(XW − Y) (gramTerm = crossTerm = 1).
 */
interface Parts extends Record<string, unknown> {
  /** The factor in front (2 as written; 1 drops the derivative of the square, −2 flips the sign). */
  coefficient: number;
  /** Weight of XᵀXW relative to XᵀY (½ is the slip d/dW tr(WᵀXᵀXW) = XᵀXW instead of 2XᵀXW). */
  gramTerm: number;
  /** Weight of Y in the residual (0 drops Y, 2 double-counts the cross term −2tr(WᵀXᵀY)). */
  crossTerm: number;
}
const PARTS: Parts = { coefficient: 2, gramTerm: 1, crossTerm: 1 };
/** As written Xᵀ((XW)·1 − Y·1)·2: multiplying by 1 is exact, so this is 2Xᵀ(XW − Y) with the same roundings. */
const docGradient = (X: Matrix, W: Matrix, Y: Matrix, p: Parts = PARTS) =>
  X.transpose()
    .mmul(X.mmul(W).mul(p.gramTerm).sub(Y.clone().mul(p.crossTerm)))
    .mul(p.coefficient);
const trace = (A: Matrix) => A.trace();
/** Size of the quantities entering L: every rounding error is relative to (‖Y‖ + ‖X‖‖W‖)². */
const lossScale = (X: Matrix, W: Matrix, Y: Matrix) => (frobeniusNorm(Y) + frobeniusNorm(X) * frobeniusNorm(W)) ** 2;
const nOps = (X: Matrix, W: Matrix) => X.rows * W.columns * (X.columns + 2);
/** Rounding of L within distance r of W: 30 × N·D·(d+2) × u64 × (‖Y‖ + ‖X‖(‖W‖ + r))² (N·D·(d+2) operations). */
const lossRounding = (X: Matrix, W: Matrix, Y: Matrix, r: number) =>
  relative({
    n: nOps(X, W),
    scale: (frobeniusNorm(Y) + frobeniusNorm(X) * (frobeniusNorm(W) + r)) ** 2,
    scaleName: '(‖Y‖+‖X‖(‖W‖+r))² (n = N·D·(d+2) operations)',
  });
/** Rounding of L at W itself: 30 × N·D·(d+2) × u64 × (‖Y‖ + ‖X‖‖W‖)². */
const lossAtW = (X: Matrix, W: Matrix, Y: Matrix) =>
  relative({ n: nOps(X, W), scale: lossScale(X, W, Y), scaleName: '(‖Y‖+‖X‖‖W‖)² (n = N·D·(d+2) operations)' });

// L is exactly quadratic in W, so the central difference has NO truncation error for any h; only rounding
// remains: ≈ u64·(#operations)·(‖Y‖ + ‖X‖(‖W‖ + h))²/h. h = 1/4 keeps that small and the evaluation exact-ish.
const H = 0.25;
/** Central difference at step H: truncation 0 (L‴ = 0), cancellation = the rounding of L near W over h; × `safety`. */
function fdTolerance(X: Matrix, W: Matrix, Y: Matrix, safety = 1, why = '') {
  const rounding = lossRounding(X, W, Y, H);
  return centralDifferenceError({
    h: H,
    truncation: 0,
    roundoff: rounding.bound / H,
    safety,
    how: `truncation 0: L is quadratic, L‴ = 0; cancellation = ${rounding.reason} / h${why}`,
  });
}

const withDirection = fc.tuple(regressionProblems(), fc.integer({ min: 1, max: 2 ** 31 - 1 }));

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (parts: Parts) => [
    forAll({
      name: '∇_W‖Y − XW‖_F² = 2Xᵀ(XW − Y): directional central difference along a random unit E',
      backend: 'ml-matrix-f64',
      arbitrary: withDirection,
      numRuns: 150,
      size: ([p]) => problemSize(p),
      show: ([p, seed]) => ({ ...showProblem(p), directionSeed: seed }),
      measure: ([p, seed]: [RegressionProblem, number]) => {
        const { X, W, Y } = asMatrices(p);
        const E = directionFromSeed(W.rows, W.columns, seed);
        const fd =
          (loss(X, W.clone().add(E.clone().mul(H)), Y) - loss(X, W.clone().sub(E.clone().mul(H)), Y)) / (2 * H);
        const exact = frobeniusInner(docGradient(X, W, Y, parts), E);
        return { value: Math.abs(fd - exact), tolerance: fdTolerance(X, W, Y), detail: { fd, formula: exact } };
      },
    }),
    forAll({
      name: 'exact expansion on integer data: L(W+E) − L(W) − ‖XE‖² = ⟨2Xᵀ(XW − Y), E⟩ for every integer E',
      backend: 'ml-matrix-f64',
      arbitrary: regressionProblems().chain((p) =>
        fc.tuple(
          fc.constant(p),
          fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: p.W[0].length, maxLength: p.W[0].length }), {
            minLength: p.W.length,
            maxLength: p.W.length,
          }),
        ),
      ),
      numRuns: 150,
      size: ([p]) => problemSize(p),
      show: ([p, E]) => ({ ...showProblem(p), E }),
      measure: ([p, e]: [RegressionProblem, number[][]]) => {
        const { X, W, Y } = asMatrices(p);
        const E = new Matrix(e);
        const XE = X.mmul(E);
        const lhs = loss(X, W.clone().add(E), Y) - loss(X, W, Y) - frobeniusInner(XE, XE);
        const rhs = frobeniusInner(docGradient(X, W, Y, parts), E);
        // Exact for integer X; for spectral X the products round: the rounding of L within ‖E‖ of W.
        return { value: Math.abs(lhs - rhs), tolerance: lossRounding(X, W, Y, frobeniusNorm(E)), detail: { lhs, rhs } };
      },
    }),
  ],
  mutants: [
    { name: '2 → 1 (dropped factor 2: Xᵀ(XW − Y))', parts: { coefficient: 1 } },
    { name: 'flipped sign: 2Xᵀ(Y − XW)', parts: { coefficient: -2 } },
    { name: 'dropped Y: 2XᵀXW', parts: { crossTerm: 0 } },
    { name: 'cross term doubled: 2Xᵀ(XW − 2Y)', parts: { crossTerm: 2 } },
    { name: 'd/dW tr(WᵀXᵀXW) taken as XᵀXW: XᵀXW − 2XᵀY (gram coefficient 1 → ½)', parts: { gramTerm: 0.5 } },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: '‖Y − XW‖_F² = tr((Y − XW)ᵀ(Y − XW))',
        backend: 'ml-matrix-f64',
        arbitrary: regressionProblems(),
        numRuns: 100,
        size: problemSize,
        show: showProblem,
        measure: (p: RegressionProblem) => {
          const { X, W, Y } = asMatrices(p);
          const R = Y.clone().sub(X.mmul(W));
          return { value: Math.abs(loss(X, W, Y) - trace(R.transpose().mmul(R))), tolerance: lossAtW(X, W, Y) };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'tr((Y − XW)ᵀ(Y − XW)) = tr(YᵀY) − 2tr(WᵀXᵀY) + tr(WᵀXᵀXW)',
        backend: 'ml-matrix-f64',
        arbitrary: regressionProblems(),
        numRuns: 100,
        size: problemSize,
        show: showProblem,
        measure: (p: RegressionProblem) => {
          const { X, W, Y } = asMatrices(p);
          const rhs =
            trace(Y.transpose().mmul(Y)) -
            2 * trace(W.transpose().mmul(X.transpose()).mmul(Y)) +
            trace(W.transpose().mmul(X.transpose()).mmul(X).mmul(W));
          return { value: Math.abs(loss(X, W, Y) - rhs), tolerance: lossAtW(X, W, Y) };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '∇_W[tr(YᵀY) − 2tr(WᵀXᵀY) + tr(WᵀXᵀXW)] = −2XᵀY + 2XᵀXW (entrywise central differences)',
        backend: 'ml-matrix-f64',
        arbitrary: regressionProblems(),
        numRuns: 100,
        size: problemSize,
        show: showProblem,
        measure: (p: RegressionProblem) => {
          const { X, W, Y } = asMatrices(p);
          const f = (V: Matrix) =>
            trace(Y.transpose().mmul(Y)) -
            2 * trace(V.transpose().mmul(X.transpose()).mmul(Y)) +
            trace(V.transpose().mmul(X.transpose()).mmul(X).mmul(V));
          const G = new Matrix(W.rows, W.columns);
          for (let i = 0; i < W.rows; i++)
            for (let j = 0; j < W.columns; j++) {
              const Wp = W.clone(),
                Wm = W.clone();
              Wp.set(i, j, W.get(i, j) + H);
              Wm.set(i, j, W.get(i, j) - H);
              G.set(i, j, (f(Wp) - f(Wm)) / (2 * H));
            }
          const rhs = X.transpose().mmul(Y).mul(-2).add(X.transpose().mmul(X).mmul(W).mul(2));
          const residual = frobeniusNorm(G.clone().sub(rhs));
          // Each of the dD entries is one central difference: the Frobenius norm of their errors is ≤ √(dD) × the per-entry bound.
          const tol = fdTolerance(
            X,
            W,
            Y,
            Math.sqrt(W.rows * W.columns),
            '; safety √(dD): the Frobenius norm over dD entries, each within the per-entry bound',
          );
          return {
            value: residual,
            tolerance: tol,
            detail: { relativeResidual: residual / Math.max(frobeniusNorm(rhs), Number.MIN_VALUE) },
          };
        },
      }),
    ),
  ],
});
