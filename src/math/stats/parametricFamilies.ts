import { simpsonVector } from './quadrature.js';

/**
 * A parametric family given by its log-density (or log-mass) and a way to take expectations
 * exactly: a finite support with probabilities, or quadrature over an interval. Derivatives in θ
 * are taken numerically by the callers, so no hand-derived score can hide an error.
 */
export interface ParametricFamily {
  name: string;
  dim: number;
  /** Draw a parameter from u ∈ [0,1)^dim (kept inside the family's regular region). */
  theta: (u: number[]) => number[];
  logp: (x: number, theta: number[]) => number;
  /** E_θ[f(X)] for a vector-valued f, computed exactly (sums) or by quadrature. */
  expect: (theta: number[], f: (x: number) => number[]) => number[];
  /** Whether the support depends on θ (then ∇∫p ≠ ∫∇p in general). */
  regular: boolean;
}

function sumOver(
  support: number[],
  theta: number[],
  logp: ParametricFamily['logp'],
  f: (x: number) => number[],
): number[] {
  let acc: number[] | null = null;
  for (const x of support) {
    const p = Math.exp(logp(x, theta));
    const v = f(x);
    acc = acc ? acc.map((a, i) => a + p * v[i]) : v.map((vi) => p * vi);
  }
  return acc!;
}

function integrate(
  theta: number[],
  lo: number,
  hi: number,
  logp: ParametricFamily['logp'],
  f: (x: number) => number[],
): number[] {
  // 4000 Simpson panels over ≤ 28 scale units: h ≈ 0.007 scale, error ~h⁴ ≈ 1e-9 relative at worst.
  return simpsonVector(
    (x) => {
      const p = Math.exp(logp(x, theta));
      return f(x).map((v) => p * v);
    },
    lo,
    hi,
    4000,
  );
}

const logFactorial = (k: number) => {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
};

export const gaussianFamily: ParametricFamily = {
  name: 'Gaussian N(μ, σ²), θ = (μ, σ)',
  dim: 2,
  regular: true,
  theta: ([a, b]) => [4 * a - 2, 0.5 + 1.5 * b],
  logp: (x, [mu, s]) => -0.5 * Math.log(2 * Math.PI) - Math.log(s) - (x - mu) ** 2 / (2 * s * s),
  // ±14σ leaves a tail mass below 1e-44.
  expect: (t, f) => integrate(t, t[0] - 14 * t[1], t[0] + 14 * t[1], gaussianFamily.logp, f),
};

export const bernoulliLogitFamily: ParametricFamily = {
  name: 'Bernoulli with logit η',
  dim: 1,
  regular: true,
  theta: ([a]) => [6 * a - 3],
  logp: (x, [eta]) => (x === 1 ? -Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta))),
  expect: (t, f) => sumOver([0, 1], t, bernoulliLogitFamily.logp, f),
};

export const poissonLogRateFamily: ParametricFamily = {
  name: 'Poisson with log-rate',
  dim: 1,
  regular: true,
  theta: ([a]) => [2 * a - 1],
  logp: (x, [l]) => x * l - Math.exp(l) - logFactorial(x),
  // Rates ≤ e: mass beyond 60 is below 1e-50.
  expect: (t, f) =>
    sumOver(
      Array.from({ length: 61 }, (_, k) => k),
      t,
      poissonLogRateFamily.logp,
      f,
    ),
};

export const exponentialFamily: ParametricFamily = {
  name: 'Exponential with rate λ',
  dim: 1,
  regular: true,
  theta: ([a]) => [0.5 + 2 * a],
  logp: (x, [l]) => Math.log(l) - l * x,
  expect: (t, f) => integrate(t, 0, 80 / t[0], exponentialFamily.logp, f),
};

export const categoricalSoftmaxFamily: ParametricFamily = {
  name: 'Categorical with softmax logits (3 classes)',
  dim: 3,
  regular: true,
  theta: (u) => u.map((x) => 4 * x - 2),
  logp: (x, th) => {
    const m = Math.max(...th);
    const lse = m + Math.log(th.reduce((a, v) => a + Math.exp(v - m), 0));
    return th[x] - lse;
  },
  expect: (t, f) => sumOver([0, 1, 2], t, categoricalSoftmaxFamily.logp, f),
};

/** Uniform(0, θ): the support moves with θ, the textbook failure of the regularity conditions. */
export const uniformScaleFamily: ParametricFamily = {
  name: 'Uniform(0, θ) (support depends on θ)',
  dim: 1,
  regular: false,
  theta: ([a]) => [0.5 + 2 * a],
  logp: (x, [th]) => (x >= 0 && x <= th ? -Math.log(th) : -Infinity),
  // Stop 3e-4 short of θ so the θ ± 2h stencils of hessianFD (h = 1e-4) stay inside the support;
  // the neglected mass is ≤ 6e-4, negligible next to the O(1) failure this family demonstrates.
  expect: (t, f) => integrate(t, 0, t[0] - 3e-4, uniformScaleFamily.logp, f),
};

export const regularFamilies = [
  gaussianFamily,
  bernoulliLogitFamily,
  poissonLogRateFamily,
  exponentialFamily,
  categoricalSoftmaxFamily,
];
