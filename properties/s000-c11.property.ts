import { Matrix } from 'ml-matrix';
import {
  acrossSizes,
  atScaleShapes,
  claimed,
  compute,
  forAll,
  frobeniusNorm,
  geometricSpectrum,
  haarOrthonormal,
  matrices,
  matrixResidual,
  newtonPolar,
  newtonPolarF32,
  newtonPolarStep,
  newtonStartAtScale,
  polarFactor,
  relative,
  showMatrixCase,
  sizeOf,
  spectralNorm,
  step,
  substance,
  symmetricEigen,
  thinSvd,
  tolerance,
  toMatrix,
  U64,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase, Measurement, Series, Tolerance } from '../src/claim.js';

/**
 * Higham's quadratic bound e_{k+1} ≤ ½‖X_k⁺‖₂e_k^order, order 2 (1% slack), checked once e_k ≤ 0.1. The
 * controls claim cubic convergence (order 3), which Newton's iteration does not have.
 */
const HIGHAM_CONSTANT = 0.5,
  HIGHAM_SLACK = 1.01,
  QUADRATIC_PHASE = 0.1,
  QUADRATIC = 2,
  CUBIC = 3;
/** A run that never converged has no final error or step count: ∞, with the reason the engine requires. */
const notConverged = (converged: boolean) =>
  converged ? {} : { infinite: 'the Newton iteration did not converge within its step limit' };
/** An n×n test matrix with Haar singular vectors and geometric spectrum of condition κ, and its polar factor. */
function knownPolar(n: number, kappa: number, seed: number): { G: Matrix; U: Matrix } {
  const L = haarOrthonormal(n, n, seed),
    R = haarOrthonormal(n, n, seed ^ 0x5bd1e995);
  return { G: L.clone().mulRowVector(geometricSpectrum(n, kappa)).mmul(R.transpose()), U: L.mmul(R.transpose()) };
}
/**
 * Every convergence measurement is a ratio: the worst e_{k+1}/(1.01·½‖X_k⁺‖₂e_k^order + floor) over the
 * quadratic phase, and the final error over the floor; ≤ 1 means every one of those bounds holds.
 */
const withinHighamBound = (floor: Tolerance, order: number) =>
  tolerance(
    1,
    `ratio to the bounds: e_{k+1} ≤ 1.01·½‖X_k⁺‖₂e_k^${order} + floor once e_k ≤ 0.1 (Higham's constant ½ with 1% slack), and ‖X_K − U‖_F ≤ floor, floor = ${floor.reason}`,
  );
const fromF32 = (X: Float32Array, n: number) =>
  new Matrix(Array.from({ length: n }, (_, i) => Array.from(X.subarray(i * n, (i + 1) * n))));

/**
 * The f32 tier of Claim 11 (emulated binary32, since the iteration needs an inverse and gpu.js has
 * none): from fl32(G/‖G‖_F), the X^{-T} form run in f32 for κ = 10 … 10⁶ at n = 8. The floor is the
 * polar factor's sensitivity to the f32 rounding of G: ‖ΔU‖ ≲ 2‖ΔG‖/(σ_n + σ_{n−1}) ≈ κ·u32 per entry
 * relative, ×30·n (LAPACK-style threshold).
 */
