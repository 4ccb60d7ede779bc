import { logGrid, medianInterval, mulberry32, noisySignHittingTimes, statistic, verifyClaim } from '../src/claim.js';
import type { CheckContext, QuantileInterval, Series, StatisticDecision } from '../src/claim.js';

// Fig. 4 / App. E: α = 0.1, ε = α/5 = 0.02, s₀ = 10α + 1.3ε = 1.026, T capped at T_max = 1000.
const ALPHA = 0.1,
  EPS = ALPHA / 5,
  S0 = 10 * ALPHA + 1.3 * EPS,
  CAP = 1000;
const SIGMAS = logGrid(1e-3, 10, 4); // 17 values, 4 per decade (the figure's range)
const RUNS = 2000;
const CONFIDENCE = 0.999; // medianInterval's default level
/** "σ roughly 0.13–0.5", where the published minimum 12 sits: the grid points 0.178 and 0.316. */
const SWEET_LO = 0.13,
  SWEET_HI = 0.5;
const SWEET_SIGMAS = SIGMAS.filter((s) => s >= SWEET_LO && s <= SWEET_HI);

/**
 * The published numbers of the figure, as written: the cap plateau at the smallest σ (my grid points
 * σ ≤ 2e-3), the minimum median 12 and the median ≈ 179 at σ = 10. A mutant replaces one of them.
 */
interface Parts extends Record<string, unknown> {
  capPlateauSigmaMax: number;
  minimumMedian: number;
  medianAtSigma10: number;
}
const PUBLISHED: Parts = { capPlateauSigmaMax: 2e-3, minimumMedian: 12, medianAtSigma10: 179 };

/**
 * Median capped hitting time per σ with its 99.9% order-statistic interval. Simulated once, from the
 * first check's seed, and shared: every check (and every control and mutant) reads one curve, as the
 * figure does.
 */
let curve: { sigma: number; m: QuantileInterval }[] | null = null;
function medians(ctx: CheckContext) {
  if (!curve) {
    const rng = mulberry32(ctx.seed);
    curve = SIGMAS.map((sigma) => {
      const T = noisySignHittingTimes({ alpha: ALPHA, sigma, eps: EPS, s0: S0, runs: RUNS, cap: CAP }, rng).map((x) =>
        Math.min(x, CAP),
      );
      return { sigma, m: medianInterval(T) };
    });
  }
  return curve;
}
type Row = { sigma: number; m: QuantileInterval };
const table = (rows: Row[]) =>
  rows.map(({ sigma, m }) => ({ sigma: +sigma.toPrecision(3), median: m.estimate, ci: m.ci }));
const REASON = `${RUNS} paths per σ (paths stop at their hit or at T_max = ${CAP}); distribution-free 99.9% interval for each median from order statistics (binomial ranks), valid with censoring at the cap since the cap is the largest possible value`;

/**
 * The figure (Fig. 4): the median capped hitting time per σ with its 99.9% order-statistic interval,
 * on log–log axes, against the published numbers as written (`p`): the cap plateau at the smallest σ,
 * the minimum 12 for σ ≈ 0.13–0.5, and ≈ 179 at σ = 10. Presentation only: no decision reads it.
 */
function figure(rows: Row[], p: Parts = PUBLISHED): Series {
  const plateau = SIGMAS.filter((s) => s <= p.capPlateauSigmaMax);
  return {
    name: `median capped hitting time T_ε per σ (${RUNS} paths each, T_max = ${CAP})`,
    kind: 'band',
    x: 'σ (noise level)',
    y: 'median T_ε',
    xScale: 'log',
    yScale: 'log',
    interval: '99.9% CI',
    points: rows.map(({ sigma, m }) => ({ x: sigma, y: m.estimate, lo: m.ci[0], hi: m.ci[1] })),
    reference: [
      ...plateau.map((s, i) => ({
        x: s,
        y: CAP,
        ...(i === 0 ? { label: `cap ${CAP} for σ ≤ ${p.capPlateauSigmaMax}` } : {}),
      })),
      { x: SWEET_LO, y: p.minimumMedian, label: `minimum ${p.minimumMedian} (σ ≈ ${SWEET_LO}–${SWEET_HI})` },
      { x: SWEET_HI, y: p.minimumMedian },
      { x: SIGMAS[SIGMAS.length - 1], y: p.medianAtSigma10, label: `≈ ${p.medianAtSigma10} at σ = 10` },
    ],
    referenceName: 'published (Fig. 4)',
    referenceMark: 'points',
  };
}

