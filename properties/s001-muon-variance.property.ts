import {
  gaussianBatchNoise,
  meanInterval,
  mulberry32,
  noiseScales,
  OrthoNoiseSampler,
  statistic,
  substance,
  tallG,
  totalVarianceInterval,
  traceSigma,
  verifyClaim,
  zQuantile,
} from '../src/claim.js';

const m = 4,
  n = 3,
  d = m * n;
const GAMMA = 0.9;
const G = tallG();
const scale = noiseScales(d);
const trace = traceSigma(gaussianBatchNoise(scale));
const N = 6000;
const T = 60; // γ^{2(T+1)} = 0.9^122 ≈ 2.6·10⁻⁶: the steady state to far below the interval width
const CLAIMED = (1 + GAMMA ** 2) / (1 - GAMMA) ** 2;
const ACTUAL = (1 - GAMMA ** (2 * (T + 1))) / (1 - GAMMA ** 2);

/** k·‖N_t‖²/tr Σ for the simulated momentum noise N_t = Σ_s γ^{t−s}(ḡ^s − G): its mean is the Σ_eff factor. */
function effectiveFactorSamples(k: number, rng: () => number): Float64Array {
  const noise = gaussianBatchNoise(scale);
  const e = new Float64Array(d),
    M = new Float64Array(d),
    out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    M.fill(0);
    for (let s = 0; s <= T; s++) {
      noise.sample(rng, k, e);
      for (let a = 0; a < d; a++) M[a] = GAMMA * M[a] + e[a];
    }
    let q = 0;
    for (let a = 0; a < d; a++) q += M[a] * M[a];
    out[i] = (k * q) / trace;
  }
  return out;
}

function factorCheck(name: string, target: number, label: string) {
  return statistic({
    name,
    backend: 'scalar-f64',
    sizes: [[m, n]],
    toleranceReason: `${N} simulated momentum recursions (γ = ${GAMMA}, t = ${T}, k = 16); tr Cov[N_t]·k/tr Σ = E[k‖N_t‖²]/tr Σ with a CLT 99.9% interval`,
    run: (ctx) => {
      const r = meanInterval(effectiveFactorSamples(16, mulberry32(ctx.seed)));
      return {
        name: 'Σ_eff/Σ factor',
        estimate: r.mean,
        ci: r.ci,
        confidence: 0.999,
        samples: N,
        decision: { kind: 'contains', value: target },
        rule: `${label} = ${target.toPrecision(6)} must lie in the 99.9% CI`,
      };
    },
  });
}

// Var[Muon]/Var[Uon] at the same k, steady state: Muon = Ortho(S·G + N), S = 1/(1−γ), N ~ N(0, Σ/((1−γ²)k)).
const K = 4096;
function varianceRatioCheck(name: string, target: number, label: string) {
  return statistic({
    name,
    backend: 'scalar-f64',
    sizes: [[m, n]],
    toleranceReason: `${N} draws each of Uon = Ortho(G + E) and steady-state Muon = Ortho(G/(1−γ) + N) at k = ${K} (O(1/k) corrections ≈ 0.1%); ratio of total variances, delta-method 99.9% interval`,
    run: (ctx) => {
      const rng = mulberry32(ctx.seed);
      const sampler = new OrthoNoiseSampler(G, m, n);
      const uon = totalVarianceInterval(sampler.deviations(gaussianBatchNoise(scale), K, N, rng), d);
      const muonNoise = gaussianBatchNoise(scale.map((s) => s / Math.sqrt(1 - GAMMA ** 2)));
      const X = new Float64Array(N * d),
        E = new Float64Array(d);
      for (let i = 0; i < N; i++) {
        muonNoise.sample(rng, K, E);
        sampler.deviation(E, X.subarray(i * d, (i + 1) * d), 1 / (1 - GAMMA));
      }
      const muon = totalVarianceInterval(X, d);
      const ratio = muon.estimate / uon.estimate;
      const rse = ratio * Math.hypot(muon.standardError / muon.estimate, uon.standardError / uon.estimate);
      const z = zQuantile(0.999);
      const ci: [number, number] = [ratio - z * rse, ratio + z * rse];
      return {
        name: 'Var[Muon]/Var[Uon]',
        estimate: ratio,
        ci,
        confidence: 0.999,
        samples: 2 * N,
        decision: { kind: 'contains', value: target },
        rule: `${label} = ${target.toPrecision(6)} must lie in the 99.9% CI`,
      };
    },
  });
}

const claimedFactor = factorCheck('Σ_eff = (1+γ²)/(1−γ)²·Σ', CLAIMED, 'claimed (1+γ²)/(1−γ)²');
const claimedRatio = varianceRatioCheck(
  'Var[Muon] amplified by (1+γ²)/(1−γ)² over Var[Uon]',
  CLAIMED,
  'claimed (1+γ²)/(1−γ)²',
);
const actualFactor = factorCheck('Σ_eff = (1−γ^{2(t+1)})/(1−γ²)·Σ', ACTUAL, '(1−γ^{2(t+1)})/(1−γ²)');
const actualRatio = varianceRatioCheck('Var[Muon]/Var[Uon] → (1−γ)/(1+γ)', (1 - GAMMA) / (1 + GAMMA), '(1−γ)/(1+γ)');

verifyClaim(import.meta.url, {
  checks: [claimedFactor, claimedRatio],
  // Wrong in substance: the momentum noise factor is Σ_j γ^{2j}, not (1+γ²)/(1−γ)², and after Ortho the
  // variance is reduced by (1−γ)/(1+γ). Each twin is the same statistic on the same draws (the headline
  // check's seed) with the corrected value.
  failure: substance({ checks: { [claimedFactor.name]: actualFactor, [claimedRatio.name]: actualRatio } }),
  corrected: [actualFactor, actualRatio],
});
