import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  claimed,
  exponentFit,
  forAll,
  frobeniusInner,
  frobeniusNorm,
  gaussianArray,
  geometricSpectrum,
  gridDistance,
  gridLoss,
  haarOrthonormal,
  matrices,
  medianInterval,
  mulberry32,
  polarHittingTime,
  polarStepFrobenius,
  relative,
  showMatrixCase,
  statistic,
  step,
  thinSvd,
  toMatrix,
  verifyClaim,
  zQuantile,
} from '../src/claim.js';
import type { CheckContext, MatrixCase } from '../src/claim.js';

const N = 4; // W is 4×4 (the paper's point needs several singular values, not a large n)
/** Singular values of M matrices W₀ with i.i.d. N(0, 1/n) entries (the paper's initialisation). */
function initialSpectra(seed: number, M: number): number[][] {
  const rng = mulberry32(seed);
  const g = new Float64Array(N * N);
  const out: number[][] = [];
  for (let k = 0; k < M; k++) {
    gaussianArray(rng, N * N, g);
    const W = new Matrix(N, N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) W.set(i, j, g[i * N + j] / Math.sqrt(N));
    out.push(thinSvd(W).s);
  }
  return out;
}

const EPS = Array.from({ length: 11 }, (_, i) => 10 ** (-3 - 0.5 * i)); // 1e-3 … 1e-8
const ETA_GRID = Array.from({ length: 61 }, (_, g) => 10 ** (-0.5 + g / 60)); // η/√ε from 0.32 to 3.2, 1/60 decade
const M_TUNE = 1000,
  M_EVAL = 4000;

/**
 * The statement's parts, as written: Muon's end-to-end exponent "no better than O(1/√ε)" (p ≥ ½), and
 * GD's O(log 1/ε) bound T_ε ≤ 1 + log(L₀/ε^(epsPower))/(rateCoefficient·log(1/|1−η|)), on ½⟨W, AW⟩ with
 * the contraction (κ^c − 1)/(κ^c + 1), c = conditionPower (κ as written; √κ would be an accelerated rate).
 */
interface Parts extends Record<string, unknown> {
  muonExponent: number;
  rateCoefficient: number;
  epsPower: number;
  conditionPower: number;
}
const AS_WRITTEN: Parts = { muonExponent: 0.5, rateCoefficient: 2, epsPower: 1, conditionPower: 1 };

interface MuonFit {
  slope: number;
  ci: [number, number];
  confidence: number;
  rows: unknown[];
}
/** The tuned-η medians and the exponent fit: simulated once (first caller's seed), shared with the mutants. */
let muonFit: MuonFit | null = null;
function fitMuonExponent(ctx: CheckContext): MuonFit {
  if (muonFit) return muonFit;
  const tune = initialSpectra(ctx.seed, M_TUNE),
    evalSet = initialSpectra(ctx.seed ^ 0x5bd1e995, M_EVAL);
  const xs: number[] = [],
    ys: number[] = [],
    ses: number[] = [],
    rows: unknown[] = [];
  const z = zQuantile(0.999);
  for (const eps of EPS) {
    let best = Infinity,
      bestEta = NaN;
    for (const c of ETA_GRID) {
      const eta = c * Math.sqrt(eps);
      const m = medianInterval(tune.map((s) => polarHittingTime(s, eta, eps))).estimate;
      if (m < best) {
        best = m;
        bestEta = eta;
      }
    }
    const T = evalSet.map((s) => polarHittingTime(s, bestEta, eps));
    const mi = medianInterval(T);
    xs.push(1 / eps);
    ys.push(mi.estimate);
    ses.push(Math.max((mi.ci[1] - mi.ci[0]) / (2 * z), MIN_MEDIAN_SE));
    rows.push({
      eps,
      eta: +bestEta.toPrecision(4),
      medianT: mi.estimate,
      ci: mi.ci,
      reached: T.filter(Number.isFinite).length / T.length,
    });
  }
  const f = exponentFit(xs, ys, ses);
  muonFit = { slope: f.slope, ci: f.ci, confidence: f.confidence, rows };
  return muonFit;
}
/** Half a step: the resolution of an integer-valued T, the smallest standard error a median is given. */
const MIN_MEDIAN_SE = 0.5;

