import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  compute,
  exact,
  exponentFit,
  forAll,
  frobeniusNorm,
  gaussianArray,
  invSqrtmSym,
  matrices,
  matrixResidual,
  meanInterval,
  memoBySeed,
  mulberry32,
  numericalRank,
  polarFactor,
  polarFlat,
  PolarWorkspace,
  relative,
  showMatrixCase,
  sizeOf,
  statistic,
  step,
  substance,
  symmetricEigen,
  tolerance,
  toMatrix,
  U64,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase, Measurement } from '../src/claim.js';

// μ = [diag(2, 1); 0] (3×2, σ = 2, 1) and anisotropic Gaussian noise on its six entries.
const MU = Float64Array.from([2, 0, 0, 1, 0, 0]);
const SCALE = Float64Array.from([0.6, 0.3, 0.2, 0.5, 0.4, 0.1]);
const KS = [16, 32, 64, 128, 256, 512, 1024];

const N_CONVERGENCE = 8000;
/** Mean distance ‖Ortho(S_k) − Ortho(μ)‖_F per k with its standard error. */
const distances = memoBySeed((seed) => {
  const rng = mulberry32(seed),
    N = N_CONVERGENCE,
    d = 6;
  const ws = new PolarWorkspace(3, 2),
    P0 = polarFlat(MU, ws, new Float64Array(d));
  const A = new Float64Array(d),
    P = new Float64Array(d),
    z = new Float64Array(d),
    dist = new Float64Array(N);
  const y: number[] = [],
    se: number[] = [];
  for (const k of KS) {
    for (let s = 0; s < N; s++) {
      gaussianArray(rng, d, z);
      // Ortho(kμ + √k Z) = Ortho(μ + Z/√k): Ortho is invariant under positive scaling.
      for (let a = 0; a < d; a++) A[a] = MU[a] + (SCALE[a] * z[a]) / Math.sqrt(k);
      polarFlat(A, ws, P);
      let e = 0;
      for (let a = 0; a < d; a++) e += (P[a] - P0[a]) ** 2;
      dist[s] = Math.sqrt(e);
    }
    const mi = meanInterval(dist);
    y.push(mi.mean);
    se.push(mi.standardError);
  }
  return { y, se };
});
function slopeBelow(data: { y: number[]; se: number[] }, rate: number, rule: string) {
  const f = exponentFit(KS, data.y, data.se);
  return {
    name: 'slope of log E‖Ortho(S_k) − Ortho(μ)‖ vs log k',
    estimate: f.slope,
    ci: f.ci,
    confidence: f.confidence,
    samples: N_CONVERGENCE * KS.length,
    decision: { kind: 'below', value: rate } as const,
    rule,
    points: KS.map((k, i) => ({ k, mean: +data.y[i].toPrecision(5), se: +data.se[i].toPrecision(3) })),
  };
}
/** The control's rate: 1/k (slope −1), the bias rate, where the distance itself falls like 1/√k (slope −½). */
const BIAS_RATE = -1;
const convergence = statistic({
  name: 'E‖Ortho(Σ_{i≤k} G_i) − Ortho(μ)‖_F → 0: log–log slope over k = 16…1024 is negative',
  backend: 'scalar-f64',
  sizes: [[3, 2]],
  toleranceReason:
    '8 000 draws per k, Σ_{i≤k} G_i = kμ + √k·Z exactly for Gaussian noise; weighted log–log fit with per-point standard errors, 99.9% interval',
  run: (ctx) => slopeBelow(distances.run(ctx.seed), 0, 'converges iff the 99.9% interval of the slope lies below 0'),
  control: {
    description: 'converges like 1/k (slope below −1) instead of merely to 0',
    run: (ctx) =>
      slopeBelow(
        distances.latest(ctx.seed),
        BIAS_RATE,
        'converges like 1/k iff the 99.9% interval of the slope lies below −1',
      ),
  },
});

