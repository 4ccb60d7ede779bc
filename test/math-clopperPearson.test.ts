/**
 * src/math/stats/clopperPearson.ts: the exact (conservative) binomial interval. Its promise: for every
 * p, P_p(p ∈ CI(K)) ≥ c with K ~ Bin(n, p).
 *  1. Deterministic: the exact coverage Σ_k P(K = k)·[p ∈ CI(k)] is ≥ c on a grid of p (it is a
 *     finite sum, computed here with an independent binomial pmf); the endpoints solve the defining
 *     tail equations; closed forms at k = 0 and k = n.
 *  2. Simulation (N = 10 000 counts, fixed seeds): K covering is consistent with the exact coverage
 *     (two-sided 99.99% binomial acceptance region) and not below the nominal c (one-sided).
 *  3. Negative control: the interval shrunk by 20% about its midpoint is rejected by rule 2.
 */
import { describe, expect, test } from 'vitest';
import { clopperPearson } from '../src/math/stats/clopperPearson.js';
import { mulberry32 } from '../src/random/prng.js';
import { binomialPmf, coverageDecision, describeDecision, shrink } from './math-helpers.js';

/** the n + 1 intervals for (n, c), computed once (they do not depend on p) */
const intervalCache = new Map<string, [number, number][]>();
function intervals(n: number, c: number): [number, number][] {
  const key = `${n}/${c}`;
  let all = intervalCache.get(key);
  if (!all) {
    all = Array.from({ length: n + 1 }, (_, k) => clopperPearson(k, n, c));
    intervalCache.set(key, all);
  }
  return all;
}

function exactCoverage(
  n: number,
  p: number,
  c: number,
  transform: (ci: [number, number]) => [number, number] = (x) => x,
): number {
  const pmf = binomialPmf(n, p);
  const all = intervals(n, c);
  let s = 0;
  for (let k = 0; k <= n; k++) {
    const [a, b] = transform(all[k]);
    if (a <= p && p <= b) s += pmf[k];
  }
  return s;
}

/** P(K ≥ k) and P(K ≤ k) for K ~ Bin(n, p), from the independent pmf */
const upperTail = (k: number, n: number, p: number) => {
  const f = binomialPmf(n, p);
  let s = 0;
  for (let j = k; j <= n; j++) s += f[j];
  return s;
};
const lowerTail = (k: number, n: number, p: number) => {
  const f = binomialPmf(n, p);
  let s = 0;
  for (let j = 0; j <= k; j++) s += f[j];
  return s;
};

/** K ~ Bin(n, p) by n Bernoulli draws */
function binomialDraw(rng: () => number, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < p) k++;
  return k;
}

