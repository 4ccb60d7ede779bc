import { Matrix } from 'ml-matrix';
import { spectralNorm } from './norms.js';
import { symmetricEigen } from './symmetricEigen.js';

/** ‖x‖_RMS = ‖x‖₂/√n (the normalisation that gives the ones vector norm 1). */
export function rmsVectorNorm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s / x.length);
}

export interface RmsSupremum {
  /** sup_{x≠0} ‖Ax‖_RMS / ‖x‖_RMS, evaluated at `argmax`. */
  norm: number;
  /** The maximiser used (top eigenvector of AᵀA). */
  argmax: number[];
}

/**
 * The RMS operator norm from its definition, sup_{x≠0} ‖Ax‖_RMS/‖x‖_RMS, with the supremum found as
 * the top eigenvector of AᵀA (Rayleigh–Ritz) rather than from an SVD: comparing it with
 * √(n/m)·σ_max(A) then tests eq. (2) instead of restating it. The Rayleigh quotient is stationary at
 * the eigenvector, so eigenvector error (even between near-equal top eigenvalues) enters only
 * quadratically and the value is accurate to O(n·u64) relative.
 */
export function rmsOperatorNormByDefinition(A: Matrix): RmsSupremum {
  const { values, Q } = symmetricEigen(A.transpose().mmul(A));
  const x = Q.getColumn(values.length - 1);
  const Ax = A.mmul(Matrix.columnVector(x)).getColumn(0);
  return { norm: rmsVectorNorm(Ax) / rmsVectorNorm(x), argmax: x };
}

/** Eq. (2): ‖A‖_RMS = √(n/m)·σ_max(A) for A ∈ ℝ^{m×n} (n = fan-in, the input dimension). */
export function rmsOperatorNorm(A: Matrix): number {
  return Math.sqrt(A.columns / A.rows) * spectralNorm(A);
}
