import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { asMatrices, directionFromSeed, forAll, frobeniusInner, frobeniusNorm, matrixResidual, problemSize, regressionProblems, showProblem, step, UNIT_ROUNDOFF_F64, verifyClaim } from '../src/claim.js';
import type { RegressionProblem } from '../src/claim.js';

const loss = (X: Matrix, W: Matrix, Y: Matrix) => { const R = Y.clone().sub(X.mmul(W)); return frobeniusInner(R, R); };
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
  X.transpose().mmul(X.mmul(W).mul(p.gramTerm).sub(Y.clone().mul(p.crossTerm))).mul(p.coefficient);
const trace = (A: Matrix) => A.trace();
/** Size of the quantities entering L: every rounding error is relative to (‖Y‖ + ‖X‖‖W‖)². */
const lossScale = (X: Matrix, W: Matrix, Y: Matrix) => (frobeniusNorm(Y) + frobeniusNorm(X) * frobeniusNorm(W)) ** 2;
const nOps = (X: Matrix, W: Matrix) => X.rows * W.columns * (X.columns + 2);

// L is exactly quadratic in W, so the central difference has NO truncation error for any h; only rounding
// remains: ≈ u64·(#operations)·(‖Y‖ + ‖X‖(‖W‖ + h))²/h. h = 1/4 keeps that small and the evaluation exact-ish.
const H = 0.25;
const FD_REASON = 'central difference, h = 1/4: truncation error 0 (L is quadratic, L‴ = 0); rounding ≤ 30·N·D·(d+2)·u64·(‖Y‖+‖X‖(‖W‖+h))²/h';

