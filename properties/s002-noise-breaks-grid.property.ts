import fc from 'fast-check';
import { verifyClaim } from '../src/verify/verifyClaim.js';
import { compute } from '../src/verify/checks/compute.js';
import { forAll } from '../src/verify/checks/forAll.js';
import { statistic } from '../src/verify/checks/statistic.js';
import { scalarIdentity } from '../src/symbolic/scalarIdentity.js';
import { mulberry32 } from '../src/arbitraries/prng.js';
import { logGrid, noisySignHittingTimes } from '../src/sim/noisySignDynamics.js';
import { gridDistance } from '../src/sim/polarGridDynamics.js';
import { clopperPearson } from '../src/stats/clopperPearson.js';

// The experiment's setting (Fig. 4 / App. E): α = 0.1, ε = α/5, s₀ = 10α + 1.3ε = 1.026.
const ALPHA = 0.1, EPS = ALPHA / 5, S0 = 10 * ALPHA + 1.3 * EPS;

/** σ = 0 in exact integer arithmetic (units of 1/1000): s_t = s₀ − kα stays on s₀ + αℤ, no roundoff to argue about. */
function deterministicMinAbs(s0: number, alpha: number, steps: number): number {
  let s = s0, best = Math.abs(s);
  for (let t = 1; t <= steps; t++) { s -= alpha * Math.sign(s); best = Math.min(best, Math.abs(s)); }
  return best;
}

const sigmaZeroAtFigure = compute({
  name: 'σ = 0 from s₀ = 1.026 (α = 0.1, ε = 0.02): min_t |s_t| = 0.026 > ε over 10⁴ steps (exact integer arithmetic, and f64)',
  backend: 'scalar-f64', inputs: ['integers in units of 1e-3: s0 = 1026, alpha = 100, eps = 20, t ≤ 1e4', 'f64: s0 = 10·0.1 + 1.3·0.02, t ≤ 1e4'],
  toleranceReason: 'integer case exact; the f64 path is s₀ − kα with ≤ 1e4 roundings of size u·|s| ≈ 1e-16, far inside the 0.006 margin',
  run: () => [
    { value: deterministicMinAbs(1026, 100, 10_000), bound: 21, relation: '>=' as const, detail: { minAbs: deterministicMinAbs(1026, 100, 10_000) / 1000, cycle: 'after t = 10: 0.026, −0.074, 0.026, …' } },
    { value: deterministicMinAbs(S0, ALPHA, 10_000), bound: EPS + 1e-9, relation: '>=' as const, detail: { minAbs: deterministicMinAbs(S0, ALPHA, 10_000) } },
  ],
});

// General off-grid starts, σ = 0, exact integers: w₀ ∈ [−300, 300], α ∈ [1, 100], ε ∈ [0, 50] with dist(w₀, αℤ) > ε.
// After |w₀|/α + 2 steps the path is in its 2-cycle, so that horizon covers every t.
const sigmaZeroGeneral = forAll({
  name: 'σ = 0, any start with dist(w₀, αℤ) > ε: |s_t| > ε for every t (integer arithmetic, through the 2-cycle)',
  backend: 'scalar-f64',
  arbitrary: fc.record({ w0: fc.integer({ min: -300, max: 300 }), alpha: fc.integer({ min: 1, max: 100 }), eps: fc.integer({ min: 0, max: 50 }) })
    .filter((c) => gridDistance(c.w0, c.alpha) > c.eps),
  numRuns: 300, toleranceReason: 'exact integer arithmetic (no tolerance)',
  measure: (c) => {
    const m = deterministicMinAbs(c.w0, c.alpha, Math.ceil(Math.abs(c.w0) / c.alpha) + 4);
    return { value: m, bound: c.eps + 1, relation: '>=', detail: { minAbs: m } };
  },
});

const SIGMAS = logGrid(1e-3, 10, 4);
const RUNS = 400, HORIZON = 2_000_000;
const positiveSigma = statistic({
  name: `σ > 0 (log grid 1e-3 … 10, ${SIGMAS.length} values): every one of ${RUNS} paths per σ hits [−ε, ε] within ${HORIZON} steps`,
  backend: 'scalar-f64',
  toleranceReason: `Clopper–Pearson 99.9% interval for P(T ≤ ${HORIZON}) per σ from ${RUNS} paths; paths stop at their hit, so the cost is Σ T. Expected tail at σ = 1e-3: the 2-cycle remainder is a random walk of step ασ between ε and α − ε, exit rate ≈ π²(ασ)²/(2(α−2ε)²) ≈ 1.4e-5 per step, so P(T > ${HORIZON}) ≈ e^{-27}`,
  run: (ctx) => {
    const rng = mulberry32(ctx.seed);
    const rows: unknown[] = [];
    let minFrac = 1, minLower = 1, minUpper = 1;
    for (const sigma of SIGMAS) {
      const T = noisySignHittingTimes({ alpha: ALPHA, sigma, eps: EPS, s0: S0, runs: RUNS, cap: HORIZON }, rng);
      const hit = T.filter(Number.isFinite).length;
      const [lower, upper] = clopperPearson(hit, RUNS, 0.999);
      let mean = 0, max = 0;
      for (const x of T) if (Number.isFinite(x)) { mean += x / hit; max = Math.max(max, x); }
      rows.push({ sigma: +sigma.toPrecision(3), hit, meanT: Math.round(mean), maxT: max });
      minFrac = Math.min(minFrac, hit / RUNS);
      minLower = Math.min(minLower, lower);
      minUpper = Math.min(minUpper, upper);
    }
    return {
      name: 'smallest fraction of paths hitting within the horizon, over σ', estimate: minFrac, ci: [minLower, minUpper], confidence: 0.999,
      samples: RUNS * SIGMAS.length, rule: 'pass iff every path hits for every σ (then each 99.9% interval for P(T ≤ H) is [0.981, 1] and reaches 1); a single path that never hits puts the upper end below 1',
      passed: minUpper === 1, threshold: 1, perSigma: rows,
    };
  },
});

verifyClaim(import.meta.url, {
  checks: [sigmaZeroAtFigure, sigmaZeroGeneral, positiveSigma],
  steps: [
    scalarIdentity({
      name: 'dist(10α + 1.3ε, αℤ) = 1.3ε when 1.3ε ≤ α/2 (the start is off the grid by more than ε)',
      lhs: (v) => gridDistance(10 * v.a + 1.3 * v.e, v.a), rhs: (v) => 1.3 * v.e,
      variables: { a: { min: 0.01, max: 1, log: true }, e: { min: 0.001, max: 0.5, log: true } },
      where: (v) => 1.3 * v.e <= v.a / 2, relTol: 1e-12,
    }),
  ],
  timeoutMs: 120_000,
});
