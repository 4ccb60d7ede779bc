import { afterAll, describe, expect, it } from 'vitest';
import { disposeGpu } from './backend.js';
import { crossCheck, formatCrossCheck } from './crossCheck.js';
import { frobeniusNormErrorBound, maxAbsErrorBound, scaledAddErrorBound, transposeErrorBound } from './errorBounds.js';
import { toF32, toF64 } from './f32Matrix.js';
import { frobeniusNorm, maxAbs } from './reductions.js';
import { gaussianMatrix } from './random.js';
import { frobeniusNormF64, maxAbsF64, scaledAddF64, transposeF64 } from './reference/linearF64.js';
import { scaledAdd } from './scaledAdd.js';
import { transpose } from './transpose.js';
import { TILE } from './tiling.js';

afterAll(disposeGpu);

function expectPass(c: ReturnType<typeof crossCheck>): void {
  expect(c.passed, formatCrossCheck(c)).toBe(true);
}

// column counts straddling the tile and the default loop cap; the reductions
// loop along rows, so these are the lengths that matter
const shapes = [
  [1, 1],
  [3, TILE - 1],
  [2, TILE],
  [5, TILE + 1],
  [4, 999],
  [3, 1000],
  [6, 1001],
  [64, 1024],
  [129, 67],
] as const;

describe('transpose', () => {
  for (const [m, n] of shapes) {
    it(`${m}×${n}`, async () => {
      const A = gaussianMatrix(m, n, m + 100 * n);
      expectPass(crossCheck(`transpose ${m}×${n}`, await transpose(toF32(A)), transposeF64(A), transposeErrorBound(A)));
    });
  }
  it('is bit-exact on f32 data', async () => {
    const A32 = toF32(gaussianMatrix(65, 66, 3));
    const T = await transpose(A32);
    expect(Array.from(T.data)).toEqual(Array.from(transposeF64(A32).data));
  });
});

describe('scaledAdd', () => {
  for (const [m, n] of shapes) {
    it(`${m}×${n}`, async () => {
      const A = gaussianMatrix(m, n, 7 * m + n);
      const B = gaussianMatrix(m, n, 11 * m + n);
      const [alpha, beta] = [1.5, -0.1];
      const got = await scaledAdd(alpha, toF32(A), beta, toF32(B));
      expectPass(
        crossCheck(`scaledAdd ${m}×${n}`, got, scaledAddF64(alpha, A, beta, B), scaledAddErrorBound(alpha, A, beta, B)),
      );
    });
  }
});

describe('reductions', () => {
  for (const [m, n] of shapes) {
    it(`‖A‖_F and max|a| for ${m}×${n}`, async () => {
      const A = gaussianMatrix(m, n, 13 * m + n, 3);
      const A32 = toF32(A);
      const fro = frobeniusNormF64(A);
      expectPass(crossCheck(`‖A‖_F ${m}×${n}`, await frobeniusNorm(A32), fro, frobeniusNormErrorBound(A, fro)));
      const mx = maxAbsF64(A);
      expectPass(crossCheck(`max|a| ${m}×${n}`, await maxAbs(A32), mx, maxAbsErrorBound(mx)));
    });
  }

  it('a one-entry change in the last column is seen (no silently dropped tail)', async () => {
    const A32 = toF32(gaussianMatrix(3, 1001, 9));
    A32.data[3 * 1001 - 1] = 1000;
    expect(await maxAbs(A32)).toBe(1000);
    const fro = frobeniusNormF64(toF64(A32));
    expectPass(
      crossCheck(
        '‖A‖_F spike',
        await frobeniusNorm(A32),
        fro,
        frobeniusNormErrorBound(A32, fro, { inputsRounded: false }),
      ),
    );
  });

  it('NaN propagates through maxAbs', async () => {
    const A32 = toF32(gaussianMatrix(2, 300, 1));
    A32.data[299] = NaN;
    expect(await maxAbs(A32)).toBeNaN();
  });
});
