/**
 * Compare a binary32 kernel result with a binary64 reference under a stated
 * bound. A failing check is a wrong kernel (or a wrong bound), never noise to
 * be tolerated: there is deliberately no "fudge factor" parameter.
 */
import type { AnyMatrix } from './f32Matrix.js';
import type { ErrorBound } from './errorBounds.js';

export interface CrossCheckResult {
  name: string;
  /** max |gpu − f64| over all entries (NaN/∞ if either side is non-finite where the other is not). */
  maxError: number;
  /** The largest per-entry bound (the bound itself when it is one number). */
  tolerance: number;
  toleranceReason: string;
  /** max over entries of |gpu − f64| / bound_ij; passed ⇔ worstRatio ≤ 1. */
  worstRatio: number;
  /** Row-major index of the entry attaining worstRatio (−1 for scalars). */
  worstIndex: number;
  entries: number;
  /** Every entry within its own bound (a per-entry test, stricter than maxError ≤ tolerance). */
  passed: boolean;
  /**
   * Set when worstRatio is ∞ (a non-finite f32 entry where the reference is finite, or an error where
   * the bound is 0): which entry and why — the documented ∞ of a Measurement built from worstRatio.
   */
  infinite?: string;
}

type Value = AnyMatrix | number;

function asArray(v: Value): ArrayLike<number> {
  return typeof v === 'number' ? [v] : v.data;
}

export function crossCheck(name: string, gpuResult: Value, f64Result: Value, bound: ErrorBound): CrossCheckResult {
  if (typeof gpuResult !== typeof f64Result) throw new TypeError(`${name}: comparing a matrix with a scalar`);
  if (typeof gpuResult !== 'number' && typeof f64Result !== 'number') {
    if (gpuResult.rows !== f64Result.rows || gpuResult.cols !== f64Result.cols) {
      throw new RangeError(
        `${name}: shape ${gpuResult.rows}×${gpuResult.cols} vs reference ${f64Result.rows}×${f64Result.cols}`,
      );
    }
  }
  const g = asArray(gpuResult);
  const r = asArray(f64Result);
  const b = bound.perEntry;
  if (typeof b !== 'number' && b.length !== g.length)
    throw new RangeError(`${name}: bound has ${b.length} entries, result ${g.length}`);
  let maxError = 0;
  let tolerance = typeof b === 'number' ? b : 0;
  let worstRatio = 0;
  let worstIndex = -1;
  let passed = true;
  let infinite: string | undefined;
  for (let i = 0; i < g.length; i++) {
    const gi = g[i]!;
    const ri = r[i]!;
    const bi = typeof b === 'number' ? b : b[i]!;
    if (typeof b !== 'number' && bi > tolerance) tolerance = bi;
    // identical non-finite values (e.g. both NaN for a NaN input) agree;
    // any other non-finite value is an unbounded error
    const bothNaN = Number.isNaN(gi) && Number.isNaN(ri);
    const err = bothNaN || gi === ri ? 0 : Math.abs(gi - ri);
    const e = Number.isNaN(err) ? Infinity : err;
    if (e > maxError) maxError = e;
    const ratio = e === 0 ? 0 : bi > 0 ? e / bi : Infinity;
    if (worstIndex === -1 || ratio > worstRatio) {
      worstRatio = ratio;
      worstIndex = i;
      if (ratio === Infinity && infinite === undefined) {
        infinite = Number.isFinite(e)
          ? `${name}: entry ${i} differs by ${e} where its bound is ${bi}`
          : `${name}: entry ${i} is ${gi} where the reference is ${ri}`;
      }
    }
    if (!(e <= bi)) passed = false;
  }
  return {
    name,
    maxError,
    tolerance,
    toleranceReason: bound.reason,
    worstRatio,
    worstIndex: typeof gpuResult === 'number' ? -1 : worstIndex,
    entries: g.length,
    passed,
    ...(infinite !== undefined ? { infinite } : {}),
  };
}

export function formatCrossCheck(c: CrossCheckResult): string {
  return (
    `${c.passed ? 'PASS' : 'FAIL'} ${c.name}: max|Δ| = ${c.maxError.toExponential(3)}, ` +
    `worst |Δ|/bound = ${c.worstRatio.toExponential(3)} (≤ 1 required), tolerance ≤ ${c.tolerance.toExponential(3)} — ${c.toleranceReason}`
  );
}
