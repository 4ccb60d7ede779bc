/**
 * C = A·B on the gpu.js backend, one output cell per thread.
 *
 * Each thread runs the textbook dot product in binary32 with recursive
 * (left-to-right) summation, so Higham's model applies verbatim and
 * `matmulErrorBound` is a rigorous bound for exactly this kernel. The k-loop
 * is tiled (see tiling.ts) because gpu.js would otherwise truncate it
 * silently at loopMaxIterations. Thread x walks columns, so on webasm the
 * f32x4 lanes read four consecutive entries of a row of B (contiguous) while
 * A's entry is a broadcast: no gathers in the inner loop.
 */
import { cachedKernel, getGpu, type GpuContext } from './backend.js';
import { f32RowViews, fromF32Rows, type F32Matrix } from './f32Matrix.js';
import { tilePlan, TILE, type KernelThis } from './tiling.js';

interface DotConstants {
  fullTiles: number;
  tile: number;
  rem: number;
  remStart: number;
}

function matmulKernel(this: KernelThis<DotConstants>, a: number[][], b: number[][]): number {
  const row = this.thread.y;
  const col = this.thread.x;
  let sum = 0;
  for (let t = 0; t < this.constants.fullTiles; t++) {
    const base = t * this.constants.tile;
    for (let s = 0; s < this.constants.tile; s++) {
      sum += a[row]![base + s]! * b[base + s]![col]!;
    }
  }
  for (let s = 0; s < this.constants.rem; s++) {
    sum += a[row]![this.constants.remStart + s]! * b[this.constants.remStart + s]![col]!;
  }
  return sum;
}

/**
 * AᵀA without materialising Aᵀ: C_ij = Σ_l a_li a_lj. Same lane pattern as
 * matmul (a_li is uniform across the four lanes of a quad, a_lj contiguous).
 */
function gramAtAKernel(this: KernelThis<DotConstants>, a: number[][]): number {
  const i = this.thread.y;
  const j = this.thread.x;
  let sum = 0;
  for (let t = 0; t < this.constants.fullTiles; t++) {
    const base = t * this.constants.tile;
    for (let s = 0; s < this.constants.tile; s++) {
      sum += a[base + s]![i]! * a[base + s]![j]!;
    }
  }
  for (let s = 0; s < this.constants.rem; s++) {
    sum += a[this.constants.remStart + s]![i]! * a[this.constants.remStart + s]![j]!;
  }
  return sum;
}

function dotConstants(k: number): { constants: DotConstants; loopMax: number } {
  const p = tilePlan(k);
  return { constants: { fullTiles: p.fullTiles, tile: TILE, rem: p.rem, remStart: p.remStart }, loopMax: p.loopMax };
}

export async function matmul(A: F32Matrix, B: F32Matrix, ctx?: GpuContext): Promise<F32Matrix> {
  if (A.cols !== B.rows) throw new RangeError(`matmul: inner dimensions ${A.rows}×${A.cols} · ${B.rows}×${B.cols}`);
  const c = ctx ?? (await getGpu());
  const run = cachedKernel(c, `matmul:${A.rows}x${A.cols}x${B.cols}`, () => {
    const { constants, loopMax } = dotConstants(A.cols);
    return { source: matmulKernel, output: [B.cols, A.rows], constants, loopMaxIterations: loopMax };
  });
  const out = (await run(f32RowViews(A), f32RowViews(B))) as Float32Array[];
  return fromF32Rows(out, A.rows, B.cols);
}

/** AᵀA (cols×cols); inner dimension is A.rows. */
export async function gramAtA(A: F32Matrix, ctx?: GpuContext): Promise<F32Matrix> {
  const c = ctx ?? (await getGpu());
  const run = cachedKernel(c, `gramAtA:${A.rows}x${A.cols}`, () => {
    const { constants, loopMax } = dotConstants(A.rows);
    return { source: gramAtAKernel, output: [A.cols, A.cols], constants, loopMaxIterations: loopMax };
  });
  const out = (await run(f32RowViews(A))) as Float32Array[];
  return fromF32Rows(out, A.cols, A.cols);
}
