import fc from 'fast-check';
import type { Backend, CheckContext, CheckOutcome, Check } from '../types.js';
import { holds, invalidReason, severity, type Measurement } from './measurement.js';

export interface ForAllOptions<T> {
  name: string;
  backend: Backend;
  arbitrary: fc.Arbitrary<T>;
  /** Measure one case; may be async (gpu.js kernels are). */
  measure: (input: T) => Measurement | Promise<Measurement>;
  toleranceReason: string;
  numRuns?: number;
  /** Number of runs in heavy mode (defaults to 4× numRuns). */
  heavyRuns?: number;
  /** The [rows, cols] of an input, for the report's `sizes`. */
  size?: (input: T) => [number, number];
  /** The input as a person should read it (small integer matrices print as nested arrays). */
  show?: (input: T) => unknown;
}

class ThrownInProperty extends Error {}

/**
 * A universal statement checked on random inputs: every case must hold. On failure fast-check
 * shrinks to the smallest counterexample, which is reported with its replay seed and path.
 * A throwing measure or a NaN is recorded as an `error` (the claim could not be judged there).
 */
export function forAll<T>(opts: ForAllOptions<T>): Check {
  return {
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

      const property = fc.asyncProperty(opts.arbitrary, async (input) => {
        if (thrown) return true; // already unusable: stop spending time
        let m: Measurement;
        try {
          m = await opts.measure(input);
        } catch (e) {
          thrown = { input, message: `measure threw: ${(e as Error).message}` };
          throw new ThrownInProperty(thrown.message);
        }
        const bad = invalidReason(m);
        if (bad) {
          thrown = { input, message: bad };
          throw new ThrownInProperty(bad);
        }
        cases++;
        if (opts.size) {
          const s = opts.size(input);
          sizes.set(s.join('x'), s);
        }
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
        toleranceReason: opts.toleranceReason,
        ms: Math.round(performance.now() - t0),
      };
      const w = worst as { m: Measurement; s: number } | null;
      const th = thrown as { input: T; message: string } | null;
      if (th) {
        return { ...base, maxError: NaN, tolerance: NaN, passed: false, error: th.message, counterexample: { input: show(th.input) } };
      }
      if (!out.failed) {
        // A property that never measured a case proves nothing: that is an error, not a pass.
        if (!w) return { ...base, maxError: NaN, tolerance: NaN, passed: false, error: 'no case was measured (every generated input was filtered out)' };
        return { ...base, maxError: w.m.value, tolerance: w.m.bound, passed: true };
      }
      if (out.errorInstance && !(out.errorInstance instanceof ThrownInProperty) && !out.counterexample) {
        return { ...base, maxError: NaN, tolerance: NaN, passed: false, error: String(out.errorInstance) };
      }
      // fast-check calls the predicate on the shrunk input last among failing runs; re-measure it to be exact.
      const shrunk = out.counterexample![0];
      const m = await opts.measure(shrunk);
      const lf = lastFailing as { input: T; m: Measurement } | null;
      return {
        ...base,
        maxError: w ? w.m.value : m.value,
        tolerance: w ? w.m.bound : m.bound,
        passed: false,
        counterexample: {
          input: show(shrunk),
          measured: { value: m.value, bound: m.bound, relation: m.relation ?? '<=', detail: m.detail ?? lf?.m.detail ?? null },
          numShrinks: out.numShrinks,
        },
        replay: { seed: out.seed, path: out.counterexamplePath ?? '' },
      };
    },
  };
}
