import fc from 'fast-check';
import { showMatrixCase, sizeOf, type MatrixCase } from '../../../random/matrixCase.js';
import type { Backend, CheckContext, CheckOutcome, Check, InputProbe, MeasuredCase } from '../types.js';
import { boundOf, holds, invalidReason, reasonOf, severity, type Measurement } from './measurement.js';
import { errorOutcome, messageOf } from './outcome.js';

export interface ForAllOptions<T> {
  name: string;
  /** Stable identity for seeds and replays (default: `name`); see `Check.key`. */
  key?: string;
  backend: Backend;
  arbitrary: fc.Arbitrary<T>;
  /**
   * Measure one case; may be async (gpu.js kernels are). A case outside the statement's hypotheses
   * calls `pre(condition, why)` (or `fc.pre`): it is skipped and replaced by a fresh input.
   */
  measure: (input: T) => Measurement | Promise<Measurement>;
  /** Why the bounds are what they are; optional when every measurement carries a `tolerance` (its reason is reported). */
  toleranceReason?: string;
  numRuns?: number;
  /** Number of runs in heavy mode (defaults to 4× numRuns). */
  heavyRuns?: number;
  /**
   * How many skipped cases (`pre`) fast-check tolerates per wanted run before it gives up
   * (fast-check's `maxSkipsPerRun`, default 100). Giving up is an error, never a pass.
   */
  maxSkipsPerRun?: number;
  /**
   * The [rows, cols] of an input, for the report's `sizes`. Default: when the input is a MatrixCase
   * (from `matrices()`; recognised by its shape: kind 'integer' | 'spectral', integer rows and
   * cols, an `entries` array), `sizeOf(input)`; otherwise no size is recorded.
   */
  size?: (input: T) => [number, number];
  /**
   * The input as a person should read it (small integer matrices print as nested arrays). Default:
   * `showMatrixCase(input)` for a MatrixCase (recognised as for `size`), the input itself otherwise.
   */
  show?: (input: T) => unknown;
  /**
   * Negative control: the same check with the measure and/or the arbitrary replaced by a
   * known-false variant (a mutated coefficient, a perturbed input). It must fail.
   */
  control?: {
    description: string;
    measure?: (input: T) => Measurement | Promise<Measurement>;
    arbitrary?: fc.Arbitrary<T>;
  };
}

/**
 * What `pre` throws: fast-check's own precondition failure (so fast-check skips the case and
 * generates another), carrying the reason for the report.
 */
export class OutsideHypotheses extends fc.PreconditionFailure {
  readonly why: string;
  constructor(why: string) {
    super(false);
    this.why = why;
    this.name = 'OutsideHypotheses';
    this.message = `case outside the statement's hypotheses: ${why}`;
  }
}

/**
 * Inside a forAll measure: the statement says nothing about this case unless `condition` holds.
 * A false condition SKIPS the case — it is neither a pass nor a fail, fast-check generates another
 * input in its place (fast-check's `fc.pre` semantics; shrinking also stays inside the hypotheses) —
 * and `why` (which hypothesis the case is outside of) is reported with the number of skipped cases.
 * If no generated case satisfies the hypotheses, the check is an error, never a vacuous pass.
 * Prefer building the hypotheses into the arbitrary when most cases would be skipped.
 */
export function pre(condition: boolean, why: string): asserts condition {
  if (typeof why !== 'string' || why.trim() === '')
    throw new TypeError('pre(condition, why): say which hypothesis a skipped case is outside of (why is empty)');
  if (!condition) throw new OutsideHypotheses(why);
}

/** How many distinct skip reasons the report keeps. */
export const MAX_SKIP_REASONS = 5;

class ThrownInProperty extends Error {}

/** The input as a person reads it; a throwing `show` must not turn an error into a crash. */
function shown<T>(show: (x: T) => unknown, input: T): unknown {
  try {
    return show(input);
  } catch (e) {
    return `(show threw: ${messageOf(e)})`;
  }
}

/**
 * Whether a generated input is a MatrixCase (src/random/matrixCase.ts), recognised structurally:
 * kind 'integer' | 'spectral', integer rows and cols, and an `entries` array. Such inputs get
 * `sizeOf` and `showMatrixCase` as the defaults of forAll's `size` and `show`.
 */
