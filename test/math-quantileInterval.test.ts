/**
 * src/math/stats/quantileInterval.ts: distribution-free interval [X_(l), X_(u)] for the q-quantile ξ_q.
 *
 * For a continuous law, with B = #{Xᵢ ≤ ξ_q} ~ Bin(n, q),
 *   X_(l) ≤ ξ_q ≤ X_(u)  ⇔  l ≤ B ≤ u − 1,   so the EXACT coverage is P(l ≤ B ≤ u − 1),
 * and the routine's promise is that this is ≥ the stated confidence (for discrete laws the
 * coverage is only larger). The tests therefore check
 *  1. deterministically, that the exact coverage of the returned ranks is ≥ confidence;
 *  2. by simulation (N = 10 000 data sets, fixed seeds), that the count K of covering intervals is
 *     consistent with that exact coverage (two-sided 99.99% binomial acceptance region) and not
 *     below the nominal level (one-sided: reject iff K < the region's lower end for Bin(N, c));
 *  3. negative control: the interval shrunk by 20% about its midpoint is rejected by rule 2.
 */
import { describe, expect, test } from 'vitest';
import { medianInterval, quantileInterval } from '../src/math/stats/quantileInterval.js';
import { mulberry32 } from '../src/random/prng.js';
import { binomialPmf, coverageDecision, describeDecision, shrink } from './math-helpers.js';

/** P(l ≤ B ≤ u − 1), B ~ Bin(n, q): the exact coverage of [X_(l), X_(u)] for a continuous law */
function exactCoverage(n: number, q: number, [l, u]: [number, number]): number {
  const pmf = binomialPmf(n, q);
  let s = 0;
  for (let b = l; b <= u - 1; b++) s += pmf[b];
  return s;
}

/** the ranks do not depend on the data: read them off any sample of size n */
const ranksFor = (n: number, q: number, c: number) =>
  quantileInterval(
    Float64Array.from({ length: n }, (_, i) => i),
    q,
    c,
  ).ranks;

describe('quantileInterval: ranks and estimate', () => {
  test('the returned interval is [X_(l), X_(u)] of the sorted sample, the estimate interpolates (type 7)', () => {
    const x = [9, 1, 8, 2, 7, 3, 6, 4, 5, 0, 10];
    const r = quantileInterval(x, 0.5, 0.95);
    const sorted = [...x].sort((a, b) => a - b);
    expect(r.ci).toEqual([sorted[r.ranks[0] - 1], sorted[r.ranks[1] - 1]]);
    expect(r.estimate).toBe(5);
    expect(
      quantileInterval(
        Float64Array.from({ length: 41 }, (_, i) => i / 4),
        0.25,
        0.5,
      ).estimate,
    ).toBe(2.5); // type 7: x at (n − 1)q = 10
    expect(() => quantileInterval([1], 0.5)).toThrow(/n ≥ 2/);
    expect(() => quantileInterval([1, 2], 1)).toThrow(/0 < q < 1/);
  });
  test('exact coverage of the ranks ≥ confidence wherever n is large enough for the level', () => {
    for (const n of [30, 101, 500])
      for (const q of [0.1, 0.5, 0.9])
        for (const c of [0.9, 0.95, 0.99, 0.999]) {
          const a = (1 - c) / 2;
          // attainable: some l has P(B ≤ l − 1) ≤ a and some u has P(B ≥ u) ≤ a
          const pmf = binomialPmf(n, q);
          if (!(pmf[0] <= a && pmf[n] <= a)) continue;
          const cov = exactCoverage(n, q, ranksFor(n, q, c));
          // the binomial CDF is summed in floating point: allow n·u on the comparison
          expect(cov, `n=${n} q=${q} c=${c}`).toBeGreaterThanOrEqual(c - n * 2 ** -52);
        }
  });
  // Regression (found by these tests): when n is too small for (q, confidence) no order-statistic
  // interval reaches the level (P(B = 0) > α/2 or P(B = n) > α/2). It used to fall back to l = 1 /
  // u = n silently and still claim the level: n = 20, q = 0.9, 0.95 covered with 0.8672; n = 5
  // median at 0.95 with 0.9375. Now it refuses, naming the coverage it could give.
  test('quantileInterval(n = 20, q = 0.9, 0.95) refuses (even [min, max] covers only with 0.8784)', () => {
    expect(() =>
      quantileInterval(
        Float64Array.from({ length: 20 }, (_, i) => i),
        0.9,
        0.95,
      ),
    ).toThrow(/n = 20 samples cannot give a 0\.95 interval for the 0\.9 quantile/);
  });
  test('medianInterval(n = 5, 0.95) and (n = 10, 0.999) refuse', () => {
    expect(() => medianInterval([1, 2, 3, 4, 5], 0.95)).toThrow(/cannot give a 0\.95 interval/);
    expect(() =>
      medianInterval(
        Float64Array.from({ length: 10 }, (_, i) => i),
        0.999,
      ),
    ).toThrow(/cannot give a 0\.999 interval/);
  });
  test('n just large enough is accepted: the median of 6 samples at 0.95 (P(B = 0) = 1/64 ≤ 0.025)', () => {
    expect(medianInterval([1, 2, 3, 4, 5, 6], 0.95).ranks).toEqual([1, 6]);
  });
});