const muonExponent = (p: Parts) =>
  statistic({
    name: 'exact-polar Muon, best fixed η per ε: exponent p in median T_ε ∝ (1/ε)^p, claim p ≥ 1/2',
    backend: 'scalar-f64',
    sizes: [[N, N]],
    toleranceReason: `median over ${M_EVAL} fresh inits per ε (η tuned on ${M_TUNE} other inits, so the selection does not bias the evaluated medians); per-point s.e. from the 99.9% order-statistic interval of the median (width/2z, at least 0.5 for an integer-valued T); weighted log–log fit over ε ∈ [1e-8, 1e-3]; 99.9% interval on the slope`,
    run: (ctx) => {
      const f = fitMuonExponent(ctx);
      // "p ≥ ½ is consistent with the data" = the slope's interval reaches ½ = its upper end is ≥ ½. The
      // statistic is that upper end; the largest finite double stands for "no upper limit" (a slope has none).
      return {
        name: 'upper end of the 99.9% interval of the slope of log median T_ε on log(1/ε)',
        estimate: f.ci[1],
        ci: [f.ci[1], f.ci[1]],
        confidence: f.confidence,
        samples: M_EVAL * EPS.length,
        decision: { kind: 'within', range: [p.muonExponent, Number.MAX_VALUE] },
        rule: 'the upper end of the slope\'s 99.9% interval is ≥ 1/2 (the exponent is not below 1/2: "no better than O(1/√ε)")',
        slope: f.slope,
        slopeCi: f.ci,
        perEpsilon: f.rows,
      };
    },
  });

// GD on ½‖W‖_F² with a fixed step η ∈ (0, 2): W_t = (1 − η)^t W₀, so T_ε = ⌈log(L₀/ε) / (2 log(1/|1 − η|))⌉.
interface GdCase {
  W0: MatrixCase;
  k: number;
}
const gdCases: fc.Arbitrary<GdCase> = fc.record({
  W0: matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'full', maxLogKappa: 3 }),
  k: fc.integer({ min: 1, max: 15 }),
});
const gdShow = (c: GdCase) => ({ W0: showMatrixCase(c.W0), eta: `${c.k}/8` });
function gdHitting(
  W0: Matrix,
  grad: (W: Matrix) => Matrix,
  loss: (W: Matrix) => number,
  eta: number,
  eps: number,
  cap: number,
): number {
  let W = W0;
  for (let t = 0; t <= cap; t++) {
    if (loss(W) <= eps) return t;
    W = W.clone().sub(grad(W).clone().mul(eta)); // clone: ml-matrix mul is in place, and grad may return W itself
  }
  return Infinity;
}
const GD_EPS = [1e-2, 1e-4, 1e-6, 1e-8];
/** The "1 +" of the bound: one step of slack for the ceiling and roundoff. */
const SLACK_STEPS = 1;
/** T_ε − ⌈log(L₀/ε)/(2 log(1/contraction))⌉ ≤ 1: the "1 +" of the claimed bound, judged in whole steps. */
const oneStepSlack = (contraction: string) =>
  claimed(
    SLACK_STEPS,
    `the "1 +" of T_ε ≤ 1 + log(L₀/ε)/(2 log(1/${contraction})): T_ε may exceed the ceiling of the logarithmic term by ${SLACK_STEPS} step; f64 roundoff in the contraction is ~t·u64 relative, far below a step`,
  );

/** Steps simulated past the claimed bound before declaring "not reached" (the bound's slack is one step). */
const EXTRA_STEPS = 5;
const notReached = (T: number) =>
  Number.isFinite(T) ? {} : { infinite: `GD did not reach ε within ${EXTRA_STEPS} steps past the claimed bound` };

const gdFrobenius = (p: Parts) =>
  forAll({
    name: 'GD on ½‖W‖², fixed η = k/8 ∈ (0,2): T_ε ≤ 1 + log(L₀/ε)/(2 log(1/|1−η|)) = O(log 1/ε), ε ∈ {1e-2,…,1e-8}',
    backend: 'ml-matrix-f64',
    arbitrary: gdCases,
    numRuns: 60,
    show: gdShow,
    measure: (c) => {
      const W0 = toMatrix(c.W0),
        eta = c.k / 8;
      const L = (W: Matrix) => frobeniusNorm(W) ** 2 / 2;
      const L0 = L(W0);
      let worst = 0;
      const detail: Record<string, number> = {};
      for (const eps of GD_EPS) {
        // η = 1 sends W to 0 in one step (log(1/|1−η|) = ∞).
        const bound =
          L0 <= eps
            ? 0
            : eta === 1
              ? 1
              : Math.ceil(Math.log(L0 / eps ** p.epsPower) / (p.rateCoefficient * Math.log(1 / Math.abs(1 - eta))));
        const T = gdHitting(W0, (W) => W, L, eta, eps, bound + EXTRA_STEPS);
        worst = Math.max(worst, T - bound);
        detail[`T(${eps})`] = T;
        detail[`bound(${eps})`] = bound;
      }
      return { value: worst, tolerance: oneStepSlack('|1−η|'), detail, ...notReached(worst) };
    },
  });