const f32Convergence = compute({
  name: 'f32 (emulated): Newton from fl32(G/‖G‖_F) converges to within 30·n·κ·u32 of U, quadratically once e_k ≤ 0.1 (n = 8, κ = 1e1 … 1e6)',
  backend: 'scalar-f64',
  sizes: [[8, 8]],
  inputs: [1, 2, 3, 4, 5, 6].map((q) => `κ = 1e${q}, n = 8`),
  run: (ctx) => f32Runs(ctx.seed, QUADRATIC),
  series: f32ErrorFigure,
  // Cubic instead of quadratic: at κ = 10 the first step inside e_k ≤ 0.1 (2.3e-2 → 2.7e-4) is 0.98 of
  // ½‖X⁺‖e_k², so ½‖X⁺‖e_k³ + floor (≈ 1.5e-4) is exceeded by ≈ 1.8×. (Halving the ½ instead is not
  // refuted: the f32 floor 30·n·κ·u32 = 1.4e-4 absorbs a factor 2 at that step.)
  control: {
    description: 'cubic instead of quadratic convergence: e_{k+1} ≤ ½‖X_k⁺‖₂e_k³ + floor',
    run: (ctx) => f32Runs(ctx.seed, CUBIC),
    inputs: [1, 2, 3, 4, 5, 6].map((q) => `κ = 1e${q}, n = 8`),
  },
});
/** The error ‖X_k − U‖₂ per iteration for each κ (the measurements' `errors`), on a log scale. Presentation only. */
function f32ErrorFigure(ms: Measurement[]): Series[] {
  return [
    {
      name: 'Newton (X^{-T} form) in emulated f32 from fl32(G/‖G‖_F): error per iteration, n = 8',
      kind: 'lines',
      x: 'iteration k',
      y: '‖X_k − U‖₂',
      yScale: 'log',
      points: ms.flatMap((m) => {
        const d = m.detail as { kappa: number; errors: number[] };
        return d.errors.map((err, k) => ({ x: k, y: err, group: `κ = 1e${Math.round(Math.log10(d.kappa))}` }));
      }),
    },
  ];
}
function f32Runs(seed: number, order: number): Measurement[] {
  return [1, 2, 3, 4, 5, 6].map((q): Measurement => {
    const n = 8,
      kappa = 10 ** q,
      floorTol = relative({
        n,
        growth: kappa,
        growthName: 'κ (polar-factor sensitivity to the f32 rounding of G)',
        precision: 'f32',
      }),
      floor = floorTol.bound;
    const { G, U } = knownPolar(n, kappa, seed + q);
    const run = newtonPolarF32(Float64Array.from(G.to1DArray()), n);
    const X = run.iterates.map((x) => fromF32(x, n));
    const e = X.map((x) => spectralNorm(x.clone().sub(U)));
    let worst = 0;
    for (let k = 0; k + 1 < e.length; k++)
      if (e[k] <= QUADRATIC_PHASE)
        worst = Math.max(worst, e[k + 1] / (HIGHAM_SLACK * HIGHAM_CONSTANT * pinvNorm(X[k]) * e[k] ** order + floor));
    const final = frobeniusNorm(X[X.length - 1].clone().sub(U)) / floor;
    return {
      value: Math.max(worst, final, run.converged ? 0 : Infinity),
      tolerance: withinHighamBound(floorTol, order),
      detail: {
        kappa,
        steps: run.steps,
        finalError: e[e.length - 1],
        floor,
        worstQuadraticRatio: worst,
        errors: e.map((x) => +x.toPrecision(4)),
      },
      ...notConverged(run.converged),
    };
  });
}

/** The justification's "scaling puts X₀ inside the neighbourhood" at n = 1024, f32 on gpu.js. */
const startInsideAtScale = compute({
  name: 'X₀ = G/‖G‖_F inside the contraction region at n = 1024 (gpu.js f32, κ = 10)',
  backend: 'gpu.js-f32',
  sizes: atScaleShapes(1024, 1024),
  toleranceReason:
    'C₀e₀ < 1 with e₀ a power-iteration lower estimate (conservative for a refutation); ‖G‖_F kernel within its f32 reduction bound',
  run: (ctx) => acrossSizes(ctx, 1024, (n) => newtonStartAtScale(n, 10, ctx.seed)),
});

/** Beyond κ ≈ 1/u32 the f32 rounding of G alone moves its polar factor by O(1): no f32 iteration can reach U. */
const O1_MISS = tolerance(
  0.1,
  'an O(1) miss: the error must exceed 0.1, far above any roundoff bound of a converged iteration',
);
const f32Limit = compute({
  name: 'f32 (emulated): for κ ≥ 1e10 ≫ 1/u32 the computed limit is O(1) away from U (n = 8)',
  backend: 'scalar-f64',
  sizes: [[8, 8]],
  inputs: ['κ = 1e10', 'κ = 1e12'],
  run: (ctx) =>
    [10, 12].map((q): Measurement => {
      const n = 8,
        { G, U } = knownPolar(n, 10 ** q, ctx.seed + q);
      const run = newtonPolarF32(Float64Array.from(G.to1DArray()), n);
      const err = spectralNorm(fromF32(run.iterates[run.iterates.length - 1], n).sub(U));
      return {
        value: err,
        tolerance: O1_MISS,
        relation: '>=',
        detail: { kappa: 10 ** q, steps: run.steps, error: err },
      };
    }),
});

