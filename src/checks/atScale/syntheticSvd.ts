import { randomUnitVectors as unitVectors, reflectRight } from './householder.js';
import type { F64Matrix } from '../../gpu/index.js';

/**
 * Large test matrices with exactly known SVD, built in O(k n²): U = H₁⋯H_k and V = H'₁⋯H'_k are
 * products of k random Householder reflectors (dense, orthogonal to roundoff), so
 * G = U·diag(σ)·Vᵀ and Ortho(G) = UVᵀ are known without an O(n³) factorisation.
 */
export interface SyntheticSvd {
  n: number;
  sigma: Float64Array;
  G: F64Matrix;
  /** Ortho(G) = UVᵀ. */
  P: F64Matrix;
  /** U itself (its columns are G's left singular vectors). */
  U: F64Matrix;
  V: F64Matrix;
}

function orthogonalFrom(vs: Float64Array[], n: number): Float64Array {
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  for (const v of vs) reflectRight(Q, n, v);
  return Q;
}

export function syntheticSvd(n: number, sigma: Float64Array, seed: number, reflectors = 4): SyntheticSvd {
  const uv = unitVectors(n, reflectors, seed);
  const vv = unitVectors(n, reflectors, seed ^ 0x2545f491);
  const U = orthogonalFrom(uv, n);
  const V = orthogonalFrom(vv, n);
  // Vᵀ = H'_k⋯H'₁ (each reflector is symmetric), so X·Vᵀ applies them right-to-left in reverse order.
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) G[i * n + j] = U[i * n + j] * sigma[j];
  const P = Float64Array.from(U);
  for (let r = vv.length - 1; r >= 0; r--) {
    reflectRight(G, n, vv[r]);
    reflectRight(P, n, vv[r]);
  }
  const m = (data: Float64Array): F64Matrix => ({ rows: n, cols: n, data });
  return { n, sigma, G: m(G), P: m(P), U: m(U), V: m(V) };
}

/** σ from 1 down to 1/κ, geometric. */
export function geometricSigma(n: number, kappa: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (n === 1 ? 1 : kappa ** (-i / (n - 1))));
}
