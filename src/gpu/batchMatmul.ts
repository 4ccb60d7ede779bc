/**
 * Many small independent products C_z = A_z·B_z in one launch (one thread
 * per output entry of every matrix), for Monte Carlo over small random
 * matrices: a launch per 4×4 product would be all overhead, and the webasm
 * pool only engages at ≥ 4096 output cells, i.e. a batch of ≥ 256 4×4s.
 */
import { cachedKernel, getGpu, type GpuContext } from './backend.js';
import { tilePlan, TILE, type KernelThis } from './tiling.js';

/** `count` matrices of rows×cols, stored back to back, each row-major. */
export interface F32Batch {
  count: number;
  rows: number;
  cols: number;
  data: Float32Array;
}

export function batchViews(b: F32Batch): Float32Array[][] {
  const out = new Array<Float32Array[]>(b.count);
  const size = b.rows * b.cols;
  for (let z = 0; z < b.count; z++) {
    const m = new Array<Float32Array>(b.rows);
    for (let i = 0; i < b.rows; i++) m[i] = b.data.subarray(z * size + i * b.cols, z * size + (i + 1) * b.cols);
    out[z] = m;
  }
  return out;
}

function batchMatmulKernel(
  this: KernelThis<{ fullTiles: number; tile: number; rem: number; remStart: number }>,
  a: number[][][],
  b: number[][][],
): number {
  const z = this.thread.z;
  const row = this.thread.y;
  const col = this.thread.x;
  let sum = 0;
  for (let t = 0; t < this.constants.fullTiles; t++) {
    const base = t * this.constants.tile;
    for (let s = 0; s < this.constants.tile; s++) {
      sum += a[z]![row]![base + s]! * b[z]![base + s]![col]!;
    }
  }
  for (let s = 0; s < this.constants.rem; s++) {
    sum += a[z]![row]![this.constants.remStart + s]! * b[z]![this.constants.remStart + s]![col]!;
  }
  return sum;
}

export async function batchMatmul(A: F32Batch, B: F32Batch, ctx?: GpuContext): Promise<F32Batch> {
  if (A.count !== B.count || A.cols !== B.rows) {
    throw new RangeError(`batchMatmul: ${A.count}×(${A.rows}×${A.cols}) · ${B.count}×(${B.rows}×${B.cols})`);
  }
  const c = ctx ?? (await getGpu());
  const run = cachedKernel(c, `batchMatmul:${A.count}x${A.rows}x${A.cols}x${B.cols}`, () => {
    const p = tilePlan(A.cols);
    return {
      source: batchMatmulKernel,
      output: [B.cols, A.rows, A.count],
      constants: { fullTiles: p.fullTiles, tile: TILE, rem: p.rem, remStart: p.remStart },
      loopMaxIterations: p.loopMax,
    };
  });
  const out = (await run(batchViews(A), batchViews(B))) as Float32Array[][];
  const data = new Float32Array(A.count * A.rows * B.cols);
  for (let z = 0; z < A.count; z++) {
    for (let i = 0; i < A.rows; i++) data.set(out[z]![i]!, (z * A.rows + i) * B.cols);
  }
  return { count: A.count, rows: A.rows, cols: B.cols, data };
}
