import {
  compute,
  emaMoments,
  emaSquaredErrors,
  monteCarlo,
  step,
  tolerance,
  verifyClaim,
  zQuantile,
} from '../src/claim.js';
import type { Measurement, NoiseLaw } from '../src/claim.js';
import { scalarIdentity } from '../src/checks/scalarIdentity.js';

/**
 * The statement's parts, as written: MSE = μ²γ^{(biasPower)t} + (sign)·σ^(sigmaPower)·r(γ)·(1 − γ^{2(t + horizonOffset)})
 * with r(γ) = (1−γ)/(1+γ) (its reciprocal when `ratioInverted`). A mutant replaces one.
 */
interface Parts extends Record<string, unknown> {
  biasPower: number;
  varianceSign: number;
  sigmaPower: number;
  ratioInverted: boolean;
  horizonOffset: number;
}
const AS_WRITTEN: Parts = { biasPower: 2, varianceSign: 1, sigmaPower: 2, ratioInverted: false, horizonOffset: 0 };
const claimedMse = (p: Parts) => (v: Record<string, number>) =>
  v.mu ** 2 * v.g ** (p.biasPower * v.t) +
  p.varianceSign *
    v.sigma ** p.sigmaPower *
    (p.ratioInverted ? (1 + v.g) / (1 - v.g) : (1 - v.g) / (1 + v.g)) *
    (1 - v.g ** (2 * (v.t + p.horizonOffset)));
const exact = (v: Record<string, number>) => emaMoments(v.mu, v.sigma, v.g, v.t);
const vars = {
  mu: { min: -3, max: 3 },
  sigma: { min: 0.1, max: 3 },
  g: { min: 0.01, max: 0.99 },
  t: { min: 1, max: 60, integer: true },
};
const sum = (t: number, term: (i: number) => number) => {
  let s = 0;
  for (let i = 0; i < t; i++) s += term(i);
  return s;
};

const SETTINGS = [
  { mu: 1, sigma: 1, gamma: 0.9 },
  { mu: 0.3, sigma: 2, gamma: 0.5 },
  { mu: 2, sigma: 0.5, gamma: 0.99 },
];
const CHECKPOINTS = [1, 2, 5, 10, 30];
const PATHS = 200_000;
const CONFIDENCE = 0.9999;
const Z = zQuantile(CONFIDENCE);
const INTERVALS = SETTINGS.length * 2 * CHECKPOINTS.length; // 3 settings × 2 noise laws × 5 checkpoints
/** |MC − formula| ≤ z·se at 99.99% per interval: 30 intervals, so a true formula fails some with probability ≤ 0.3% (Bonferroni). */
const mcInterval = (se: number) => {
  const t = monteCarlo({ z: Z, se, confidence: CONFIDENCE, samples: PATHS });
  return tolerance(
    t.bound,
    `${t.reason}; ${INTERVALS} intervals (Bonferroni: family-wise ≥ ${(100 * (1 - INTERVALS * (1 - CONFIDENCE))).toFixed(1)}%)`,
  );
};
/** The intervals must be narrow enough to decide: half-width ≤ 3% of the value. */
const MAX_RELATIVE_HALF_WIDTH = tolerance(
  0.03,
  "narrow enough to decide (a design choice, not an error bound): each interval's half-width must be ≤ 3% of the formula's value, so the comparison resolves a formula off by a few percent",
);

function againstMonteCarlo(p: Parts, seed: number): Measurement[] {
  const out: Measurement[] = [];
  SETTINGS.forEach((s, k) =>
    (['gaussian', 'rademacher'] as NoiseLaw[]).forEach((noise, j) => {
      for (const r of emaSquaredErrors({
        ...s,
        checkpoints: CHECKPOINTS,
        paths: PATHS,
        seed: seed + 31 * k + j,
        noise,
      })) {
        const formula = claimedMse(p)({ mu: s.mu, sigma: s.sigma, g: s.gamma, t: r.t });
        out.push({
          value: Math.abs(r.mean - formula),
          tolerance: mcInterval(r.se),
          detail: { ...s, noise, t: r.t, monteCarlo: r.mean, ci: [r.mean - Z * r.se, r.mean + Z * r.se], formula },
        });
        out.push({
          value: (Z * r.se) / formula,
          tolerance: MAX_RELATIVE_HALF_WIDTH,
          detail: {
            ...s,
            noise,
            t: r.t,
            what: 'interval half-width relative to the formula (narrow enough to decide)',
          },
        });
      }
    }),
  );
  return out;
}

