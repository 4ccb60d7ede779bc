import {
  exponentDecision,
  gaussianBatchNoise,
  memoBySeed,
  mulberry32,
  noiseScales,
  normOfMeanInterval,
  OrthoNoiseSampler,
  statistic,
  substance,
  tallG,
  totalVarianceInterval,
  verifyClaim,
  zQuantile,
} from '../src/claim.js';
import type { StatisticRule } from '../src/claim.js';

const m = 4,
  n = 3,
  d = m * n;
const GAMMA = 0.9;
const G = tallG();
const scale = noiseScales(d);
const uonNoise = gaussianBatchNoise(scale);
// Steady-state momentum: Muon = Ortho(G/(1−γ) + N), N ~ N(0, Σ/((1−γ²)k)), the exact law of the momentum noise.
const muonNoise = gaussianBatchNoise(scale.map((s) => s / Math.sqrt(1 - GAMMA ** 2)));
const N = 3000;
const KS = [64, 128, 256, 512, 1024, 2048, 4096];

function plain(
  sampler: OrthoNoiseSampler,
  noise: typeof uonNoise,
  c: number,
  k: number,
  rng: () => number,
): Float64Array {
  const out = new Float64Array(N * d),
    E = new Float64Array(d);
  for (let i = 0; i < N; i++) {
    noise.sample(rng, k, E);
    sampler.deviation(E, out.subarray(i * d, (i + 1) * d), c);
  }
  return out;
}

type Points = { y: number[]; se: number[] };

const EXP_REASON = `${N} draws per k (antithetic pairs for the bias), E ~ N(0, Σ/k); weighted log–log fit, 99.99% CI (Birge-inflated)`;
const biasPoints = memoBySeed((seed): Points => {
  const rng = mulberry32(seed),
    s = new OrthoNoiseSampler(G, m, n);
  const r = KS.map((k) => normOfMeanInterval(s.antitheticDeviations(uonNoise, k, N, rng, 1), d));
  return { y: r.map((x) => x.debiased), se: r.map((x) => x.standardError) };
});
const variancePoints = memoBySeed((seed): Points => {
  const rng = mulberry32(seed),
    s = new OrthoNoiseSampler(G, m, n);
  const r = KS.map((k) => totalVarianceInterval(plain(s, uonNoise, 1, k, rng), d));
  return { y: r.map((x) => x.estimate), se: r.map((x) => x.standardError) };
});
// The controls move the claimed exponent −1 by 10% (to −0.9, "slower than 1/k"): small against the claim,
// but the 99.99% slope intervals are ≈ 0.03 wide, so 0.1 is more than three widths away.
const CLAIMED_RATE = -1,
  CONTROL_RATE = -0.9;
const uonBiasRate = statistic({
  name: 'Uon bias is O(1/k) for large k',
  backend: 'scalar-f64',
  sizes: [[m, n]],
  toleranceReason: EXP_REASON,
  run: (ctx) => {
    const r = biasPoints.run(ctx.seed);
    return exponentDecision('slope of Bias[Uon] in k', KS, r.y, r.se, CLAIMED_RATE, N * KS.length);
  },
  control: {
    description: `claimed exponent −1 → ${CONTROL_RATE} (10% slower than 1/k)`,
    run: (ctx) => {
      const r = biasPoints.latest(ctx.seed);
      return exponentDecision('slope of Bias[Uon] in k', KS, r.y, r.se, CONTROL_RATE, N * KS.length);
    },
  },
});
const uonVarianceRate = statistic({
  name: 'Uon variance is O(1/k) for large k',
  backend: 'scalar-f64',
  sizes: [[m, n]],
  toleranceReason: EXP_REASON,
  run: (ctx) => {
    const r = variancePoints.run(ctx.seed);
    return exponentDecision('slope of Var[Uon] in k', KS, r.y, r.se, CLAIMED_RATE, N * KS.length);
  },
  control: {
    description: `claimed exponent −1 → ${CONTROL_RATE} (10% slower than 1/k)`,
    run: (ctx) => {
      const r = variancePoints.latest(ctx.seed);
      return exponentDecision('slope of Var[Uon] in k', KS, r.y, r.se, CONTROL_RATE, N * KS.length);
    },
  },
});

