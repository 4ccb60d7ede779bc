import { parse, simplify } from 'mathjs';
import { mulberry32 } from '../random/prng.js';
import type { StepCheck, StepMethod } from '../engine/verify/types.js';
import { compute } from '../engine/verify/checks/compute.js';
import type { Measurement } from '../engine/verify/checks/measurement.js';
import { claimed, strictlyPositive, tolerance, type Tolerance } from '../engine/verify/tolerance.js';

export type ScalarSide = string | ((v: Record<string, number>) => number);

export interface ScalarIdentityOptions {
  name: string;
  /** Left and right sides: mathjs expressions (then `simplify` is tried) or plain functions. */
  lhs: ScalarSide;
  rhs: ScalarSide;
  /** Relation the step asserts between lhs and rhs. */
  relation?: '=' | '<' | '<=' | '>' | '>=';
  /** Sampling box per variable; `integer: true` draws integers in [lo, hi]. */
  variables: Record<string, { min: number; max: number; integer?: boolean; log?: boolean }>;
  /** Restricts the sample to the step's hypotheses (e.g. μ²/σ² > (1−γ)/(1+γ)). */
  where?: (v: Record<string, number>) => boolean;
  points?: number;
  /**
   * The tolerance of '=' on the relative difference |lhs − rhs| / max(1, |lhs|, |rhs|), with its reason;
   * default DEFAULT_SCALAR_TOLERANCE (1e-9).
   */
  tolerance?: Tolerance;
  /**
   * Negative control (when the identity is a headline check): the same sampling with a known-false
   * side or relation (e.g. a dropped factor); it must fail.
   */
  control?: { description: string; lhs?: ScalarSide; rhs?: ScalarSide; relation?: ScalarIdentityOptions['relation'] };
}

/**
 * The default tolerance of a scalar '=' step: f64 evaluation of a short expression (≲ 100 operations,
 * each within 1 ulp) errs by ≲ 100·u64 ≈ 1e-14 relative to max(1, |lhs|, |rhs|); 1e-9 leaves a factor
 * ≈ 10⁵ for cancellation (e.g. 1 − γ^t near γ = 1, differences of nearly equal sums).
 */
export const DEFAULT_SCALAR_TOLERANCE = tolerance(
  1e-9,
  'relative difference |lhs − rhs| / max(1, |lhs|, |rhs|) ≤ 1e-9: f64 evaluation of short expressions (≲ 100 operations, each within 1 ulp: ≲ 100·u64 ≈ 1e-14), with a factor ≈ 10⁵ left for cancellation',
);

function evaluator(side: ScalarSide): (v: Record<string, number>) => number {
  if (typeof side === 'function') return side;
  const code = parse(side).compile();
  return (v) => {
    const r = code.evaluate({ ...v });
    if (typeof r !== 'number') throw new Error(`'${side}' did not evaluate to a real number`);
    return r;
  };
}

// simplify is slow on long expressions (seconds) and a claim's checks are built more than once (the
// headline run, its controls and mutants): one answer per pair of expressions per process.
const zeroMemo = new Map<string, boolean>();

/** `simplify(lhs − rhs) = 0` proves an identity; `false` only means mathjs could not show it. */
export function symbolicallyZero(lhs: string, rhs: string): boolean {
  const expr = `(${lhs}) - (${rhs})`;
  let zero = zeroMemo.get(expr);
  if (zero === undefined) {
    try {
      zero = simplify(expr).toString() === '0';
    } catch {
      zero = false;
    }
    zeroMemo.set(expr, zero);
  }
  return zero;
}

/**
 * A scalar step of a derivation, checked symbolically where mathjs can (simplify), and always by
 * evaluation at seeded random points, because `simplify`/`symbolicEqual` miss some true identities
 * and a symbolic "proof" of a mistyped expression is no proof of the step as written.
 */
export function scalarIdentity(o: ScalarIdentityOptions): StepCheck {
  const relation = o.relation ?? '=';
  const proven =
    relation === '=' && typeof o.lhs === 'string' && typeof o.rhs === 'string' && symbolicallyZero(o.lhs, o.rhs);
  const method: StepMethod = proven ? 'both' : 'numeric';
  const equal = o.tolerance ?? DEFAULT_SCALAR_TOLERANCE;
  // Every measurement carries its tolerance; for '=' it also records a symbolic proof.
  const tol =
    relation === '='
      ? proven
        ? tolerance(equal.bound, `${equal.reason}; mathjs simplify(lhs − rhs) = 0`)
        : equal
      : relation === '<' || relation === '>'
        ? strictlyPositive(`the margin of lhs ${relation} rhs at every random point satisfying the step's hypotheses`)
        : claimed(
            0,
            `lhs ${relation} rhs: the margin must be ≥ 0 at every random point satisfying the step's hypotheses (no rounding allowance: both sides are evaluated at the same point)`,
          );
  const check = compute({
    name: o.name,
    backend: proven ? 'mathjs-symbolic' : 'scalar-f64',
    run: (ctx) => {
      const L = evaluator(o.lhs),
        R = evaluator(o.rhs);
      const rng = mulberry32(ctx.seed);
      const out: Measurement[] = [];
      let attempts = 0;
      while (out.length < (o.points ?? 200) && attempts++ < 100 * (o.points ?? 200)) {
        const v: Record<string, number> = {};
        for (const [k, box] of Object.entries(o.variables)) {
          const u = rng();
          v[k] = box.integer
            ? Math.floor(box.min + u * (box.max - box.min + 1))
            : box.log
              ? Math.exp(Math.log(box.min) + u * (Math.log(box.max) - Math.log(box.min)))
              : box.min + u * (box.max - box.min);
        }
        if (o.where && !o.where(v)) continue;
        const l = L(v),
          r = R(v);
        const point = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, +x.toPrecision(6)]));
        if (relation === '=') {
          out.push({
            value: Math.abs(l - r) / Math.max(1, Math.abs(l), Math.abs(r)),
            tolerance: tol,
            detail: { at: point, lhs: l, rhs: r },
          });
        } else {
          // Margin of the inequality; must be > 0 (strict) or ≥ 0.
          const margin = relation === '<' || relation === '<=' ? r - l : l - r;
          out.push({ value: margin, tolerance: tol, relation: '>=', detail: { at: point, lhs: l, rhs: r } });
        }
      }
      if (out.length === 0) throw new Error("no sample point satisfied the step's hypotheses");
      return out;
    },
  });
  const out: StepCheck = { ...check, method, run: check.run.bind(check) };
  if (o.control) {
    const c = o.control;
    if (c.lhs === undefined && c.rhs === undefined && c.relation === undefined)
      throw new Error(`scalarIdentity '${o.name}': control '${c.description}' replaces neither side nor the relation`);
    out.control = {
      description: c.description,
      check: scalarIdentity({
        ...o,
        name: `${o.name} [control: ${c.description}]`,
        lhs: c.lhs ?? o.lhs,
        rhs: c.rhs ?? o.rhs,
        relation: c.relation ?? o.relation,
        control: undefined,
      }),
    };
  }
  return out;
}
