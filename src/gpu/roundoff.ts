/**
 * Unit roundoffs and Higham's γ_k, the constants every error bound in this
 * tier is built from (N. J. Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., §2.2 and Lemma 3.1).
 *
 * The model: each binary32 operation returns fl(x op y) = (x op y)(1 + δ),
 * |δ| ≤ u. WebAssembly f32 arithmetic and WebGPU/GL single precision give
 * exactly this (no fused multiply-add in wasm's scalar or f32x4 ops), so a
 * product of k such factors stays within 1 ± γ_k.
 */

/** binary32 unit roundoff, 2^-24. */
export const U32 = 2 ** -24;
/** binary64 unit roundoff, 2^-53 (for the references' own error). */
export const U64 = 2 ** -53;

/**
 * γ_k = k u / (1 − k u). Valid only while k u < 1; beyond that no a-priori
 * bound exists and we refuse rather than return a meaningless number.
 */
export function gamma(k: number, u: number = U32): number {
  const ku = k * u;
  if (!(ku < 1)) throw new RangeError(`γ_${k} undefined for u = ${u}: k·u ≥ 1`);
  return ku / (1 - ku);
}
