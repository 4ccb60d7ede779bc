import fc from 'fast-check';
import {
  claimed,
  clopperPearson,
  compute,
  forAll,
  gridDistance,
  logGrid,
  mulberry32,
  noisySignHittingTimes,
  statistic,
  tolerance,
  verifyClaim,
} from '../src/claim.js';
import type { CheckContext, StatisticDecision } from '../src/claim.js';
import { scalarIdentity } from '../src/checks/scalarIdentity.js';

// The experiment's setting (Fig. 4 / App. E): α = 0.1, ε = α/5, s₀ = 10α + 1.3ε = 1.026.
const ALPHA = 0.1,
  EPS = ALPHA / 5;
/** The same setting in exact integers, units of 1e-3: α = 100, ε = 20, s₀ = 1000 + 1.3·20 = 1026. */
const ALPHA_INT = 100,
  EPS_INT = 20;

/**
 * The statement's parts, as written: the start s₀ = 10α + (startOffset)·ε, the off-grid hypothesis
 * dist(w₀, (gridSpacing·α)ℤ) > (hypothesisRadius)·ε (strict unless `offGridStrict` is false) and the
 * conclusion |s_t| > (escapeRadius)·ε for every t. A mutant replaces one.
 */
interface Parts extends Record<string, unknown> {
  startOffset: number;
  offGridStrict: boolean;
  gridSpacing: number;
  hypothesisRadius: number;
  escapeRadius: number;
}
const AS_WRITTEN: Parts = {
  startOffset: 1.3,
  offGridStrict: true,
  gridSpacing: 1,
  hypothesisRadius: 1,
  escapeRadius: 1,
};

/** σ = 0 in exact integer arithmetic (units of 1/1000): s_t = s₀ − kα stays on s₀ + αℤ, no roundoff to argue about. */
function deterministicMinAbs(s0: number, alpha: number, steps: number): number {
  let s = s0,
    best = Math.abs(s);
  for (let t = 1; t <= steps; t++) {
    s -= alpha * Math.sign(s);
    best = Math.min(best, Math.abs(s));
  }
  return best;
}
const FIGURE_STEPS = 10_000;
// Integers: "> r·ε" is "≥ r·ε + 1" (one unit). f64: "> r·ε" is "≥ r·ε + 1e-9".
const INTEGER_STEP = 1,
  F64_SLACK = 1e-9;
/** "|s_t| > r·ε" on an integer path: the strict > is ≥ r·ε + 1, and integer arithmetic is exact. */
const escapesInIntegers = (r: number, eps: number) =>
  claimed(
    r * eps + INTEGER_STEP,
    `|s_t| > ${r}·ε with ε = ${eps} (integer units): the strict > is ≥ ${r}·ε + ${INTEGER_STEP}, and the integer arithmetic is exact`,
  );
/** "|s_t| > r·ε" in f64: strict by 1e-9, far above the path's roundoff and far inside the 0.006 margin. */
const escapesInF64 = (r: number) =>
  claimed(
    r * EPS + F64_SLACK,
    `|s_t| > ${r}·ε, made strict by ${F64_SLACK}: the f64 path s₀ − kα carries ≤ 1e4 roundings of u64·|s| ≈ 1e-16 each (≤ 1e-12 in all), far below ${F64_SLACK}, which is far inside the 0.006 margin`,
  );
/** The roundoff of the scalar step dist(10α + 1.3ε, αℤ) = 1.3ε (both sides ≤ 1/2). */
const START_DISTANCE_ROUNDOFF = tolerance(
  1e-12,
  'relative difference ≤ 1e-12: dist(10α + 1.3ε, αℤ) = |x − α·round(x/α)| with x = fl(10α + 1.3ε) takes a few roundings of numbers ≤ 11α ≤ 11 (≲ 4·11·u64 ≈ 5e-15, relative to max(1, |lhs|, |rhs|) = 1); 1e-12 leaves a factor ≈ 200',
);

