import type { Backend, CheckContext, CheckOutcome, Check, Series, StepCheck, StepMethod } from '../types.js';
import { boundOf, describeValue, holds, invalidReason, reasonOf, severity, type Measurement } from './measurement.js';

export interface ComputeOptions {
  name: string;
  backend: Backend;
  /** Why the bounds are what they are; optional when every measurement carries a `tolerance` (its reason is reported). */
  toleranceReason?: string;
  sizes?: [number, number][];
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
      const base = { name: opts.name, backend: opts.backend, sizes: opts.sizes ?? [], toleranceReason: opts.toleranceReason ?? '' };
      const errored = (cases: number, error: string): CheckOutcome => ({ ...base, cases, maxError: NaN, tolerance: NaN, passed: false, ms: Math.round(performance.now() - t0), error });
      let ms: Measurement[];
      try {
        const r = await opts.run(ctx);
        ms = Array.isArray(r) ? r : [r];
      } catch (e) {
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
      ms.forEach((m, i) => { if (severity(m) > severity(ms[worstIdx])) worstIdx = i; });
      const w = ms[worstIdx];
      const failing = ms.findIndex((m) => !holds(m));
      const out: CheckOutcome = { ...base, toleranceReason: reasonOf(w) ?? base.toleranceReason, cases: ms.length, maxError: w.value, tolerance: boundOf(w), passed: failing < 0, ms: elapsed };
      if (w.infinite !== undefined) out.infinite = w.infinite;
      if (opts.series) {
        try {
          out.series = opts.series(ms, ctx);
        } catch (e) {
          ctx.log(`${opts.name}: its plot could not be built (${e instanceof Error ? e.message : String(e)}); the verdict is unaffected`);
        }
      }
      if (failing >= 0) {
        const f = ms[failing];
        out.counterexample = {
          input: opts.inputs?.[failing] ?? `case ${failing + 1} of ${ms.length}`,
          measured: { value: f.value, bound: boundOf(f), relation: f.relation ?? '<=', detail: f.detail ?? null, ...(f.infinite !== undefined ? { infinite: f.infinite } : {}) },
        };
      } else if (w.detail !== undefined) {
        out.detail = typeof w.detail === 'string' ? w.detail : JSON.stringify(w.detail);
      }
      return out;
    },
  };
  if (opts.control) {
    const c = opts.control;
    check.control = { description: c.description, check: compute({ ...opts, name: `${opts.name} [control: ${c.description}]`, run: c.run, inputs: c.inputs, control: undefined, series: undefined }) };
  }
  return check;
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
