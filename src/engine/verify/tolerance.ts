/**
 * Tolerances as LAPACK testers state them: a residual is divided by (size × unit roundoff ×
 * condition-dependent growth) and the ratio is judged against a fixed threshold. Every bound the
 * suite uses is built here so its reason travels with it into the report.
 */
export const UNIT_ROUNDOFF_F64 = 2 ** -53;
export const UNIT_ROUNDOFF_F32 = 2 ** -24;
/** LAPACK's xGET01-style testers flag ratios above 30; we use the same threshold. */
export const RESIDUAL_RATIO_THRESHOLD = 30;

export interface Tolerance {
  bound: number;
  reason: string;
}

/**
 * Bound for an f64 computation whose backward-stable error grows like `growth` (e.g. κ for a
 * solve, κ² for a Gram-matrix route) at size n.
 */
export function f64Bound(n: number, growth: number, what: string): Tolerance {
  return {
    bound: RESIDUAL_RATIO_THRESHOLD * n * UNIT_ROUNDOFF_F64 * growth,
    reason: `${RESIDUAL_RATIO_THRESHOLD} × n × u64 × ${what} (LAPACK-style residual ratio threshold; u64 = 2^-53)`,
  };
}

export function f32Bound(n: number, growth: number, what: string): Tolerance {
  return {
    bound: RESIDUAL_RATIO_THRESHOLD * n * UNIT_ROUNDOFF_F32 * growth,
    reason: `${RESIDUAL_RATIO_THRESHOLD} × n × u32 × ${what} (f32 unit roundoff u32 = 2^-24)`,
  };
}
