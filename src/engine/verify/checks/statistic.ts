import type { Backend, CheckContext, CheckOutcome, Check, Series, StatisticEvidence, StatisticRule } from '../types.js';
import { describeValue, isPlainObject, notFinite } from './measurement.js';

/**
 * What a statistical check's `run` returns: the statistic, its interval and the STRUCTURED rule the
 * engine applies to the interval. There is deliberately no `passed` and no `threshold`: the engine
 * decides (`decide`) and derives the reported tolerance and the readable rule from `decision`.
 */
export interface StatisticDecision {
  name: string;
  estimate: number;
  ci: [number, number];
  /** Confidence level of `ci`, in (0, 1). */
  confidence: number;
  /** Number of samples behind the interval: an integer ≥ 1 (reported as the check's `cases`). */
  samples: number;
  decision: StatisticRule;
  /** Optional prose, printed after the rule the engine derives from `decision`. */
  rule?: string;
  /**
   * Plots of the data behind the statistic (see `Series`). They move to the outcome's `series`
   * (not into the evidence) and never enter the decision.
   */
  series?: Series[];
  [extra: string]: unknown;
}

export interface StatisticOptions {
  name: string;
  /** Stable identity for seeds and replays (default: `name`); see `Check.key`. */
  key?: string;
  backend: Backend;
  sizes?: [number, number][];
  /** How the interval was built and why it is narrow enough to decide (samples, confidence). */
  toleranceReason: string;
  run: (ctx: CheckContext) => StatisticDecision | Promise<StatisticDecision>;
  /** Negative control: the same statistic on a known-false variant; it must fail. */
  control?: { description: string; run: (ctx: CheckContext) => StatisticDecision | Promise<StatisticDecision> };
}

const RULE_KINDS = ['contains', 'excludes', 'below', 'above', 'within'] as const;
const RULE_KEYS: Record<StatisticRule['kind'], readonly string[]> = {
  contains: ['kind', 'value', 'maxWidth'],
  excludes: ['kind', 'value'],
  below: ['kind', 'value'],
  above: ['kind', 'value'],
  within: ['kind', 'range'],
};
/** Keys the engine owns: a statistic that hands them over is still written against the old contract. */
const FORBIDDEN_KEYS = ['passed', 'threshold'];

/**
 * The decision itself, and nothing else: whether `rule` passes on the interval `ci`.
 * Pure and total on validated input (finite numbers, ci[0] ≤ ci[1]); see StatisticRule for the kinds.
 */
export function decide(rule: StatisticRule, ci: [number, number]): boolean {
  const [lo, hi] = ci;
  switch (rule.kind) {
    case 'contains':
      return lo <= rule.value && rule.value <= hi && (rule.maxWidth === undefined || hi - lo < rule.maxWidth);
    case 'excludes':
      return rule.value < lo || rule.value > hi;
    case 'below':
      return hi < rule.value;
    case 'above':
      return lo > rule.value;
    case 'within':
      return rule.range[0] <= lo && hi <= rule.range[1];
  }
}

/** The rule as a person reads it next to the interval, e.g. "pass iff 0.5 ∈ CI (and CI width < 0.2)". */
export function ruleText(rule: StatisticRule): string {
  switch (rule.kind) {
    case 'contains':
      return `pass iff ${rule.value} ∈ CI${rule.maxWidth !== undefined ? ` and CI width < ${rule.maxWidth}` : ''}`;
    case 'excludes':
      return `pass iff ${rule.value} ∉ CI`;
    case 'below':
      return `pass iff CI lies below ${rule.value} (upper end < ${rule.value})`;
    case 'above':
      return `pass iff CI lies above ${rule.value} (lower end > ${rule.value})`;
    case 'within':
      return `pass iff CI ⊆ [${rule.range[0]}, ${rule.range[1]}]`;
  }
}

/**
 * The number the report prints as the check's `tolerance` (the estimate is its `maxError`): the
 * rule's value, or for 'within' the end of the range nearer to the estimate.
 */
export function toleranceOf(rule: StatisticRule, estimate: number): number {
  if (rule.kind !== 'within') return rule.value;
  const [a, b] = rule.range;
  return Math.abs(estimate - a) <= Math.abs(estimate - b) ? a : b;
}

/** Why a structured rule cannot be applied, or null. */
export function ruleInvalidReason(rule: unknown): string | null {
  if (!isPlainObject(rule))
    return `statistic field 'decision' is ${describeValue(rule)} (expected a rule such as { kind: 'contains', value })`;
  const kind = rule.kind;
  if (!(RULE_KINDS as readonly unknown[]).includes(kind)) {
    return `statistic decision has unknown rule kind ${typeof kind === 'string' ? `'${kind}'` : describeValue(kind)} (expected ${RULE_KINDS.join(', ')})`;
  }
  const k = kind as StatisticRule['kind'];
  for (const key of Object.keys(rule)) {
    if (!RULE_KEYS[k].includes(key))
      return `statistic decision '${k}' has unknown key '${key}' (expected ${RULE_KEYS[k].join(', ')})`;
  }
  if (k === 'within') {
    const r = rule.range;
    if (!Array.isArray(r) || r.length !== 2)
      return `statistic decision 'within' needs range: [lo, hi], got ${describeValue(r)}`;
    const bad = notFinite('statistic decision range[0]', r[0]) ?? notFinite('statistic decision range[1]', r[1]);
    if (bad) return bad;
    if (r[0] > r[1]) return `statistic decision range [${r[0]}, ${r[1]}] is reversed`;
    return null;
  }
  const bad = notFinite(`statistic decision '${k}' value`, rule.value);
  if (bad) return bad;
  if (k === 'contains' && rule.maxWidth !== undefined) {
    const w = notFinite(`statistic decision maxWidth`, rule.maxWidth);
    if (w) return w;
    if ((rule.maxWidth as number) <= 0) return `statistic decision maxWidth is ${rule.maxWidth} (must be > 0)`;
  }
  return null;
}

