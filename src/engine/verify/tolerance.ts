/**
 * A tolerance is a bound together with WHY it is that large. Every bound a check judges against is
 * built here, so its reason travels with it into the report (`toleranceReason` is derived from the
 * tolerance of the worst case). Residuals are judged as LAPACK testers do (xGET01): the residual
 * over (size × unit roundoff × a condition-dependent growth) against one fixed threshold, 30.
 *
 *   return { value: residual, tolerance: relative({ n, growth: kappa ** 2, growthName: 'κ(G)²' }) };
 */
import { U32, U64 } from '../../math/roundoff.js';

export { U32, U64 };
/** Older names of the same constants (one definition: src/math/roundoff.ts). */
export const UNIT_ROUNDOFF_F64 = U64;
export const UNIT_ROUNDOFF_F32 = U32;
/** LAPACK's xGET01-style testers flag ratios above 30; we use the same threshold. */
export const RESIDUAL_RATIO_THRESHOLD = 30;

export interface Tolerance {
  bound: number;
  reason: string;
}

const fmt = (x: number) => (Number.isInteger(x) && Math.abs(x) < 1e6 ? String(x) : x.toPrecision(3));

/** An exact comparison: integer arithmetic, a count, a sign — no rounding can enter. */
export function exact(why = 'exact: no rounding enters this comparison'): Tolerance {
  return { bound: 0, reason: why };
}

export interface RelativeOptions {
  /** The size the error grows with (the inner dimension, max(m, n), the number of terms). */
  n: number;
  /** What n counts, for the report: 'max(m, n)', 'k (inner dimension)'. */
  nName?: string;
  /** Condition-dependent growth (κ, κ², 1); default 1. */
  growth?: number;
  /** How the growth reads in the report: 'κ(G)²'. */
  growthName?: string;
  /** The magnitude the error is relative to (‖A‖, Σ|terms|); default 1. */
  scale?: number;
  scaleName?: string;
  /** binary64 (default) or binary32. */
  precision?: 'f64' | 'f32';
  /** The threshold; default 30 (LAPACK's). */
  k?: number;
}

/** k × n × u × growth × scale: the LAPACK-style bound for a backward-stable computation. */
export function relative(o: RelativeOptions): Tolerance {
  const k = o.k ?? RESIDUAL_RATIO_THRESHOLD,
    u = o.precision === 'f32' ? U32 : U64,
    growth = o.growth ?? 1,
    scale = o.scale ?? 1;
  const uName = o.precision === 'f32' ? 'u32 = 2^-24' : 'u64 = 2^-53';
  const parts = [`${k}`, `${o.nName ?? 'n'} = ${fmt(o.n)}`, uName];
  if (o.growth !== undefined) parts.push(`${o.growthName ?? 'growth'} = ${fmt(growth)}`);
  if (o.scale !== undefined) parts.push(`${o.scaleName ?? 'scale'} = ${fmt(scale)}`);
  return {
    bound: k * o.n * u * growth * scale,
    reason: `${parts.join(' × ')} (LAPACK-style residual ratio threshold ${k})`,
  };
}

/** f64 computation whose backward-stable error grows like `growth` at size n (30 × n × u64 × growth). */
export function f64Bound(n: number, growth: number, what: string): Tolerance {
  return {
    bound: RESIDUAL_RATIO_THRESHOLD * n * U64 * growth,
    reason: `${RESIDUAL_RATIO_THRESHOLD} × n × u64 × ${what} (LAPACK-style residual ratio threshold; u64 = 2^-53)`,
  };
}

/** The same in binary32 (gpu.js): 30 × n × u32 × growth. */
export function f32Bound(n: number, growth: number, what: string): Tolerance {
  return {
    bound: RESIDUAL_RATIO_THRESHOLD * n * U32 * growth,
    reason: `${RESIDUAL_RATIO_THRESHOLD} × n × u32 × ${what} (f32 unit roundoff u32 = 2^-24)`,
  };
}

export interface CentralDifferenceOptions {
  /** The step. */
  h: number;
  /** The truncation term, e.g. h²·M₃/6 with M₃ a bound on the third derivative. */
  truncation: number;
  /** The cancellation term, e.g. u·|f|/h. */
  roundoff: number;
  /** Safety factor over the sum of the two terms; default 10. */
  safety?: number;
  /** How the two terms were obtained. */
  how?: string;
}

/** A central difference's error: safety × (truncation + cancellation) at step h. */
export function centralDifferenceError(o: CentralDifferenceOptions): Tolerance {
  const safety = o.safety ?? 10;
  return {
    bound: safety * (o.truncation + o.roundoff),
    reason: `central differences, h = ${fmt(o.h)}: ${safety} × (truncation ${fmt(o.truncation)} + cancellation ${fmt(o.roundoff)})${o.how ? ` (${o.how})` : ''}`,
  };
}

/** A Monte Carlo estimate's half-width: z × standard error at the stated confidence. */
export function monteCarlo(o: { z: number; se: number; confidence: number; samples: number }): Tolerance {
  return {
    bound: o.z * o.se,
    reason: `Monte Carlo: z = ${fmt(o.z)} (${o.confidence} confidence) × standard error ${fmt(o.se)} over ${o.samples} samples`,
  };
}

/**
 * A float32 kernel's result against its f64 reference: γ_k(u32) × magnitude × safety (Higham's
 * bound for a k-term dot product is γ_k Σ|a_i b_i|).
 */
export function f32Kernel(o: {
  k: number;
  magnitude: number;
  magnitudeName?: string;
  safety?: number;
  how?: string;
}): Tolerance {
  const safety = o.safety ?? 4,
    ku = o.k * U32;
  if (!(ku < 1)) throw new RangeError(`f32Kernel: γ_${o.k} undefined (k·u32 ≥ 1)`);
  return {
    bound: safety * (ku / (1 - ku)) * o.magnitude,
    reason: `${safety} × γ_${o.k}(u32) × ${o.magnitudeName ?? 'Σ|aᵢbᵢ|'} = ${fmt(o.magnitude)} (Higham, Lemma 3.1; u32 = 2^-24)${o.how ? `; ${o.how}` : ''}`,
  };
}

/**
 * A bound that IS part of the statement (a claimed constant: "at most 9 steps", "ρ ≥ 1"), not a
 * numerical allowance. `why` says where it comes from.
 */
export function claimed(bound: number, why: string): Tolerance {
  return { bound, reason: `the statement's own bound: ${why}` };
}

/**
 * A strict inequality measured as a margin that must be > 0: the smallest positive double is the
 * bound (with relation '>='), so "margin ≥ MIN_VALUE" is exactly "margin > 0".
 */
export function strictlyPositive(what = 'the margin'): Tolerance {
  return {
    bound: Number.MIN_VALUE,
    reason: `strict inequality: ${what} must be > 0 (judged as ≥ the smallest positive double)`,
  };
}

/** Anything else: a bound with its derivation written out. Prefer the builders above. */
export function tolerance(bound: number, reason: string): Tolerance {
  return { bound, reason };
}
