import fc from 'fast-check';

/**
 * Parameters that cover their range evenly. `fc.double({ min, max })` crowds the ends of its range
 * (it is biased toward boundary and "special" values): a check built on it once "passed" with a
 * worst case of 4 steps against a claimed 9 and could never have seen the middle. These draw an
 * integer uniformly — `fc.noBias`: fast-check otherwise favours small integers and range ends too —
 * and map it (fast-check still shrinks toward the start of the range).
 */

/** `steps + 1` equally spaced points of [min, max] (both ends included); shrinks toward min. */
export function linearGrid(min: number, max: number, steps = 1000): fc.Arbitrary<number> {
  if (!(max > min) || !Number.isInteger(steps) || steps < 1)
    throw new Error(`linearGrid: need min < max and an integer steps ≥ 1, got [${min}, ${max}], ${steps}`);
  return fc
    .noBias(fc.integer({ min: 0, max: steps }))
    .map((i) => (i === steps ? max : min + ((max - min) * i) / steps));
}

/**
 * Log-uniform on [min, max] (min > 0): as many draws per decade anywhere in the range — for step
 * sizes, condition numbers, noise levels; `perDecade` grid points per decade; shrinks toward min.
 */
export function logUniform(min: number, max: number, perDecade = 100): fc.Arbitrary<number> {
  if (!(min > 0 && max > min)) throw new Error(`logUniform: need 0 < min < max, got [${min}, ${max}]`);
  const decades = Math.log10(max / min);
  const steps = Math.max(1, Math.round(decades * perDecade));
  return fc
    .noBias(fc.integer({ min: 0, max: steps }))
    .map((i) => (i === steps ? max : min * 10 ** ((decades * i) / steps)));
}