type Pair = { mu: number[][]; s: number[] };
const pairs: fc.Arbitrary<Pair> = fc
  .record({ m: fc.integer({ min: 2, max: 3 }), n: fc.integer({ min: 1, max: 2 }) })
  .chain(({ m, n }) =>
    fc.record({
      mu: fc.array(fc.array(fc.integer({ min: -1, max: 1 }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      s: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: m, maxLength: m }),
    }),
  )
  .filter((p) => {
    const mu = new Matrix(p.mu);
    return numericalRank(mu) === Math.min(mu.rows, mu.columns);
  });
const secondMoment = (p: Pair) => {
  const mu = new Matrix(p.mu);
  return mu.mmul(mu.transpose()).add(Matrix.diag(p.s));
};
/** Σ_L = tμμᵀ for some t ≥ 0 (then M = (1 + t)μμᵀ); exact in integers up to roundoff of t. */
function proportional(p: Pair): boolean {
  const mu = new Matrix(p.mu),
    O = mu.mmul(mu.transpose()),
    S = Matrix.diag(p.s);
  const t = O.to1DArray().reduce((a, v, i) => a + v * S.to1DArray()[i], 0) / frobeniusNorm(O) ** 2;
  return frobeniusNorm(S.clone().sub(O.clone().mul(t))) <= 1e-12;
}
/** M is positive definite iff λ_min > n·u·λ_max (the eigensolver's backward error); else M^{-1/2} does not exist. */
const invertible = (M: Matrix) => {
  const { values } = symmetricEigen(M);
  return values[0] > M.rows * U64 * values[values.length - 1];
};
const showPair = (p: Pair) => ({ mu: p.mu, SigmaL: Matrix.diag(p.s).to2DArray(), M: secondMoment(p).to2DArray() });
const gap = (p: Pair) =>
  frobeniusNorm(
    invSqrtmSym(secondMoment(p))
      .mmul(new Matrix(p.mu))
      .sub(polarFactor(new Matrix(p.mu))),
  );
// κ(M) ≤ 12 for these integer cases: the difference is computed to ≈ 30·3·u·12 ≈ 1e-13, so 1e-8 separates equal from different.
const GAP_BOUND = 1e-8;
const DIFFERENT = tolerance(
  GAP_BOUND,
  '"≠" decided at ‖M^{-1/2}μ − Ortho(μ)‖_F ≥ 1e-8: the difference is computed to ≈ 30·3·u·κ(M) ≈ 1e-13 (κ(M) ≤ 12 for these integer cases), so 1e-8 separates equal from different',
);

const necessity = forAll({
  name: 'M not ∝ μμᵀ ⇒ Ortho(μ) ≠ M^{-1/2}μ (M = μμᵀ + Σ_L)',
  backend: 'ml-matrix-f64',
  arbitrary: pairs.filter((p) => !proportional(p)),
  numRuns: 300,
  size: (p: Pair) => [p.mu.length, p.mu[0].length],
  show: showPair,
  // Singular M counts as "≠" (M^{-1/2}μ undefined).
  measure: (p: Pair): Measurement =>
    invertible(secondMoment(p))
      ? { value: gap(p), tolerance: DIFFERENT, relation: '>=' }
      : {
          value: Number.MAX_VALUE,
          tolerance: DIFFERENT,
          relation: '>=',
          detail:
            'M singular: M^{-1/2}μ undefined, so it differs from Ortho(μ) (a holding ∞ cannot be a measurement: the largest finite double stands for it)',
        },
});
const workedExample = compute({
  name: 'worked case μ = (1, 0)ᵀ, Σ_L = diag(0, 1) (M = I, not ∝ μμᵀ): Ortho(μ) ≠ M^{-1/2}μ',
  backend: 'ml-matrix-f64',
  sizes: [[2, 1]],
  inputs: [
    {
      mu: [[1], [0]],
      SigmaL: [
        [0, 0],
        [0, 1],
      ],
    },
  ],
  run: () => ({ value: gap({ mu: [[1], [0]], s: [0, 1] }), tolerance: DIFFERENT, relation: '>=' }),
});

/** "Ortho(μ) = M^{-1/2}μ" (decided at 1e-8, roundoff ≈ 1e-13) against "Σ_Lμ = 0" (exact in integers): 1 on disagreement. */
const SAME_ANSWER = exact(
  'truth values compared (1 on disagreement): equality decided at 1e-8 (roundoff ≈ 1e-13), Σ_Lμ = 0 exactly in integers; singular M (outside the hypothesis) counts as agreement',
);
/**
 * The corrected conclusion on the necessity check's own inputs (M not ∝ μμᵀ): for invertible M,
 * Ortho(μ) ≠ M^{-1/2}μ unless Σ_Lμ = 0 — the two sides agree exactly when the noise's left covariance
 * annihilates μ's column space. Singular M (M^{-1/2} undefined) lies outside the corrected statement.
 */
const agreesWithAnnihilation = (p: Pair): Measurement => {
  const M = secondMoment(p);
  if (!invertible(M))
    return { value: 0, tolerance: SAME_ANSWER, detail: 'M singular: outside the hypothesis (vacuous)' };
  const equal = gap(p) < GAP_BOUND;
  const annihilates = frobeniusNorm(Matrix.diag(p.s).mmul(new Matrix(p.mu))) === 0;
  return { value: equal === annihilates ? 0 : 1, tolerance: SAME_ANSWER, detail: { equal, annihilates, gap: gap(p) } };
};
const necessityCorrected = forAll({
  name: 'M not ∝ μμᵀ, M invertible: Ortho(μ) ≠ M^{-1/2}μ unless Σ_Lμ = 0',
  backend: 'ml-matrix-f64',
  arbitrary: pairs.filter((p) => !proportional(p)),
  numRuns: 300,
  size: (p: Pair) => [p.mu.length, p.mu[0].length],
  show: showPair,
  measure: agreesWithAnnihilation,
});
const EQUAL = tolerance(
  GAP_BOUND,
  '"=" decided at ‖M^{-1/2}μ − Ortho(μ)‖_F < 1e-8: computed to ≈ 30·2·u·κ(M) ≈ 1e-14 here (M = I), far below 1e-8',
);
const workedExampleCorrected = compute({
  name: 'worked case μ = (1, 0)ᵀ, Σ_L = diag(0, 1): Σ_Lμ = 0, so Ortho(μ) = M^{-1/2}μ',
  backend: 'ml-matrix-f64',
  sizes: [[2, 1]],
  inputs: [
    {
      mu: [[1], [0]],
      SigmaL: [
        [0, 0],
        [0, 1],
      ],
    },
  ],
  run: () => ({ value: gap({ mu: [[1], [0]], s: [0, 1] }), tolerance: EQUAL }),
});

const scaled = fc.record({
  mu: matrices({
    rows: { min: 1, max: 3 },
    cols: { min: 1, max: 3 },
    shape: 'wide-or-square',
    rank: 'full',
    maxLogKappa: 2,
  }),
  c: fc.integer({ min: 1, max: 4 }),
});
const showScaled = (x: { mu: MatrixCase; c: number }) => ({ mu: showMatrixCase(x.mu), c: x.c, M: 'c·μμᵀ' });
const GRAM_ROUTE = relative({ n: 3, growth: 1e4, growthName: 'κ(μ)² bound (Gram route, κ(μ) ≤ 1e2)' });
const proportionalCase = (name: string, rhs: (P: Matrix, c: number) => Matrix) =>
  forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: scaled,
    numRuns: 100,
    size: (x) => sizeOf(x.mu),
    show: showScaled,
    measure: (x: { mu: MatrixCase; c: number }) => {
      const mu = toMatrix(x.mu);
      return matrixResidual(
        () => invSqrtmSym(mu.mmul(mu.transpose()).mul(x.c)).mmul(mu),
        () => rhs(polarFactor(mu), x.c),
        GRAM_ROUTE,
      );
    },
  });

