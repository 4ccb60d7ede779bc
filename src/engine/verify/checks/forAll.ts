import fc from 'fast-check';
import type { Backend, CheckContext, CheckOutcome, Check } from '../types.js';
import { boundOf, holds, invalidReason, reasonOf, severity, type Measurement } from './measurement.js';

export interface ForAllOptions<T> {
  name: string;
  backend: Backend;
  arbitrary: fc.Arbitrary<T>;
  /** Measure one case; may be async (gpu.js kernels are). */
  measure: (input: T) => Measurement | Promise<Measurement>;
  /** Why the bounds are what they are; optional when every measurement carries a `tolerance` (its reason is reported). */
  toleranceReason?: string;
  numRuns?: number;
  /** Number of runs in heavy mode (defaults to 4× numRuns). */
  heavyRuns?: number;
  /** The [rows, cols] of an input, for the report's `sizes`. */
  size?: (input: T) => [number, number];
  /** The input as a person should read it (small integer matrices print as nested arrays). */
  show?: (input: T) => unknown;
  /**
   * Negative control: the same check with the measure and/or the arbitrary replaced by a
   * known-false variant (a mutated coefficient, a perturbed input). It must fail.
   */
  control?: { description: string; measure?: (input: T) => Measurement | Promise<Measurement>; arbitrary?: fc.Arbitrary<T> };
}

class ThrownInProperty extends Error {}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The input as a person reads it; a throwing `show` must not turn an error into a crash. */
function shown<T>(show: (x: T) => unknown, input: T): unknown {
  try {
    return show(input);
  } catch (e) {
    return `(show threw: ${messageOf(e)})`;
  }
}

/**
 * A universal statement checked on random inputs: every case must hold. On failure fast-check
 * shrinks to the smallest counterexample, which is reported with its replay seed and path.
 * A throwing measure, a malformed measurement or a NaN is recorded as an `error` (the claim could
 * not be judged there) — never as a fail, never as a pass.
 */
export function forAll<T>(opts: ForAllOptions<T>): Check {
  const check: Check = {
    name: opts.name,
    backend: opts.backend,
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const t0 = performance.now();
      const sizes = new Map<string, [number, number]>();
      let cases = 0;
      let worst: { m: Measurement; s: number } | null = null;
      let lastFailing: { input: T; m: Measurement } | null = null;
      let thrown: { input: T; message: string } | null = null;
      const show = opts.show ?? ((x: T) => x);

      // Everything that can throw inside the predicate (measure, size) is caught here and makes the
      // check an error: fast-check would otherwise report the throw as a refuting counterexample.
      const property = fc.asyncProperty(opts.arbitrary, async (input) => {
        if (thrown) return true; // already unusable: stop spending time
        let m: Measurement;
        try {
          m = await opts.measure(input);
          const bad = invalidReason(m);
          if (bad) throw new ThrownInProperty(bad);
          if (opts.size) {
            const s = opts.size(input);
            sizes.set(s.join('x'), s);
          }
        } catch (e) {
          const message = e instanceof ThrownInProperty ? e.message : `measure threw: ${messageOf(e)}`;
          thrown = { input, message };
          throw new ThrownInProperty(message);
        }
        cases++;
        const s = severity(m);
        if (!worst || s > worst.s) worst = { m, s };
        const ok = holds(m);
        if (!ok) lastFailing = { input, m };
        return ok;
      });

      const numRuns = ctx.heavy ? (opts.heavyRuns ?? 4 * (opts.numRuns ?? 100)) : (opts.numRuns ?? 100);
      const params: fc.Parameters<[T]> = { seed: ctx.seed, numRuns, endOnFailure: false };
      if (ctx.replayPath !== undefined) params.path = ctx.replayPath;
      const out = await fc.check(property, params);
      const base = {
        name: opts.name,
        backend: opts.backend,
        sizes: [...sizes.values()],
        cases,
        toleranceReason: opts.toleranceReason ?? '',
        ms: Math.round(performance.now() - t0),
      };
      const w = worst as { m: Measurement; s: number } | null;
      const th = thrown as { input: T; message: string } | null;
      const errored = (error: string, input?: { input: unknown }): CheckOutcome => ({ ...base, maxError: NaN, tolerance: NaN, passed: false, error, ...(input ? { counterexample: input } : {}) });
      if (th) return errored(th.message, { input: shown(show, th.input) });
      if (!out.failed) {
        // A property that never measured a case proves nothing: that is an error, not a pass.
        if (!w) return errored('no case was measured (numRuns is 0, or every generated input was filtered out)');
        return { ...base, toleranceReason: reasonOf(w.m) ?? base.toleranceReason, maxError: w.m.value, tolerance: boundOf(w.m), passed: true };
      }
      if (!out.counterexample) return errored(`fast-check failed without a counterexample: ${messageOf(out.errorInstance)}`);
      // fast-check calls the predicate on the shrunk input last among failing runs; re-measure it to
      // be exact — and judge that measurement as strictly as every other one.
      const shrunk = out.counterexample[0];
      let m: Measurement;
      try {
        m = await opts.measure(shrunk);
      } catch (e) {
        return errored(`measure threw when re-measuring the shrunk counterexample: ${messageOf(e)}`, { input: shown(show, shrunk) });
      }
      const bad = invalidReason(m);
      if (bad) return errored(`re-measuring the shrunk counterexample: ${bad}`, { input: shown(show, shrunk) });
      if (holds(m)) return errored('the shrunk counterexample holds when measured again (the measure is not deterministic)', { input: shown(show, shrunk) });
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
          measured: { value: m.value, bound: boundOf(m), relation: m.relation ?? '<=', detail: m.detail ?? lf?.m.detail ?? null, ...(m.infinite !== undefined ? { infinite: m.infinite } : {}) },
          numShrinks: out.numShrinks,
        },
        replay: { seed: out.seed, path: out.counterexamplePath ?? '' },
      };
    },
  };
  if (opts.control) {
    const c = opts.control;
    // A control that replaces nothing is the check itself: it would hold and prove nothing.
    if (!c.measure && !c.arbitrary) throw new Error(`forAll '${opts.name}': control '${c.description}' replaces neither 'measure' nor 'arbitrary'`);
    check.control = {
      description: c.description,
      check: forAll({ ...opts, name: `${opts.name} [control: ${c.description}]`, measure: c.measure ?? opts.measure, arbitrary: c.arbitrary ?? opts.arbitrary, control: undefined }),
    };
  }
  return check;
}
