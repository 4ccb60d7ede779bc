import fc from 'fast-check';

/** Small-integer vectors of length n (entries in [−range, range]); they shrink toward 0 and e_i. */
export function integerVectors(n: number, o: { range?: number; nonzero?: boolean } = {}): fc.Arbitrary<number[]> {
  const r = o.range ?? 3;
  const arb = fc.array(fc.integer({ min: -r, max: r }), { minLength: n, maxLength: n });
  return o.nonzero ? arb.filter((x) => x.some((v) => v !== 0)) : arb;
}

export const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
export const norm2 = (a: ArrayLike<number>): number => Math.sqrt(dot(a, a));