const lln = statistic({
  name: 'E‖(1/k)Σ G_i − μ‖_F² = tr Σ/k → 0 (k = 100 summed draws)',
  backend: 'scalar-f64',
  sizes: [[3, 2]],
  toleranceReason: '4 000 sums of k = 100 explicit draws; 99.99% CLT interval of k·‖Ḡ − μ‖²/tr Σ must contain 1',
  run: (ctx) => {
    const rng = mulberry32(ctx.seed),
      N = 4000,
      k = 100,
      d = 6,
      z = new Float64Array(d),
      sum = new Float64Array(d),
      r = new Float64Array(N);
    const tr = SCALE.reduce((a, s) => a + s * s, 0);
    for (let s = 0; s < N; s++) {
      sum.fill(0);
      for (let i = 0; i < k; i++) {
        gaussianArray(rng, d, z);
        for (let a = 0; a < d; a++) sum[a] += MU[a] + SCALE[a] * z[a];
      }
      let e = 0;
      for (let a = 0; a < d; a++) e += (sum[a] / k - MU[a]) ** 2;
      r[s] = (k * e) / tr;
    }
    const mi = meanInterval(r, 0.9999);
    return {
      name: 'k·E‖Ḡ_k − μ‖²/tr Σ',
      estimate: mi.mean,
      ci: mi.ci,
      confidence: 0.9999,
      samples: N,
      decision: { kind: 'contains', value: 1 },
    };
  },
});

