import {
  componentZTest,
  exponentDecision,
  exponentialBatchNoise,
  gaussianBatchNoise,
  mulberry32,
  noiseScales,
  normOfMeanInterval,
  PolarTaylor,
  S001_SIGMA_MIN,
  statistic,
  substance,
  tallG,
  verifyClaim,
} from '../src/claim.js';
import type { BatchMeanNoise } from '../src/claim.js';

const m = 4,
  n = 3,
  d = m * n;
const G = tallG();
const skewed = exponentialBatchNoise(noiseScales(d));
const symmetric = gaussianBatchNoise(noiseScales(d));
const H = 5e-3 * S001_SIGMA_MIN; // Taylor-term extraction step: see PolarTaylor for the error budget

type Term = 'L' | 'Q' | 'C';
/** N draws of one Taylor term T(E_k) at G, E_k the batch-mean noise at batch size k. */
function termSamples(term: Term, noise: BatchMeanNoise, k: number, N: number, rng: () => number): Float64Array {
  const T = new PolarTaylor(G, m, n, H);
  const out = new Float64Array(N * d),
    E = new Float64Array(d);
  for (let i = 0; i < N; i++) {
    noise.sample(rng, k, E);
    const o = out.subarray(i * d, (i + 1) * d);
    T.terms(E, term === 'L' ? o : null, term === 'Q' ? o : null, term === 'C' ? o : null);
  }
  return out;
}

const TERM_REASON = (N: number, what: string) =>
  `${N} draws per k of ${what} (Taylor term at G by Richardson central differences, h = 5·10⁻³σ_min, truncation ≲ 10⁻⁵ relative); skewed noise = centred exponentials, batch mean drawn exactly as (Gamma(k) − k)/k; debiased ‖mean‖ with delta-method SE; weighted log–log fit, 99.99% CI (Birge-inflated)`;

/** E[T(E)] = 0 tested by component z-scores (Bonferroni 99.9% over the d components). */
function zeroMeanDecision(term: Term, noise: BatchMeanNoise, label: string, seed: number) {
  const z = componentZTest(
    termSamples(term, noise, ZERO_MEAN_K, ZERO_MEAN_N, mulberry32(seed)),
    d,
    new Float64Array(d),
  );
  return {
    name: `mean ${label}_a at the component a = ${z.worstComponent} of largest |z|`,
    estimate: z.estimate,
    ci: z.ci,
    confidence: z.confidence,
    samples: ZERO_MEAN_N,
    decision: z.decision,
    rule: `E[${label}] = 0 is not rejected iff every component's |z| ≤ ${z.quantile.toFixed(3)} (Bonferroni over ${d})`,
    maxAbsZ: z.maxAbsZ,
  };
}
const ZERO_MEAN_N = 6000,
  ZERO_MEAN_K = 16;
/**
 * `control`: the same zero-mean test applied to another term, whose mean is known not to vanish (the
 * quadratic term Q₂(E), whose mean is the O(1/k) bias itself).
 */
function zeroMean(
  name: string,
  term: Term,
  noise: BatchMeanNoise,
  label: string,
  control?: { term: Term; label: string },
) {
  return statistic({
    name,
    backend: 'scalar-f64',
    sizes: [[m, n]],
    toleranceReason: `${ZERO_MEAN_N} draws of ${label} at k = ${ZERO_MEAN_K}; component z-scores, Bonferroni 99.9% over ${d} components`,
    run: (ctx) => zeroMeanDecision(term, noise, label, ctx.seed),
    ...(control
      ? {
          control: {
            description: `the same test on ${control.label}, whose mean is the O(1/k) bias`,
            run: (ctx) => zeroMeanDecision(control.term, noise, control.label, ctx.seed),
          },
        }
      : {}),
  });
}

/**
 * The per-k norms of the mean term, memoised by term and seed (a check rebuilt for the corrected group
 * gets its own seed), with the latest run per term kept for the negative control, which judges the data
 * of the check it controls under a moved claimed exponent.
 */
