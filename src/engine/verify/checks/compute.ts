import fc from 'fast-check';
import type { Backend, CheckContext, CheckOutcome, Check, Series, StepCheck, StepMethod } from '../types.js';
import { measuredCase, OutsideHypotheses } from './forAll.js';
import { boundOf, describeValue, holds, invalidReason, reasonOf, severity, type Measurement } from './measurement.js';

export interface ComputeOptions {
  name: string;
  /** Stable identity for seeds and replays (default: `name`); see `Check.key`. */
  key?: string;
  backend: Backend;
  /** Why the bounds are what they are; optional when every measurement carries a `tolerance` (its reason is reported). */
  toleranceReason?: string;
  /**
   * The [rows, cols] the cases ran at, for the report. A function of the context when they depend
   * on the mode, e.g. an at-scale check that also runs 2048 and 4096 under --heavy:
   * `sizes: (ctx) => atScaleSizes(1024, ctx.heavy).map((n) => [n, n])`. A function that throws
   * costs the sizes (logged), never the verdict.
   */
  sizes?: [number, number][] | ((ctx: CheckContext) => [number, number][]);
  /**
   * One or more deterministic cases (a worked example, a fixed large random matrix on the GPU).
   * Each returns a measurement; the check passes when all hold.
   */
  run: (ctx: CheckContext) => Measurement[] | Measurement | Promise<Measurement[] | Measurement>;
  /** The case inputs as a person should read them, parallel to the returned measurements. */
  inputs?: unknown[];
  /** Negative control: the same cases computed for a known-false variant; it must fail. */
  control?: { description: string; run: ComputeOptions['run']; inputs?: unknown[] };
  /**
   * Plots of the measurements (see `Series`), built from them (their `detail` carries whatever a plot
   * needs) after they were judged: presentation only. A builder that throws costs the plot, logged,
   * never the verdict.
   */
  series?: (measurements: Measurement[], ctx: CheckContext) => Series[];
}

/** A check on explicit cases rather than random ones: worked examples, large fixed instances. */
export function compute(opts: ComputeOptions): Check {
  const check: Check = {
    name: opts.name,
    backend: opts.backend,
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const t0 = performance.now();
      const base = {
        name: opts.name,
        backend: opts.backend,
        sizes: sizesFor(opts, ctx),
        toleranceReason: opts.toleranceReason ?? '',
      };
      const errored = (cases: number, error: string): CheckOutcome => ({
        ...base,
        cases,
        maxError: NaN,
        tolerance: NaN,
        passed: false,
        ms: Math.round(performance.now() - t0),
        error,
      });
      let ms: Measurement[];
      try {
        const r = await opts.run(ctx);
        ms = Array.isArray(r) ? r : [r];
      } catch (e) {
        if (fc.PreconditionFailure.isFailure(e)) {
          // Explicit cases cannot be replaced by fresh ones: a case outside the hypotheses is a wrong case.
          const why = e instanceof OutsideHypotheses ? `: ${e.why}` : '';
          return errored(
            0,
            `a case is outside the statement's hypotheses (pre failed${why}); pre skips only forAll cases — drop the case from compute's run`,
          );
        }
        return errored(0, `check threw: ${e instanceof Error ? e.message : String(e)}`);
      }
      const elapsed = Math.round(performance.now() - t0);
      if (ms.length === 0) return errored(0, 'check produced no cases');
      for (let i = 0; i < ms.length; i++) {
        const bad = invalidReason(ms[i]);
        // Name the case when there are several, so the bad one can be found.
        if (bad) return errored(ms.length, ms.length > 1 ? `case ${i + 1} of ${ms.length}: ${bad}` : bad);
      }
      let worstIdx = 0;
      ms.forEach((m, i) => {
        if (severity(m) > severity(ms[worstIdx])) worstIdx = i;
      });
      const w = ms[worstIdx];
      const failing = ms.findIndex((m) => !holds(m));
      const out: CheckOutcome = {
        ...base,
        toleranceReason: reasonOf(w) ?? base.toleranceReason,
        cases: ms.length,
        maxError: w.value,
        tolerance: boundOf(w),
        passed: failing < 0,
        ms: elapsed,
      };
      if (w.infinite !== undefined) out.infinite = w.infinite;
      if (opts.series) {
        try {
          out.series = opts.series(ms, ctx);
        } catch (e) {
          ctx.log(
            `${opts.name}: its plot could not be built (${e instanceof Error ? e.message : String(e)}); the verdict is unaffected`,
          );
        }
      }
      const inputOf = (i: number) => opts.inputs?.[i] ?? `case ${i + 1} of ${ms.length}`;
      if (failing >= 0) {
        const f = ms[failing];
        out.counterexample = {
          input: inputOf(failing),
          measured: measuredCase(f),
          // The first failing case is the evidence; the worst one is kept beside it.
          mostSevere: { input: inputOf(worstIdx), index: worstIdx, measured: measuredCase(w) },
        };
      } else {
        if (w.detail !== undefined) out.detail = typeof w.detail === 'string' ? w.detail : JSON.stringify(w.detail);
        out.closest = { input: inputOf(worstIdx), index: worstIdx, measured: measuredCase(w) };
      }
      return out;
    },
  };
  if (opts.key !== undefined) check.key = opts.key;
  if (opts.control) {
    const c = opts.control;
    check.control = {
      description: c.description,
      check: compute({
        ...opts,
        name: `${opts.name} [control: ${c.description}]`,
        key: undefined,
        run: c.run,
        inputs: c.inputs,
        control: undefined,
        series: undefined,
      }),
    };
  }
  return check;
}

/** The sizes a compute check reports: the option, or the option evaluated in this run's context. */
function sizesFor(opts: ComputeOptions, ctx: CheckContext): [number, number][] {
  if (typeof opts.sizes !== 'function') return opts.sizes ?? [];
  try {
    const s = opts.sizes(ctx);
    if (Array.isArray(s)) return s;
    ctx.log(`${opts.name}: sizes(ctx) returned ${describeValue(s)}, not [[rows, cols], …]; the verdict is unaffected`);
  } catch (e) {
    ctx.log(
      `${opts.name}: sizes(ctx) threw (${e instanceof Error ? e.message : String(e)}); the verdict is unaffected`,
    );
  }
  return [];
}

/**
 * Marks any check as the check of a derivation step, decided by `method`. The copy keeps every
 * field of the check (its `control` included) and binds `run` to the original.
 */
export function step(method: StepMethod, check: Check): StepCheck {
  if (typeof check !== 'object' || check === null || typeof check.run !== 'function') {
    throw new TypeError(`step(): expected a check, got ${describeValue(check)}`);
  }
  return { ...check, method, run: check.run.bind(check) };
}
