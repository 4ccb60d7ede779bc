import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { verifyClaim } from '../src/verify/verifyClaim.js';
import { forAll } from '../src/verify/checks/forAll.js';
import { step } from '../src/verify/checks/compute.js';
import { matrixResidual } from '../src/verify/checks/matrixIdentity.js';
import { asMatrices, problemSize, regressionProblems, showProblem, type RegressionProblem } from '../src/arbitraries/linearRegressionProblems.js';
import { directionFromSeed } from '../src/arbitraries/matrices.js';
import { frobeniusInner, frobeniusNorm } from '../src/linalg/norms.js';
import { UNIT_ROUNDOFF_F64 } from '../src/verify/tolerance.js';

const loss = (X: Matrix, W: Matrix, Y: Matrix) => { const R = Y.clone().sub(X.mmul(W)); return frobeniusInner(R, R); };
const docGradient = (X: Matrix, W: Matrix, Y: Matrix) => X.transpose().mmul(X.mmul(W).sub(Y)).mul(2);
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
  checks: [
    forAll({
      name: '∇_W‖Y − XW‖_F² = 2Xᵀ(XW − Y): directional central difference along a random unit E', backend: 'ml-matrix-f64',
      arbitrary: withDirection, numRuns: 150, size: ([p]) => problemSize(p), show: ([p, seed]) => ({ ...showProblem(p), directionSeed: seed }),
      toleranceReason: FD_REASON,
      measure: ([p, seed]: [RegressionProblem, number]) => {
        const { X, W, Y } = asMatrices(p);
        const E = directionFromSeed(W.rows, W.columns, seed);
        const fd = (loss(X, W.clone().add(E.clone().mul(H)), Y) - loss(X, W.clone().sub(E.clone().mul(H)), Y)) / (2 * H);
        const exact = frobeniusInner(docGradient(X, W, Y), E);
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
        const rhs = frobeniusInner(docGradient(X, W, Y), E);
        const bound = 30 * nOps(X, W) * UNIT_ROUNDOFF_F64 * (frobeniusNorm(Y) + frobeniusNorm(X) * (frobeniusNorm(W) + frobeniusNorm(E))) ** 2;
        return { value: Math.abs(lhs - rhs), bound, detail: { lhs, rhs } };
      },
    }),
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
