import {
  gaussianArray,
  hypothesis,
  leftGramPolar,
  mulberry32,
  normOfMeanInterval,
  pinvSqrtmSym,
  polarFactor,
  polarFlat,
  polarIdentityCheck,
  PolarWorkspace,
  relative,
  rightGramPolar,
  rightPolarRelationAtScaleCheck,
  statistic,
  symmetricFunction,
  verifyClaim,
  withControl,
} from '../src/claim.js';
import type { MatrixCase, StatisticDecision } from '../src/claim.js';

const MU = Float64Array.from([2, 0, 0, 1, 0, 0]); // [diag(2, 1); 0]
const SCALE = Float64Array.from([0.6, 0.3, 0.2, 0.5, 0.4, 0.1]);
/**
 * "Differ" means by more than the roundoff of computing Ortho(μ) (κ(μ) = 2), not merely > 0: the
 * control below, where the exact difference is 0, measured a systematic roundoff mean of 5.6e-19 whose
 * 99.9% interval lay above 0. The headline's difference (≈ 0.076) is 12 orders above this bound.
 */
const ORTHO_ROUNDOFF = relative({ n: 3, growth: 2, growthName: 'κ(μ)' });
/** ‖E Ortho(μ + ε) − Ortho(μ)‖_F from N antithetic pairs ±ε, ε with independent entries of standard deviations `scale`. */
function orthoBias(seed: number, scale: Float64Array): StatisticDecision {
  const rng = mulberry32(seed),
    N = 20_000,
    d = 6;
  const ws = new PolarWorkspace(3, 2),
    P0 = polarFlat(MU, ws, new Float64Array(d));
  const A = new Float64Array(d),
    Pp = new Float64Array(d),
    Pm = new Float64Array(d),
    z = new Float64Array(d),
    out = new Float64Array(N * d);
  for (let s = 0; s < N; s++) {
    gaussianArray(rng, d, z);
    for (let a = 0; a < d; a++) A[a] = MU[a] + scale[a] * z[a];
    polarFlat(A, ws, Pp);
    for (let a = 0; a < d; a++) A[a] = MU[a] - scale[a] * z[a];
    polarFlat(A, ws, Pm);
    for (let a = 0; a < d; a++) out[s * d + a] = 0.5 * (Pp[a] + Pm[a]) - P0[a];
  }
  const r = normOfMeanInterval(out, d);
  return {
    name: '‖E Ortho(G_x) − Ortho(μ)‖_F',
    estimate: r.debiased,
    ci: r.ci,
    confidence: r.confidence,
    samples: N,
    decision: { kind: 'above', value: ORTHO_ROUNDOFF.bound },
    rule: `the two differ iff the 99.9% interval lies above the roundoff of computing Ortho (${ORTHO_ROUNDOFF.reason})`,
  };
}
/**
 * The control's noise: only on μ's singular directions e₁e₁ᵀ and e₂e₂ᵀ (entries (1,1) and (2,2)), which
 * moves the singular values and leaves Ortho(μ + ε) = Ortho(μ): there the statement "they differ" is
 * false. A tenth of the headline's scales there, so σ = 2, 1 keep their sign (≥ 20 standard deviations).
 */
const SINGULAR_DIRECTIONS_ONLY = Float64Array.from([0.06, 0, 0, 0.05, 0, 0]);
const sumOfOrthoDiffers = statistic({
  name: '‖E_x Ortho(G_x) − Ortho(E_x G_x)‖_F > 0 (G_x = μ + ε_x, anisotropic Gaussian ε)',
  backend: 'scalar-f64',
  sizes: [[3, 2]],
  toleranceReason:
    '20 000 antithetic pairs ±ε (first-order term cancels); debiased norm of the mean with a delta-method 99.9% interval, which must lie above the roundoff of Ortho (30·3·u·κ(μ))',
  run: (ctx) => orthoBias(ctx.seed, SCALE),
  control: {
    description: "noise only along μ's singular directions (it moves σ, not Ortho: no difference)",
    run: (ctx) => orthoBias(ctx.seed, SINGULAR_DIRECTIONS_ONLY),
  },
});
const NOISE_FREE_NAME = 'no noise (M = GGᵀ), square G: G(GᵀG)^{-1/2} = M^{-1/2}G = UVᵀ';
const noiseFree = withControl(
  polarIdentityCheck(NOISE_FREE_NAME, 'square', (G) => {
    const right = rightGramPolar(G),
      left = leftGramPolar(G);
    // Both forms must agree with UVᵀ; return the worse of the two so one residual decides.
    const P = polarFactor(G);
    return right.clone().sub(P).norm() >= left.clone().sub(P).norm() ? right : left;
  }),
  'inverse instead of inverse square root: G(GᵀG)^{-1}',
  polarIdentityCheck(`${NOISE_FREE_NAME} [control: G(GᵀG)^{-1}]`, 'square', (G) =>
    G.mmul(symmetricFunction(G.transpose().mmul(G), (l) => 1 / l)),
  ),
);
const atScale = rightPolarRelationAtScaleCheck('G(GᵀG)^{-1/2} = UVᵀ at n = 1024 (square, κ = 100)', 1024, 100);

verifyClaim(import.meta.url, {
  checks: [
    polarIdentityCheck('G(GᵀG)^{-1/2} = UVᵀ, every full-rank shape', 'any', rightGramPolar),
    atScale,
    noiseFree,
    sumOfOrthoDiffers,
  ],
  // G(GᵀG)^{-1/2} needs GᵀG invertible: full column rank, m ≥ n.
  failure: hypothesis('m ≥ n (G tall or square)', (c: MatrixCase) => c.rows >= c.cols),
  corrected: [
    polarIdentityCheck('full column rank: G(GᵀG)^{-1/2} = UVᵀ', 'tall-or-square', rightGramPolar),
    polarIdentityCheck('every full-rank G: G(GᵀG)^{+1/2} = UVᵀ', 'any', (G) =>
      G.mmul(pinvSqrtmSym(G.transpose().mmul(G))),
    ),
    // The n = 1024 f32 check (square) is not repeated here: it already holds in the headline run (~10 s).
    noiseFree,
    sumOfOrthoDiffers,
  ],
});
