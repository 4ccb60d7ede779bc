import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  centralDifferenceError,
  directionFromSeed,
  forAll,
  frobeniusInner,
  matrices,
  meanCrossEntropy,
  relative,
  showMatrixCase,
  softmaxRows,
  step,
  tolerance,
  toMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase, Tolerance } from '../src/claim.js';

/** A softmax-regression problem: features X (N×d), weights W (d×K), one-hot labels, and a direction seed. */
interface Problem {
  X: MatrixCase;
  W: number[][];
  labels: number[];
  K: number;
  seed: number;
}
const problems: fc.Arbitrary<Problem> = fc
  .record({
    X: matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 3 }, maxLogKappa: 2 }),
    K: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  })
  .chain(({ X, K, seed }) =>
    fc.record({
      X: fc.constant(X),
      K: fc.constant(K),
      seed: fc.constant(seed),
      W: fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: K, maxLength: K }), {
        minLength: X.cols,
        maxLength: X.cols,
      }),
      labels: fc.array(fc.integer({ min: 0, max: K - 1 }), { minLength: X.rows, maxLength: X.rows }),
    }),
  );
const oneHot = (labels: number[], K: number) => {
  const Y = new Matrix(labels.length, K);
  labels.forEach((k, i) => Y.set(i, k, 1));
  return Y;
};
const show = (p: Problem) => ({ X: showMatrixCase(p.X), W: p.W, labels: p.labels, directionSeed: p.seed });
const size = (p: Problem): [number, number] => [p.X.rows, p.X.cols];

const H = 1e-4;
/**
 * Error bound of a central difference of t ↦ ℓ(Z + tV), ℓ(Z) = (1/N)Σ_i [lse(z_i) − y_i·z_i]:
 * truncation h²·M₃/6 with M₃ = sup|d³/dt³| ≤ (1/N)Σ_i R_i³/4, because the third t-derivative of lse(z_i + t v_i) is the
 * third central moment of v_i under softmax, and |E(v − μ)³| ≤ R_i·Var ≤ R_i·R_i²/4 (Popoviciu) for R_i = max v_i − min v_i (the linear part
 * contributes nothing); rounding ≈ 30·(d+K)·u64·S/h with S = (1/N)Σ_i(max|z_i| + log K + 1), the size of each row's terms.
 * The two terms are the whole bound (safety 1).
 */
function fdBound(Z: Matrix, V: Matrix, d: number): Tolerance {
  let m3 = 0,
    s = 0;
  for (let i = 0; i < Z.rows; i++) {
    const v = V.getRow(i),
      z = Z.getRow(i);
    m3 += (Math.max(...v) - Math.min(...v)) ** 3 / 4;
    s += Math.max(...z.map((x) => Math.abs(x) + H * Math.max(...v.map(Math.abs)))) + Math.log(Z.columns) + 1;
  }
  const rounding = relative({
    n: d + Z.columns,
    scale: s / Z.rows,
    scaleName: 'S = (1/N)Σ_i(max|z_i| + log K + 1) (n = d + K)',
  });
  return centralDifferenceError({
    h: H,
    truncation: (H * H * (m3 / Z.rows)) / 6,
    roundoff: rounding.bound / H,
    safety: 1,
    how: `truncation h²·M₃/6 with M₃ ≤ (1/N)Σ_i R_i³/4 (third central moment of a law on an interval of width R_i is ≤ R_i·R_i²/4 by Popoviciu; R_i = range of the direction on row i); cancellation = ${rounding.reason} / h`,
  });
}

/** ℓ(Z) = mean cross-entropy as a function of the logits Z directly. */
const lossOfLogits = (Z: Matrix, Y: Matrix) => meanCrossEntropy(Matrix.eye(Z.rows), Z, Y);
const centralDiff = (f: (t: number) => number) => (f(H) - f(-H)) / (2 * H);
const setup = (p: Problem) => {
  const X = toMatrix(p.X),
    W = new Matrix(p.W),
    Y = oneHot(p.labels, p.K);
  return { X, W, Y, E: directionFromSeed(W.rows, W.columns, p.seed) };
};

/**
 * The formula coefficient·N^meanExponent·Xᵀ(sign·(softmax(XW) − labelCoefficient·Y)) as a function of its
 * parts, softmax taken over the rows (as written) or the columns; as written (1/N)Xᵀ(softmax(XW) − Y).
 */
