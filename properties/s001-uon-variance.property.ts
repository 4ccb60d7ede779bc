import { Matrix } from 'ml-matrix';
import {
  exponentDecision,
  frobeniusNorm,
  gaussianBatchNoise,
  linearisedPolarVariance,
  mulberry32,
  noiseScales,
  OrthoNoiseSampler,
  polarFactor,
  squareG,
  statistic,
  substance,
  tallG,
  thinSvd,
  totalVarianceInterval,
  unitMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { BatchMeanNoise } from '../src/claim.js';

const N = 6000;
const toM = (A: Float64Array, m: number, n: number) =>
  new Matrix(Array.from({ length: m }, (_, i) => Array.from(A.subarray(i * n, (i + 1) * n))));

/** E = F·Z/√k with Z i.i.d. N(0,1) m×n: Cov[vec E] = (FFᵀ ⊗ I)/k, the "left covariance" Σ = FFᵀ. */
function leftNoise(F: Matrix, m: number, n: number): BatchMeanNoise & { factors: Matrix[] } {
  const z = new Float64Array(m * n);
  const inner = gaussianBatchNoise(new Float64Array(m * n).fill(1));
  return {
    scale: new Float64Array(m * n),
    skew: 0,
    factors: Array.from({ length: m * n }, (_, b) => F.mmul(unitMatrix(m, n, Math.floor(b / n), b % n))),
    sample(rng, k, out) {
      inner.sample(rng, k, z);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let l = 0; l < m; l++) s += F.get(i, l) * z[l * n + j];
          out[i * n + j] = s;
        }
    },
  };
}

/** Diagonal Σ (independent entries with the shared s001 scales): factors √Σ_aa·e_a. */
function diagFactors(m: number, n: number): Matrix[] {
  const s = noiseScales(m * n);
  return Array.from({ length: m * n }, (_, b) => unitMatrix(m, n, Math.floor(b / n), b % n).mul(s[b]));
}

/** P_⊥ = I − QQᵀ with Q = Ortho(G): the document's projector (zero for square G). */
function pPerp(G: Matrix): Matrix {
  const Q = polarFactor(G);
  return Matrix.eye(G.rows).sub(Q.mmul(Q.transpose()));
}

const VAR_REASON = `${N} draws of Ortho(G+E), E ~ N(0, Σ/k); total variance E‖Uon − E Uon‖²_F with a CLT 99.9% interval`;

const squareBoundZero = statistic({
  name: 'square G: Var[Uon] ≤ C·‖P_⊥ΣOrtho(G)^†‖_F/k with P_⊥ = 0',
  backend: 'ml-matrix-f64',
  sizes: [[3, 3]],
  toleranceReason: VAR_REASON,
  run: (ctx) => {
    const Gf = squareG(),
      G = toM(Gf, 3, 3);
    const Pp = pPerp(G);
    const k = 256;
    const s = new OrthoNoiseSampler(Gf, 3, 3);
    const v = totalVarianceInterval(s.deviations(gaussianBatchNoise(noiseScales(9)), k, N, mulberry32(ctx.seed)), 9);
    return {
      name: 'k·Var[Uon] at k = 256 (square 3×3 G)',
      estimate: k * v.estimate,
      ci: [k * v.ci[0], k * v.ci[1]],
      confidence: 0.999,
      samples: N,
      rule: 'P_⊥ = I − Ortho(G)Ortho(G)ᵀ = 0 for square G (‖P_⊥‖_F is roundoff), so the claimed bound is 0 for every Σ and constant: the claim holds iff the CI of k·Var reaches 0',
      // A total variance and its upper end are ≥ 0, so "0 ∈ CI" is exactly "the CI reaches 0".
      decision: { kind: 'contains', value: 0 },
      normPperp: frobeniusNorm(Pp),
    };
  },
});

