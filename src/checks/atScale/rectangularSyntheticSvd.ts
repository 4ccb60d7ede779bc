import { randomUnitVectors as unitVectors, reflectRight } from './householder.js';
import type { F64Matrix } from '../../gpu/index.js';

/**
 * m×n test matrices (m ≠ n allowed) with exactly known SVD, in O(k·m·n): U = H₁⋯H_k (m×m) and
 * V = H'₁⋯H'_k (n×n) are products of k random Householder reflectors, G = U·Σ·Vᵀ with Σ the m×n
 * diagonal of σ (length min(m, n)), and Ortho(G) = U·I_{m×n}·Vᵀ = U_r V_rᵀ. Rectangular shapes are
 * what make the √(m/n) factors of the RMS operator norm visible at scale (syntheticSvd.ts is n×n).
 */
export interface RectangularSvd {
  m: number;
  n: number;
  sigma: Float64Array;
  G: F64Matrix;
  /** U_r V_rᵀ (m×n): all nonzero singular values 1. */
  P: F64Matrix;
  /** First left and right singular vectors (σ₁'s), unit length. */
  u1: Float64Array;
  v1: Float64Array;
}

/** H₁⋯H_k e₁: the first column of the reflector product. */
function firstColumn(vs: Float64Array[], n: number): Float64Array {
  const x = new Float64Array(n);
  x[0] = 1;
  for (let r = vs.length - 1; r >= 0; r--) {
    const v = vs[r];
    let d = 0;
    for (let i = 0; i < n; i++) d += v[i] * x[i];
    for (let i = 0; i < n; i++) x[i] -= 2 * d * v[i];
  }
  return x;
}

export function rectangularSyntheticSvd(
  m: number,
  n: number,
  sigma: Float64Array,
  seed: number,
  reflectors = 4,
): RectangularSvd {
  const r = Math.min(m, n);
  if (sigma.length !== r) throw new RangeError(`need min(m, n) = ${r} singular values, got ${sigma.length}`);
  const uv = unitVectors(m, reflectors, seed);
  const vv = unitVectors(n, reflectors, seed ^ 0x2545f491);
  // U as an m×m row-major matrix: I·H₁⋯H_k.
  const U = new Float64Array(m * m);
  for (let i = 0; i < m; i++) U[i * m + i] = 1;
  for (const v of uv) reflectRight(U, m, v);
  const G = new Float64Array(m * n);
  const P = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < r; j++) {
      G[i * n + j] = U[i * m + j] * sigma[j];
      P[i * n + j] = U[i * m + j];
    }
  // ·Vᵀ = ·H'_k⋯H'₁ (each reflector symmetric).
  for (let k = vv.length - 1; k >= 0; k--) {
    reflectRight(G, m, vv[k]);
    reflectRight(P, m, vv[k]);
  }
  const u1 = new Float64Array(m);
  for (let i = 0; i < m; i++) u1[i] = U[i * m];
  return {
    m,
    n,
    sigma,
    G: { rows: m, cols: n, data: G },
    P: { rows: m, cols: n, data: P },
    u1,
    v1: firstColumn(vv, n),
  };
}

/**
 * σ₁ = 1, then a geometric run from 1/2 down to 1/κ: the gap σ₂/σ₁ = 1/2 lets power iteration
 * converge like 4^{-k} (30 steps: 2^-60), while the tail keeps a realistic spread of κ.
 */
export function gappedSigma(r: number, kappa: number): Float64Array {
  return Float64Array.from({ length: r }, (_, i) =>
    i === 0 ? 1 : r === 2 ? 0.5 : 0.5 * (2 / kappa) ** ((i - 1) / (r - 2)),
  );
}
