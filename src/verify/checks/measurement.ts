/**
 * One measured case: `value` judged against `bound`. With relation '<=' (the default) the case
 * holds when value ≤ bound (an error below its tolerance); with '>=' it holds when value ≥ bound
 * (a quantity that must be bounded away from zero, e.g. a skew part that must exist).
 */
export interface Measurement {
  value: number;
  bound: number;
  relation?: '<=' | '>=';
  /** Anything a person needs to check the case by hand (norms, eigenvalues, the reason for ∞). */
  detail?: Record<string, unknown> | string;
}

export function holds(m: Measurement): boolean {
  return (m.relation ?? '<=') === '<=' ? m.value <= m.bound : m.value >= m.bound;
}

/** How badly a case is doing: > 1 means it fails. Used to pick the worst case for the report. */
export function severity(m: Measurement): number {
  if ((m.relation ?? '<=') === '<=') return m.bound === 0 ? (m.value > 0 ? Infinity : 0) : m.value / m.bound;
  return m.value === 0 ? Infinity : m.bound / m.value;
}

/** NaN anywhere means the check could not judge: that is an `error`, never a pass or a fail. */
export function invalidReason(m: Measurement): string | null {
  if (typeof m !== 'object' || m === null) return `measure returned ${String(m)} instead of {value, bound}`;
  if (Number.isNaN(m.value)) return 'measured value is NaN';
  if (Number.isNaN(m.bound)) return 'bound is NaN';
  return null;
}
