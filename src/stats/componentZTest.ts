/**
 * "E[X] = μ₀" for a vector-valued X, tested component by component: z_a = (x̄_a − μ₀_a)/SE_a,
 * rejected iff max_a |z_a| exceeds the two-sided Bonferroni quantile z_{1 − (1−confidence)/(2d)}
 * (family-wise level 1 − confidence over the d components). Unlike an interval for ‖E[X] − μ₀‖,
 * this stays valid when the difference is zero, which is the case it has to accept.
 */
export interface ComponentZTest {
  maxAbsZ: number;
  threshold: number;
  worstComponent: number;
  passed: boolean;
  confidence: number;
  n: number;
}

/** erfc with relative error < 1.2·10⁻⁷ (Numerical Recipes' erfcc, Chebyshev fit): ample for a quantile. */
function erfc(x: number): number {
  const z = Math.abs(x), t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Upper-tail standard normal quantile: P(Z > z) = p, by bisection on erfc. */
export function normalUpperQuantile(p: number): number {
  let lo = 0, hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (0.5 * erfc(mid / Math.SQRT2) > p) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

export function componentZTest(samples: Float64Array, d: number, claimed: ArrayLike<number>, confidence = 0.999): ComponentZTest {
  const N = samples.length / d;
  const threshold = normalUpperQuantile((1 - confidence) / (2 * d));
  let maxAbsZ = 0, worstComponent = 0;
  for (let a = 0; a < d; a++) {
    let s = 0, s2 = 0;
    for (let i = 0; i < N; i++) { const x = samples[i * d + a]; s += x; s2 += x * x; }
    const mean = s / N, sd = Math.sqrt(Math.max(s2 / N - mean * mean, 0) * N / (N - 1));
    const diff = mean - claimed[a];
    // A component with zero spread is exact: any difference beyond roundoff is infinitely significant.
    const z = sd > 0 ? Math.abs(diff) / (sd / Math.sqrt(N)) : (Math.abs(diff) > 1e-12 * Math.max(1, Math.abs(mean)) ? Infinity : 0);
    if (z > maxAbsZ) { maxAbsZ = z; worstComponent = a; }
  }
  return { maxAbsZ, threshold, worstComponent, passed: maxAbsZ <= threshold, confidence, n: N };
}