/**
 * Why a statistic (as a property returns it, or as a hand-written check reports it) cannot be
 * judged, or null. `requireRuleText`: the `rule` text must be present (evidence already in a
 * CheckOutcome); a property's `rule` is optional prose.
 */
export function statisticInvalidReason(d: unknown, requireRuleText = false): string | null {
  if (!isPlainObject(d))
    return `statistic is ${describeValue(d)} instead of { name, estimate, ci, confidence, samples, decision }`;
  for (const k of FORBIDDEN_KEYS) {
    if (k in d)
      return `statistic returns '${k}': the engine decides from 'decision' and 'ci' (remove '${k}', state the rule in 'decision')`;
  }
  if (typeof d.name !== 'string' || d.name.trim() === '')
    return `statistic field 'name' is ${describeValue(d.name)} (expected a non-empty string)`;
  const est = notFinite('statistic estimate', d.estimate);
  if (est) return est;
  const ci = d.ci;
  if (!Array.isArray(ci) || ci.length !== 2) return `statistic field 'ci' is ${describeValue(ci)} (expected [lo, hi])`;
  const ends = notFinite('statistic ci[0]', ci[0]) ?? notFinite('statistic ci[1]', ci[1]);
  if (ends) return ends;
  if (ci[0] > ci[1]) return `statistic ci [${ci[0]}, ${ci[1]}] is reversed (ci[0] > ci[1])`;
  const conf = notFinite('statistic confidence', d.confidence);
  if (conf) return conf;
  if (!((d.confidence as number) > 0 && (d.confidence as number) < 1))
    return `statistic confidence is ${d.confidence} (must lie in (0, 1))`;
  if (typeof d.samples !== 'number' || !Number.isInteger(d.samples) || d.samples < 1) {
    return `statistic samples is ${describeValue(d.samples)} (must be an integer ≥ 1)`;
  }
  if (d.rule !== undefined || requireRuleText) {
    if (typeof d.rule !== 'string') return `statistic field 'rule' is ${describeValue(d.rule)} (expected text)`;
  }
  return ruleInvalidReason(d.decision);
}

/**
 * The evidence the report carries: the property's fields with `rule` rewritten to the text derived
 * from `decision`, followed by the property's prose when it gave some (and did not already start
 * with the derived text).
 */
export function statisticEvidence(d: StatisticDecision | StatisticEvidence): StatisticEvidence {
  const derived = ruleText(d.decision);
  const prose = typeof d.rule === 'string' && d.rule.trim() !== '' ? d.rule : null;
  const rule = prose === null ? derived : prose.startsWith(derived) ? prose : `${derived}; ${prose}`;
  return { ...d, rule } as StatisticEvidence;
}

/** The engine's judgement of a validated statistic: passed, and the numbers the report prints. */
export function judgeStatistic(d: StatisticDecision | StatisticEvidence): {
  passed: boolean;
  maxError: number;
  tolerance: number;
  cases: number;
  statistic: StatisticEvidence;
} {
  return {
    passed: decide(d.decision, d.ci),
    maxError: d.estimate,
    tolerance: toleranceOf(d.decision, d.estimate),
    cases: d.samples,
    statistic: statisticEvidence(d),
  };
}

/**
 * A statistical claim decided by a stated statistic, its confidence interval and a structured
 * rule. The interval itself is the evidence: a `fail` prints it next to the rule that excluded the
 * claim. A malformed statistic (NaN, reversed interval, samples 0, unknown rule) is an `error`.
 */
export function statistic(opts: StatisticOptions): Check {
  const check: Check = {
    name: opts.name,
    backend: opts.backend,
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const t0 = performance.now();
      const base = {
        name: opts.name,
        backend: opts.backend,
        sizes: opts.sizes ?? [],
        toleranceReason: opts.toleranceReason,
      };
      const failed = (error: string): CheckOutcome => ({
        ...base,
        cases: 0,
        maxError: NaN,
        tolerance: NaN,
        passed: false,
        ms: Math.round(performance.now() - t0),
        error,
      });
      let d: unknown;
      try {
        d = await opts.run(ctx);
      } catch (e) {
        return failed(`check threw: ${(e as Error)?.message ?? String(e)}`);
      }
      const bad = statisticInvalidReason(d);
      if (bad) return failed(bad);
      // Plots travel on the outcome, beside the evidence; the decision is made without them.
      const { series, ...decision } = d as StatisticDecision;
      const j = judgeStatistic(decision as StatisticDecision);
      return { ...base, ...j, ...(series !== undefined ? { series } : {}), ms: Math.round(performance.now() - t0) };
    },
  };
  if (opts.key !== undefined) check.key = opts.key;
  if (opts.control) {
    check.control = {
      description: opts.control.description,
      check: statistic({
        ...opts,
        name: `${opts.name} [control: ${opts.control.description}]`,
        key: undefined,
        run: opts.control.run,
        control: undefined,
      }),
    };
  }
  return check;
}