const fullColumnRank = (maxLogKappa: number) =>
  matrices({ rows: { min: 1, max: 5 }, cols: { min: 1, max: 4 }, shape: 'tall-or-square', rank: 'full', maxLogKappa });
const kappaOf = (G: Matrix) => {
  const s = thinSvd(G).s;
  return s[0] / s[s.length - 1];
};
/** ‖X⁺‖₂ = 1/σ_min(X). */
const pinvNorm = (X: Matrix) => {
  const s = thinSvd(X).s;
  return 1 / s[s.length - 1];
};
/** Roundoff floor of the Gram form: its error grows like u·κ(G)² (30 max(m,n) u κ², LAPACK-style). */
const gramFloor = (G: Matrix) =>
  relative({ n: Math.max(G.rows, G.columns), growth: kappaOf(G) ** 2, growthName: 'κ² (the Gram form squares κ)' });

const convergesQuadratically = forAll({
  name: 'Gram-form Newton from G/‖G‖_F converges to U, and quadratically once e_k ≤ 0.1 (κ ≤ 1e6)',
  backend: 'ml-matrix-f64',
  arbitrary: fullColumnRank(6),
  numRuns: 80,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase) => gramNewton(c, QUADRATIC),
  // Higham's bound is attained (ratios ≈ 0.99 of it), so a cubic bound ½‖X⁺‖e_k³ is exceeded by ≈ 1/e_k ≥ 10.
  control: {
    description: 'cubic instead of quadratic convergence: e_{k+1} ≤ ½‖X_k⁺‖₂e_k³ + floor',
    measure: (c: MatrixCase) => gramNewton(c, CUBIC),
  },
});
function gramNewton(c: MatrixCase, order: number): Measurement {
  const G = toMatrix(c),
    U = polarFactor(G),
    floorTol = gramFloor(G),
    floor = floorTol.bound;
  const run = newtonPolar(G, 'gram');
  const e = run.iterates.map((X) => spectralNorm(X.clone().sub(U)));
  let worst = 0,
    at = -1;
  for (let k = 0; k + 1 < e.length; k++) {
    if (e[k] > QUADRATIC_PHASE) continue;
    const r = e[k + 1] / (HIGHAM_SLACK * HIGHAM_CONSTANT * pinvNorm(run.iterates[k]) * e[k] ** order + floor);
    if (r > worst) {
      worst = r;
      at = k;
    }
  }
  const final = frobeniusNorm(run.iterates[run.iterates.length - 1].clone().sub(U)) / floor;
  return {
    ...notConverged(run.converged),
    value: Math.max(worst, final, run.converged ? 0 : Infinity),
    tolerance: withinHighamBound(floorTol, order),
    detail: {
      steps: run.steps,
      converged: run.converged,
      finalErrorOverFloor: final,
      worstQuadraticRatio: worst,
      atStep: at,
      errors: e.map((x) => +x.toPrecision(3)),
    },
  };
}

/** C₀e₀ = ½‖X₀⁺‖₂‖U − X₀‖₂: < 1 means Higham's quadratic bound contracts at X₀. */
const contraction = (G: Matrix) => {
  const X0 = G.clone().mul(1 / frobeniusNorm(G));
  return 0.5 * pinvNorm(X0) * spectralNorm(polarFactor(G).sub(X0));
};
/** The strict inequality C₀e₀ < 1, judged as ≤ 1 − 1e-9. */
const CONTRACTS = tolerance(
  1 - 1e-9,
  'strict inequality C₀e₀ < 1, judged as C₀e₀ ≤ 1 − 1e-9: C₀e₀ is computed to ≈ n·u·κ ≤ 5·u·1e4 ≈ 6e-12 relative, so a computed value within 1e-9 of 1 could be ≥ 1 in exact arithmetic; far from the margins seen',
);
const startInside = forAll({
  name: 'X₀ = G/‖G‖_F lies where the quadratic bound contracts: ½‖X₀⁺‖₂‖U − X₀‖₂ < 1 (κ ≤ 1e4)',
  backend: 'ml-matrix-f64',
  arbitrary: fullColumnRank(4),
  numRuns: 100,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase): Measurement => {
    const G = toMatrix(c);
    const s = thinSvd(G).s;
    return {
      value: contraction(G),
      tolerance: CONTRACTS,
      detail: { sMin: s[s.length - 1] / frobeniusNorm(G), C0e0: contraction(G) },
    };
  },
});