export function isMatrixCase(x: unknown): x is MatrixCase {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const c = x as Record<string, unknown>;
  return (
    (c.kind === 'integer' || c.kind === 'spectral') &&
    Number.isInteger(c.rows) &&
    Number.isInteger(c.cols) &&
    Array.isArray(c.entries)
  );
}

/** A measurement as the report records it next to an input. */
export function measuredCase(m: Measurement): MeasuredCase {
  return {
    value: m.value,
    bound: boundOf(m),
    relation: m.relation ?? '<=',
    detail: m.detail ?? null,
    ...(m.infinite !== undefined ? { infinite: m.infinite } : {}),
  };
}

/**
 * Time belongs to the engine, not to fast-check: a verdict must not depend on how fast the machine is,
 * and the per-claim kill (src/engine/runner/) already bounds every check. So fast-check's own time limits
 * — which a property file could set for every run with `fc.configureGlobal` — are switched off for each
 * run: with them a slow case was skipped (and blamed on the hypotheses), a run interrupted (and reported
 * as failing without a counterexample), or a slow measure turned into a counterexample.
 */
export const NO_FAST_CHECK_CLOCK = {
  timeout: undefined,
  skipAllAfterTimeLimit: undefined,
  interruptAfterTimeLimit: undefined,
  markInterruptAsFailure: false,
} as const;

/**
 * Why the run counts are unusable, or null. fast-check takes a negative maxSkipsPerRun and runs no
 * case, which used to end in "fast-check failed without a counterexample: null".
 */
export function runCountsReason(
  opts: Pick<ForAllOptions<unknown>, 'numRuns' | 'heavyRuns' | 'maxSkipsPerRun'>,
): string | null {
  for (const [field, min] of [
    ['numRuns', 1],
    ['heavyRuns', 1],
    ['maxSkipsPerRun', 0],
  ] as const) {
    const v = opts[field];
    if (v !== undefined && !(Number.isInteger(v) && v >= min))
      return `forAll option '${field}' must be an integer ≥ ${min}, got ${typeof v === 'number' ? v : JSON.stringify(v)}`;
  }
  return null;
}

/**
 * A universal statement checked on random inputs: every case must hold. On failure fast-check
 * shrinks to the smallest counterexample, which is reported with its replay seed and path, next to
 * the most severe failing case seen (`counterexample.mostSevere`: shrinking toward small inputs can
 * turn a clear violation into a marginal one). A passing check records the case that came closest
 * to failing (`closest`). Cases outside the hypotheses (`pre`) are skipped and counted (`skipped`,
 * `skipReasons`).
 * A throwing measure, a malformed measurement or a NaN is recorded as an `error` (the claim could
 * not be judged there) — never as a fail, never as a pass.
 */
