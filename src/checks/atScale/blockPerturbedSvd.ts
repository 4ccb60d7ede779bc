import { gaussianArray, mulberry32 } from '../../random/prng.js';
import { randomUnitVector as unit, reflectLeft, reflectRight } from './householder.js';
import type { F64Matrix } from '../../gpu/index.js';

/**
 * A large square G = U·diag(σ)·Vᵀ and a perturbation E = U·B·Vᵀ with B block diagonal (2×2 blocks),
 * for which Ortho(G + tE) is known without an O(n³) factorisation:
 *   Ortho(G + tE) = U·blockdiag(Ortho(diag(σ_{2j}, σ_{2j+1}) + t·B_j))·Vᵀ,
 * so ‖Ortho(G + tE) − Ortho(G)‖_F = ‖blockdiag(Ortho(Σ_j + tB_j)) − I‖_F costs O(n). U and V are
 * products of a few Householder reflectors, so P = UVᵀ and E are built densely in O(k n²).
 * Only P, E (dense, f64), σ and the blocks are returned; G itself is never needed densely.
 */
export interface BlockPerturbedSvd {
  n: number;
  sigma: Float64Array;
  /** B's 2×2 blocks, row-major, 4 numbers per block; ‖B‖_F = ‖E‖_F = 1. */
  blocks: Float64Array;
  P: F64Matrix;
  E: F64Matrix;
}

export function blockPerturbedSvd(n: number, sigma: Float64Array, seed: number, reflectors = 4): BlockPerturbedSvd {
  if (n % 2 !== 0) throw new Error('blockPerturbedSvd needs even n (2×2 blocks)');
  const rng = mulberry32(seed);
  const us = Array.from({ length: reflectors }, () => unit(rng, n));
  const vs = Array.from({ length: reflectors }, () => unit(rng, n));
  const blocks = gaussianArray(rng, 2 * n);
  const bn = Math.sqrt(blocks.reduce((a, x) => a + x * x, 0));
  for (let i = 0; i < blocks.length; i++) blocks[i] /= bn;
  // U·X·Vᵀ with U = H₁⋯H_k, V = H'₁⋯H'_k: left reflectors H_k first, then right ones H'_k … H'₁.
  const sandwich = (X: Float64Array) => {
    for (let r = reflectors - 1; r >= 0; r--) reflectLeft(X, n, us[r]);
    for (let r = reflectors - 1; r >= 0; r--) reflectRight(X, n, vs[r]);
    return X;
  };
  const I = new Float64Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  const B = new Float64Array(n * n);
  for (let j = 0; j < n / 2; j++) {
    const r = 2 * j;
    B[r * n + r] = blocks[4 * j];
    B[r * n + r + 1] = blocks[4 * j + 1];
    B[(r + 1) * n + r] = blocks[4 * j + 2];
    B[(r + 1) * n + r + 1] = blocks[4 * j + 3];
  }
  const m = (data: Float64Array): F64Matrix => ({ rows: n, cols: n, data });
  return { n, sigma, blocks, P: m(sandwich(I)), E: m(sandwich(B)) };
}
