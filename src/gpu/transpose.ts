/**
 * Aᵀ. Pure data movement, so the result is bit-exact in binary32; it exists
 * as a kernel so that products with a transposed operand can run as the
 * gather-free matmul kernel.
 */
import { cachedKernel, getGpu, type GpuContext } from './backend.js';
import { f32RowViews, fromF32Rows, type F32Matrix } from './f32Matrix.js';
import type { KernelThis } from './tiling.js';
import { matmul } from './matmul.js';

function transposeKernel(this: KernelThis, a: number[][]): number {
  return a[this.thread.x]![this.thread.y]!;
}

export async function transpose(A: F32Matrix, ctx?: GpuContext): Promise<F32Matrix> {
  const c = ctx ?? (await getGpu());
  const run = cachedKernel(c, `transpose:${A.rows}x${A.cols}`, () => ({
    source: transposeKernel,
    output: [A.rows, A.cols],
    loopMaxIterations: 1,
  }));
  const out = (await run(f32RowViews(A))) as Float32Array[];
  return fromF32Rows(out, A.cols, A.rows);
}

/**
 * AAᵀ (rows×rows), as A·(Aᵀ): reading A's rows across the four SIMD lanes
 * directly would be a strided gather per step; one O(mn) transpose first
 * keeps the O(m²n) loop contiguous.
 */
export async function gramAAt(A: F32Matrix, ctx?: GpuContext): Promise<F32Matrix> {
  const At = await transpose(A, ctx);
  return matmul(A, At, ctx);
}
