import { exponentFit } from '../math/stats/exponentFit.js';
import type { StatisticDecision } from '../engine/verify/checks/statistic.js';
import type { Series } from '../engine/verify/types.js';

export interface ExponentDecision extends StatisticDecision {
  decision: { kind: 'contains'; value: number; maxWidth: number };
  points: { x: number; y: number; se: number }[];
  intercept: number;
  birgeRatio: number;
  /** The log–log plot of the points (±2 standard errors), the fitted line and the claimed slope. */
  series: Series[];
}

/** Half-width of the plotted error bars, in standard errors (≈ 95% for a normal estimate). */
export const ERROR_BAR_SE = 2;

/**
 * Axis titles read off the statistic's name, e.g. "log–log slope of Bias[Uon] in k" → y "Bias[Uon]",
 * x "k"; "slope of log Bias vs log t (Σ → tΣ)" → y "Bias", x "t". Generic titles when the name has
 * another form.
 */
export function exponentAxes(name: string): { x: string; y: string } {
  const m = /slope of (.+?) (?:in|vs) (.+?)(?: \(| at |$)/.exec(name);
  if (!m) return { x: 'x', y: 'statistic' };
  const unlog = (s: string) => s.replace(/^log\s+/, '').trim();
  return { y: unlog(m[1]), x: unlog(m[2]) };
}

/**
 * "statistic = O(x^p)" decided by the log–log slope: passes iff the claimed p lies in the 99.99%
 * interval of the weighted fit (each point a Monte Carlo estimate with its standard error), AND the
 * interval is narrower than `maxWidth`, so a pass is never bought by a vague fit. The engine applies
 * the rule (`decision`); this function only states it. `series` (the plot) is presentation only:
 * the engine moves it to the check's outcome and decides without it. `axes` titles the plot's axes
 * (default: read off `name`, see `exponentAxes`).
 */
export function exponentDecision(
  name: string,
  x: number[],
  y: number[],
  se: number[],
  claimed: number,
  samples: number,
  maxWidth = 0.2,
  axes?: { x: string; y: string },
): ExponentDecision {
  // 99.99%: the suite decides ~30 such equalities per run and must give the same verdicts on 20 seeds;
  // at 99.9% a true exponent is rejected on some seed with probability ≈ 1 − 0.999^600 ≈ 45%.
  const f = exponentFit(x, y, se, 0.9999);
  const width = f.ci[1] - f.ci[0];
  const ax = axes ?? exponentAxes(name);
  return {
    name,
    estimate: f.slope,
    ci: f.ci,
    confidence: f.confidence,
    samples,
    decision: { kind: 'contains', value: claimed, maxWidth },
    rule: `claimed exponent ${claimed} in the 99.99% CI of the log–log slope over x ∈ [${x[0]}, ${x[x.length - 1]}] (CI width ${width.toFixed(3)})`,
    points: x.map((xi, i) => ({ x: xi, y: +y[i].toPrecision(6), se: +se[i].toPrecision(3) })),
    intercept: f.intercept,
    birgeRatio: f.birgeRatio,
    series: [
      {
        name,
        kind: 'loglog-fit',
        x: ax.x,
        y: ax.y,
        interval: `±${ERROR_BAR_SE} s.e.`,
        points: x.map((xi, i) => ({
          x: xi,
          y: y[i],
          lo: y[i] - ERROR_BAR_SE * se[i],
          hi: y[i] + ERROR_BAR_SE * se[i],
        })),
        fit: { slope: f.slope, intercept: f.intercept, ci: f.ci, confidence: f.confidence },
        claimed: { slope: claimed },
      },
    ],
  };
}
