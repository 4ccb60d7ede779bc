import { afterAll, describe, expect, it } from 'vitest';
import { disposeGpu, getGpu } from './backend.js';
import { crossCheck, formatCrossCheck } from './crossCheck.js';
import { matmulErrorBound, gramAtAErrorBound, gramAAtErrorBound } from './errorBounds.js';
import { toF32, toF64, type F64Matrix } from './f32Matrix.js';
import { matmul, gramAtA } from './matmul.js';
import { gramAAt } from './transpose.js';
import { gaussianMatrix, uniformMatrix } from './random.js';
import { gramAAtF64, gramAtAF64, matmulF64 } from './reference/linearF64.js';
import { TILE } from './tiling.js';

afterAll(disposeGpu);

function expectPass(c: ReturnType<typeof crossCheck>): void {
  expect(c.passed, formatCrossCheck(c)).toBe(true);
}

describe('matmul (binary32 kernel) vs matmulF64', () => {
  // Inner dimensions on both sides of gpu.js's default loop cap (1000) and of
  // the tile size, plus shapes that are not multiples of the SIMD width (4).
  const inner = [1, 3, TILE - 1, TILE, TILE + 1, 999, 1000, 1001, 1024, 1030];
  for (const k of inner) {
    it(`17×${k} · ${k}×23 (f64 inputs rounded on the way in)`, async () => {
      const A = gaussianMatrix(17, k, 1000 + k);
      const B = gaussianMatrix(k, 23, 2000 + k);
      const C = await matmul(toF32(A), toF32(B));
      expectPass(crossCheck(`matmul k=${k}`, C, matmulF64(A, B), matmulErrorBound(A, B)));
    });
  }

  it('non-square, threaded-size output (70×513 · 513×130), f32-exact inputs', async () => {
    const A32 = toF32(uniformMatrix(70, 513, 7));
    const B32 = toF32(uniformMatrix(513, 130, 8));
    const C = await matmul(A32, B32);
    const bound = matmulErrorBound(A32, B32, { inputsRounded: false });
    expectPass(crossCheck('matmul 70×513×130', C, matmulF64(A32, B32), bound));
  });

  it('a truncated dot product (the loopMaxIterations failure mode) fails the bound', async () => {
    // What a kernel silently stopping at 1000 of 1001 steps would return:
    // the bound must reject it, otherwise the k = 1001 test above proves nothing.
    const k = 1001;
    const A = gaussianMatrix(9, k, 11);
    const B = gaussianMatrix(k, 9, 12);
    const truncated: F64Matrix = matmulF64(
      {
        rows: 9,
        cols: 1000,
        data: Float64Array.from({ length: 9 * 1000 }, (_, t) => A.data[Math.floor(t / 1000) * k + (t % 1000)]!),
      },
      { rows: 1000, cols: 9, data: B.data.slice(0, 1000 * 9) },
    );
    const c = crossCheck('truncated', truncated, matmulF64(A, B), matmulErrorBound(A, B));
    expect(c.passed).toBe(false);
    expect(c.worstRatio).toBeGreaterThan(1);
  });

  it('n = 1024 square (the claim-check size), norms-form bound', async () => {
    const n = 1024;
    const A = gaussianMatrix(n, n, 31);
    const B = gaussianMatrix(n, n, 32);
    const C = await matmul(toF32(A), toF32(B));
    const c = crossCheck('matmul 1024', C, matmulF64(A, B), matmulErrorBound(A, B, { mode: 'norms' }));
    expectPass(c);
    // worst-case bound, typical error ~√k u: far from tight, but must hold
    expect(c.worstRatio).toBeLessThan(1);
  }, 60_000);

  it('records the backend it ran on', async () => {
    const ctx = await getGpu();
    expect(['headlessgl', 'webgl2', 'webgpu', 'webasm', 'cpu']).toContain(ctx.backend);
    expect(ctx.kernelClass).not.toBe('');
  });
});

describe('Gram matrices', () => {
  for (const [m, n] of [
    [5, 3],
    [1001, 6],
    [37, 1000],
    [130, 70],
  ] as const) {
    it(`AᵀA and AAᵀ for ${m}×${n}`, async () => {
      const A = gaussianMatrix(m, n, m * 7 + n);
      const A32 = toF32(A);
      expectPass(crossCheck(`AᵀA ${m}×${n}`, await gramAtA(A32), gramAtAF64(A), gramAtAErrorBound(A)));
      expectPass(crossCheck(`AAᵀ ${m}×${n}`, await gramAAt(A32), gramAAtF64(A), gramAAtErrorBound(A)));
    });
  }

  it('AᵀA of f32 data is symmetric bit-for-bit (same products, same order)', async () => {
    const A32 = toF32(gaussianMatrix(40, 33, 5));
    const G = toF64(await gramAtA(A32));
    for (let i = 0; i < 33; i++) for (let j = 0; j < i; j++) expect(G.data[i * 33 + j]).toBe(G.data[j * 33 + i]);
  });
});
