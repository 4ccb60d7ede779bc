/**
 * The unit roundoffs, defined once for the whole project, and Higham's γ_k (N. J. Higham, Accuracy
 * and Stability of Numerical Algorithms, 2nd ed., §2.2 and Lemma 3.1): each binary operation returns
 * fl(x op y) = (x op y)(1 + δ) with |δ| ≤ u, so a product of k such factors stays within 1 ± γ_k.
 */

/** binary64 unit roundoff, 2^-53. */
export const U64 = 2 ** -53;
/** binary32 unit roundoff, 2^-24 (gpu.js computes in float32). */
export const U32 = 2 ** -24;

/** γ_k = k u / (1 − k u); refused when k u ≥ 1 (no a-priori bound exists there). */
export function gamma(k: number, u: number = U32): number {
  const ku = k * u;
  if (!(ku < 1)) throw new RangeError(`γ_${k} undefined for u = ${u}: k·u ≥ 1`);
  return ku / (1 - ku);
}
