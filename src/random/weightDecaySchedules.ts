import fc from 'fast-check';

/**
 * A weight-decay run: k + 1 steps (k = 0..maxK), vectors of dimension d, integer w_0 and s_j, a
 * learning-rate schedule η_j ∈ {1/8, 1/4, 3/8} and α ∈ {1, 2}. The products αη_j ≤ 3/4 keep every
 * decay factor 1 − αη_j in [1/4, 7/8] (the regime of real training, where 0 < 1 − αη < 1), and dyadic
 * values keep the products exact in f64, so a counterexample can be redone by hand.
 */
export interface WeightDecayCase {
  k: number;
  alpha: number;
  eta: number[];
  w0: number[];
  s: number[][];
}

export function weightDecayCases(
  o: { minK?: number; maxK?: number; maxDim?: number } = {},
): fc.Arbitrary<WeightDecayCase> {
  return fc
    .record({ d: fc.integer({ min: 1, max: o.maxDim ?? 3 }), k: fc.integer({ min: o.minK ?? 0, max: o.maxK ?? 4 }) })
    .chain(({ d, k }) => {
      const vec = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d });
      return fc.record({
        k: fc.constant(k),
        alpha: fc.integer({ min: 1, max: 2 }),
        eta: fc.array(
          fc.integer({ min: 1, max: 3 }).map((i) => i / 8),
          { minLength: k + 1, maxLength: k + 1 },
        ),
        w0: vec,
        s: fc.array(vec, { minLength: k + 1, maxLength: k + 1 }),
      });
    });
}

/** Relative vector residual max_i |a_i − b_i| / max(1, scale): scale is the size of the terms summed. */
export function vectorResidual(a: readonly number[], b: readonly number[], scale: number): number {
  let r = 0;
  for (let i = 0; i < a.length; i++) r = Math.max(r, Math.abs(a[i] - b[i]));
  return r / Math.max(1, scale);
}
