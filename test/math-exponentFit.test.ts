/**
 * src/math/stats/exponentFit.ts: weighted least squares of log y on log x, slope interval
 * p̂ ± z·max(1, √(χ²/(K−2)))/√Sxx (Birge-inflated).
 *
 * COVERAGE, with an exactly computable target. Data log yₖ = log C + p·log xₖ + σₖ·Zₖ with known
 * σₖ, passed as seₖ = σₖ·yₖ (so the routine's delta-method weight 1/(se/y)² is exactly 1/σₖ²).
 * Then p̂ ~ N(p, 1/Sxx) exactly and, independently, χ² ~ χ²_{K−2} (normal linear model), so
 *   coverage = E_W[ P(|Z| ≤ z·max(1, √(W/(K−2)))) ],  W ~ χ²_{K−2},
 * a one-dimensional integral computed below (Simpson, error ≪ 1e-6; Φ from erfc with relative
 * error < 1.2e-7). The Birge factor only widens, so the promise is coverage ≥ c.
 * Rule (fixed): N = 10 000 simulated fits; reject iff K_cov is outside the two-sided 99.99% binomial
 * acceptance region for the computed coverage, or below the lower end of the region for c.
 * Negative control: the interval shrunk by 20% is rejected by the one-sided rule.
 */
import { describe, expect, test } from 'vitest';
import { exponentFit } from '../src/math/stats/exponentFit.js';
import { zQuantile } from '../src/math/stats/meanInterval.js';
import { gaussianArray, mulberry32 } from '../src/random/prng.js';
import { coverageDecision, describeDecision, shrink } from './math-helpers.js';

/** erfc (Numerical Recipes erfcc, Chebyshev fit, fractional error < 1.2e-7 everywhere) */
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
/** P(|Z| ≤ c) */
const twoSided = (c: number) => 1 - erfc(c / Math.SQRT2);

/** χ²_d density, d ≥ 2 (d = 1 has an integrable singularity at 0 that Simpson cannot take) */
function chi2Density(w: number, d: number): number {
  if (w <= 0) return d === 2 ? 0.5 : 0;
  const logGamma = (a: number) => {
    // Lanczos-free: Γ(d/2) for small half-integers by recursion
    let g = a % 1 === 0 ? 0 : Math.log(Math.sqrt(Math.PI)),
      x = a % 1 === 0 ? 1 : 0.5;
    while (x < a) {
      g += Math.log(x);
      x += 1;
    }
    return g;
  };
  return Math.exp((d / 2 - 1) * Math.log(w) - w / 2 - (d / 2) * Math.log(2) - logGamma(d / 2));
}

/** E_W[P(|Z| ≤ z·max(1, √(W/d)))], W ~ χ²_d, by composite Simpson on [0, d + 60·√(2d) + 100] (tail < 1e-80) */
function birgeCoverage(z: number, d: number): number {
  const f = (w: number) => chi2Density(w, d) * twoSided(z * Math.max(1, Math.sqrt(w / d)));
  // split at w = d, where the integrand has a kink
  const simpson = (a: number, b: number, m: number) => {
    const h = (b - a) / m;
    let s = f(a) + f(b);
    for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
    return (s * h) / 3;
  };
  return simpson(0, d, 20_000) + simpson(d, d + 60 * Math.sqrt(2 * d) + 100, 200_000);
}

const xs = [1, 2, 4, 8, 16, 32];
const sig = xs.map((_, k) => 0.05 * (1 + k / 3));

