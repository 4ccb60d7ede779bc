import type { Check, CheckOutcome } from '../types.js';
import { describeValue, holds, invalidReason, isPlainObject, type Measurement } from './measurement.js';
import { judgeStatistic, ruleText, statisticInvalidReason } from './statistic.js';

/**
 * The engine's own judgement of a CheckOutcome, whatever built it (forAll, compute, statistic or a
 * hand-written check): a pass or a fail must be backed by what the outcome itself shows. Anything
 * else becomes an `error` outcome whose message says what is wrong.
 */

/** An error's message (a thrown non-Error as its string). */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The check's identity on its outcome: `key` is recorded only when it differs from the name. */
function keyField(check: Pick<Check, 'name' | 'key'>): { key?: string } {
  return typeof check.key === 'string' && check.key !== check.name ? { key: check.key } : {};
}

/** An error outcome for `check`, keeping what is safe to keep for the report. */
export function errorOutcome(
  check: Pick<Check, 'name' | 'backend' | 'key'>,
  error: string,
  from?: Record<string, unknown>,
  ms = 0,
): CheckOutcome {
  const cases = from && Number.isInteger(from.cases) && (from.cases as number) >= 0 ? (from.cases as number) : 0;
  const o: CheckOutcome = {
    name: check.name,
    backend: check.backend,
    sizes: from && Array.isArray(from.sizes) ? (from.sizes as [number, number][]) : [],
    cases,
    maxError: NaN,
    tolerance: NaN,
    toleranceReason: from && typeof from.toleranceReason === 'string' ? from.toleranceReason : '',
    passed: false,
    ms: from && Number.isFinite(from.ms) ? (from.ms as number) : ms,
    error,
    ...keyField(check),
  };
  if (from && from.counterexample !== undefined) o.counterexample = from.counterexample;
  // How many cases were skipped as outside the hypotheses (forAll) explains many errors ("held in none").
  if (from && Number.isInteger(from.skipped) && (from.skipped as number) >= 0) o.skipped = from.skipped as number;
  if (from && Array.isArray(from.skipReasons) && from.skipReasons.every((r) => typeof r === 'string'))
    o.skipReasons = from.skipReasons as string[];
  return o;
}

/** A documented refuting ∞ on the outcome: `infinite` says why, and only a failing check may have one. */
function infiniteReason(o: Record<string, unknown>, what: 'maxError'): string | null {
  const x = o[what];
  if (typeof x !== 'number' || Number.isNaN(x))
    return `outcome field '${what}' is ${describeValue(x)} (expected a number)`;
  if (Number.isFinite(x)) return null;
  if (typeof o.infinite !== 'string' || o.infinite.trim() === '')
    return `outcome field '${what}' is ${x} without a reason (a documented ∞ must say why in 'infinite')`;
  if (o.passed !== false)
    return `outcome field '${what}' is ${x} on a passing check (an infinite measurement can only refute)`;
  return null;
}

/** The counterexample's measurement must be well formed AND refute: otherwise the fail has no evidence. */
function counterexampleReason(ce: unknown): string | null {
  const none =
    'fails without evidence: a failing check must carry counterexample.measured { value, bound, relation } with a finite measured violation, or a statistic with its interval';
  if (!isPlainObject(ce) || !('measured' in ce)) return none;
  const m = ce.measured;
  if (isPlainObject(m) && m.detail === null) {
    // Builders write `detail: null` when a case has none; the measurement itself has no detail then.
    const { detail: _omit, ...rest } = m;
    void _omit;
    return refutes(rest);
  }
  return refutes(m);
}

function refutes(m: unknown): string | null {
  const bad = invalidReason(m);
  if (bad) return `counterexample.measured: ${bad}`;
  const mm = m as Measurement;
  if (holds(mm))
    return `fails, but its counterexample holds (${mm.value} ${mm.relation ?? '<='} ${mm.bound}): a failure needs a refuting case`;
  return null;
}