/** Muon/Uon ratio of bias or variance at k = 1024 with a delta-method interval (99.9% unless stated). */
function muonOverUon(
  what: 'bias' | 'variance',
  name: string,
  rule: string,
  decision: StatisticRule,
  confidence = 0.999,
) {
  const k = 1024;
  return statistic({
    name,
    backend: 'scalar-f64',
    sizes: [[m, n]],
    toleranceReason: `${N} draws each of Uon and steady-state Muon (γ = ${GAMMA}) at k = ${k}${what === 'bias' ? ' (antithetic pairs, debiased ‖mean‖)' : ''}; ratio with delta-method ${confidence * 100}% interval`,
    run: (ctx) => {
      const rng = mulberry32(ctx.seed),
        s = new OrthoNoiseSampler(G, m, n);
      const est = (noise: typeof uonNoise, c: number) => {
        if (what === 'bias') {
          const r = normOfMeanInterval(s.antitheticDeviations(noise, k, N, rng, c), d);
          return { v: r.debiased, se: r.standardError };
        }
        const r = totalVarianceInterval(plain(s, noise, c, k, rng), d);
        return { v: r.estimate, se: r.standardError };
      };
      const u = est(uonNoise, 1),
        mu = est(muonNoise, 1 / (1 - GAMMA));
      const ratio = mu.v / u.v,
        se = ratio * Math.hypot(mu.se / mu.v, u.se / u.v),
        z = zQuantile(confidence);
      const ci: [number, number] = [ratio - z * se, ratio + z * se];
      return {
        name: `${what}[Muon]/${what}[Uon] at k = ${k}`,
        estimate: ratio,
        ci,
        confidence,
        samples: 2 * N,
        decision,
        rule,
      };
    },
  });
}
const muonMoreBias = muonOverUon(
  'bias',
  'Muon has additional O(γ) bias: Bias[Muon] > Bias[Uon]',
  'additional bias ⇒ the ratio must exceed 1: holds iff the 99.9% CI lies above 1',
  { kind: 'above', value: 1 },
);
const muonMoreVariance = muonOverUon(
  'variance',
  'Muon has amplified variance: Var[Muon] > Var[Uon]',
  'amplified ⇒ the ratio must exceed 1: holds iff the 99.9% CI lies above 1',
  { kind: 'above', value: 1 },
);
const RATIO = (1 - GAMMA) / (1 + GAMMA);
const muonBiasRatio = muonOverUon(
  'bias',
  'Bias[Muon]/Bias[Uon] → (1−γ)/(1+γ)',
  `(1−γ)/(1+γ) = ${RATIO.toPrecision(4)} must lie in the 99.99% CI`,
  { kind: 'contains', value: RATIO },
  0.9999,
);
// Equalities with the limit are decided at 99.99% (z = 3.89): the ratio's sampling sd, measured over 30
// seeds (0.00106 vs the delta-method 0.00094: calibrated within the ±13% that 30 seeds resolve), put one
// seed (103) at 3.6 se from the limit; at 99.9% the ~30 equality intervals of the suite would reject a
// true statement on some seed of the 20-seed stability run with probability ≈ 45%, at 99.99% ≈ 6%.
const muonVarianceRatio = muonOverUon(
  'variance',
  'Var[Muon]/Var[Uon] → (1−γ)/(1+γ)',
  `(1−γ)/(1+γ) = ${RATIO.toPrecision(4)} must lie in the 99.99% CI`,
  { kind: 'contains', value: RATIO },
  0.9999,
);

const KR = [16, 32, 64, 128, 256, 512, 1024];
// The extrapolated bias is a small difference of biases: its slope CI is wider than the plain ones, and its
// points scatter about the line by more than their standard errors (O(1/k³) curvature), so the Birge-
// inflated 99.99% CI is ≈ 0.30–0.36 wide at 12000 draws per k (more draws do not narrow a misfit). The
// width guard 0.45 only keeps a vague fit from passing: an interval entirely below −1.5 and narrower than
// 0.45 excludes the plain order −1 by more than a full width.
const NR = 12000;
/** "Reduced by an order": the plain rate is −1; the slope's interval must lie below −1.5, half an order faster. */
const HALF_ORDER_FASTER = -1.5,
  WIDTH_GUARD = 0.45;
/** Controls: two orders faster (O(1/k³): below −2.5, half-way between −2 and −3 as −1.5 is between −1 and −2) and the plain exponent checks' width guard 0.2 (exponentDecision's default). */
const TWO_ORDERS_FASTER = -2.5,
  PLAIN_WIDTH_GUARD = 0.2;
