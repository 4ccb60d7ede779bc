import type { Tolerance } from '../tolerance.js';
/**
 * One measured case: `value` judged against `bound`. With relation '<=' (the default) the case
 * holds when value ≤ bound (an error below its tolerance); with '>=' it holds when value ≥ bound
 * (a quantity that must be bounded away from zero, e.g. a skew part that must exist).
 *
 * `value` and `bound` are finite numbers. The one documented exception is a REFUTING infinity:
 * when the quantity does not exist at this input (a missing inverse, shapes that do not match,
 * no index satisfying a condition), `value` may be +∞ under '<=' (or −∞ under '>='), and then
 * `infinite` must say why. Such a case can only fail, never hold. A bound is never infinite: an
 * infinite bound would make every case hold.
 */
export interface Measurement {
  value: number;
  /**
   * The bound with its reason (src/engine/verify/tolerance.ts: relative, exact, centralDifference,
   * monteCarlo, f32Kernel, claimed, strictlyPositive …). The report's toleranceReason is the worst
   * case's reason. Give exactly one of `tolerance` and `bound`.
   */
  tolerance?: Tolerance;
  /** A bare bound (its reason then comes from the check's `toleranceReason`). Prefer `tolerance`. */
  bound?: number;
  relation?: '<=' | '>=';
  /** Anything a person needs to check the case by hand (norms, eigenvalues, the reason for ∞). */
  detail?: Record<string, unknown> | string;
  /**
   * Why `value` is infinite (e.g. "A is singular: eigenvalue 0 at index 1"). Required exactly when
   * value is +∞ under '<=' or −∞ under '>='; not allowed otherwise.
   */
  infinite?: string;
}

/** The keys a measurement may have: anything else is a typo (`val`, `bnd`) that must not be judged. */
export const MEASUREMENT_KEYS = ['value', 'bound', 'tolerance', 'relation', 'detail', 'infinite'] as const;
const RELATIONS = ['<=', '>='] as const;

/** The bound a measurement is judged against (its tolerance's, or the bare one). */
export function boundOf(m: Measurement): number {
  return m.tolerance !== undefined ? m.tolerance.bound : (m.bound as number);
}

/** Why the bound is that large, when the measurement says (its tolerance's reason). */
export function reasonOf(m: Measurement): string | undefined {
  return m.tolerance?.reason;
}

export function holds(m: Measurement): boolean {
  const bound = boundOf(m);
  return (m.relation ?? '<=') === '<=' ? m.value <= bound : m.value >= bound;
}

/**
 * How badly a case is doing: > 1 exactly when it fails. Used to pick the worst case for the report.
 * The classic ratio (value/bound under '<=', bound/value under '>=') is used where it agrees with
 * `holds` (positive denominators); where it would not (a negative bound, a negative value under
 * '>='), a failing case gets 1 + its relative violation and a holding case 0, so the reported
 * worst case of a failing check is always a failing case.
 */
export function severity(m: Measurement): number {
  const bound = boundOf(m);
  const le = (m.relation ?? '<=') === '<=';
  const ok = holds(m);
  let ratio: number;
  if (le) ratio = bound === 0 ? (m.value > 0 ? Infinity : 0) : m.value / bound;
  else ratio = m.value === 0 ? (bound > 0 ? Infinity : 0) : bound / m.value;
  if (!Number.isNaN(ratio) && ok === ratio <= 1) return ratio;
  if (ok) return 0;
  // > 1 strictly, as promised: 1 + a violation below 2⁻⁵³ would round to exactly 1 (e.g. bound −1, value
  // −1 + 2⁻⁵³ under '<='), tying a failing case with one that holds at its bound.
  return Math.max(1 + Math.abs(m.value - bound) / Math.max(Math.abs(bound), Number.MIN_VALUE), 1 + Number.EPSILON);
}

