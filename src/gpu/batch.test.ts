import { afterAll, describe, expect, it } from 'vitest';
import { arithmeticOf, disposeGpu, getGpu } from './backend.js';
import { batchMatmul, type F32Batch } from './batchMatmul.js';
import { crossCheck, formatCrossCheck } from './crossCheck.js';
import { matmulErrorBound } from './errorBounds.js';
import { noisySignStep, type NoisySignInput } from './noisySign.js';
import { gaussianArray } from './random.js';
import { batchMatmulF64, noisySignF64 } from './reference/scalarF64.js';

afterAll(disposeGpu);

function batch(count: number, rows: number, cols: number, seed: number): F32Batch {
  return { count, rows, cols, data: Float32Array.from(gaussianArray(count * rows * cols, seed)) };
}

describe('batchMatmul vs a scalar loop of matmulF64', () => {
  // 300 4×4s = 4800 output cells: above the 4096-cell threshold where the
  // webasm pool splits a launch across workers (a split must not mix matrices up)
  for (const [count, m, k, n] of [
    [1, 3, 3, 3],
    [300, 4, 4, 4],
    [64, 5, 7, 3],
    [3, 8, 1001, 8],
  ] as const) {
    it(`${count} × (${m}×${k} · ${k}×${n})`, async () => {
      const A = batch(count, m, k, count + m);
      const B = batch(count, k, n, count + n + 99);
      const C = await batchMatmul(A, B);
      const ref = batchMatmulF64(A, B);
      for (let z = 0; z < count; z++) {
        const a = { rows: m, cols: k, data: A.data.subarray(z * m * k, (z + 1) * m * k) };
        const b = { rows: k, cols: n, data: B.data.subarray(z * k * n, (z + 1) * k * n) };
        const c = crossCheck(
          `batch[${z}]`,
          { rows: m, cols: n, data: C.data.subarray(z * m * n, (z + 1) * m * n) },
          { rows: m, cols: n, data: ref.subarray(z * m * n, (z + 1) * m * n) },
          matmulErrorBound(a, b, { inputsRounded: false }),
        );
        expect(c.passed, formatCrossCheck(c)).toBe(true);
      }
    });
  }
});

describe('noisySignStep vs the scalar recursion', () => {
  const P = 4099; // not a multiple of 4, and above the threading threshold
  for (const T of [1, 255, 999, 1000, 1001, 1500]) {
    it(`P = ${P} paths, T = ${T} steps agree bit for bit with the backend's arithmetic`, async () => {
      const input: NoisySignInput = {
        s0: Float32Array.from(gaussianArray(P, T)),
        alpha: 0.01,
        sigma: 0.7,
        xi: Float32Array.from(gaussianArray(P * T, 1000 + T)),
        steps: T,
      };
      const got = await noisySignStep(input);
      // binary32 machines must match an fround emulation exactly; the cpu
      // backend keeps intermediates in f64 and must match the f64 loop
      const ref = noisySignF64(input, arithmeticOf((await getGpu()).backend) === 'binary32' ? 'f32' : 'f64');
      let mismatches = 0;
      for (let p = 0; p < P; p++) if (got[p] !== Math.fround(ref[p]!)) mismatches++;
      expect(mismatches).toBe(0);
    });
  }

  it('chaining two calls equals one long call (state is the only carry)', async () => {
    const P2 = 64;
    const T1 = 300;
    const T2 = 200;
    const xi = Float32Array.from(gaussianArray(P2 * (T1 + T2), 3));
    const s0 = Float32Array.from(gaussianArray(P2, 4));
    const whole = await noisySignStep({ s0, alpha: 0.05, sigma: 1, xi, steps: T1 + T2 });
    const mid = await noisySignStep({ s0, alpha: 0.05, sigma: 1, xi: xi.subarray(0, P2 * T1), steps: T1 });
    const end = await noisySignStep({ s0: mid, alpha: 0.05, sigma: 1, xi: xi.subarray(P2 * T1), steps: T2 });
    expect(Array.from(end)).toEqual(Array.from(whole));
  });
});
