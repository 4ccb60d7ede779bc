/**
 * αA + βB entrywise. Kept as a kernel (rather than host code) so polar
 * iterations can stay on the backend between products.
 */
import { cachedKernel, getGpu, type GpuContext } from './backend.js';
import { assertSameShape, f32RowViews, fromF32Rows, type F32Matrix } from './f32Matrix.js';
import type { KernelThis } from './tiling.js';

function scaledAddKernel(this: KernelThis, alpha: number, a: number[][], beta: number, b: number[][]): number {
  return alpha * a[this.thread.y]![this.thread.x]! + beta * b[this.thread.y]![this.thread.x]!;
}

export async function scaledAdd(
  alpha: number,
  A: F32Matrix,
  beta: number,
  B: F32Matrix,
  ctx?: GpuContext,
): Promise<F32Matrix> {
  assertSameShape('scaledAdd', A, B);
  const c = ctx ?? (await getGpu());
  const run = cachedKernel(c, `scaledAdd:${A.rows}x${A.cols}`, () => ({
    source: scaledAddKernel,
    output: [A.cols, A.rows],
    loopMaxIterations: 1,
  }));
  const out = (await run(alpha, f32RowViews(A), beta, f32RowViews(B))) as Float32Array[];
  return fromF32Rows(out, A.rows, A.cols);
}