describe('exponentFit: arithmetic', () => {
  test('noise-free power law: slope exact up to roundoff in log y; Birge ratio 1', () => {
    const y = xs.map((x) => 2 * x ** -0.5);
    const r = exponentFit(
      xs,
      y,
      y.map((v) => 0.01 * v),
      0.95,
    );
    // an error ε in each log yₖ (here ≲ K·u·(1 + max|log y|) from forming y and the sums) moves the
    // slope by ≤ ε·Σw|ξ − ξ̄|/Sxx ≤ ε·√(W/Sxx) (Cauchy–Schwarz), and the intercept by ≤ ε + |ξ̄|·that
    const X = xs.map(Math.log),
      W = 6 / 0.01 ** 2,
      xm = X.reduce((a, b) => a + b, 0) / 6;
    const sxx = X.reduce((a, x) => a + (x - xm) ** 2, 0) / 0.01 ** 2;
    const eps = 30 * 6 * 2 ** -53 * (1 + Math.max(...y.map((v) => Math.abs(Math.log(v)))));
    expect(Math.abs(r.slope + 0.5)).toBeLessThanOrEqual(eps * Math.sqrt(W / sxx));
    expect(Math.abs(r.intercept - Math.log(2))).toBeLessThanOrEqual(eps * (1 + Math.abs(xm) * Math.sqrt(W / sxx)));
    expect(r.birgeRatio).toBe(1);
    // negative control: an exponent off by 1e-12 is outside the same tolerance
    expect(Math.abs(r.slope + 0.5 + 1e-12)).toBeGreaterThan(eps * Math.sqrt(W / sxx));
  });
  test('standard error 1/√Sxx without scatter; refuses < 3 points and non-positive y', () => {
    const y = xs.map((x) => x ** 2);
    const r = exponentFit(
      xs,
      y,
      y.map((v, k) => sig[k] * v),
      0.95,
    );
    const X = xs.map(Math.log),
      w = sig.map((s) => 1 / (s * s));
    const W = w.reduce((a, b) => a + b, 0),
      xm = X.reduce((a, x, i) => a + w[i] * x, 0) / W;
    const sxx = X.reduce((a, x, i) => a + w[i] * (x - xm) ** 2, 0);
    expect(Math.abs(r.standardError - 1 / Math.sqrt(sxx)) / r.standardError).toBeLessThanOrEqual(30 * 6 * 2 ** -53);
    expect(r.ci[1] - r.slope).toBeCloseTo(zQuantile(0.95) * r.standardError, 12);
    expect(() => exponentFit([1, 2], [1, 2], [0.1, 0.1])).toThrow(/≥ 3 points/);
    expect(() => exponentFit([1, 2, 3], [1, 0, 2], [0.1, 0.1, 0.1])).toThrow(/positive/);
  });
  test('the coverage integral is right where it is known: total mass 1, P(|Z| ≤ 1.959964) = 0.95, and → 0.95⁺ as d grows', () => {
    expect(Math.abs(twoSided(1.959964) - 0.95)).toBeLessThanOrEqual(1e-6);
    for (const d of [2, 4, 30]) expect(Math.abs(birgeCoverage(40, d) - 1)).toBeLessThanOrEqual(1e-6); // z = 40: integrand = density
    // for large d, W/d concentrates at 1 and the Birge factor → 1 (coverage → 0.95 from above)
    const c = birgeCoverage(1.959964, 200);
    expect(c).toBeGreaterThan(0.95);
    expect(c).toBeLessThan(0.955);
  });
});

describe('exponentFit: slope-interval coverage (10 000 fits, K = 6 points, exact binomial test at 99.99%)', () => {
  const N = 10_000,
    p = -0.5,
    C = 2;
  for (const [c, seed] of [
    [0.95, 3301],
    [0.99, 3302],
  ] as [number, number][]) {
    test(`confidence ${c}: consistent with the computed coverage, ≥ nominal; shrunk by 20% rejected`, () => {
      const rng = mulberry32(seed);
      const z = new Float64Array(xs.length);
      let K = 0,
        Ks = 0;
      for (let t = 0; t < N; t++) {
        gaussianArray(rng, xs.length, z);
        const y = xs.map((x, k) => C * x ** p * Math.exp(sig[k] * z[k]));
        const r = exponentFit(
          xs,
          y,
          y.map((v, k) => sig[k] * v),
          c,
        );
        if (r.ci[0] <= p && p <= r.ci[1]) K++;
        const [a, b] = shrink(r.ci, 0.8);
        if (a <= p && p <= b) Ks++;
      }
      const target = birgeCoverage(zQuantile(c), xs.length - 2);
      const dExact = coverageDecision(K, N, target, 'exact');
      const dNominal = coverageDecision(K, N, c, 'atLeast');
      const dShrunk = coverageDecision(Ks, N, c, 'atLeast');
      console.log(
        `exponentFit c=${c}: computed coverage ${target.toFixed(5)}; ${describeDecision(dExact)}; shrunk: ${Ks} (nominal lower end ${dShrunk.lo})`,
      );
      expect(target).toBeGreaterThanOrEqual(c);
      expect(dExact.reject, describeDecision(dExact)).toBe(false);
      expect(dNominal.reject, describeDecision(dNominal)).toBe(false);
      expect(dShrunk.reject, `shrunk: ${describeDecision(dShrunk)}`).toBe(true);
    });
  }
});