/** The corrected step count's two ends (integer counts; stop when ‖X_{k+1} − X_k‖_F ≤ 4n√n·u). */
const STEPS_AT_MOST =
  'at most log₂(κ√n) + 6 steps: the linear phase halves the error from ≈ κ√n/2 to 1, then ≤ 6 quadratic steps reach u (stop when ‖X_{k+1} − X_k‖_F ≤ 4n√n·u)';
const STEPS_AT_LEAST = 'at least log₂κ steps: the linear phase only halves the error';
const squareFullRank = matrices({
  rows: { min: 1, max: 4 },
  cols: { min: 1, max: 4 },
  shape: 'square',
  rank: 'full',
  maxLogKappa: 4,
});

/**
 * The corrected conclusion on the same inputs as `startInside`: C₀e₀ = (1 − s)/(2s) with
 * s = σ_min(G)/‖G‖_F, so X₀ lies where the quadratic bound contracts iff s > 1/3.
 */
const contractionFormula = forAll({
  name: 'the quadratic bound contracts at X₀ iff σ_min(G)/‖G‖_F > 1/3 (C₀e₀ = (1 − s)/(2s))',
  backend: 'ml-matrix-f64',
  arbitrary: fullColumnRank(4),
  numRuns: 100,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase): Measurement => {
    const G = toMatrix(c),
      s = thinSvd(G).s,
      sMin = s[s.length - 1] / frobeniusNorm(G);
    return {
      value: Math.abs(contraction(G) - (1 - sMin) / (2 * sMin)) / ((1 - sMin) / (2 * sMin) + 1),
      tolerance: relative({ n: 5, growth: kappaOf(G), growthName: 'κ' }),
      detail: { sMin },
    };
  },
});
/** At n = 1024: s ≤ 1/√n < 1/3 for every n×n G, so the corrected statement puts X₀ outside (C₀e₀ ≥ 1). */
const OUTSIDE = claimed(
  1,
  'the corrected statement: C₀e₀ = (1 − s)/(2s) ≥ 1 when s = σ_min/‖G‖_F ≤ 1/3, and s ≤ 1/√n at n = 1024; e₀ is a power-iteration lower estimate, so C₀e₀ ≥ 1 on it is conservative',
);
const startOutsideAtScale = compute({
  name: 'X₀ = G/‖G‖_F outside the contraction region at n = 1024, C₀e₀ ≥ 1 (gpu.js f32, κ = 10)',
  backend: 'gpu.js-f32',
  sizes: atScaleShapes(1024, 1024),
  toleranceReason:
    'C₀e₀ ≥ 1 with e₀ a power-iteration lower estimate (conservative); ‖G‖_F kernel within its f32 reduction bound',
  run: (ctx) =>
    acrossSizes(ctx, 1024, async (n) => {
      const [kernel, start] = await newtonStartAtScale(n, 10, ctx.seed);
      return [kernel, { ...start, tolerance: OUTSIDE, relation: '>=' as const }];
    }),
});

