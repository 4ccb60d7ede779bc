import { Matrix } from 'ml-matrix';
import { expmSym, invSqrtmSym, logmSym, sqrtmSym } from './symmetricFunction.js';
import { frobeniusNorm } from './norms.js';

/**
 * The affine-invariant geometry of SPD matrices (Pennec, Fillard & Ayache 2006; Bhatia, Positive
 * Definite Matrices, ch. 6): d(A, B) = ‖log(A^{-1/2} B A^{-1/2})‖_F, invariant under B ↦ XBXᵀ and
 * under inversion.
 */
export function affineInvariantDistance(A: Matrix, B: Matrix): number {
  const R = invSqrtmSym(A);
  return frobeniusNorm(logmSym(R.mmul(B).mmul(R)));
}

/** (1/k) Σ d²(H_i, C): the mean squared distance of the H_i to a centre C. */
export function meanSquaredDistance(Hs: Matrix[], C: Matrix): number {
  return Hs.reduce((a, H) => a + affineInvariantDistance(C, H) ** 2, 0) / Hs.length;
}

/**
 * The Riemannian gradient direction Σ log(C^{-1/2} H_i C^{-1/2}) of X ↦ ½Σ d²(H_i, X) at C (up to
 * sign and the congruence by C^{1/2}): zero exactly at the Karcher mean.
 */
export function karcherResidual(Hs: Matrix[], C: Matrix): Matrix {
  const R = invSqrtmSym(C);
  return Hs.reduce((acc, H) => acc.add(logmSym(R.mmul(H).mmul(R))), Matrix.zeros(C.rows, C.rows));
}

/**
 * Karcher (Fréchet) mean by the fixed-point iteration X ← X^{1/2} exp((1/k)Σ log(X^{-1/2}H_iX^{-1/2})) X^{1/2}
 * (Riemannian gradient descent with unit step; converges for SPD data, Bini & Iannazzo 2013),
 * started at the arithmetic mean and stopped when the mean log has norm ≤ tol.
 */
export function karcherMean(Hs: Matrix[], tol = 1e-12, maxIterations = 200): Matrix {
  let X = Hs.reduce((a, H) => a.add(H), Matrix.zeros(Hs[0].rows, Hs[0].rows)).mul(1 / Hs.length);
  for (let it = 0; it < maxIterations; it++) {
    const S = karcherResidual(Hs, X).mul(1 / Hs.length);
    const half = sqrtmSym(X);
    X = half.mmul(expmSym(S)).mmul(half);
    X = X.add(X.transpose()).mul(0.5);
    if (frobeniusNorm(S) <= tol) return X;
  }
  throw new Error(`karcherMean: no convergence in ${maxIterations} iterations`);
}
