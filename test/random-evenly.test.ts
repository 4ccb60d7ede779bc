/** The even-coverage generators really cover the middle of their range (where fc.double does not). */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { linearGrid, logUniform } from '../src/random/evenly.js';

/** Fraction of 4000 draws in each of 10 equal bins; a uniform generator puts 10% ± 1.5% in each (z ≈ 3.2). */
function binShares(arb: fc.Arbitrary<number>, map: (x: number) => number): number[] {
  const xs = fc.sample(arb, { seed: 42, numRuns: 4000 }).map(map);
  const bins = new Array<number>(10).fill(0);
  for (const x of xs) bins[Math.min(9, Math.floor(x * 10))]++;
  return bins.map((b) => b / xs.length);
}

describe('even coverage', () => {
  test('linearGrid puts ≈ 10% in every tenth of [0, 1]', () => {
    for (const s of binShares(linearGrid(0, 1), (x) => x)) expect(Math.abs(s - 0.1)).toBeLessThan(0.015);
  });
  test('logUniform puts ≈ 10% in every tenth of [1e-3, 1e7] on a log scale', () => {
    for (const s of binShares(logUniform(1e-3, 1e7), (x) => (Math.log10(x) + 3) / 10))
      expect(Math.abs(s - 0.1)).toBeLessThan(0.015);
  });
  test('both ends are reached exactly', () => {
    const xs = fc.sample(logUniform(1e-3, 1e7, 1), { seed: 1, numRuns: 2000 });
    expect(Math.min(...xs)).toBe(1e-3);
    expect(Math.max(...xs)).toBe(1e7);
  });
  test('negative control: fc.double crowds the ends — the same bin test rejects it', () => {
    const shares = binShares(fc.double({ min: 0, max: 1, noNaN: true }), (x) => x);
    expect(shares.some((s) => Math.abs(s - 0.1) >= 0.015)).toBe(true);
  });
  test('bad ranges are refused', () => {
    expect(() => logUniform(0, 1)).toThrow(/0 < min < max/);
    expect(() => linearGrid(1, 1)).toThrow(/min < max/);
  });
});