/** Index of the smallest median estimate (the first on ties). */
const argmin = (rows: Row[]) => rows.reduce((best, r, i) => (r.m.estimate < rows[best].m.estimate ? i : best), 0);

/** "σ* is interior to the grid": the argmin's index, as a degenerate interval, must lie in [1, len − 2]. */
function interiorArgmin(rows: Row[], grid: string): StatisticDecision {
  const best = argmin(rows);
  return {
    name: `index of the σ minimising the median T_ε on ${grid} (σ* = ${rows[best].sigma.toPrecision(3)})`,
    estimate: best,
    ci: [best, best],
    confidence: CONFIDENCE,
    samples: RUNS * rows.length,
    decision: { kind: 'within', range: [1, rows.length - 2] },
    rule: 'the argmin σ* is not an end of the grid (index 0 or the last)',
    perSigma: table(rows),
  };
}

/** "far below": the 99.9% interval at σ* lies entirely below the intervals at the two compared σ. */
function separatedBelow(rows: Row[], best: number, compared: [number, number], what: string): StatisticDecision {
  const b = rows[best].m,
    [lo, hi] = compared.map((i) => rows[i]);
  return {
    name: `median T_ε at σ* = ${rows[best].sigma.toPrecision(3)}`,
    estimate: b.estimate,
    ci: b.ci,
    confidence: CONFIDENCE,
    samples: RUNS * rows.length,
    decision: { kind: 'below', value: Math.min(lo.m.ci[0], hi.m.ci[0]) },
    rule: `the interval at σ* lies below the lower ends of the intervals at ${what}`,
    [`atSigma${lo.sigma.toPrecision(3)}`]: { median: lo.m.estimate, ci: lo.m.ci },
    [`atSigma${hi.sigma.toPrecision(3)}`]: { median: hi.m.estimate, ci: hi.m.ci },
    perSigma: table(rows),
  };
}

/** The control's cut-off σ = 0.1 is a grid point, computed as 1e-3·10^(8/4): allow its roundoff. */
const CUTOFF_BELOW_SWEET_SPOT = 0.1,
  GRID_ROUNDOFF = 1e-12;

const sweetSpotInterior = statistic({
  name: 'the median hitting time is minimised at a moderate σ: the argmin σ* is interior to the grid [1e-3, 10]',
  backend: 'scalar-f64',
  toleranceReason: REASON,
  run: (ctx) => ({ ...interiorArgmin(medians(ctx), 'the grid [1e-3, 10]'), series: [figure(medians(ctx))] }),
  // The same argmin test on the curve cut off at σ = 0.1, before the sweet spot: the median still
  // decreases there, so the argmin is the grid's last point and the test must say "not interior".
  control: {
    description: 'the same curve cut off at σ ≤ 0.1 (below the sweet spot, where the median is still decreasing)',
    run: (ctx) =>
      interiorArgmin(
        medians(ctx).filter((r) => r.sigma <= CUTOFF_BELOW_SWEET_SPOT * (1 + GRID_ROUNDOFF)),
        'the grid cut off at σ = 0.1',
      ),
  },
});

const sweetSpotSeparated = statistic({
  name: 'the median at the sweet spot σ* lies far below the medians at the smallest and the largest σ',
  backend: 'scalar-f64',
  toleranceReason: REASON,
  run: (ctx) => {
    const rows = medians(ctx);
    return separatedBelow(rows, argmin(rows), [0, rows.length - 1], 'σ = 1e-3 and σ = 10');
  },
  // Against σ*'s grid neighbours (a quarter decade either side) the bottom of the curve is flat: the
  // medians there are 12–14, within a step or two of σ*'s, so "entirely below" must fail.
  control: {
    description:
      "compared with σ*'s two grid neighbours (a quarter decade away, on the flat bottom of the curve) instead of the grid's ends",
    run: (ctx) => {
      const rows = medians(ctx),
        best = argmin(rows);
      // Clamped so that an argmin at an end (which the interior check already refutes) still compares two points.
      return separatedBelow(
        rows,
        best,
        [Math.max(best - 1, 0), Math.min(best + 1, rows.length - 1)],
        "σ*'s two grid neighbours",
      );
    },
  },
});

