import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGpuContext, destroyGpuContext, disposeGpu, getGpu, type GpuContext } from './backend.js';
import { blockedKernelSource, panelWidth, quadProduct } from './blockedMatmul.js';
import { crossCheck, formatCrossCheck } from './crossCheck.js';
import { matmulErrorBound, gramAtAErrorBound, gramAAtErrorBound } from './errorBounds.js';
import { toF32, toF64, type F32Matrix, type F64Matrix } from './f32Matrix.js';
import { matmul, matmulOneCell, gramAtA, usesQuadKernel } from './matmul.js';
import { packColPanels, packRowQuads, packTransposedRowQuads, unpackQuadOutput } from './quadPacking.js';
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

// ---- the register-blocked webasm kernel (blockedMatmul.ts) -----------------

/**
 * What the kernels claim to compute, operation for operation: each entry a
 * binary32 recursive dot product, s = fl(s + fl(a_il · b_lj)) for l = 0..k−1.
 * Math.fround rounds each JS double result to binary32, and a single binary64
 * operation on binary32 operands followed by that rounding is the correctly
 * rounded binary32 operation (binary64 has > 2·24 + 2 bits), so this is the
 * exact binary32 result, independent of gpu.js.
 */
function recursiveF32(A: F32Matrix, B: F32Matrix, order: 'forward' | 'reverse' = 'forward'): Float32Array {
  const f = Math.fround;
  const { rows: m, cols: k } = A;
  const n = B.cols;
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) {
        const l = order === 'forward' ? t : k - 1 - t;
        s = f(s + f(A.data[i * k + l]! * B.data[l * n + j]!));
      }
      out[i * n + j] = s;
    }
  }
  return out;
}

function transposed(A: F32Matrix): F32Matrix {
  const data = new Float32Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) data[j * A.rows + i] = A.data[i * A.cols + j]!;
  return { rows: A.cols, cols: A.rows, data };
}

