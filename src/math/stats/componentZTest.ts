/**
 * "E[X] = μ₀" for a vector-valued X, tested component by component: z_a = (x̄_a − μ₀_a)/SE_a,
 * rejected iff max_a |z_a| exceeds the two-sided Bonferroni quantile z_{1 − (1−confidence)/(2d)}
 * (family-wise level 1 − confidence over the d components). Unlike an interval for ‖E[X] − μ₀‖,
 * this stays valid when the difference is zero, which is the case it has to accept.
 * It decides nothing itself: `estimate`, `ci` and `decision` state the test for the engine.
 */
export interface ComponentZTest {
  maxAbsZ: number;
  /** The two-sided Bonferroni quantile z_{1 − (1−confidence)/(2d)} that max |z| is compared with. */
  quantile: number;
  worstComponent: number;
  confidence: number;
  n: number;
  /**
   * The same decision in the engine's form (hand these to statistic() with a name and `samples`):
   * `estimate` = x̄_w − μ₀_w for the worst component w, `ci` its Bonferroni simultaneous interval
   * estimate ± quantile·SE_w, and the rule "0 ∈ ci". Since w has the largest |z|, 0 ∈ ci ⇔
   * max_a |z_a| ≤ quantile: the same test. A component with zero spread is exact: its interval is
   * estimate ± the roundoff allowance 10⁻¹²·max(1, |x̄_w|).
   */
  estimate: number;
  ci: [number, number];
  decision: { kind: 'contains'; value: 0 };
}

/** erfc with relative error < 1.2·10⁻⁷ (Numerical Recipes' erfcc, Chebyshev fit): ample for a quantile. */
function erfc(x: number): number {
  const z = Math.abs(x),
    t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Upper-tail standard normal quantile: P(Z > z) = p, by bisection on erfc. */
export function normalUpperQuantile(p: number): number {
  let lo = 0,
    hi = 40;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (0.5 * erfc(mid / Math.SQRT2) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function componentZTest(
  samples: Float64Array,
  d: number,
  claimed: ArrayLike<number>,
  confidence = 0.999,
): ComponentZTest {
  const N = samples.length / d;
  const quantile = normalUpperQuantile((1 - confidence) / (2 * d));
  let maxAbsZ = 0,
    worstComponent = 0,
    estimate = 0,
    halfWidth = 0,
    finite = true;
  for (let a = 0; a < d; a++) {
    let s = 0,
      s2 = 0;
    for (let i = 0; i < N; i++) {
      const x = samples[i * d + a];
      s += x;
      s2 += x * x;
    }
    const mean = s / N,
      sd = Math.sqrt((Math.max(s2 / N - mean * mean, 0) * N) / (N - 1));
    const diff = mean - claimed[a];
    // A NaN/∞ sample would read as z = 0 below (NaN > slack is false): flag it so the engine errors.
    if (!Number.isFinite(diff)) finite = false;
    // A component with zero spread is exact: any difference beyond roundoff is infinitely significant.
    const slack = 1e-12 * Math.max(1, Math.abs(mean));
    const z = sd > 0 ? Math.abs(diff) / (sd / Math.sqrt(N)) : Math.abs(diff) > slack ? Infinity : 0;
    if (z > maxAbsZ || a === 0) {
      maxAbsZ = z;
      worstComponent = a;
      estimate = diff;
      halfWidth = sd > 0 ? quantile * (sd / Math.sqrt(N)) : slack;
    }
  }
  if (!finite) estimate = NaN; // the engine rejects a NaN estimate as an error, never a pass
  return {
    maxAbsZ,
    quantile,
    worstComponent,
    confidence,
    n: N,
    estimate,
    ci: [estimate - halfWidth, estimate + halfWidth],
    decision: { kind: 'contains', value: 0 },
  };
}
