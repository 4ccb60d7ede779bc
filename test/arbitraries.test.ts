import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { matrices, integerMatrices, spectralMatrices } from '../src/random/matrices.js';
import { toMatrix } from '../src/random/matrixCase.js';
import { geometricSpectrum } from '../src/random/spectrum.js';
import { haarOrthonormal } from '../src/random/orthogonal.js';
import { numericalRank, thinSvd } from '../src/math/linalg/thinSvd.js';
import { f64Bound, f32Bound, UNIT_ROUNDOFF_F64 } from '../src/engine/verify/tolerance.js';
import { Matrix } from 'ml-matrix';

describe('matrix arbitraries', () => {
  test('spectral cases have exactly the stated singular values and condition number', () => {
    fc.assert(
      fc.property(
        spectralMatrices({ rows: { min: 1, max: 7 }, cols: { min: 1, max: 7 }, rank: 'full', maxLogKappa: 6 }),
        (c) => {
          const s = thinSvd(toMatrix(c)).s;
          s.forEach((x, i) => expect(Math.abs(x - c.sigma![i])).toBeLessThan(1e-13));
          expect(s[0] / s[s.length - 1]).toBeCloseTo(c.kappa!, 4);
        },
      ),
      { seed: 1, numRuns: 60 },
    );
  });
  test('rank-deficient cases are rank-deficient; full-rank ones are full rank', () => {
    fc.assert(
      fc.property(matrices({ rank: 'deficient' }), (c) => numericalRank(toMatrix(c)) < Math.min(c.rows, c.cols)),
      { seed: 2, numRuns: 60 },
    );
    fc.assert(
      fc.property(matrices({ rank: 'full' }), (c) => numericalRank(toMatrix(c)) === Math.min(c.rows, c.cols)),
      { seed: 3, numRuns: 60 },
    );
  });
  test('shapes are respected', () => {
    fc.assert(
      fc.property(matrices({ shape: 'tall' }), (c) => c.rows > c.cols),
      { seed: 4, numRuns: 50 },
    );
    fc.assert(
      fc.property(matrices({ shape: 'wide' }), (c) => c.rows < c.cols),
      { seed: 5, numRuns: 50 },
    );
  });
  test('shrinking reaches the smallest simple case: a failing "no tall matrix" property shrinks to a 2×1 unit column', () => {
    const out = fc.check(
      fc.property(matrices({ rank: 'full' }), (c) => c.rows <= c.cols),
      { seed: 6 },
    );
    expect(out.failed).toBe(true);
    const c = out.counterexample![0];
    expect([c.rows, c.cols]).toEqual([2, 1]);
    expect(c.entries.flat().map(Math.abs).sort()).toEqual([0, 1]);
  });
  test('integer matrices stay within their range', () => {
    fc.assert(
      fc.property(integerMatrices({ integerRange: 2 }), (c) =>
        c.entries.flat().every((x) => Number.isInteger(x) && Math.abs(x) <= 2),
      ),
      { seed: 7 },
    );
  });
  test('Haar factors are orthonormal', () => {
    const Q = haarOrthonormal(9, 4, 11);
    const I = Q.transpose().mmul(Q);
    expect(I.sub(Matrix.eye(4)).abs().max()).toBeLessThan(1e-14);
  });
  test('geometric spectrum spans exactly [1/κ, 1]', () => {
    const s = geometricSpectrum(5, 1e4);
    expect(s[0]).toBe(1);
    expect(s[4]).toBeCloseTo(1e-4, 15);
    expect(geometricSpectrum(3, 1)).toEqual([1, 1, 1]);
  });
});

describe('tolerances', () => {
  test('scale with size, unit roundoff and growth, and say why', () => {
    const t = f64Bound(10, 100, 'κ');
    expect(t.bound).toBeCloseTo(30 * 10 * UNIT_ROUNDOFF_F64 * 100, 25);
    expect(t.reason).toMatch(/u64 = 2\^-53/);
    expect(f32Bound(10, 1, '1').bound / f64Bound(10, 1, '1').bound).toBe(2 ** 29);
  });
});
