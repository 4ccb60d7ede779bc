import { gaussianArray, mulberry32 } from '../arbitraries/prng.js';
import type { F64Matrix } from '../gpu/index.js';

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

function unitVectors(n: number, k: number, seed: number): Float64Array[] {
  const rng = mulberry32(seed);
  return Array.from({ length: k }, () => {
    const v = gaussianArray(rng, n);
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i] * v[i];
    s = Math.sqrt(s);
    for (let i = 0; i < n; i++) v[i] /= s;
    return v;
  });
}

/** X ← X·(I − 2vvᵀ), in place, row-major n×n. */
function reflectRight(X: Float64Array, n: number, v: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += X[row + j] * v[j];
    s *= 2;
    for (let j = 0; j < n; j++) X[row + j] -= s * v[j];
  }
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
  for (let r = vv.length - 1; r >= 0; r--) { reflectRight(G, n, vv[r]); reflectRight(P, n, vv[r]); }
  const m = (data: Float64Array): F64Matrix => ({ rows: n, cols: n, data });
  return { n, sigma, G: m(G), P: m(P), U: m(U), V: m(V) };
}

/** σ from 1 down to 1/κ, geometric. */
export function geometricSigma(n: number, kappa: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => (n === 1 ? 1 : kappa ** (-i / (n - 1))));
}