const termNorms = new Map<string, { y: number[]; se: number[] }>();
const latestTermNorms = new Map<Term, { y: number[]; se: number[] }>();
function meanTermNorms(term: Term, ks: number[], N: number, seed: number) {
  const key = `${term}:${ks.join(',')}:${N}:${seed}`;
  let v = termNorms.get(key);
  if (!v) {
    const rng = mulberry32(seed);
    const r = ks.map((k) => normOfMeanInterval(termSamples(term, skewed, k, N, rng), d));
    v = { y: r.map((x) => x.debiased), se: r.map((x) => x.standardError) };
    termNorms.set(key, v);
  }
  latestTermNorms.set(term, v);
  return v;
}

// The cubic term's mean is a small signal under heavy-tailed O(‖E‖³) draws (cubes of exponentials): at
// 8000 draws per k the slope's sampling spread over 40 seeds was wider than its standard error and one
// seed in 40 excluded the true −2; 16000 draws give a 99.99% CI ≈ 0.2 wide (Birge-inflated when the
// points scatter), and width < 0.3 still separates −2 from the claimed −3/2 by more than the width.
function orderOfBias(
  name: string,
  term: Term,
  ks: number[],
  N: number,
  claimed: number,
  label: string,
  maxWidth = 0.2,
  controlClaimed?: number,
) {
  const decision = (r: { y: number[]; se: number[] }, p: number) =>
    exponentDecision(`log–log slope of ‖E[${label}]‖ in k (skewed noise)`, ks, r.y, r.se, p, N * ks.length, maxWidth);
  return statistic({
    name,
    backend: 'scalar-f64',
    sizes: [[m, n]],
    toleranceReason: TERM_REASON(N, label),
    run: (ctx) => decision(meanTermNorms(term, ks, N, ctx.seed), claimed),
    ...(controlClaimed === undefined
      ? {}
      : {
          control: {
            description: `claimed exponent ${claimed} → ${controlClaimed}`,
            run: (ctx) => decision(latestTermNorms.get(term) ?? meanTermNorms(term, ks, N, ctx.seed), controlClaimed),
          },
        }),
  });
}

// The control moves the claimed −1 by 10% (to −0.9): small against the exponent, more than twice the
// 99.99% interval's width (≈ 0.04) away.
const Q_CONTROL_EXPONENT = -0.9;
const KQ = [1, 2, 4, 8, 16, 32, 64];
const KC = [1, 2, 4, 8, 16, 32];
const CUBIC_CLAIMED = 'C₃(E) gives O(1/k^{3/2}) bias: exponent −3/2';
verifyClaim(import.meta.url, {
  checks: [
    zeroMean('L₁(E) has zero expectation (skewed noise)', 'L', skewed, 'L₁(E)', { term: 'Q', label: 'Q₂(E)' }),
    orderOfBias('Q₂(E) gives O(1/k) bias: exponent −1', 'Q', KQ, 3000, -1, 'Q₂(E)', undefined, Q_CONTROL_EXPONENT),
    orderOfBias(CUBIC_CLAIMED, 'C', KC, 16000, -1.5, 'C₃(E)', 0.3),
  ],
  // The exponent is wrong: the third cumulant of a mean of k i.i.d. errors is κ₃/k², so E[C₃(E)] = C₃[κ₃]/k².
  // The twin is the same fit on the same draws (same seed, memoised) with the corrected exponent −2.
  failure: substance({
    checks: {
      [CUBIC_CLAIMED]: orderOfBias(
        'C₃(E) gives O(1/k²) bias under skewed noise: exponent −2 (same draws)',
        'C',
        KC,
        16000,
        -2,
        'C₃(E)',
        0.3,
      ),
    },
  }),
  corrected: [
    zeroMean('L₁(E) has zero expectation (skewed noise)', 'L', skewed, 'L₁(E)'),
    orderOfBias('Q₂(E) gives O(1/k) bias: exponent −1', 'Q', KQ, 3000, -1, 'Q₂(E)'),
    orderOfBias('C₃(E) gives O(1/k²) bias under skewed noise: exponent −2', 'C', KC, 16000, -2, 'C₃(E)', 0.3),
    zeroMean('C₃(E) has zero expectation under symmetric (Gaussian) noise', 'C', symmetric, 'C₃(E)'),
  ],
});
