import { gaussianArray, mulberry32 } from '../../random/prng.js';

/**
 * Householder reflectors H = I − 2vvᵀ, the building block of the large test matrices: a product of
 * a few random reflectors is a dense orthogonal matrix that costs O(k n²) to apply, where a Haar
 * factor from QR would cost O(n³) on a 2-core machine.
 */

/**
 * How far a test matrix built in f64 from 4 + 4 reflectors (syntheticSvd, rectangularSyntheticSvd) may be
 * from its exact value, relative to its norm, in units of size·u64: applying r reflectors in floating
 * point is within r·γ̃_k of the exact orthogonal transformation (Higham, Lemma 19.3, γ̃_k = c·k·u for a
 * small constant c); r = 8 needs ≈ 8c·k·u64, so 10³ allows c up to ≈ 100.
 */
export const REFLECTOR_CONSTRUCTION_FACTOR = 1e3;
export const REFLECTOR_CONSTRUCTION_WHY = `the f64 construction from 4 + 4 Householder reflectors errs by ≤ ${REFLECTOR_CONSTRUCTION_FACTOR}·size·u64 relative (r reflectors applied in floating point stay within r·γ̃_size of the exact orthogonal transformation, Higham Lemma 19.3, γ̃_k = c·k·u with c a small constant; r = 8 needs ≈ 8c·size·u64, so 10³ allows c up to ≈ 100)`;

/** A uniformly random unit vector in ℝⁿ (normalised Gaussian). */
export function randomUnitVector(rng: () => number, n: number): Float64Array {
  const v = gaussianArray(rng, n);
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i] * v[i];
  s = Math.sqrt(s);
  for (let i = 0; i < n; i++) v[i] /= s;
  return v;
}

/** k random unit vectors in ℝⁿ from one seed. */
export function randomUnitVectors(n: number, k: number, seed: number): Float64Array[] {
  const rng = mulberry32(seed);
  return Array.from({ length: k }, () => randomUnitVector(rng, n));
}

/** X ← X·(I − 2vvᵀ), in place; X is row-major rows×cols with cols = v.length. */
export function reflectRight(X: Float64Array, rows: number, v: Float64Array): void {
  const cols = v.length;
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += X[row + j] * v[j];
    s *= 2;
    for (let j = 0; j < cols; j++) X[row + j] -= s * v[j];
  }
}

/** X ← (I − 2vvᵀ)·X, in place; X is row-major n×cols with n = v.length. */
export function reflectLeft(X: Float64Array, cols: number, v: Float64Array): void {
  const n = v.length;
  const w = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    const vi = v[i],
      row = i * cols;
    for (let j = 0; j < cols; j++) w[j] += vi * X[row + j];
  }
  for (let i = 0; i < n; i++) {
    const c = 2 * v[i],
      row = i * cols;
    for (let j = 0; j < cols; j++) X[row + j] -= c * w[j];
  }
}
