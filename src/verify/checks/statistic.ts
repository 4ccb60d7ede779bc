import type { Backend, CheckContext, CheckOutcome, Check, StatisticEvidence } from '../types.js';

export interface StatisticDecision extends StatisticEvidence {
  passed: boolean;
  /** The value the rule compares against (e.g. the claimed exponent); reported as `tolerance`. */
  threshold: number;
}

export interface StatisticOptions {
  name: string;
  backend: Backend;
  sizes?: [number, number][];
  /** How the interval was built and why it is narrow enough to decide (samples, confidence). */
  toleranceReason: string;
  run: (ctx: CheckContext) => StatisticDecision | Promise<StatisticDecision>;
}

/**
 * A statistical claim decided by a stated statistic, its confidence interval and a rule.
 * The interval itself is the evidence: a `fail` prints it next to the rule that excluded the claim.
 */
export function statistic(opts: StatisticOptions): Check {
  return {
    name: opts.name,
    backend: opts.backend,
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const t0 = performance.now();
      const base = { name: opts.name, backend: opts.backend, sizes: opts.sizes ?? [], toleranceReason: opts.toleranceReason };
      try {
        const d = await opts.run(ctx);
        const { passed, threshold, ...evidence } = d;
        const ms = Math.round(performance.now() - t0);
        if (![d.estimate, d.ci[0], d.ci[1], threshold].every((x) => !Number.isNaN(x))) {
          return { ...base, cases: d.samples, maxError: NaN, tolerance: NaN, passed: false, ms, error: 'statistic or its interval is NaN', statistic: evidence };
        }
        return { ...base, cases: d.samples, maxError: d.estimate, tolerance: threshold, passed, ms, statistic: evidence };
      } catch (e) {
        return { ...base, cases: 0, maxError: NaN, tolerance: NaN, passed: false, ms: Math.round(performance.now() - t0), error: `check threw: ${(e as Error).message}` };
      }
    },
  };
}