const sigmaZeroAtFigure = (p: Parts) =>
  compute({
    name: 'σ = 0 from s₀ = 1.026 (α = 0.1, ε = 0.02): min_t |s_t| = 0.026 > ε over 10⁴ steps (exact integer arithmetic, and f64)',
    backend: 'scalar-f64',
    inputs: [
      'integers in units of 1e-3: s0 = 1026, alpha = 100, eps = 20, t ≤ 1e4',
      'f64: s0 = 10·0.1 + 1.3·0.02, t ≤ 1e4',
    ],
    run: () => {
      const s0Int = 10 * ALPHA_INT + p.startOffset * EPS_INT,
        s0 = 10 * ALPHA + p.startOffset * EPS;
      const minInt = deterministicMinAbs(s0Int, ALPHA_INT, FIGURE_STEPS),
        min64 = deterministicMinAbs(s0, ALPHA, FIGURE_STEPS);
      return [
        {
          value: minInt,
          tolerance: escapesInIntegers(p.escapeRadius, EPS_INT),
          relation: '>=' as const,
          detail: { minAbs: minInt / 1000, cycle: 'after t = 10: 0.026, −0.074, 0.026, …' },
        },
        { value: min64, tolerance: escapesInF64(p.escapeRadius), relation: '>=' as const, detail: { minAbs: min64 } },
      ];
    },
  });

// General off-grid starts, σ = 0, exact integers: w₀ ∈ [−300, 300], α ∈ [1, 100], ε ∈ [0, 50] with dist(w₀, αℤ) > ε.
// After |w₀|/α + 2 steps the path is in its 2-cycle, so that horizon covers every t.
const CYCLE_MARGIN = 4;
const sigmaZeroGeneral = (p: Parts) =>
  forAll({
    name: 'σ = 0, any start with dist(w₀, αℤ) > ε: |s_t| > ε for every t (integer arithmetic, through the 2-cycle)',
    backend: 'scalar-f64',
    arbitrary: fc
      .record({
        w0: fc.integer({ min: -300, max: 300 }),
        alpha: fc.integer({ min: 1, max: 100 }),
        eps: fc.integer({ min: 0, max: 50 }),
      })
      .filter((c) => {
        const d = gridDistance(c.w0, p.gridSpacing * c.alpha),
          r = p.hypothesisRadius * c.eps;
        return p.offGridStrict ? d > r : d >= r;
      }),
    numRuns: 300,
    measure: (c) => {
      const m = deterministicMinAbs(c.w0, c.alpha, Math.ceil(Math.abs(c.w0) / c.alpha) + CYCLE_MARGIN);
      return { value: m, tolerance: escapesInIntegers(p.escapeRadius, c.eps), relation: '>=', detail: { minAbs: m } };
    },
  });

const SIGMAS = logGrid(1e-3, 10, 4);
const RUNS = 400,
  HORIZON = 2_000_000;
/** The figure's cap T_max = 1000 (s002-hitting-sweet-spot): at σ ≤ 2e-3 most paths are still out there. */
const FIGURE_CAP = 1000;
const CONFIDENCE = 0.999;

/** Hitting times (∞ = not within the horizon) for every σ, simulated once and shared with the control. */
let hitting: { sigma: number; T: Float64Array }[] | null = null;
function hittingTimes(ctx: CheckContext) {
  if (!hitting) {
    const rng = mulberry32(ctx.seed);
    hitting = SIGMAS.map((sigma) => ({
      sigma,
      T: noisySignHittingTimes(
        { alpha: ALPHA, sigma, eps: EPS, s0: 10 * ALPHA + AS_WRITTEN.startOffset * EPS, runs: RUNS, cap: HORIZON },
        rng,
      ),
    }));
  }
  return hitting;
}

/**
 * Every path hits within `horizon` for every σ. The statistic is the smallest upper end, over σ, of the
 * 99.9% Clopper–Pearson interval for P(T ≤ horizon): it is 1 exactly when every path of every σ hit (an
 * upper end never exceeds 1), and a single path that never hits puts it below 1.
 */
