import type { Backend, CheckContext, CheckOutcome, Check, StepCheck, StepMethod } from '../types.js';
import { holds, invalidReason, severity, type Measurement } from './measurement.js';

export interface ComputeOptions {
  name: string;
  backend: Backend;
  toleranceReason: string;
  sizes?: [number, number][];
  /**
   * One or more deterministic cases (a worked example, a fixed large random matrix on the GPU).
   * Each returns a measurement; the check passes when all hold.
   */
  run: (ctx: CheckContext) => Measurement[] | Measurement | Promise<Measurement[] | Measurement>;
  /** The case inputs as a person should read them, parallel to the returned measurements. */
  inputs?: unknown[];
}

/** A check on explicit cases rather than random ones: worked examples, large fixed instances. */
export function compute(opts: ComputeOptions): Check {
  return {
    name: opts.name,
    backend: opts.backend,
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const t0 = performance.now();
      const base = { name: opts.name, backend: opts.backend, sizes: opts.sizes ?? [], toleranceReason: opts.toleranceReason };
      let ms: Measurement[];
      try {
        const r = await opts.run(ctx);
        ms = Array.isArray(r) ? r : [r];
      } catch (e) {
        return { ...base, cases: 0, maxError: NaN, tolerance: NaN, passed: false, ms: Math.round(performance.now() - t0), error: `check threw: ${(e as Error).message}` };
      }
      const elapsed = Math.round(performance.now() - t0);
      if (ms.length === 0) return { ...base, cases: 0, maxError: NaN, tolerance: NaN, passed: false, ms: elapsed, error: 'check produced no cases' };
      for (const m of ms) {
        const bad = invalidReason(m);
        if (bad) return { ...base, cases: ms.length, maxError: NaN, tolerance: NaN, passed: false, ms: elapsed, error: bad };
      }
      let worstIdx = 0;
      ms.forEach((m, i) => { if (severity(m) > severity(ms[worstIdx])) worstIdx = i; });
      const w = ms[worstIdx];
      const failing = ms.findIndex((m) => !holds(m));
      const out: CheckOutcome = { ...base, cases: ms.length, maxError: w.value, tolerance: w.bound, passed: failing < 0, ms: elapsed };
      if (failing >= 0) {
        const f = ms[failing];
        out.counterexample = {
          input: opts.inputs?.[failing] ?? `case ${failing + 1} of ${ms.length}`,
          measured: { value: f.value, bound: f.bound, relation: f.relation ?? '<=', detail: f.detail ?? null },
        };
      } else if (w.detail !== undefined) {
        out.detail = typeof w.detail === 'string' ? w.detail : JSON.stringify(w.detail);
      }
      return out;
    },
  };
}

/** Marks any check as the check of a derivation step, decided by `method`. */
export function step(method: StepMethod, check: Check): StepCheck {
  return { ...check, method, run: check.run.bind(check) };
}
