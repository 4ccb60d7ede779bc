import { verifyClaim } from '../src/verify/verifyClaim.js';
import { statistic } from '../src/verify/checks/statistic.js';
import { mulberry32 } from '../src/arbitraries/prng.js';
import { gaussianBatchNoise } from '../src/sim/batchMeanNoise.js';
import { OrthoNoiseSampler } from '../src/sim/orthoNoiseMonteCarlo.js';
import { noiseScales, tallG } from '../src/sim/s001Setting.js';
import { normOfMeanInterval, totalVarianceInterval } from '../src/stats/normOfMean.js';
import { exponentDecision } from '../src/stats/exponentDecision.js';
import { zQuantile } from '../src/stats/meanInterval.js';

const m = 4, n = 3, d = m * n;
const GAMMA = 0.9;
const G = tallG();
const scale = noiseScales(d);
const uonNoise = gaussianBatchNoise(scale);
// Steady-state momentum: Muon = Ortho(G/(1−γ) + N), N ~ N(0, Σ/((1−γ²)k)), the exact law of the momentum noise.
const muonNoise = gaussianBatchNoise(scale.map((s) => s / Math.sqrt(1 - GAMMA ** 2)));
const N = 3000;
const KS = [64, 128, 256, 512, 1024, 2048, 4096];

function plain(sampler: OrthoNoiseSampler, noise: typeof uonNoise, c: number, k: number, rng: () => number): Float64Array {
  const out = new Float64Array(N * d), E = new Float64Array(d);
  for (let i = 0; i < N; i++) { noise.sample(rng, k, E); sampler.deviation(E, out.subarray(i * d, (i + 1) * d), c); }
  return out;
}

const EXP_REASON = `${N} draws per k (antithetic pairs for the bias), E ~ N(0, Σ/k); weighted log–log fit, 99.99% CI (Birge-inflated)`;
const uonBiasRate = statistic({
  name: 'Uon bias is O(1/k) for large k', backend: 'scalar-f64', sizes: [[m, n]], toleranceReason: EXP_REASON,
  run: (ctx) => {
    const rng = mulberry32(ctx.seed), s = new OrthoNoiseSampler(G, m, n);
    const r = KS.map((k) => normOfMeanInterval(s.antitheticDeviations(uonNoise, k, N, rng, 1), d));
    return exponentDecision('slope of Bias[Uon] in k', KS, r.map((x) => x.debiased), r.map((x) => x.standardError), -1, N * KS.length);
  },
});
const uonVarianceRate = statistic({
  name: 'Uon variance is O(1/k) for large k', backend: 'scalar-f64', sizes: [[m, n]], toleranceReason: EXP_REASON,
  run: (ctx) => {
    const rng = mulberry32(ctx.seed), s = new OrthoNoiseSampler(G, m, n);
    const r = KS.map((k) => totalVarianceInterval(plain(s, uonNoise, 1, k, rng), d));
    return exponentDecision('slope of Var[Uon] in k', KS, r.map((x) => x.estimate), r.map((x) => x.standardError), -1, N * KS.length);
  },
});