verifyClaim(import.meta.url, {
  checks: [convergesQuadratically, f32Convergence, startInside, startInsideAtScale],
  steps: [
    step(
      'numeric',
      forAll({
        name: '½X(I + (XᵀX)⁻¹) = ½(X + X^{-T}) for square invertible X',
        backend: 'ml-matrix-f64',
        arbitrary: squareFullRank,
        numRuns: 100,
        size: sizeOf,
        show: showMatrixCase,
        measure: (c: MatrixCase) => {
          const X = toMatrix(c);
          return matrixResidual(
            () => newtonPolarStep(X, 'gram'),
            () => newtonPolarStep(X, 'inverse'),
            gramFloor(X),
          );
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖U − Φ(X)‖₂ ≤ ½‖X⁺‖₂‖U − X‖₂² (every full-column-rank X)',
        backend: 'ml-matrix-f64',
        arbitrary: fullColumnRank(3),
        numRuns: 100,
        size: sizeOf,
        show: showMatrixCase,
        measure: (c: MatrixCase): Measurement => {
          const X = toMatrix(c),
            U = polarFactor(X);
          const lhs = spectralNorm(newtonPolarStep(X, 'gram').sub(U));
          const rhs = 0.5 * pinvNorm(X) * spectralNorm(X.clone().sub(U)) ** 2;
          // Equality is attained (when the extreme singular value is the smallest), so the slack must be
          // relative to the magnitudes compared: the Gram form's error is ≈ u·κ² times ‖Φ(X) − U‖.
          const floor = gramFloor(X);
          return {
            value: lhs,
            tolerance: tolerance(
              rhs + floor.bound * Math.max(1, rhs),
              `the bound ½‖X⁺‖₂‖U − X‖₂² = ${rhs.toPrecision(4)} plus roundoff slack floor·max(1, rhs), floor = ${floor.reason}`,
            ),
            detail: { lhs, rhs },
          };
        },
      }),
    ),
    step('numeric', startInside),
  ],
  // Wrong in substance: scaling by ‖G‖_F does not put X₀ where the quadratic bound contracts (only when s > 1/3).
  failure: substance({
    checks: { [startInside.name]: contractionFormula, [startInsideAtScale.name]: startOutsideAtScale },
  }),
  corrected: [
    convergesQuadratically,
    f32Convergence,
    f32Limit,
    contractionFormula,
    compute({
      name: 'step count from G/‖G‖_F lies in [log₂κ, log₂(κ√n) + 6] for κ = 1e1 … 1e12 (n = 8, X^{-T} form)',
      backend: 'ml-matrix-f64',
      sizes: [[8, 8]],
      inputs: [1, 2, 4, 6, 8, 10, 12].flatMap((q) => [`κ = 1e${q}: upper`, `κ = 1e${q}: lower`]),
      run: (ctx) =>
        [1, 2, 4, 6, 8, 10, 12].flatMap((q) => {
          const n = 8,
            kappa = 10 ** q;
          const G = haarOrthonormal(n, n, ctx.seed)
            .mulRowVector(geometricSpectrum(n, kappa))
            .mmul(haarOrthonormal(n, n, ctx.seed ^ 0x5bd1e995).transpose());
          const run = newtonPolar(G, 'inverse');
          const detail = { kappa, steps: run.steps, converged: run.converged, log2Kappa: +Math.log2(kappa).toFixed(2) };
          return [
            {
              value: run.converged ? run.steps : Infinity,
              tolerance: claimed(Math.log2(kappa * Math.sqrt(n)) + 6, STEPS_AT_MOST),
              detail,
              ...notConverged(run.converged),
            },
            { value: run.steps, tolerance: claimed(Math.log2(kappa), STEPS_AT_LEAST), relation: '>=' as const, detail },
          ];
        }),
    }),
    compute({
      name: 'the Gram form needs κ² ≪ 1/u: at κ = 1e10 (n = 8) X₀ᵀX₀ is numerically singular in f64',
      backend: 'ml-matrix-f64',
      sizes: [[8, 8]],
      run: (ctx) => {
        const n = 8;
        const G = haarOrthonormal(n, n, ctx.seed)
          .mulRowVector(geometricSpectrum(n, 1e10))
          .mmul(haarOrthonormal(n, n, ctx.seed ^ 0x5bd1e995).transpose());
        const X0 = G.clone().mul(1 / frobeniusNorm(G));
        const { values } = symmetricEigen(X0.transpose().mmul(X0));
        return {
          value: Math.abs(values[0]) / values[n - 1],
          tolerance: tolerance(
            n * U64,
            `λ_min/λ_max ≤ n·u64 (n = ${n}): λ_min(X₀ᵀX₀) below the symmetric eigensolver's backward error n·u·λ_max, so X₀ᵀX₀ is numerically singular`,
          ),
          detail: { lambdaMin: values[0], lambdaMax: values[n - 1] },
        };
      },
    }),
  ],
});
