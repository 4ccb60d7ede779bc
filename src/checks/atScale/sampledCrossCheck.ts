import { mulberry32 } from '../../random/prng.js';
import { gamma, U64 } from '../../gpu/index.js';
import type { AnyMatrix } from '../../gpu/index.js';
import { tolerance, type Tolerance } from '../../engine/verify/tolerance.js';

/**
 * The tolerance of a measurement built from `worstRatio` (or from crossCheck's worstRatio): the ratio
 * is already |f32 − f64| over the entry's own error bound, so the case holds when it is ≤ 1.
 */
export function crossCheckRatioTolerance(
  what = `Higham's componentwise bound γ_{k+2}(u32)(|A||B|)_ij + γ_{k+2}(u64)(|A||B|)_ij for the f64 reference (Lemma 3.1; u32 = 2^-24, u64 = 2^-53)`,
): Tolerance {
  return tolerance(1, `worst |f32 − f64| / bound ≤ 1 (each entry against its own bound), the bound being ${what}`);
}

/**
 * Cross-checks an f32 product C ≈ A·B against f64 on `samples` random entries, each against
 * Higham's bound (γ_{k+2}(|A||B|)_ij: two input roundings, k−1 additions, one multiply).
 * O(samples·k) instead of an O(n³) f64 reference product, so it affords every size we use.
 * Returns the worst ratio |C32 − C64| / bound (must be ≤ 1). When an f32 entry is NaN/∞ (or differs
 * where the bound is 0) the ratio is ∞, a refutation, and `infinite` says which entry and why, so the
 * measurement built from it is the documented ∞ of a Measurement.
 */
export function sampledProductCheck(
  C: AnyMatrix,
  A: AnyMatrix,
  B: AnyMatrix,
  seed: number,
  samples = 256,
): { worstRatio: number; worstError: number; bound: number; infinite?: string } {
  const rng = mulberry32(seed);
  const k = A.cols;
  const g = gamma(k + 2) + gamma(k + 2, U64);
  let worstRatio = 0,
    worstError = 0,
    bound = 0;
  let infinite: string | undefined;
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(rng() * C.rows),
      j = Math.floor(rng() * C.cols);
    let exact = 0,
      mag = 0;
    for (let l = 0; l < k; l++) {
      const p = A.data[i * k + l] * B.data[l * B.cols + j];
      exact += p;
      mag += Math.abs(p);
    }
    const err = Math.abs(C.data[i * C.cols + j] - exact);
    const b = g * mag;
    // An exact entry is within any bound, a zero one included (0/0 would read as NaN → ∞, a false refutation).
    const ratio = err === 0 ? 0 : err / b;
    if (!(ratio <= worstRatio)) {
      worstRatio = Number.isNaN(ratio) ? Infinity : ratio;
      worstError = err;
      bound = b;
      if (worstRatio === Infinity && infinite === undefined) {
        infinite = Number.isFinite(C.data[i * C.cols + j])
          ? `f32 entry (${i}, ${j}) differs from f64 by ${err} where the bound is ${b}`
          : `f32 entry (${i}, ${j}) is ${C.data[i * C.cols + j]} where f64 gives ${exact}`;
      }
    }
  }
  return infinite === undefined ? { worstRatio, worstError, bound } : { worstRatio, worstError, bound, infinite };
}
