import { verifyClaim } from '../src/verify/verifyClaim.js';
import { statistic } from '../src/verify/checks/statistic.js';
import type { CheckContext } from '../src/verify/types.js';
import { mulberry32 } from '../src/arbitraries/prng.js';
import { logGrid, noisySignHittingTimes } from '../src/sim/noisySignDynamics.js';
import { medianInterval, type QuantileInterval } from '../src/stats/quantileInterval.js';

// Fig. 4 / App. E: α = 0.1, ε = α/5 = 0.02, s₀ = 10α + 1.3ε = 1.026, T capped at T_max = 1000.
const ALPHA = 0.1, EPS = ALPHA / 5, S0 = 10 * ALPHA + 1.3 * EPS, CAP = 1000;
const SIGMAS = logGrid(1e-3, 10, 4); // 17 values, 4 per decade (the figure's range)
const RUNS = 2000;

/**
 * Median capped hitting time per σ with its 99.9% order-statistic interval. Simulated once, from the
 * first check's seed, and shared: the four checks read one curve, as the figure does.
 */
let curve: { sigma: number; m: QuantileInterval }[] | null = null;
function medians(ctx: CheckContext) {
  if (!curve) {
    const rng = mulberry32(ctx.seed);
    curve = SIGMAS.map((sigma) => {
      const T = noisySignHittingTimes({ alpha: ALPHA, sigma, eps: EPS, s0: S0, runs: RUNS, cap: CAP }, rng).map((x) => Math.min(x, CAP));
      return { sigma, m: medianInterval(T) };
    });
  }
  return curve;
}
const table = (rows: { sigma: number; m: QuantileInterval }[]) => rows.map(({ sigma, m }) => ({ sigma: +sigma.toPrecision(3), median: m.estimate, ci: m.ci }));
const REASON = `${RUNS} paths per σ (paths stop at their hit or at T_max = ${CAP}); distribution-free 99.9% interval for each median from order statistics (binomial ranks), valid with censoring at the cap since the cap is the largest possible value`;

const sweetSpot = statistic({
  name: 'the median hitting time is minimised at a moderate σ, far below the medians at the smallest and the largest σ',
  backend: 'scalar-f64', toleranceReason: REASON,
  run: (ctx) => {
    const rows = medians(ctx);
    let best = 0;
    rows.forEach((r, i) => { if (r.m.estimate < rows[best].m.estimate) best = i; });
    const lo = rows[0].m, hi = rows[rows.length - 1].m, b = rows[best].m;
    const interior = best > 0 && best < rows.length - 1;
    const separated = b.ci[1] < lo.ci[0] && b.ci[1] < hi.ci[0];
    return {
      name: `min over σ of the median T_ε (at σ = ${rows[best].sigma.toPrecision(3)})`, estimate: b.estimate, ci: b.ci, confidence: 0.999, samples: RUNS * rows.length,
      rule: 'pass iff the argmin σ* is interior to the grid [1e-3, 10] and the 99.9% interval of the median at σ* lies entirely below the intervals at σ = 1e-3 and at σ = 10',
      passed: interior && separated, threshold: Math.min(lo.ci[0], hi.ci[0]),
      smallestSigma: { sigma: rows[0].sigma, median: lo.estimate, ci: lo.ci }, largestSigma: { sigma: rows[rows.length - 1].sigma, median: hi.estimate, ci: hi.ci }, perSigma: table(rows),
    };
  },
});

const capPlateau = statistic({
  name: 'published: median at the cap T_max = 1000 for the smallest σ (grid points σ ≤ 2e-3)',
  backend: 'scalar-f64', toleranceReason: REASON,
  run: (ctx) => {
    const rows = medians(ctx).filter((r) => r.sigma <= 2e-3);
    const lowest = Math.min(...rows.map((r) => r.m.ci[0]));
    return {
      name: 'smallest lower 99.9% end of the median over σ ≤ 2e-3', estimate: Math.min(...rows.map((r) => r.m.estimate)), ci: [lowest, CAP], confidence: 0.999, samples: RUNS * rows.length,
      rule: 'pass iff every such interval is [1000, 1000] (more than half the paths are still out at the cap, with 99.9% confidence)', passed: lowest === CAP, threshold: CAP, perSigma: table(rows),
    };
  },
});

const minimumTwelve = statistic({
  name: 'published: minimum median 12 for σ roughly 0.13–0.5',
  backend: 'scalar-f64', toleranceReason: REASON,
  run: (ctx) => {
    const rows = medians(ctx).filter((r) => r.sigma >= 0.13 && r.sigma <= 0.5);
    const covers = rows.every((r) => r.m.ci[0] <= 12 && 12 <= r.m.ci[1]);
    const all = medians(ctx);
    const minMedian = Math.min(...all.map((r) => r.m.estimate));
    return {
      name: 'median T_ε on the grid points in [0.13, 0.5]', estimate: Math.min(...rows.map((r) => r.m.estimate)), ci: [Math.min(...rows.map((r) => r.m.ci[0])), Math.max(...rows.map((r) => r.m.ci[1]))], confidence: 0.999, samples: RUNS * rows.length,
      rule: 'pass iff 12 lies in the 99.9% interval of the median at every grid σ in [0.13, 0.5] and no σ of the grid has a smaller median estimate than 12',
      passed: covers && minMedian >= 12, threshold: 12, perSigma: table(rows), minMedianOverGrid: minMedian,
    };
  },
});

const largeSigma = statistic({
  name: 'published: median ≈ 179 at σ = 10',
  backend: 'scalar-f64', toleranceReason: REASON,
  run: (ctx) => {
    const r = medians(ctx)[SIGMAS.length - 1];
    return {
      name: 'median T_ε at σ = 10', estimate: r.m.estimate, ci: r.m.ci, confidence: 0.999, samples: RUNS,
      rule: 'pass iff 179 lies in the 99.9% interval', passed: r.m.ci[0] <= 179 && 179 <= r.m.ci[1], threshold: 179,
    };
  },
});

verifyClaim(import.meta.url, {
  checks: [sweetSpot, capPlateau, minimumTwelve, largeSigma],
  timeoutMs: 120_000,
});