/** Muon/Uon ratio of bias or variance at k = 1024 with a delta-method interval (99.9% unless stated). */
function muonOverUon(what: 'bias' | 'variance', name: string, rule: string, decide: (ci: [number, number]) => boolean, threshold: number, confidence = 0.999) {
  const k = 1024;
  return statistic({
    name, backend: 'scalar-f64', sizes: [[m, n]],
    toleranceReason: `${N} draws each of Uon and steady-state Muon (γ = ${GAMMA}) at k = ${k}${what === 'bias' ? ' (antithetic pairs, debiased ‖mean‖)' : ''}; ratio with delta-method ${confidence * 100}% interval`,
    run: (ctx) => {
      const rng = mulberry32(ctx.seed), s = new OrthoNoiseSampler(G, m, n);
      const est = (noise: typeof uonNoise, c: number) => {
        if (what === 'bias') { const r = normOfMeanInterval(s.antitheticDeviations(noise, k, N, rng, c), d); return { v: r.debiased, se: r.standardError }; }
        const r = totalVarianceInterval(plain(s, noise, c, k, rng), d); return { v: r.estimate, se: r.standardError };
      };
      const u = est(uonNoise, 1), mu = est(muonNoise, 1 / (1 - GAMMA));
      const ratio = mu.v / u.v, se = ratio * Math.hypot(mu.se / mu.v, u.se / u.v), z = zQuantile(confidence);
      const ci: [number, number] = [ratio - z * se, ratio + z * se];
      return { name: `${what}[Muon]/${what}[Uon] at k = ${k}`, estimate: ratio, ci, confidence, samples: 2 * N, rule, passed: decide(ci), threshold };
    },
  });
}
const muonMoreBias = muonOverUon('bias', 'Muon has additional O(γ) bias: Bias[Muon] > Bias[Uon]', 'additional bias ⇒ the ratio must exceed 1: holds iff the 99.9% CI lies above 1', (ci) => ci[0] > 1, 1);
const muonMoreVariance = muonOverUon('variance', 'Muon has amplified variance: Var[Muon] > Var[Uon]', 'amplified ⇒ the ratio must exceed 1: holds iff the 99.9% CI lies above 1', (ci) => ci[0] > 1, 1);
const RATIO = (1 - GAMMA) / (1 + GAMMA);
const muonBiasRatio = muonOverUon('bias', 'Bias[Muon]/Bias[Uon] → (1−γ)/(1+γ)', `(1−γ)/(1+γ) = ${RATIO.toPrecision(4)} must lie in the 99.99% CI`, (ci) => ci[0] <= RATIO && RATIO <= ci[1], RATIO, 0.9999);
// Equalities with the limit are decided at 99.99% (z = 3.89): the ratio's sampling sd, measured over 30
// seeds (0.00106 vs the delta-method 0.00094: calibrated within the ±13% that 30 seeds resolve), put one
// seed (103) at 3.6 se from the limit; at 99.9% the ~30 equality intervals of the suite would reject a
// true statement on some seed of the 20-seed stability run with probability ≈ 45%, at 99.99% ≈ 6%.
const muonVarianceRatio = muonOverUon('variance', 'Var[Muon]/Var[Uon] → (1−γ)/(1+γ)', `(1−γ)/(1+γ) = ${RATIO.toPrecision(4)} must lie in the 99.99% CI`, (ci) => ci[0] <= RATIO && RATIO <= ci[1], RATIO, 0.9999);

const KR = [16, 32, 64, 128, 256, 512, 1024];
// The extrapolated bias is a small difference of biases: its slope CI is wider than the plain ones, and its
// points scatter about the line by more than their standard errors (O(1/k³) curvature), so the Birge-
// inflated 99.99% CI is ≈ 0.30–0.36 wide at 12000 draws per k (more draws do not narrow a misfit). The
// width guard 0.45 only keeps a vague fit from passing: an interval entirely below −1.5 and narrower than
// 0.45 excludes the plain order −1 by more than a full width.
const NR = 12000;
const richardson = statistic({
  name: 'Richardson 2·Uon_{2k} − Uon_k removes the 1/k bias: its bias is O(1/k²)', backend: 'scalar-f64', sizes: [[m, n]],
  toleranceReason: `${NR} draws per k of 2·Ortho(ḡ_{2k}) − Ortho(ḡ_k) − Ortho(G) with common random numbers (ḡ_{2k} − G = (ḡ_k − G)/√2 in law) and antithetic pairs; weighted log–log fit, 99.99% CI (Birge-inflated)`,
  run: (ctx) => {
    const rng = mulberry32(ctx.seed), s = new OrthoNoiseSampler(G, m, n);
    const r = KR.map((k) => normOfMeanInterval(s.richardsonDeviations(uonNoise, k, NR, rng), d));
    const dec = exponentDecision('slope of the extrapolated estimator\'s bias in k', KR, r.map((x) => x.debiased), r.map((x) => x.standardError), -2, NR * KR.length, 0.45);
    // "Reduces the bias by an order": the 1/k term must be gone, with the rate at least half an order
    // faster (CI below −1.5). Measured ≈ −2.02 ± 0.12; asking for −2 inside the CI would also judge the
    // O(1/k³) curvature and the weighting of 15%-noisy points, which the statement does not claim.
    return { ...dec, passed: dec.ci[1] < -1.5 && dec.ci[1] - dec.ci[0] < 0.45, threshold: -1.5, rule: 'bias reduced by an order: the 99.99% CI of the slope (width < 0.45) must lie below −1.5 (plain Uon: −1; one order more: −2)' };
  },
});

verifyClaim(import.meta.url, {
  checks: [uonBiasRate, uonVarianceRate, muonMoreBias, muonMoreVariance, richardson],
  corrected: [uonBiasRate, uonVarianceRate, muonBiasRatio, muonVarianceRatio, richardson],
});
