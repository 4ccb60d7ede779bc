/**
 * Clopper–Pearson ("exact") interval for a binomial proportion: the p's not rejected by either
 * one-sided binomial test at level (1 − confidence)/2. Found by bisection on the binomial CDF
 * (log-space pmf, so n in the hundreds of thousands does not underflow). At k = n it is
 * [((1 − c)/2)^{1/n}, 1]; at k = 0, [0, 1 − ((1 − c)/2)^{1/n}].
 */
function binomialCdfAt(k: number, n: number, p: number): number {
  if (p <= 0) return 1;
  if (p >= 1) return k >= n ? 1 : 0;
  let logp = n * Math.log1p(-p);
  const lr = Math.log(p) - Math.log1p(-p);
  let acc = 0;
  for (let j = 0; j <= k; j++) {
    acc += Math.exp(logp);
    logp += Math.log((n - j) / (j + 1)) + lr;
  }
  return Math.min(acc, 1);
}

function bisect(f: (p: number) => number, target: number, increasing: boolean): number {
  let lo = 0,
    hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target === increasing) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function clopperPearson(k: number, n: number, confidence = 0.999): [number, number] {
  const a = (1 - confidence) / 2;
  // lower: P(X ≥ k | p) = a, i.e. 1 − CDF(k − 1; p) = a (increasing in p)
  const lower = k === 0 ? 0 : bisect((p) => 1 - binomialCdfAt(k - 1, n, p), a, true);
  // upper: CDF(k; p) = a (decreasing in p)
  const upper = k === n ? 1 : bisect((p) => binomialCdfAt(k, n, p), a, false);
  return [lower, upper];
}
