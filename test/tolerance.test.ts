/** Tolerances carry their reason into the report; a measurement with a malformed tolerance is an error. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { forAll } from '../src/engine/verify/checks/forAll.js';
import { compute } from '../src/engine/verify/checks/compute.js';
import {
  centralDifferenceError,
  claimed,
  exact,
  f32Kernel,
  monteCarlo,
  relative,
  strictlyPositive,
  U32,
  U64,
} from '../src/engine/verify/tolerance.js';
import { invalidReason } from '../src/engine/verify/checks/measurement.js';

const ctx = { seed: 1, heavy: false, log: () => {} };

describe('tolerance builders', () => {
  test('relative is k × n × u × growth × scale and says so', () => {
    const t = relative({ n: 8, growth: 100, growthName: 'κ²' });
    expect(t.bound).toBe(30 * 8 * U64 * 100);
    expect(t.reason).toMatch(/30 × n = 8 × u64 = 2\^-53 × κ² = 100/);
    expect(relative({ n: 4, precision: 'f32' }).bound).toBe(30 * 4 * U32);
  });
  test('the other builders', () => {
    expect(exact().bound).toBe(0);
    expect(centralDifferenceError({ h: 1e-5, truncation: 1e-10, roundoff: 2e-11 }).bound).toBeCloseTo(10 * 1.2e-10, 20);
    expect(monteCarlo({ z: 3.89, se: 0.01, confidence: 0.9999, samples: 1000 }).bound).toBeCloseTo(0.0389, 12);
    expect(f32Kernel({ k: 1024, magnitude: 2 }).bound).toBeCloseTo(4 * ((1024 * U32) / (1 - 1024 * U32)) * 2, 15);
    expect(() => f32Kernel({ k: 2 ** 25, magnitude: 1 })).toThrow(/γ_33554432 undefined/);
    expect(claimed(9, 'at most 9 steps').reason).toMatch(/the statement's own bound: at most 9 steps/);
    expect(strictlyPositive().bound).toBe(Number.MIN_VALUE);
  });
});

describe('a measurement carries its tolerance', () => {
  test("the worst case's reason becomes the check's toleranceReason", async () => {
    const o = await forAll({
      name: 'x·1 = x',
      backend: 'scalar-f64',
      arbitrary: fc.integer({ min: -9, max: 9 }),
      measure: (x) => ({ value: Math.abs(x * 1 - x), tolerance: exact('integer arithmetic is exact') }),
    }).run(ctx);
    expect(o.passed).toBe(true);
    expect(o.toleranceReason).toBe('integer arithmetic is exact');
  });
  test('a failing case reports its tolerance and reason', async () => {
    const o = await compute({
      name: 'one case',
      backend: 'scalar-f64',
      run: () => ({ value: 2, tolerance: claimed(1, 'at most 1') }),
    }).run(ctx);
    expect(o).toMatchObject({ passed: false, tolerance: 1, toleranceReason: "the statement's own bound: at most 1" });
  });
  test.each([
    [{ value: 1, tolerance: { bound: 1 } }, /tolerance has no reason/],
    [{ value: 1, tolerance: { bound: Infinity, reason: 'r' } }, /tolerance bound is Infinity/],
    [{ value: 1, tolerance: { bound: 1, reason: 'r', why: 'x' } }, /tolerance has unknown key 'why'/],
    [{ value: 1, tolerance: 3 }, /tolerance is 3/],
    [{ value: 1, bound: 1, tolerance: { bound: 1, reason: 'r' } }, /gives both 'bound' and 'tolerance'/],
    [{ value: 1 }, /neither 'tolerance' nor 'bound'/],
  ])('%j is refused', (m, re) => {
    expect(invalidReason(m)).toMatch(re);
  });
});