/** The rate the extrapolation is expected to reach (one order more than −1); reported, not decided on. */
const EXTRAPOLATED_RATE = -2;
const RICHARDSON_REASON = `${NR} draws per k of 2·Ortho(ḡ_{2k}) − Ortho(ḡ_k) − Ortho(G) with common random numbers (ḡ_{2k} − G = (ḡ_k − G)/√2 in law) and antithetic pairs; weighted log–log fit, 99.99% CI (Birge-inflated)`;
const richardsonPoints = memoBySeed((seed): Points => {
  const rng = mulberry32(seed),
    s = new OrthoNoiseSampler(G, m, n);
  const r = KR.map((k) => normOfMeanInterval(s.richardsonDeviations(uonNoise, k, NR, rng), d));
  return { y: r.map((x) => x.debiased), se: r.map((x) => x.standardError) };
});
const richardsonFit = (r: Points) =>
  exponentDecision(
    "slope of the extrapolated estimator's bias in k",
    KR,
    r.y,
    r.se,
    EXTRAPOLATED_RATE,
    NR * KR.length,
    WIDTH_GUARD,
  );
// "Reduces the bias by an order": the 1/k term must be gone, with the rate at least half an order
// faster (CI below −1.5). Measured ≈ −2.02 ± 0.12; asking for −2 inside the CI would also judge the
// O(1/k³) curvature and the weighting of 15%-noisy points, which the statement does not claim.
const belowRate = (r: Points, rate: number) => ({
  ...richardsonFit(r),
  decision: { kind: 'below', value: rate } as StatisticRule,
  rule: 'bias reduced by an order: the 99.99% CI of the slope must lie below −1.5 (plain Uon: −1; one order more: −2)',
});
const richardson = statistic({
  name: 'Richardson 2·Uon_{2k} − Uon_k removes the 1/k bias: its bias is O(1/k²)',
  backend: 'scalar-f64',
  sizes: [[m, n]],
  toleranceReason: RICHARDSON_REASON,
  run: (ctx) => belowRate(richardsonPoints.run(ctx.seed), HALF_ORDER_FASTER),
  // Two orders instead of one (O(1/k³)): the measured −2.0 ± 0.13 must not lie below −2.5.
  control: {
    description: 'bias reduced by two orders instead of one (CI below −2.5: O(1/k³))',
    run: (ctx) => belowRate(richardsonPoints.latest(ctx.seed), TWO_ORDERS_FASTER),
  },
});
/** The fit is decided, not vague: the slope's 99.99% interval is narrower than `guard` (the width as a degenerate interval). */
const narrowerThan = (r: Points, guard: number) => {
  const f = richardsonFit(r),
    width = f.ci[1] - f.ci[0];
  return {
    name: "width of the 99.99% CI of the extrapolated estimator's slope",
    estimate: width,
    ci: [width, width] as [number, number],
    confidence: f.confidence,
    samples: f.samples,
    decision: { kind: 'below', value: guard } as StatisticRule,
    rule: 'the width guard keeps a vague fit from passing',
    slope: f.estimate,
    slopeCi: f.ci,
  };
};
const richardsonDecided = statistic({
  name: 'Richardson 2·Uon_{2k} − Uon_k: the slope of its bias is decided (99.99% CI narrower than 0.45)',
  backend: 'scalar-f64',
  sizes: [[m, n]],
  toleranceReason: RICHARDSON_REASON,
  // The same fit as the check above (it runs first in each group): the one decision of the original, split in two.
  run: (ctx) => narrowerThan(richardsonPoints.latest(ctx.seed), WIDTH_GUARD),
  // The plain exponent checks' guard 0.2: the extrapolated fit's interval is 0.30–0.36 wide, so it must fail.
  control: {
    description: "width guard 0.45 → 0.2 (the plain exponent checks' guard)",
    run: (ctx) => narrowerThan(richardsonPoints.latest(ctx.seed), PLAIN_WIDTH_GUARD),
  },
});

verifyClaim(import.meta.url, {
  checks: [uonBiasRate, uonVarianceRate, muonMoreBias, muonMoreVariance, richardson, richardsonDecided],
  // Item 2 is wrong in substance: with stationary gradients steady-state momentum is averaging, and both
  // ratios tend to (1−γ)/(1+γ) < 1. Each twin draws the same Uon and Muon samples (same sampler, the
  // headline check's seed) and tests the corrected limit.
  failure: substance({
    checks: { [muonMoreBias.name]: muonBiasRatio, [muonMoreVariance.name]: muonVarianceRatio },
  }),
  corrected: [uonBiasRate, uonVarianceRate, muonBiasRatio, muonVarianceRatio, richardson, richardsonDecided],
});