/**
 * Validates and normalises what `check.run` returned. A statistic present on the outcome is
 * re-validated and re-decided here, so a hand-written check cannot report `passed: true` with an
 * interval its own rule rejects. The engine owns `name`, `key`, `power` and `control`.
 */
export function normalizeOutcome(raw: unknown, check: Pick<Check, 'name' | 'backend' | 'key'>): CheckOutcome {
  if (!isPlainObject(raw)) return errorOutcome(check, `check returned ${describeValue(raw)} instead of a CheckOutcome`);
  const o = raw;
  if (o.error !== undefined) {
    if (typeof o.error !== 'string' || o.error.trim() === '')
      return errorOutcome(check, `check reported an error that says nothing (${describeValue(o.error)})`, o);
    return errorOutcome(check, o.error, o);
  }
  if (typeof o.passed !== 'boolean')
    return errorOutcome(check, `outcome field 'passed' is ${describeValue(o.passed)} (expected true or false)`, o);
  if (typeof o.cases !== 'number' || !Number.isInteger(o.cases) || o.cases < 1) {
    return errorOutcome(
      check,
      `${o.passed ? 'passes' : 'fails'} on ${describeValue(o.cases)} cases: a check must judge at least one case (cases is an integer ≥ 1)`,
      o,
    );
  }
  if (o.sizes !== undefined && !Array.isArray(o.sizes))
    return errorOutcome(check, `outcome field 'sizes' is ${describeValue(o.sizes)} (expected [[rows, cols], …])`, o);
  const { power: _p, control: _c, powerDetail: _d, key: _k, ...rest } = o;
  void _p;
  void _c;
  void _d;
  void _k;
  const base = {
    ...rest,
    name: check.name,
    ...keyField(check),
    backend: check.backend,
    sizes: (o.sizes as [number, number][] | undefined) ?? [],
    toleranceReason: typeof o.toleranceReason === 'string' ? o.toleranceReason : '',
    ms: Number.isFinite(o.ms) ? (o.ms as number) : 0,
  } as CheckOutcome;

  if (o.statistic !== undefined) {
    const bad = statisticInvalidReason(o.statistic, true);
    if (bad) return errorOutcome(check, bad, o);
    const j = judgeStatistic(o.statistic as Parameters<typeof judgeStatistic>[0]);
    if (j.passed !== o.passed) {
      const s = j.statistic;
      return errorOutcome(
        check,
        `outcome says passed: ${o.passed}, but its statistic's rule (${ruleText(s.decision)}) ${j.passed ? 'passes' : 'fails'} on CI [${s.ci[0]}, ${s.ci[1]}]`,
        o,
      );
    }
    return { ...base, ...j };
  }
  const tol = o.tolerance;
  if (typeof tol !== 'number' || !Number.isFinite(tol))
    return errorOutcome(check, `outcome field 'tolerance' is ${describeValue(tol)} (expected a finite number)`, o);
  const inf = infiniteReason(o, 'maxError');
  if (inf) return errorOutcome(check, inf, o);
  if (o.infinite !== undefined && Number.isFinite(o.maxError))
    return errorOutcome(
      check,
      `outcome says maxError is infinite ('${String(o.infinite)}') but it is ${o.maxError}`,
      o,
    );
  if (!o.passed) {
    const why = counterexampleReason(o.counterexample);
    if (why) return errorOutcome(check, why, o);
  }
  return base;
}

/** Runs a check and judges its outcome; a throw (or a rejected promise) is an error outcome. */
export async function runAndNormalize(check: Check, ctx: Parameters<Check['run']>[0]): Promise<CheckOutcome> {
  const t0 = performance.now();
  let raw: unknown;
  try {
    raw = await check.run(ctx);
  } catch (e) {
    // Builders catch their own errors; this guards hand-written checks.
    return errorOutcome(check, `check threw: ${messageOf(e)}`, undefined, Math.round(performance.now() - t0));
  }
  return normalizeOutcome(raw, check);
}