interface Parts extends Record<string, unknown> {
  meanExponent: number;
  coefficient: number;
  sign: number;
  labelCoefficient: number;
  softmaxAxis: 'rows' | 'columns';
}
const PARTS: Parts = { meanExponent: -1, coefficient: 1, sign: 1, labelCoefficient: 1, softmaxAxis: 'rows' };
/** As written: Xᵀ((softmaxRows(XW) − Y·1)·1)·1 / N¹, the same roundings as Xᵀ(softmax(XW) − Y)/N (×1 and N¹ are exact). */
function claimedGradient(X: Matrix, W: Matrix, Y: Matrix, p: Parts): Matrix {
  const Z = X.mmul(W);
  const P = p.softmaxAxis === 'rows' ? softmaxRows(Z) : softmaxRows(Z.transpose()).transpose();
  return X.transpose()
    .mmul(P.sub(Y.clone().mul(p.labelCoefficient)).mul(p.sign))
    .mul(p.coefficient)
    .div(X.rows ** -p.meanExponent);
}

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (parts: Parts) => [
    forAll({
      name: '∇_W L = (1/N)Xᵀ(softmax(XW) − Y): directional central difference along a random unit E',
      backend: 'ml-matrix-f64',
      arbitrary: problems,
      numRuns: 200,
      size,
      show,
      measure: (p: Problem) => {
        const { X, W, Y, E } = setup(p);
        const fd = centralDiff((t) => meanCrossEntropy(X, W.clone().add(E.clone().mul(t)), Y));
        const G = claimedGradient(X, W, Y, parts);
        const exact = frobeniusInner(G, E);
        return {
          value: Math.abs(fd - exact),
          tolerance: fdBound(X.mmul(W), X.mmul(E), X.columns),
          detail: { fd, formula: exact },
        };
      },
    }),
  ],
  mutants: [
    { name: 'dropped 1/N (sum instead of mean; exponent of N −1 → 0)', parts: { meanExponent: 0 } },
    { name: '1/N → 2/N (the factor 2 of a squared loss)', parts: { coefficient: 2 } },
    { name: 'flipped sign: (1/N)Xᵀ(Y − softmax(XW))', parts: { sign: -1 } },
    { name: 'dropped Y: (1/N)Xᵀ softmax(XW)', parts: { labelCoefficient: 0 } },
    { name: 'softmax over columns instead of rows (swapped index)', parts: { softmaxAxis: 'columns' } },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: '∇_Z L = (1/N)(softmax(Z) − Y) (central difference in Z along a random unit direction)',
        backend: 'ml-matrix-f64',
        arbitrary: problems,
        numRuns: 150,
        size,
        show,
        measure: (p: Problem) => {
          const { X, W, Y } = setup(p);
          const Z = X.mmul(W),
            V = directionFromSeed(Z.rows, Z.columns, p.seed ^ 0x2545f491);
          const fd = centralDiff((t) => lossOfLogits(Z.clone().add(V.clone().mul(t)), Y));
          const exact = frobeniusInner(softmaxRows(Z).sub(Y).div(Z.rows), V);
          return { value: Math.abs(fd - exact), tolerance: fdBound(Z, V, Z.rows), detail: { fd, formula: exact } };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'chain rule through Z = XW: D_W L[E] = D_Z L[XE] (both by central differences)',
        backend: 'ml-matrix-f64',
        arbitrary: problems,
        numRuns: 150,
        size,
        show,
        measure: (p: Problem) => {
          const { X, W, Y, E } = setup(p);
          const Z = X.mmul(W),
            XE = X.mmul(E);
          const viaW = centralDiff((t) => meanCrossEntropy(X, W.clone().add(E.clone().mul(t)), Y));
          const viaZ = centralDiff((t) => lossOfLogits(Z.clone().add(XE.clone().mul(t)), Y));
          // Two independent central differences of the same directional derivative: their errors add.
          const w = fdBound(Z, XE, X.columns),
            z = fdBound(Z, XE, Z.rows);
          return {
            value: Math.abs(viaW - viaZ),
            tolerance: tolerance(
              w.bound + z.bound,
              `sum of the two central differences' errors: via W ${w.reason}; via Z ${z.reason}`,
            ),
            detail: { viaW, viaZ },
          };
        },
      }),
    ),
  ],
});
