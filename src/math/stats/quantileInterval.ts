/**
 * Distribution-free confidence interval for a population quantile from order statistics
 * (e.g. Hollander & Wolfe, Nonparametric Statistical Methods, §3.6): with X_(1) ≤ … ≤ X_(n),
 * P(X_(l) ≤ ξ_q ≤ X_(u)) ≥ 1 − α when P(Bin(n, q) ≤ l − 1) ≤ α/2 and P(Bin(n, q) ≥ u) ≤ α/2.
 * Valid for any continuous or discrete law (for discrete ones the coverage is conservative), and it
 * handles capped samples (e.g. hitting times censored at T_max) as long as the quantile is below the cap.
 */
export interface QuantileInterval {
  q: number;
  estimate: number;
  ci: [number, number];
  confidence: number;
  n: number;
  /** 1-based ranks of the order statistics bounding the interval. */
  ranks: [number, number];
}

/** Binomial(n, q) CDF at every k = 0..n, accumulated from log-pmf (no underflow at large n). */
function binomialCdf(n: number, q: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  let logp = n * Math.log1p(-q);
  const lr = Math.log(q) - Math.log1p(-q);
  let acc = 0;
  for (let k = 0; k <= n; k++) {
    acc += Math.exp(logp);
    cdf[k] = Math.min(acc, 1);
    logp += Math.log((n - k) / (k + 1)) + lr;
  }
  return cdf;
}

export function quantileInterval(samples: ArrayLike<number>, q: number, confidence = 0.999): QuantileInterval {
  const n = samples.length;
  if (n < 2 || !(q > 0 && q < 1)) throw new Error('quantileInterval needs n ≥ 2 and 0 < q < 1');
  const x = Float64Array.from(samples).sort();
  const a = (1 - confidence) / 2;
  const cdf = binomialCdf(n, q);
  // The widest interval [X_(1), X_(n)] misses ξ_q with probability P(B = 0) + P(B = n): when either
  // exceeds α/2 no order-statistic interval reaches the level, and pretending otherwise under-covers.
  if (cdf[0] > a || 1 - cdf[n - 1] > a) {
    throw new Error(
      `quantileInterval: n = ${n} samples cannot give a ${confidence} interval for the ${q} quantile (even [min, max] covers only with probability ${(1 - cdf[0] - (1 - cdf[n - 1])).toPrecision(4)}); use more samples or a lower level`,
    );
  }
  let l = 1; // largest l with P(B ≤ l − 1) ≤ a
  while (l < n && cdf[l] <= a) l++;
  let u = n; // smallest u with P(B ≥ u) = 1 − cdf[u − 1] ≤ a
  while (u > 1 && 1 - cdf[u - 2] <= a) u--;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const next = x[Math.min(lo + 1, n - 1)];
  // Equal neighbours (ties, or both censored at ∞) need no interpolation; avoids 0·∞ = NaN.
  const estimate = next === x[lo] ? x[lo] : x[lo] + (pos - lo) * (next - x[lo]);
  return { q, estimate, ci: [x[l - 1], x[u - 1]], confidence, n, ranks: [l, u] };
}

export function medianInterval(samples: ArrayLike<number>, confidence = 0.999): QuantileInterval {
  return quantileInterval(samples, 0.5, confidence);
}