verifyClaim(import.meta.url, {
  parts: AS_WRITTEN,
  checks: (p: Parts) => [
    scalarIdentity({
      name: 'formula = exact MSE from the moment recursions',
      lhs: claimedMse(p),
      rhs: (v) => exact(v).mse,
      variables: vars,
      points: 400,
    }),
    compute({
      name: 'formula inside 99.99% Monte Carlo intervals (Gaussian and Rademacher noise)',
      backend: 'scalar-f64',
      sizes: [[PATHS, 30]],
      run: (ctx) => againstMonteCarlo(p, ctx.seed),
    }),
  ],
  mutants: [
    { name: 'bias term μ²γ^{2t} → μ²γ^{t}', parts: { biasPower: 1 } },
    { name: 'Bias² + Var → Bias² − Var (flipped sign)', parts: { varianceSign: -1 } },
    { name: 'σ² → σ in the variance term', parts: { sigmaPower: 1 } },
    { name: '(1−γ)/(1+γ) → (1+γ)/(1−γ)', parts: { ratioInverted: true } },
    { name: "1 − γ^{2t} → 1 − γ^{2(t+1)} (off by one in the sum's range)", parts: { horizonOffset: 1 } },
  ],
  steps: [
    scalarIdentity({
      name: 'E[m_t] = (1−γ)Σγⁱμ',
      lhs: (v) => exact(v).mean,
      rhs: (v) => (1 - v.g) * sum(v.t, (i) => v.g ** i * v.mu),
      variables: vars,
    }),
    scalarIdentity({
      name: '(1−γ)Σγⁱμ = μ(1−γᵗ)',
      lhs: (v) => (1 - v.g) * sum(v.t, (i) => v.g ** i * v.mu),
      rhs: 'mu * (1 - g^t)',
      variables: vars,
    }),
    scalarIdentity({
      name: 'Bias² = μ²γ^{2t}',
      lhs: '(mu * (1 - g^t) - mu)^2',
      rhs: 'mu^2 * g^(2 t)',
      variables: vars,
    }),
    scalarIdentity({
      name: 'Var(m_t) = (1−γ)²Σγ^{2i}σ²',
      lhs: (v) => exact(v).variance,
      rhs: (v) => (1 - v.g) ** 2 * sum(v.t, (i) => v.g ** (2 * i) * v.sigma ** 2),
      variables: vars,
    }),
    scalarIdentity({
      name: '(1−γ)²σ²(1−γ^{2t})/(1−γ²) = σ²(1−γ)/(1+γ)(1−γ^{2t})',
      lhs: '(1 - g)^2 * sigma^2 * (1 - g^(2 t)) / (1 - g^2)',
      rhs: 'sigma^2 * (1 - g) / (1 + g) * (1 - g^(2 t))',
      variables: vars,
    }),
    step(
      'numeric',
      compute({
        name: 'MSE = Bias² + Var (Monte Carlo, Gaussian noise)',
        backend: 'scalar-f64',
        run: (ctx) =>
          emaSquaredErrors({
            mu: 1,
            sigma: 1,
            gamma: 0.8,
            checkpoints: CHECKPOINTS,
            paths: PATHS,
            seed: ctx.seed,
            noise: 'gaussian',
          }).map((r) => {
            const m = emaMoments(1, 1, 0.8, r.t);
            const biasVar = (m.mean - 1) ** 2 + m.variance;
            return {
              value: Math.abs(r.mean - biasVar),
              tolerance: monteCarlo({ z: Z, se: r.se, confidence: CONFIDENCE, samples: PATHS }),
              detail: { t: r.t, monteCarlo: r.mean, biasPlusVariance: biasVar },
            };
          }),
      }),
    ),
  ],
});