function everyPathHits(ctx: CheckContext, horizon: number): StatisticDecision {
  const rows: unknown[] = [];
  let minFrac = 1,
    minLower = 1,
    minUpper = 1;
  for (const { sigma, T } of hittingTimes(ctx)) {
    const hit = T.filter((t) => t <= horizon).length;
    const [lower, upper] = clopperPearson(hit, RUNS, CONFIDENCE);
    let mean = 0,
      max = 0;
    for (const x of T)
      if (x <= horizon) {
        mean += x / hit;
        max = Math.max(max, x);
      }
    rows.push({ sigma: +sigma.toPrecision(3), hit, meanT: Math.round(mean), maxT: max });
    minFrac = Math.min(minFrac, hit / RUNS);
    minLower = Math.min(minLower, lower);
    minUpper = Math.min(minUpper, upper);
  }
  return {
    name: `smallest upper 99.9% end over σ of the interval for P(T ≤ ${horizon})`,
    estimate: minUpper,
    ci: [minUpper, minUpper],
    confidence: CONFIDENCE,
    samples: RUNS * SIGMAS.length,
    decision: { kind: 'within', range: [1, 1] },
    rule: 'every path hits for every σ (then each 99.9% interval for P(T ≤ H) is [0.981, 1] and reaches 1); a single path that never hits puts the upper end below 1',
    smallestFractionHitting: minFrac,
    itsInterval: [minLower, minUpper],
    perSigma: rows,
  };
}

const positiveSigma = statistic({
  name: `σ > 0 (log grid 1e-3 … 10, ${SIGMAS.length} values): every one of ${RUNS} paths per σ hits [−ε, ε] within ${HORIZON} steps`,
  backend: 'scalar-f64',
  toleranceReason: `Clopper–Pearson 99.9% interval for P(T ≤ ${HORIZON}) per σ from ${RUNS} paths; paths stop at their hit, so the cost is Σ T. Expected tail at σ = 1e-3: the 2-cycle remainder is a random walk of step ασ between ε and α − ε, exit rate ≈ π²(ασ)²/(2(α−2ε)²) ≈ 1.4e-5 per step, so P(T > ${HORIZON}) ≈ e^{-27}`,
  run: (ctx) => everyPathHits(ctx, HORIZON),
  // The same paths judged at the figure's cap: at σ = 1e-3 the mean hitting time is ≈ 3·10⁴ steps, so
  // most paths have not hit by step 1000 and the rule must fail.
  control: {
    description: `every path hits within the figure's cap T_max = ${FIGURE_CAP} steps instead of ${HORIZON}`,
    run: (ctx) => everyPathHits(ctx, FIGURE_CAP),
  },
});

verifyClaim(import.meta.url, {
  parts: AS_WRITTEN,
  checks: (p: Parts) => [sigmaZeroAtFigure(p), sigmaZeroGeneral(p), positiveSigma],
  mutants: [
    // 0.7ε: the start is off the grid (s₀ ∉ αℤ) but within ε of it, the case the reading warns about.
    { name: 's₀ = 10α + 1.3ε → 10α + 0.7ε (start within ε of the grid)', parts: { startOffset: 0.7 } },
    { name: 'hypothesis dist(w₀, αℤ) > ε → ≥ ε (boundary included)', parts: { offGridStrict: false } },
    { name: 'grid αℤ → 2αℤ in the hypothesis (distance to every other grid point)', parts: { gridSpacing: 2 } },
    { name: 'conclusion |s_t| > ε → |s_t| > 2ε', parts: { escapeRadius: 2 } },
    { name: 'hypothesis dist(w₀, αℤ) > ε → > ε/2', parts: { hypothesisRadius: 0.5 } },
  ],
  steps: [
    scalarIdentity({
      name: 'dist(10α + 1.3ε, αℤ) = 1.3ε when 1.3ε ≤ α/2 (the start is off the grid by more than ε)',
      lhs: (v) => gridDistance(10 * v.a + 1.3 * v.e, v.a),
      rhs: (v) => 1.3 * v.e,
      variables: { a: { min: 0.01, max: 1, log: true }, e: { min: 0.001, max: 0.5, log: true } },
      where: (v) => 1.3 * v.e <= v.a / 2,
      tolerance: START_DISTANCE_ROUNDOFF,
    }),
  ],
});