/** Ortho(cG) against Ortho(G): two backward-stable SVDs, sizes ≤ 6, κ ≤ 1e3. */
const TWO_POLAR_FACTORS = relative({ n: 6, growth: 1e3, growthName: 'κ bound' });

verifyClaim(import.meta.url, {
  checks: [convergence, necessity, workedExample],
  steps: [
    step('numeric', lln),
    step(
      'numeric',
      forAll({
        name: 'Ortho(cG) = Ortho(G) for c > 0 (so Ortho(S_k) = Ortho(S_k/k))',
        backend: 'ml-matrix-f64',
        arbitrary: fc.record({ G: matrices({ rank: 'full', maxLogKappa: 3 }), c: fc.integer({ min: 1, max: 1000 }) }),
        numRuns: 100,
        size: (x) => sizeOf(x.G),
        show: (x) => ({ G: showMatrixCase(x.G), c: x.c }),
        measure: (x: { G: MatrixCase; c: number }) => {
          const G = toMatrix(x.G);
          return matrixResidual(
            () => polarFactor(G.clone().mul(x.c)),
            () => polarFactor(G),
            TWO_POLAR_FACTORS,
          );
        },
      }),
    ),
    step(
      'numeric',
      proportionalCase('M = cμμᵀ ⇒ M^{-1/2}μ = Ortho(μ) (full row rank μ, c = 1…4)', (P) => P),
    ),
  ],
  // Wrong in substance: the exception is Σ_Lμ = 0, not M ∝ μμᵀ.
  failure: substance({
    checks: { [necessity.name]: necessityCorrected, [workedExample.name]: workedExampleCorrected },
  }),
  corrected: [
    convergence,
    forAll({
      name: 'for invertible M = μμᵀ + Σ_L: Ortho(μ) = M^{-1/2}μ iff Σ_Lμ = 0',
      backend: 'ml-matrix-f64',
      arbitrary: pairs,
      numRuns: 300,
      size: (p: Pair) => [p.mu.length, p.mu[0].length],
      show: showPair,
      measure: agreesWithAnnihilation,
    }),
    proportionalCase('M = cμμᵀ ⇒ M^{-1/2}μ = c^{-1/2}Ortho(μ) (full row rank μ)', (P, c) =>
      P.clone().mul(1 / Math.sqrt(c)),
    ),
  ],
});