/** Index of the first entry whose bits differ (−0 and +0 differ), or −1. */
function firstBitDifference(x: Float32Array, y: Float32Array): number {
  expect(x.length).toBe(y.length);
  const a = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const b = new Uint32Array(y.buffer, y.byteOffset, y.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

describe('quad packing (operand layouts of the blocked kernel)', () => {
  const A = { rows: 5, cols: 3, data: Float32Array.from({ length: 15 }, (_, t) => t + 1) };

  it('rowQuads interleaves four rows along the inner dimension and zero-pads the last group', () => {
    const p = packRowQuads(A.data, 5, 3);
    expect(p.length).toBe(2);
    // rows 0..3: L[r][s] at 4s + r
    expect(Array.from(p[0]!)).toEqual([1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12]);
    // row 4, then three zero rows
    expect(Array.from(p[1]!)).toEqual([13, 0, 0, 0, 14, 0, 0, 0, 15, 0, 0, 0]);
  });

  it('colPanels puts one row of each panel per step and zero-pads the last panel', () => {
    // 5×3 as a right factor (k = 5 steps, n = 3 columns), one panel of 4
    const p = packColPanels(A.data, 5, 3, 4);
    expect(Array.from(p)).toEqual([1, 2, 3, 0, 4, 5, 6, 0, 7, 8, 9, 0, 10, 11, 12, 0, 13, 14, 15, 0]);
    // two panels of 4 for 8 columns: panel z at offset z·k·4
    const W = Float32Array.from({ length: 16 }, (_, t) => t); // 2×8
    expect(Array.from(packColPanels(W, 2, 8, 4))).toEqual([0, 1, 2, 3, 8, 9, 10, 11, 4, 5, 6, 7, 12, 13, 14, 15]);
    expect(() => packColPanels(W, 2, 8, 16)).toThrow(RangeError);
    expect(() => packColPanels(W, 2, 8, 6)).toThrow(RangeError);
  });

  it('rowQuads of Aᵀ packed straight from A equals packing the formed transpose', () => {
    const viaT = packRowQuads(transposed(A).data, 3, 5).map((v) => Array.from(v));
    expect(packTransposedRowQuads(A.data, 5, 3).map((v) => Array.from(v))).toEqual(viaT);
  });

  it('unpacking the output layout drops padded rows and columns', () => {
    // m = 5 (2 row groups), n = 6 in panels of 4: cell (x, g, z) holds
    // C[4g + r][4z + x] at ((z·2 + g)·4 + x)·4 + r; entry value = 100·row + col
    const flat = new Float32Array(2 * 2 * 4 * 4).fill(-1);
    for (let z = 0; z < 2; z++)
      for (let g = 0; g < 2; g++)
        for (let x = 0; x < 4; x++)
          for (let r = 0; r < 4; r++) flat[((z * 2 + g) * 4 + x) * 4 + r] = 100 * (4 * g + r) + 4 * z + x;
    const out = unpackQuadOutput(flat, 5, 6, 4);
    expect(Array.from(out)).toEqual(Array.from({ length: 30 }, (_, t) => 100 * Math.floor(t / 6) + (t % 6)));
  });
});

describe('blockedKernelSource and panelWidth', () => {
  it('bakes sizes in as integer literals: one loop of k steps, no constants', () => {
    const src = blockedKernelSource(9, 8);
    expect(src).toContain('t < 9;');
    expect(src).toContain('this.thread.z * 72 + (t | 0) * 8');
    expect(src).toContain('a[this.thread.y][(t | 0) * 4 + 3]');
    expect(src).not.toContain('this.constants');
    expect(() => blockedKernelSource(0, 4)).toThrow(RangeError);
    expect(() => blockedKernelSource(4, 6)).toThrow(RangeError);
  });

  it('panel width: widest of 64…4 dividing the padded width with a panel ≤ 256 KiB', () => {
    expect(panelWidth(512, 512)).toBe(64);
    expect(panelWidth(2048, 2048)).toBe(32);
    expect(panelWidth(4096, 4096)).toBe(16);
    expect(panelWidth(1001, 23)).toBe(8); // 23 → 24 columns
    expect(panelWidth(100, 1030)).toBe(8); // 1032 = 8·129
    expect(panelWidth(1 << 20, 64)).toBe(4);
  });
});

describe.each([
  ['threaded', true],
  ['single-thread', false],
] as const)('blocked matmul on webasm (%s): bit-exact recursive binary32', (_label, threaded) => {
  let ctx: GpuContext;
  beforeAll(async () => {
    ctx = await createGpuContext('webasm', { threaded });
  });
  afterAll(async () => {
    await destroyGpuContext(ctx);
  });

  // shapes: m, n off the multiple of 4 (padding), k odd (the unrolled leftover
  // step) and even, k = 1 (no loop at all), and threaded-size outputs
  const shapes: Array<[number, number, number]> = [
    [4, 1, 4],
    [5, 3, 7],
    [17, 1001, 23],
    [13, 256, 9],
    [9, 257, 21],
    [70, 513, 130],
    [130, 64, 67],
  ];
  for (const [m, k, n] of shapes) {
    it(`${m}×${k} · ${k}×${n} equals the recursive binary32 reference bit for bit`, async () => {
      expect(usesQuadKernel(ctx, m, n)).toBe(true);
      const A = toF32(gaussianMatrix(m, k, 3 * m + k));
      const B = toF32(gaussianMatrix(k, n, 5 * n + k));
      const C = await matmul(A, B, ctx);
      expect(C.rows).toBe(m);
      expect(C.cols).toBe(n);
      expect(firstBitDifference(C.data, recursiveF32(A, B))).toBe(-1);
    });
  }

  it('results below the 4×4 block (1×5 · 5×2) through quadProduct directly', async () => {
    const A = toF32(gaussianMatrix(1, 5, 1));
    const B = toF32(gaussianMatrix(5, 2, 2));
    const C = await quadProduct(ctx, packRowQuads(A.data, 1, 5), packColPanels(B.data, 5, 2, 4), {
      m: 1,
      k: 5,
      n: 2,
      panel: 4,
    });
    expect(firstBitDifference(C, recursiveF32(A, B))).toBe(-1);
  });

  it('is the one-cell kernel, bit for bit (same products, same order)', async () => {
    const A = toF32(gaussianMatrix(96, 300, 41));
    const B = toF32(gaussianMatrix(300, 88, 42));
    const blocked = await matmul(A, B, ctx);
    const oneCell = await matmulOneCell(A, B, ctx);
    expect(firstBitDifference(blocked.data, oneCell.data)).toBe(-1);
  });

  it('AᵀA and AAᵀ equal the recursive reference bit for bit and are exactly symmetric', async () => {
    for (const [m, n] of [
      [1001, 6],
      [37, 101],
      [130, 70],
    ] as const) {
      const A32 = toF32(gaussianMatrix(m, n, m + 3 * n));
      const AtA = await gramAtA(A32, ctx);
      expect(firstBitDifference(AtA.data, recursiveF32(transposed(A32), A32))).toBe(-1);
      const AAt = await gramAAt(A32, ctx);
      expect(firstBitDifference(AAt.data, recursiveF32(A32, transposed(A32)))).toBe(-1);
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(AtA.data[i * n + j]).toBe(AtA.data[j * n + i]);
    }
  });

  it('padding feeds only discarded entries: NaN in every padded slot leaves the kept entries unchanged', async () => {
    const [m, k, n] = [6, 33, 5];
    const A = toF32(gaussianMatrix(m, k, 8));
    const B = toF32(gaussianMatrix(k, n, 9));
    const left = packRowQuads(A.data, m, k);
    const right = packColPanels(B.data, k, n, 8);
    // rows 6, 7 of the left factor and columns 5, 6, 7 of the right one
    for (let s = 0; s < k; s++) {
      left[1]![4 * s + 2] = NaN;
      left[1]![4 * s + 3] = NaN;
      for (let c = 5; c < 8; c++) right[8 * s + c] = NaN;
    }
    const C = await quadProduct(ctx, left, right, { m, k, n, panel: 8 });
    expect(firstBitDifference(C, recursiveF32(A, B))).toBe(-1);
  });

  it('every panel width gives the same bits (64×40 · 40×64 with panels 4…64)', async () => {
    const A = toF32(gaussianMatrix(64, 40, 91));
    const B = toF32(gaussianMatrix(40, 64, 92));
    const want = recursiveF32(A, B);
    const left = packRowQuads(A.data, 64, 40);
    for (const panel of [4, 8, 16, 32, 64]) {
      const C = await quadProduct(ctx, left, packColPanels(B.data, 40, 64, panel), { m: 64, k: 40, n: 64, panel });
      expect(firstBitDifference(C, want)).toBe(-1);
    }
  });
});

describe('blocked matmul on webasm: cross-checks against binary64 under the stated bound', () => {
  let ctx: GpuContext;
  beforeAll(async () => {
    ctx = await createGpuContext('webasm');
  });
  afterAll(async () => {
    await destroyGpuContext(ctx);
  });

  for (const [m, k, n] of [
    [33, 1001, 47],
    [256, 512, 256],
    [300, 131, 1030],
  ] as const) {
    it(`${m}×${k} · ${k}×${n} (f64 inputs rounded on the way in)`, async () => {
      const A = gaussianMatrix(m, k, 100 + m);
      const B = gaussianMatrix(k, n, 200 + n);
      const C = await matmul(toF32(A), toF32(B), ctx);
      expectPass(crossCheck(`blocked ${m}×${k}×${n}`, C, matmulF64(A, B), matmulErrorBound(A, B)));
    });
  }

  it('n = 1024 square, norms-form bound', async () => {
    const n = 1024;
    const A = gaussianMatrix(n, n, 61);
    const B = gaussianMatrix(n, n, 62);
    const C = await matmul(toF32(A), toF32(B), ctx);
    const c = crossCheck('blocked 1024', C, matmulF64(A, B), matmulErrorBound(A, B, { mode: 'norms' }));
    expectPass(c);
    expect(c.worstRatio).toBeLessThan(1);
  }, 120_000);

  it('negative control: the kernel run with its last step zeroed out (a dot product stopped one short) fails the bound', async () => {
    const [m, k, n] = [24, 1001, 20];
    const A = gaussianMatrix(m, k, 71);
    const B = gaussianMatrix(k, n, 72);
    const left = packRowQuads(toF32(A).data, m, k);
    for (const row of left) row.fill(0, 4 * (k - 1));
    const panel = panelWidth(k, n);
    const C = await quadProduct(ctx, left, packColPanels(toF32(B).data, k, n, panel), { m, k, n, panel });
    const c = crossCheck('one step short', { rows: m, cols: n, data: C }, matmulF64(A, B), matmulErrorBound(A, B));
    expect(c.passed).toBe(false);
    expect(c.worstRatio).toBeGreaterThan(1);
  });

  it('negative control: the bit-exact comparison tells summation orders apart', () => {
    // the reference the kernel is held to, summed backwards: same products,
    // different order, so bit equality above is evidence of the order itself
    const A = toF32(gaussianMatrix(8, 1001, 81));
    const B = toF32(gaussianMatrix(1001, 8, 82));
    expect(firstBitDifference(recursiveF32(A, B, 'reverse'), recursiveF32(A, B))).toBeGreaterThanOrEqual(0);
  });
});
