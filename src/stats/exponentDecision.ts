import { exponentFit } from './exponentFit.js';
import type { StatisticDecision } from '../verify/checks/statistic.js';

export interface ExponentDecision extends StatisticDecision {
  decision: { kind: 'contains'; value: number; maxWidth: number };
  points: { x: number; y: number; se: number }[];
  intercept: number;
  birgeRatio: number;
}

/**
 * "statistic = O(x^p)" decided by the log–log slope: passes iff the claimed p lies in the 99.99%
 * interval of the weighted fit (each point a Monte Carlo estimate with its standard error), AND the
 * interval is narrower than `maxWidth`, so a pass is never bought by a vague fit. The engine applies
 * the rule (`decision`); this function only states it.
 */
export function exponentDecision(name: string, x: number[], y: number[], se: number[], claimed: number, samples: number, maxWidth = 0.2): ExponentDecision {
  // 99.99%: the suite decides ~30 such equalities per run and must give the same verdicts on 20 seeds;
  // at 99.9% a true exponent is rejected on some seed with probability ≈ 1 − 0.999^600 ≈ 45%.
  const f = exponentFit(x, y, se, 0.9999);
  const width = f.ci[1] - f.ci[0];
  return {
    name, estimate: f.slope, ci: f.ci, confidence: f.confidence, samples,
    decision: { kind: 'contains', value: claimed, maxWidth },
    rule: `claimed exponent ${claimed} in the 99.99% CI of the log–log slope over x ∈ [${x[0]}, ${x[x.length - 1]}] (CI width ${width.toFixed(3)})`,
    points: x.map((xi, i) => ({ x: xi, y: +y[i].toPrecision(6), se: +se[i].toPrecision(3) })),
    intercept: f.intercept,
    birgeRatio: f.birgeRatio,
  };
}