const tallRangeNoise = statistic({
  name: 'tall G, Σ supported on range(G): Var[Uon] ≤ C·‖P_⊥Σ…‖_F/k with P_⊥Σ = 0',
  backend: 'ml-matrix-f64',
  sizes: [[4, 3]],
  toleranceReason: VAR_REASON,
  run: (ctx) => {
    const Gf = tallG(),
      G = toM(Gf, 4, 3);
    const { U } = thinSvd(G);
    // Σ = U·diag(0.04, 0.01, 0.0225)·Uᵀ (m×m, left covariance), so P_⊥Σ = 0 exactly.
    const F = U.mmul(Matrix.diag([0.2, 0.1, 0.15])).mmul(U.transpose());
    const noise = leftNoise(F, 4, 3);
    const Sigma = F.mmul(F.transpose());
    const k = 256;
    const s = new OrthoNoiseSampler(Gf, 4, 3);
    const v = totalVarianceInterval(s.deviations(noise, k, N, mulberry32(ctx.seed)), 12);
    return {
      name: 'k·Var[Uon] at k = 256 (tall 4×3 G, Σ = U Λ Uᵀ)',
      estimate: k * v.estimate,
      ci: [k * v.ci[0], k * v.ci[1]],
      confidence: 0.999,
      samples: N,
      rule: 'reading Σ as the m×m left covariance (the only one P_⊥Σ typechecks with), P_⊥Σ = 0 here, so every dimensionally consistent reading of ‖P_⊥ΣOrtho(G)^†‖ is 0: the claim holds iff the CI of k·Var reaches 0',
      decision: { kind: 'contains', value: 0 },
      normPperpSigma: frobeniusNorm(pPerp(G).mmul(Sigma)),
    };
  },
});

const KS = [64, 128, 256, 512, 1024, 2048, 4096];
/**
 * The per-k total variances, memoised by seed (the check is in the headline and the corrected group,
 * each with its own seed), with the latest run kept for the negative control, which judges the data of
 * the check it controls under a moved claimed exponent.
 */
const varianceBySeed = new Map<number, { y: number[]; se: number[] }>();
let latestVariances: { y: number[]; se: number[] } | null = null;
function variances(seed: number) {
  let v = varianceBySeed.get(seed);
  if (!v) {
    const rng = mulberry32(seed);
    const s = new OrthoNoiseSampler(tallG(), 4, 3);
    const noise = gaussianBatchNoise(noiseScales(12));
    const r = KS.map((k) => totalVarianceInterval(s.deviations(noise, k, N, rng), 12));
    v = { y: r.map((x) => x.estimate), se: r.map((x) => x.standardError) };
    varianceBySeed.set(seed, v);
  }
  latestVariances = v;
  return v;
}
// The control moves the claimed −1 by 10% (to −0.9): small against the exponent, several times the
// 99.99% interval's width (≈ 0.02) away.
const CLAIMED_RATE = -1,
  CONTROL_RATE = -0.9;
const kExponent = statistic({
  name: 'Var[Uon] ∝ k^p with p = −1 (tall 4×3, k = 64 … 4096)',
  backend: 'scalar-f64',
  sizes: [[4, 3]],
  toleranceReason: VAR_REASON + '; weighted log–log fit',
  run: (ctx) => {
    const r = variances(ctx.seed);
    return exponentDecision('log–log slope of Var[Uon] in k', KS, r.y, r.se, CLAIMED_RATE, N * KS.length);
  },
  control: {
    description: `claimed exponent −1 → ${CONTROL_RATE} (10% slower than 1/k)`,
    run: (ctx) => {
      const r = latestVariances ?? variances(ctx.seed);
      return exponentDecision('log–log slope of Var[Uon] in k', KS, r.y, r.se, CONTROL_RATE, N * KS.length);
    },
  },
});

/** Corrected: k·Var[Uon] → tr(JΣJᵀ) with J the exact Fréchet derivative (checked at k = 4096, where the O(1/k) correction is ≈ 0.1%). */
function deltaMethodLimit(
  label: string,
  Gf: Float64Array,
  m: number,
  n: number,
  noise: BatchMeanNoise,
  factors: Matrix[],
) {
  return statistic({
    name: `${label}: k·Var[Uon] → tr(JΣJᵀ), J = DOrtho(G)`,
    backend: 'ml-matrix-f64',
    sizes: [[m, n]],
    toleranceReason: VAR_REASON + ' at k = 4096 (O(1/k) correction ≈ trΣ/(kσ_min²) ≈ 0.1%, far inside the interval)',
    run: (ctx) => {
      const k = 4096;
      const exact = linearisedPolarVariance(toM(Gf, m, n), factors);
      const s = new OrthoNoiseSampler(Gf, m, n);
      const v = totalVarianceInterval(s.deviations(noise, k, N, mulberry32(ctx.seed)), m * n);
      const ci: [number, number] = [k * v.ci[0], k * v.ci[1]];
      return {
        name: 'k·Var[Uon] at k = 4096',
        estimate: k * v.estimate,
        ci,
        confidence: 0.999,
        samples: N,
        decision: { kind: 'contains', value: exact },
        rule: `tr(JΣJᵀ) = ${exact.toPrecision(6)} must lie in the 99.9% CI`,
      };
    },
  });
}

