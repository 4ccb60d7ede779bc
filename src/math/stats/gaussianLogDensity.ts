import { CholeskyDecomposition, Matrix } from 'ml-matrix';

/**
 * log N(x; μ, Σ) = −½[k ln 2π + ln det Σ + (x − μ)ᵀΣ⁻¹(x − μ)] through the Cholesky factor Σ = LLᵀ
 * (ln det Σ = 2Σ ln L_ii, and the quadratic form as ‖L⁻¹(x − μ)‖²), the backward-stable route for SPD Σ.
 * Throws if Σ is not positive definite: a density does not exist there.
 */
export function gaussianLogDensity(mu: number[], Sigma: Matrix): (x: ArrayLike<number>) => number {
  const chol = new CholeskyDecomposition(Sigma);
  if (!chol.isPositiveDefinite()) throw new Error('covariance is not positive definite');
  const L = chol.lowerTriangularMatrix,
    k = mu.length;
  let logDet = 0;
  for (let i = 0; i < k; i++) logDet += 2 * Math.log(L.get(i, i));
  const c = k * Math.log(2 * Math.PI) + logDet;
  const y = new Float64Array(k);
  return (x) => {
    let q = 0;
    for (let i = 0; i < k; i++) {
      let s = x[i] - mu[i];
      for (let j = 0; j < i; j++) s -= L.get(i, j) * y[j];
      y[i] = s / L.get(i, i);
      q += y[i] * y[i];
    }
    return -0.5 * (c + q);
  };
}

/** Lower Cholesky factor L of an SPD matrix (Σ = LLᵀ), for sampling x = μ + Lz. */
export function choleskyLower(Sigma: Matrix): Matrix {
  const chol = new CholeskyDecomposition(Sigma);
  if (!chol.isPositiveDefinite()) throw new Error('covariance is not positive definite');
  return chol.lowerTriangularMatrix;
}