export function forAll<T>(opts: ForAllOptions<T>): Check {
  // The raw (unshown) shrunk counterexample of each seed's failing run, for the failure triage
  // (`probe.counterexample`): a hypothesis is a predicate on raw inputs, not on how they print.
  const counterexamples = new Map<number, T>();
  // Validated once, up front; a bad count makes every run of the check an error.
  const badCounts = runCountsReason(opts);
  const check: Check = {
    name: opts.name,
    backend: opts.backend,
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      if (badCounts) return errorOutcome(check, badCounts);
      const t0 = performance.now();
      const sizes = new Map<string, [number, number]>();
      let cases = 0;
      let worst: { m: Measurement; s: number; input: T } | null = null;
      let lastFailing: { input: T; m: Measurement } | null = null;
      let thrown: { input: T; message: string } | null = null;
      const skipReasons: string[] = [];
      const show = opts.show ?? ((x: T) => (isMatrixCase(x) ? showMatrixCase(x) : x));
      const size = opts.size ?? ((x: T) => (isMatrixCase(x) ? sizeOf(x) : undefined));

      // Everything that can throw inside the predicate (measure, size) is caught here and makes the
      // check an error: fast-check would otherwise report the throw as a refuting counterexample.
      // The one exception is a precondition failure (pre / fc.pre): rethrown, fast-check skips the case.
      const property = fc.asyncProperty(opts.arbitrary, async (input) => {
        if (thrown) return true; // already unusable: stop spending time
        let m: Measurement;
        try {
          m = await opts.measure(input);
          const bad = invalidReason(m);
          if (bad) throw new ThrownInProperty(bad);
          const s = size(input);
          if (s) sizes.set(s.join('x'), s);
        } catch (e) {
          if (fc.PreconditionFailure.isFailure(e)) {
            const why =
              e instanceof OutsideHypotheses ? e.why : 'fc.pre(false) (no reason given: use pre(condition, why))';
            if (skipReasons.length < MAX_SKIP_REASONS && !skipReasons.includes(why)) skipReasons.push(why);
            throw e;
          }
          const message = e instanceof ThrownInProperty ? e.message : `measure threw: ${messageOf(e)}`;
          thrown = { input, message };
          throw new ThrownInProperty(message);
        }
        cases++;
        const s = severity(m);
        if (!worst || s > worst.s) worst = { m, s, input };
        const ok = holds(m);
        if (!ok) lastFailing = { input, m };
        return ok;
      });

      const numRuns = ctx.heavy ? (opts.heavyRuns ?? 4 * (opts.numRuns ?? 100)) : (opts.numRuns ?? 100);
      const params: fc.Parameters<[T]> = { seed: ctx.seed, numRuns, endOnFailure: false, ...NO_FAST_CHECK_CLOCK };
      if (opts.maxSkipsPerRun !== undefined) params.maxSkipsPerRun = opts.maxSkipsPerRun;
      if (ctx.replayPath !== undefined) params.path = ctx.replayPath;
      const out = await fc.check(property, params);
      const skipped = out.numSkips;
      const base = {
        name: opts.name,
        backend: opts.backend,
        sizes: [...sizes.values()],
        cases,
        toleranceReason: opts.toleranceReason ?? '',
        ms: Math.round(performance.now() - t0),
        ...(skipped > 0 || skipReasons.length > 0 ? { skipped, skipReasons: [...skipReasons] } : {}),
      };
      const w = worst as { m: Measurement; s: number; input: T } | null;
      const th = thrown as { input: T; message: string } | null;
      const errored = (error: string, input?: { input: unknown }): CheckOutcome => ({
        ...base,
        maxError: NaN,
        tolerance: NaN,
        passed: false,
        error,
        ...(input ? { counterexample: input } : {}),
      });
      if (th) return errored(th.message, { input: shown(show, th.input) });
      // (No run is interrupted: NO_FAST_CHECK_CLOCK leaves fast-check no time limit to interrupt on.)
      if (out.failed && !out.counterexample && skipped > 0) {
        // fast-check gave up: too many cases fell outside the hypotheses. A statement checked on
        // (almost) no case proves nothing: an error, never a pass.
        const generated = out.numRuns + skipped;
        const reasons = skipReasons.length ? ` (${skipReasons.map((r) => `'${r}'`).join(', ')})` : '';
        return errored(
          out.numRuns === 0
            ? `the hypothesis held in none of ${generated} generated cases: every case was skipped${reasons}, and fast-check gave up; generate inputs that satisfy the hypotheses (in the arbitrary) rather than skipping them`
            : `the hypothesis held in only ${out.numRuns} of ${generated} generated cases (${skipped} skipped${reasons}); fast-check gave up before the ${numRuns} runs asked for; generate inputs that satisfy the hypotheses (in the arbitrary) rather than skipping them`,
        );
      }
      if (!out.failed) {
        // A property that never measured a case proves nothing: that is an error, not a pass.
        if (!w) return errored('no case was measured (every generated input was filtered out)');
        return {
          ...base,
          toleranceReason: reasonOf(w.m) ?? base.toleranceReason,
          maxError: w.m.value,
          tolerance: boundOf(w.m),
          passed: true,
          closest: { input: shown(show, w.input), measured: measuredCase(w.m) },
        };
      }
      if (!out.counterexample)
        return errored(`fast-check failed without a counterexample: ${messageOf(out.errorInstance)}`);
      // fast-check calls the predicate on the shrunk input last among failing runs; re-measure it to
      // be exact — and judge that measurement as strictly as every other one.
      const shrunk = out.counterexample[0];
      let m: Measurement;
      try {
        m = await opts.measure(shrunk);
      } catch (e) {
        if (fc.PreconditionFailure.isFailure(e))
          return errored(
            're-measuring the shrunk counterexample: it is now outside the hypotheses (pre failed; the measure is not deterministic)',
            { input: shown(show, shrunk) },
          );
        return errored(`measure threw when re-measuring the shrunk counterexample: ${messageOf(e)}`, {
          input: shown(show, shrunk),
        });
      }
      const bad = invalidReason(m);
      if (bad) return errored(`re-measuring the shrunk counterexample: ${bad}`, { input: shown(show, shrunk) });
      if (holds(m))
        return errored('the shrunk counterexample holds when measured again (the measure is not deterministic)', {
          input: shown(show, shrunk),
        });
      if (ctx.replayPath === undefined) counterexamples.set(ctx.seed, shrunk);
      const lf = lastFailing as { input: T; m: Measurement } | null;
      const reported = w && !holds(w.m) ? w.m : m;
      return {
        ...base,
        toleranceReason: reasonOf(reported) ?? base.toleranceReason,
        maxError: reported.value,
        tolerance: boundOf(reported),
        passed: false,
        ...(reported.infinite !== undefined ? { infinite: reported.infinite } : {}),
        counterexample: {
          input: shown(show, shrunk),
          measured: { ...measuredCase(m), detail: m.detail ?? lf?.m.detail ?? null },
          numShrinks: out.numShrinks,
          // The worst failing case seen (largest value/bound severity), before or during shrinking.
          ...(w && !holds(w.m) ? { mostSevere: { input: shown(show, w.input), measured: measuredCase(w.m) } } : {}),
        },
        replay: { seed: out.seed, path: out.counterexamplePath ?? '' },
      };
    },
  };
  if (opts.key !== undefined) check.key = opts.key;
  const showInput = opts.show ?? ((x: T) => (isMatrixCase(x) ? showMatrixCase(x) : x));
  const probe: InputProbe<T> = {
    restrict(name, holdsFor, why, inside) {
      return forAll({
        ...opts,
        name,
        key: undefined,
        control: undefined,
        measure: (x: T) => {
          let h: boolean;
          try {
            h = holdsFor(x);
          } catch (e) {
            throw new Error(`the hypothesis predicate threw: ${messageOf(e)}`);
          }
          if (typeof h !== 'boolean')
            throw new Error(`the hypothesis predicate returned ${String(h)} (expected true or false)`);
          pre(h === inside, inside ? `outside the hypothesis: ${why}` : `inside the hypothesis: ${why}`);
          return opts.measure(x);
        },
      });
    },
    async counterexample(ctx) {
      if (!counterexamples.has(ctx.seed)) await check.run({ ...ctx, replayPath: undefined });
      return counterexamples.has(ctx.seed) ? { input: counterexamples.get(ctx.seed) as T } : null;
    },
    measureAt: async (x: T) => opts.measure(x),
    show: (x: T) => shown(showInput, x),
    size: (x: T) => {
      try {
        return (opts.size ?? ((y: T) => (isMatrixCase(y) ? sizeOf(y) : undefined)))(x);
      } catch {
        return undefined;
      }
    },
  };
  check.probe = probe as InputProbe;
  if (opts.control) {
    const c = opts.control;
    // A control that replaces nothing is the check itself: it would hold and prove nothing.
    if (!c.measure && !c.arbitrary)
      throw new Error(`forAll '${opts.name}': control '${c.description}' replaces neither 'measure' nor 'arbitrary'`);
    check.control = {
      description: c.description,
      check: forAll({
        ...opts,
        name: `${opts.name} [control: ${c.description}]`,
        key: undefined,
        measure: c.measure ?? opts.measure,
        arbitrary: c.arbitrary ?? opts.arbitrary,
        control: undefined,
      }),
    };
  }
  return check;
}