describe('clopperPearson: definition', () => {
  test('closed forms: k = 0 → [0, 1 − (α/2)^{1/n}], k = n → [(α/2)^{1/n}, 1]', () => {
    for (const n of [1, 7, 100])
      for (const c of [0.95, 0.999]) {
        const a = (1 - c) / 2;
        // The tail is a sum of n + 1 pmf terms from a log-space recurrence (relative error ≲ n·u each),
        // so it carries an absolute error ≲ (n + 1)·n·u; the endpoint moves by that over the slope of
        // the tail there, d/dp p^n = n·p^{n−1} at p = a^{1/n}. Bound: 30·(n + 1)²·u/(n·a^{(n−1)/n}).
        const tol = (30 * (n + 1) ** 2 * 2 ** -53) / (n * a ** ((n - 1) / n)) + 2 ** -60;
        const [l0, u0] = clopperPearson(0, n, c);
        expect(l0).toBe(0);
        expect(Math.abs(u0 - (1 - a ** (1 / n))), `n=${n} c=${c}`).toBeLessThanOrEqual(tol);
        const [ln, un] = clopperPearson(n, n, c);
        expect(un).toBe(1);
        expect(Math.abs(ln - a ** (1 / n)), `n=${n} c=${c}`).toBeLessThanOrEqual(tol);
        // negative control: an endpoint off by 1e-6 fails the same tolerance
        expect(Math.abs(ln + 1e-6 - a ** (1 / n))).toBeGreaterThan(tol);
      }
  });
  test('endpoints solve the tail equations P_lower(K ≥ k) = α/2 and P_upper(K ≤ k) = α/2', () => {
    for (const [k, n, c] of [
      [3, 10, 0.95],
      [17, 50, 0.999],
      [1, 200, 0.95],
      [150, 300, 0.99],
    ] as [number, number, number][]) {
      const a = (1 - c) / 2;
      const [lo, hi] = clopperPearson(k, n, c);
      // both tails (the routine's and this file's) carry ≲ (n + 1)·n·u absolute error (see above), and
      // the 2^-60 bisection width moves a tail by ≤ n·2^-60 (|d tail/dp| ≤ n): tolerance 30·(n+1)²·u + n·2^-60
      const tol = 30 * (n + 1) ** 2 * 2 ** -53 + n * 2 ** -60;
      expect(Math.abs(upperTail(k, n, lo) - a), `lower k=${k} n=${n}`).toBeLessThanOrEqual(tol);
      expect(Math.abs(lowerTail(k, n, hi) - a), `upper k=${k} n=${n}`).toBeLessThanOrEqual(tol);
      expect(lo).toBeLessThan(k / n);
      expect(hi).toBeGreaterThan(k / n);
    }
  });
  test('exact coverage ≥ c for every p on a 399-point grid, n ∈ {1, 5, 20, 60}, c ∈ {0.95, 0.999}; 20%-shrunk intervals fall below c somewhere', () => {
    for (const n of [1, 5, 20, 60])
      for (const c of [0.95, 0.999]) {
        let worst = 1,
          worstShrunk = 1;
        for (let i = 1; i < 400; i++) {
          const p = i / 400;
          worst = Math.min(worst, exactCoverage(n, p, c));
          worstShrunk = Math.min(
            worstShrunk,
            exactCoverage(n, p, c, (ci) => shrink(ci, 0.8)),
          );
        }
        expect(worst, `n=${n} c=${c}`).toBeGreaterThanOrEqual(c - 1e-12);
        // negative control: the same grid check rejects the 20%-shrunk intervals
        expect(worstShrunk, `shrunk n=${n} c=${c}`).toBeLessThan(c);
      }
  });
});

describe('clopperPearson: coverage (10 000 simulated counts, exact binomial test at 99.99%)', () => {
  const N = 10_000;
  const cases = [
    { n: 50, p: 0.3, c: 0.95, seed: 2201 },
    { n: 200, p: 0.02, c: 0.999, seed: 2202 },
    { n: 30, p: 0.5, c: 0.99, seed: 2203 },
  ];
  for (const { n, p, c, seed } of cases) {
    test(`n = ${n}, p = ${p}, confidence ${c}: K consistent with the exact coverage and ≥ nominal; shrunk by 20% rejected`, () => {
      const rng = mulberry32(seed);
      const cache = new Map<number, [number, number]>();
      let K = 0,
        Ks = 0;
      for (let t = 0; t < N; t++) {
        const k = binomialDraw(rng, n, p);
        let ci = cache.get(k);
        if (!ci) {
          ci = clopperPearson(k, n, c);
          cache.set(k, ci);
        }
        if (ci[0] <= p && p <= ci[1]) K++;
        const [a, b] = shrink(ci, 0.8);
        if (a <= p && p <= b) Ks++;
      }
      const dExact = coverageDecision(K, N, exactCoverage(n, p, c), 'exact');
      const dNominal = coverageDecision(K, N, c, 'atLeast');
      const dShrunk = coverageDecision(Ks, N, c, 'atLeast');
      console.log(
        `clopperPearson n=${n} p=${p} c=${c}: ${describeDecision(dExact)}; vs nominal lower end ${dNominal.lo}; shrunk: ${Ks}`,
      );
      expect(dExact.reject, describeDecision(dExact)).toBe(false);
      expect(dNominal.reject, describeDecision(dNominal)).toBe(false);
      expect(dShrunk.reject, `shrunk: ${describeDecision(dShrunk)}`).toBe(true);
    });
  }
});