const withDirection = fc.tuple(regressionProblems(), fc.integer({ min: 1, max: 2 ** 31 - 1 }));

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (parts: Parts) => [
    forAll({
      name: '∇_W‖Y − XW‖_F² = 2Xᵀ(XW − Y): directional central difference along a random unit E', backend: 'ml-matrix-f64',
      arbitrary: withDirection, numRuns: 150, size: ([p]) => problemSize(p), show: ([p, seed]) => ({ ...showProblem(p), directionSeed: seed }),
      toleranceReason: FD_REASON,
      measure: ([p, seed]: [RegressionProblem, number]) => {
        const { X, W, Y } = asMatrices(p);
        const E = directionFromSeed(W.rows, W.columns, seed);
        const fd = (loss(X, W.clone().add(E.clone().mul(H)), Y) - loss(X, W.clone().sub(E.clone().mul(H)), Y)) / (2 * H);
        const exact = frobeniusInner(docGradient(X, W, Y, parts), E);
        const bound = (30 * nOps(X, W) * UNIT_ROUNDOFF_F64 * (frobeniusNorm(Y) + frobeniusNorm(X) * (frobeniusNorm(W) + H)) ** 2) / H;
        return { value: Math.abs(fd - exact), bound, detail: { fd, formula: exact } };
      },
    }),
    forAll({
      name: 'exact expansion on integer data: L(W+E) − L(W) − ‖XE‖² = ⟨2Xᵀ(XW − Y), E⟩ for every integer E', backend: 'ml-matrix-f64',
      arbitrary: regressionProblems().chain((p) => fc.tuple(fc.constant(p), fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: p.W[0].length, maxLength: p.W[0].length }), { minLength: p.W.length, maxLength: p.W.length }))),
      numRuns: 150, size: ([p]) => problemSize(p), show: ([p, E]) => ({ ...showProblem(p), E }),
      toleranceReason: '30·N·D·(d+2)·u64·(‖Y‖ + ‖X‖(‖W‖+‖E‖))²: exact for integer X (spectral X round)',
      measure: ([p, e]: [RegressionProblem, number[][]]) => {
        const { X, W, Y } = asMatrices(p);
        const E = new Matrix(e);
        const XE = X.mmul(E);
        const lhs = loss(X, W.clone().add(E), Y) - loss(X, W, Y) - frobeniusInner(XE, XE);
        const rhs = frobeniusInner(docGradient(X, W, Y, parts), E);
        const bound = 30 * nOps(X, W) * UNIT_ROUNDOFF_F64 * (frobeniusNorm(Y) + frobeniusNorm(X) * (frobeniusNorm(W) + frobeniusNorm(E))) ** 2;
        return { value: Math.abs(lhs - rhs), bound, detail: { lhs, rhs } };
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
    step('numeric', forAll({
      name: '‖Y − XW‖_F² = tr((Y − XW)ᵀ(Y − XW))', backend: 'ml-matrix-f64', arbitrary: regressionProblems(), numRuns: 100,
      size: problemSize, show: showProblem, toleranceReason: '30·N·D·(d+2)·u64·(‖Y‖+‖X‖‖W‖)²',
      measure: (p: RegressionProblem) => {
        const { X, W, Y } = asMatrices(p);
        const R = Y.clone().sub(X.mmul(W));
        return { value: Math.abs(loss(X, W, Y) - trace(R.transpose().mmul(R))), bound: 30 * nOps(X, W) * UNIT_ROUNDOFF_F64 * lossScale(X, W, Y) };
      },
    })),
    step('numeric', forAll({
      name: 'tr((Y − XW)ᵀ(Y − XW)) = tr(YᵀY) − 2tr(WᵀXᵀY) + tr(WᵀXᵀXW)', backend: 'ml-matrix-f64', arbitrary: regressionProblems(), numRuns: 100,
      size: problemSize, show: showProblem, toleranceReason: '30·N·D·(d+2)·u64·(‖Y‖+‖X‖‖W‖)²',
      measure: (p: RegressionProblem) => {
        const { X, W, Y } = asMatrices(p);
        const rhs = trace(Y.transpose().mmul(Y)) - 2 * trace(W.transpose().mmul(X.transpose()).mmul(Y)) + trace(W.transpose().mmul(X.transpose()).mmul(X).mmul(W));
        return { value: Math.abs(loss(X, W, Y) - rhs), bound: 30 * nOps(X, W) * UNIT_ROUNDOFF_F64 * lossScale(X, W, Y) };
      },
    })),
    step('numeric', forAll({
      name: '∇_W[tr(YᵀY) − 2tr(WᵀXᵀY) + tr(WᵀXᵀXW)] = −2XᵀY + 2XᵀXW (entrywise central differences)', backend: 'ml-matrix-f64',
      arbitrary: regressionProblems(), numRuns: 100, size: problemSize, show: showProblem, toleranceReason: FD_REASON + ', × √(dD) for the Frobenius norm over dD entries',
      measure: (p: RegressionProblem) => {
        const { X, W, Y } = asMatrices(p);
        const f = (V: Matrix) => trace(Y.transpose().mmul(Y)) - 2 * trace(V.transpose().mmul(X.transpose()).mmul(Y)) + trace(V.transpose().mmul(X.transpose()).mmul(X).mmul(V));
        const G = new Matrix(W.rows, W.columns);
        for (let i = 0; i < W.rows; i++) for (let j = 0; j < W.columns; j++) {
          const Wp = W.clone(), Wm = W.clone();
          Wp.set(i, j, W.get(i, j) + H); Wm.set(i, j, W.get(i, j) - H);
          G.set(i, j, (f(Wp) - f(Wm)) / (2 * H));
        }
        const rhs = X.transpose().mmul(Y).mul(-2).add(X.transpose().mmul(X).mmul(W).mul(2));
        const bound = (30 * nOps(X, W) * UNIT_ROUNDOFF_F64 * (frobeniusNorm(Y) + frobeniusNorm(X) * (frobeniusNorm(W) + H)) ** 2) / H;
        const r = matrixResidual(() => G, () => rhs, Infinity);
        return { value: frobeniusNorm(G.clone().sub(rhs)), bound: bound * Math.sqrt(W.rows * W.columns), detail: r.detail };
      },
    })),
  ],
});