/** A plain `{…}` object: not null, an array, a Promise, a Matrix or any other class instance. */
export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** How a non-number (or non-finite number) reads in a message: `null`, `a string ('3')`, `NaN`. */
export function describeValue(x: unknown): string {
  if (x === '') return 'an empty string';
  if (typeof x === 'string') return `a string ('${x.length > 40 ? x.slice(0, 40) + '…' : x}')`;
  if (typeof x === 'number') return String(x);
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object' && typeof (x as { then?: unknown }).then === 'function') return 'a Promise';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** The reason `x` is not a finite number, phrased after `what`, or null. */
export function notFinite(what: string, x: unknown): string | null {
  if (typeof x !== 'number') return `${what} is ${describeValue(x)} (expected a finite number)`;
  if (Number.isNaN(x)) return `${what} is NaN`;
  if (!Number.isFinite(x)) return `${what} is ${x} (expected a finite number)`;
  return null;
}

/**
 * Why a measurement cannot be judged, or null when it can. A malformed measurement is never a
 * pass or a fail: `{ val: x }` would otherwise compare undefined (a silent refutation), `relation:
 * '≤'` would silently flip the test, `value: null` compares as 0 and `bound: Infinity` holds always.
 */
export function invalidReason(m: unknown): string | null {
  if (!isPlainObject(m)) return `measure returned ${describeValue(m)} instead of a { value, tolerance } object`;
  for (const k of Object.keys(m)) {
    if (!(MEASUREMENT_KEYS as readonly string[]).includes(k)) {
      return `measurement has unknown key '${k}' (expected ${MEASUREMENT_KEYS.join(', ')})`;
    }
  }
  if (m.bound !== undefined && m.tolerance !== undefined)
    return "measurement gives both 'bound' and 'tolerance' (give one: a tolerance carries its bound)";
  if (m.tolerance !== undefined) {
    const t = m.tolerance;
    if (!isPlainObject(t))
      return `measurement tolerance is ${describeValue(t)} (expected { bound, reason }, e.g. from relative(…))`;
    const extra = Object.keys(t).find((k) => k !== 'bound' && k !== 'reason');
    if (extra) return `measurement tolerance has unknown key '${extra}' (expected bound, reason)`;
    if (typeof t.reason !== 'string' || t.reason.trim() === '')
      return `measurement tolerance has no reason (got ${describeValue(t.reason)}): a bound must say why it is that large`;
    if (typeof t.bound === 'number' && !Number.isNaN(t.bound) && !Number.isFinite(t.bound))
      return `tolerance bound is ${t.bound}: a bound must be finite (an infinite bound makes every case hold)`;
    const badT = notFinite('tolerance bound', t.bound);
    if (badT) return badT;
  } else if (m.bound === undefined) {
    return "measurement has neither 'tolerance' nor 'bound' (expected { value, tolerance } with a tolerance from relative(…), exact(…) …)";
  }
  const { value, relation, infinite } = m;
  const bound = m.tolerance !== undefined ? (m.tolerance as Tolerance).bound : m.bound;
  if (relation !== undefined && !(RELATIONS as readonly unknown[]).includes(relation)) {
    return `measurement relation is ${typeof relation === 'string' ? `'${relation}'` : describeValue(relation)} (expected '<=' or '>=', or no relation for '<=')`;
  }
  if (typeof bound === 'number' && !Number.isNaN(bound) && !Number.isFinite(bound)) {
    return `bound is ${bound}: a bound must be finite (an infinite bound makes every case hold)`;
  }
  const badBound = notFinite('bound', bound);
  if (badBound) return badBound;
  if (typeof value === 'number' && Number.isNaN(value)) return 'measured value is NaN';
  if (typeof value !== 'number') return `measured value is ${describeValue(value)} (expected a finite number)`;
  const refuting = (relation ?? '<=') === '<=' ? Infinity : -Infinity;
  if (infinite !== undefined) {
    if (typeof infinite !== 'string' || infinite.trim() === '')
      return `measurement field 'infinite' must be a non-empty string saying why the value is infinite, got ${describeValue(infinite)}`;
    if (value !== refuting)
      return `measurement says the value is infinite ('${infinite}') but the value is ${value} (under '${relation ?? '<='}' only ${refuting} is a documented refutation)`;
    return null;
  }
  if (!Number.isFinite(value)) {
    return value === refuting
      ? `measured value is ${value} without a reason (a documented ∞, e.g. a missing inverse, must say why in the field 'infinite')`
      : `measured value is ${value}, which would hold by infinity under '${relation ?? '<='}' (only ${refuting} with a reason in 'infinite' refutes)`;
  }
  return null;
}