describe('quantileInterval / medianInterval: coverage (10 000 data sets, exact binomial test at 99.99%)', () => {
  const N = 10_000,
    n = 101;
  const cases: { name: string; q: number; c: number; seed: number }[] = [
    { name: 'median', q: 0.5, c: 0.95, seed: 1101 },
    { name: 'median', q: 0.5, c: 0.999, seed: 1102 },
    { name: '0.9-quantile', q: 0.9, c: 0.95, seed: 1103 },
    { name: '0.9-quantile', q: 0.9, c: 0.999, seed: 1104 },
  ];
  for (const { name, q, c, seed } of cases) {
    test(`Exp(1) data, n = ${n}, ${name}, confidence ${c}: K consistent with the exact coverage and ≥ nominal; shrunk by 20% rejected`, () => {
      const rng = mulberry32(seed);
      const xi = -Math.log(1 - q); // Exp(1) quantile
      const x = new Float64Array(n);
      let K = 0,
        Ks = 0;
      for (let t = 0; t < N; t++) {
        for (let i = 0; i < n; i++) x[i] = -Math.log(1 - rng());
        const r = q === 0.5 ? medianInterval(x, c) : quantileInterval(x, q, c);
        if (r.ci[0] <= xi && xi <= r.ci[1]) K++;
        const [a, b] = shrink(r.ci, 0.8);
        if (a <= xi && xi <= b) Ks++;
      }
      const pExact = exactCoverage(n, q, ranksFor(n, q, c));
      const dExact = coverageDecision(K, N, pExact, 'exact');
      const dNominal = coverageDecision(K, N, c, 'atLeast');
      console.log(
        `quantileInterval q=${q} c=${c}: ${describeDecision(dExact)}; vs nominal: ${describeDecision(dNominal)}; shrunk: ${Ks}`,
      );
      expect(dExact.reject, describeDecision(dExact)).toBe(false);
      expect(dNominal.reject, describeDecision(dNominal)).toBe(false);
      const dShrunk = coverageDecision(Ks, N, c, 'atLeast');
      expect(dShrunk.reject, `shrunk: ${describeDecision(dShrunk)}`).toBe(true);
    });
  }
  test('discrete law X = ⌊3U⌋ (median 1, ties): coverage ≥ nominal (one-sided), as the doc comment promises', () => {
    const rng = mulberry32(1105),
      n = 60,
      c = 0.95;
    let K = 0;
    const x = new Float64Array(n);
    for (let t = 0; t < N; t++) {
      for (let i = 0; i < n; i++) x[i] = Math.floor(3 * rng());
      const [a, b] = medianInterval(x, c).ci;
      if (a <= 1 && 1 <= b) K++;
    }
    const d = coverageDecision(K, N, c, 'atLeast');
    expect(d.reject, describeDecision(d)).toBe(false);
  });
});