const gdQuadratic = (p: Parts) =>
  forAll({
    name: 'GD on ½⟨W, AW⟩ (κ(A) ∈ [1, 100], η = 2/(λ_min+λ_max)): T_ε ≤ 1 + log(L₀/ε)/(2 log((κ+1)/(κ−1)))',
    backend: 'ml-matrix-f64',
    arbitrary: fc.record({ seed: fc.integer({ min: 0, max: 2 ** 30 }), logKappa: fc.integer({ min: 0, max: 8 }) }),
    numRuns: 40,
    measure: ({ seed, logKappa }) => {
      const kappa = 10 ** (logKappa / 4);
      const Q = haarOrthonormal(N, N, seed);
      const a = geometricSpectrum(N, kappa);
      const A = Q.mmul(Matrix.diag(a)).mmul(Q.transpose());
      const W0 = new Matrix(N, N);
      const g = gaussianArray(mulberry32(seed + 1), N * N);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) W0.set(i, j, g[i * N + j] / Math.sqrt(N));
      const L = (W: Matrix) => frobeniusInner(W, A.mmul(W)) / 2;
      const eta = 2 / (a[0] + a[N - 1]);
      const k = kappa ** p.conditionPower;
      // κ = 1: η = 1/λ solves the problem in one step (contraction 0, rate ∞).
      const rate = kappa === 1 ? Infinity : p.rateCoefficient * Math.log((k + 1) / (k - 1));
      let worst = -Infinity;
      const detail: Record<string, number> = { kappa };
      for (const eps of GD_EPS) {
        const bound = Math.max(0, Math.ceil(Math.log(L(W0) / eps ** p.epsPower) / rate));
        const T = gdHitting(W0, (W) => A.mmul(W), L, eta, eps, bound + EXTRA_STEPS);
        worst = Math.max(worst, T - bound);
        detail[`T(${eps})`] = T;
        detail[`bound(${eps})`] = bound;
      }
      // Each A-eigencomponent contracts by |1 − ηaᵢ| ≤ (κ−1)/(κ+1) per step (exact in real arithmetic).
      return { value: worst, tolerance: oneStepSlack('((κ−1)/(κ+1))'), detail, ...notReached(worst) };
    },
  });

// Off-grid 4×4 starts and η = k/16: the full-matrix loss curve equals ½Σσᵢ(t)² from the closed form.
const reduction = step(
  'numeric',
  forAll({
    name: 'L(W_t) of the full 4×4 polar iteration = ½Σσᵢ(t)² from the scalar closed form (the reduction behind T_ε)',
    backend: 'ml-matrix-f64',
    arbitrary: fc
      .record({
        W0: matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'full', maxLogKappa: 2 }),
        k: fc.integer({ min: 1, max: 16 }),
      })
      .filter((c) => thinSvd(toMatrix(c.W0)).s.every((s) => gridDistance(s, c.k / 16) >= (1e-3 * c.k) / 16)),
    numRuns: 60,
    show: (c) => ({ W0: showMatrixCase(c.W0), eta: `${c.k}/16` }),
    measure: (c) => {
      const eta = c.k / 16;
      let W = toMatrix(c.W0);
      const s0 = thinSvd(W).s;
      const T = Math.floor(s0[0] / eta) + 4;
      const dmin = Math.min(...s0.map((s) => gridDistance(s, eta)));
      let worst = 0;
      for (let t = 1; t <= T; t++) {
        W = polarStepFrobenius(W, eta);
        worst = Math.max(worst, Math.abs(frobeniusNorm(W) ** 2 / 2 - gridLoss(s0, eta, t)));
      }
      const scale = Math.max(s0[0], eta) ** 2 * s0.length;
      // Relative to scale = max(σ_max, η)²·rank ≈ ‖W₀‖²: the loss is quadratic in σ.
      return {
        value: worst / scale,
        tolerance: relative({
          n: N,
          growth: T * (1 + (2 * eta) / dmin),
          growthName:
            "T·(1 + 2η/min dist(σᵢ, ηℤ)) (SVD backward error per step, times Ortho's condition number 1/σ_min, accumulated over T steps)",
        }),
      };
    },
  }),
);

verifyClaim(import.meta.url, {
  parts: AS_WRITTEN,
  checks: (p: Parts) => [muonExponent(p), gdFrobenius(p), gdQuadratic(p)],
  mutants: [
    // The fitted slope is 0.500 ± 0.002: any exponent above ≈ 0.503 is excluded.
    { name: 'Muon exponent ½ → 1 (T_ε ∝ 1/ε)', parts: { muonExponent: 1 } },
    { name: 'Muon exponent ½ → ⅔', parts: { muonExponent: 2 / 3 } },
    { name: 'GD rate log(L₀/ε)/(2 log …) → /(4 log …) (coefficient 2 → 4)', parts: { rateCoefficient: 4 } },
    { name: 'GD bound log(L₀/ε) → log(L₀/√ε)', parts: { epsPower: 0.5 } },
    { name: 'GD contraction (κ−1)/(κ+1) → (√κ−1)/(√κ+1) (the accelerated rate)', parts: { conditionPower: 0.5 } },
  ],
  steps: [reduction],
});
