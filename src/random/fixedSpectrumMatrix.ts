import { haarOrthonormal } from './orthogonal.js';

/**
 * A fixed m×n matrix G = U·diag(σ)·Vᵀ (m ≥ n) with Haar U, V drawn from fixed seeds, as a flat
 * row-major Float64Array. Monte Carlo claims study one G at a time; fixing it (rather than drawing
 * it from the run seed) keeps the estimand the same across seeds, so only the sampling noise varies.
 */
export function fixedSpectrumMatrix(m: number, n: number, sigma: number[], seedU = 11, seedV = 12): Float64Array {
  if (m < n || sigma.length !== n) throw new Error(`fixedSpectrumMatrix needs m ≥ n and n singular values`);
  const U = haarOrthonormal(m, n, seedU),
    V = haarOrthonormal(n, n, seedV);
  const G = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let t = 0;
      for (let l = 0; l < n; l++) t += U.get(i, l) * sigma[l] * V.get(j, l);
      G[i * n + j] = t;
    }
  return G;
}