const capPlateau = (p: Parts) =>
  statistic({
    name: 'published: median at the cap T_max = 1000 for the smallest σ (grid points σ ≤ 2e-3)',
    backend: 'scalar-f64',
    toleranceReason: REASON,
    run: (ctx) => {
      const rows = medians(ctx).filter((r) => r.sigma <= p.capPlateauSigmaMax);
      const lowest = Math.min(...rows.map((r) => r.m.ci[0]));
      return {
        name: `smallest lower 99.9% end of the median over σ ≤ ${p.capPlateauSigmaMax}`,
        estimate: Math.min(...rows.map((r) => r.m.estimate)),
        ci: [lowest, CAP],
        confidence: CONFIDENCE,
        samples: RUNS * rows.length,
        // Every median and interval end is ≤ the cap, so "ci ⊆ [cap, cap]" says exactly: every interval is [1000, 1000].
        decision: { kind: 'within', range: [CAP, CAP] },
        rule: 'every such interval is [1000, 1000] (more than half the paths are still out at the cap, with 99.9% confidence)',
        perSigma: table(rows),
      };
    },
  });

/** The published minimum 12 must lie in the median's interval at each grid σ in [0.13, 0.5]. */
const minimumAt = (p: Parts, sigma: number) =>
  statistic({
    name: `published: minimum median 12 for σ roughly 0.13–0.5: 12 in the 99.9% interval at σ = ${sigma.toPrecision(3)}`,
    backend: 'scalar-f64',
    toleranceReason: REASON,
    run: (ctx) => {
      const r = medians(ctx).find((x) => x.sigma === sigma)!;
      return {
        name: `median T_ε at σ = ${sigma.toPrecision(3)}`,
        estimate: r.m.estimate,
        ci: r.m.ci,
        confidence: CONFIDENCE,
        samples: RUNS,
        decision: { kind: 'contains', value: p.minimumMedian },
      };
    },
  });

/** …and it is the minimum: no grid σ has a smaller median estimate. */
const minimumIsMinimum = (p: Parts) =>
  statistic({
    name: 'published: minimum median 12: no σ of the grid has a smaller median estimate',
    backend: 'scalar-f64',
    toleranceReason: REASON,
    run: (ctx) => {
      const all = medians(ctx);
      const minMedian = Math.min(...all.map((r) => r.m.estimate));
      return {
        name: 'smallest median estimate over the grid',
        estimate: minMedian,
        ci: [minMedian, minMedian],
        confidence: CONFIDENCE,
        samples: RUNS * all.length,
        // Medians are capped at T_max, so [minimum, cap] says exactly "minMedian ≥ the published minimum".
        decision: { kind: 'within', range: [p.minimumMedian, CAP] },
        perSigma: table(all),
      };
    },
  });

const largeSigma = (p: Parts) =>
  statistic({
    name: 'published: median ≈ 179 at σ = 10',
    backend: 'scalar-f64',
    toleranceReason: REASON,
    run: (ctx) => {
      const r = medians(ctx)[SIGMAS.length - 1];
      return {
        name: 'median T_ε at σ = 10',
        estimate: r.m.estimate,
        ci: r.m.ci,
        confidence: CONFIDENCE,
        samples: RUNS,
        decision: { kind: 'contains', value: p.medianAtSigma10 },
      };
    },
  });

// The median at σ = 10 is resolved to about ±14% (its 99.9% interval from 2000 paths, e.g. [155, 204]);
// ±30% is twice that, and still "the same order" as the published 179.
const MEDIAN_SHIFT = 0.3;

verifyClaim(import.meta.url, {
  parts: PUBLISHED,
  checks: (p: Parts) => [
    sweetSpotInterior,
    sweetSpotSeparated,
    capPlateau(p),
    ...SWEET_SIGMAS.map((s) => minimumAt(p, s)),
    minimumIsMinimum(p),
    largeSigma(p),
  ],
  mutants: [
    // The brief's own wording, which the reading records as not reproduced: the plateau ends near 2.9e-3.
    {
      name: 'cap plateau up to σ ≤ 3.2e-3 (one more grid point, the brief\'s "σ ≤ 3·10⁻³")',
      parts: { capPlateauSigmaMax: 3.2e-3 },
    },
    // T is integer-valued: one step is the smallest change of a median.
    { name: 'minimum median 12 → 11 (one step lower)', parts: { minimumMedian: 11 } },
    { name: 'minimum median 12 → 13 (one step higher)', parts: { minimumMedian: 13 } },
    {
      name: `median at σ = 10: 179 → ${Math.round(179 * (1 + MEDIAN_SHIFT))} (+30%)`,
      parts: { medianAtSigma10: Math.round(179 * (1 + MEDIAN_SHIFT)) },
    },
    {
      name: `median at σ = 10: 179 → ${Math.round(179 * (1 - MEDIAN_SHIFT))} (−30%)`,
      parts: { medianAtSigma10: Math.round(179 * (1 - MEDIAN_SHIFT)) },
    },
  ],
});