const tallLeft = (() => {
  const G = toM(tallG(), 4, 3);
  const { U } = thinSvd(G);
  return leftNoise(U.mmul(Matrix.diag([0.2, 0.1, 0.15])).mmul(U.transpose()), 4, 3);
})();

/**
 * The corrected conclusion on the failing checks' own draws: the same sampler, noise, k = 256 and seed as
 * the headline check, so the same N draws; k·Var[Uon] must match the delta-method value tr(JΣJᵀ) (its
 * O(1/k) correction at k = 256 is ≈ 1% for the diagonal Σ, a quarter of the interval's half-width).
 */
function deltaMethodAt256(
  name: string,
  Gf: Float64Array,
  m: number,
  n: number,
  noise: () => BatchMeanNoise,
  factors: () => Matrix[],
) {
  return statistic({
    name,
    backend: 'ml-matrix-f64',
    sizes: [[m, n]],
    toleranceReason: VAR_REASON + ' at k = 256, the draws of the statement as written',
    run: (ctx) => {
      const k = 256;
      const exact = linearisedPolarVariance(toM(Gf, m, n), factors());
      const s = new OrthoNoiseSampler(Gf, m, n);
      const v = totalVarianceInterval(s.deviations(noise(), k, N, mulberry32(ctx.seed)), m * n);
      return {
        name: `k·Var[Uon] at k = ${k}`,
        estimate: k * v.estimate,
        ci: [k * v.ci[0], k * v.ci[1]],
        confidence: 0.999,
        samples: N,
        decision: { kind: 'contains', value: exact },
        rule: `tr(JΣJᵀ) = ${exact.toPrecision(6)}, J = DOrtho(G) the full Fréchet derivative, must lie in the 99.9% CI`,
      };
    },
  });
}

verifyClaim(import.meta.url, {
  checks: [squareBoundZero, tallRangeNoise, kExponent],
  // Wrong in substance: the linear term of Ortho has a rotation part UΩVᵀ besides P_⊥EVΣ⁻¹Vᵀ, so the
  // variance is tr(JΣJᵀ)/k with the full derivative J, not a multiple of ‖P_⊥Σ…‖ (0 in both cases).
  failure: substance({
    checks: {
      [squareBoundZero.name]: deltaMethodAt256(
        'square G: k·Var[Uon] = tr(JΣJᵀ) + O(1/k), J = DOrtho(G) (same draws)',
        squareG(),
        3,
        3,
        () => gaussianBatchNoise(noiseScales(9)),
        () => diagFactors(3, 3),
      ),
      [tallRangeNoise.name]: deltaMethodAt256(
        'tall G, Σ on range(G): k·Var[Uon] = tr(JΣJᵀ) + O(1/k), J = DOrtho(G) (same draws)',
        tallG(),
        4,
        3,
        () => tallLeft,
        () => tallLeft.factors,
      ),
    },
  }),
  corrected: [
    deltaMethodLimit('square 3×3, diagonal Σ', squareG(), 3, 3, gaussianBatchNoise(noiseScales(9)), diagFactors(3, 3)),
    deltaMethodLimit('tall 4×3, diagonal Σ', tallG(), 4, 3, gaussianBatchNoise(noiseScales(12)), diagFactors(4, 3)),
    deltaMethodLimit('tall 4×3, Σ = UΛUᵀ on range(G)', tallG(), 4, 3, tallLeft, tallLeft.factors),
    kExponent,
  ],
});
