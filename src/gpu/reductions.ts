/**
 * ‖A‖_F and max|a_ij| as two-stage reductions.
 *
 * Stage 1 (kernel): one thread per (row, column-tile) reduces at most TILE
 * entries in binary32. Stage 2 (host): the partials are combined in binary64.
 * Why split: a binary32 sum of n² squares has error growing like n² u, but a
 * sum of ≤ TILE terms followed by an f64 sum is bounded by γ_{TILE+2} (see
 * frobeniusNormErrorBound), independent of the matrix size; and gpu.js has
 * no cross-thread reduction anyway.
 */
import { cachedKernel, getGpu, type GpuContext } from './backend.js';
import { f32RowViews, type F32Matrix } from './f32Matrix.js';
import { tilePlan, TILE, type KernelThis } from './tiling.js';

interface TileConstants {
  fullTiles: number;
  tile: number;
  rem: number;
}

function sumSquaresTileKernel(this: KernelThis<TileConstants>, a: number[][]): number {
  const row = this.thread.y;
  const base = this.thread.x * this.constants.tile;
  let len = this.constants.rem;
  if (this.thread.x < this.constants.fullTiles) len = this.constants.tile;
  let sum = 0;
  for (let s = 0; s < len; s++) {
    const v = a[row]![base + s]!;
    sum += v * v;
  }
  return sum;
}

function maxAbsTileKernel(this: KernelThis<TileConstants>, a: number[][]): number {
  const row = this.thread.y;
  const base = this.thread.x * this.constants.tile;
  let len = this.constants.rem;
  if (this.thread.x < this.constants.fullTiles) len = this.constants.tile;
  let m = 0;
  for (let s = 0; s < len; s++) {
    m = Math.max(m, Math.abs(a[row]![base + s]!));
  }
  return m;
}

async function tilePartials(
  name: string,
  source: typeof sumSquaresTileKernel,
  A: F32Matrix,
  ctx?: GpuContext,
): Promise<Float32Array[]> {
  const c = ctx ?? (await getGpu());
  const p = tilePlan(A.cols);
  const tiles = p.fullTiles + (p.rem > 0 ? 1 : 0);
  const run = cachedKernel(c, `${name}:${A.rows}x${A.cols}`, () => ({
    source,
    output: [tiles, A.rows],
    constants: { fullTiles: p.fullTiles, tile: TILE, rem: p.rem },
    loopMaxIterations: p.loopMax,
  }));
  return (await run(f32RowViews(A))) as Float32Array[];
}

/** Σ a_ij² (GPU partials over ≤ TILE entries, finished in f64). */
export async function sumOfSquares(A: F32Matrix, ctx?: GpuContext): Promise<number> {
  const partials = await tilePartials('sumSquares', sumSquaresTileKernel, A, ctx);
  let s = 0;
  for (const row of partials) for (let t = 0; t < row.length; t++) s += row[t]!;
  return s;
}

export async function frobeniusNorm(A: F32Matrix, ctx?: GpuContext): Promise<number> {
  return Math.sqrt(await sumOfSquares(A, ctx));
}

/**
 * max |a_ij|; NaN if any entry is NaN. The NaN test is a host scan of the input, not the kernel's
 * max: GLSL leaves max() with a NaN operand undefined (GLSL ES 1.00 §4.5.1, Range and Precision: NaNs
 * need not be supported), and on headlessgl (ANGLE on Mesa) max(m, NaN) returns m — found by running
 * the kernel tests on that backend. With no NaN in the input, no partial is NaN.
 */
export async function maxAbs(A: F32Matrix, ctx?: GpuContext): Promise<number> {
  for (let i = 0; i < A.data.length; i++) if (Number.isNaN(A.data[i])) return NaN;
  const partials = await tilePartials('maxAbs', maxAbsTileKernel, A, ctx);
  let m = 0;
  for (const row of partials) for (let t = 0; t < row.length; t++) if (row[t]! > m) m = row[t]!;
  return m;
}
