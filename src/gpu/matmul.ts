/**
 * C = A·B and AᵀA on the gpu.js backend.
 *
 * On webasm (the CPU backend this suite runs on) products with at least four
 * rows and four columns go to the register-blocked kernel (blockedMatmul.ts:
 * 4×4 outputs per SIMD quad, packed operands), which computes every entry in
 * the same order with the same binary32 operations as the kernel below and so
 * returns the same bits. Everything else (other backends, matrix–vector
 * products, which the 4×4 block would pad three-quarters empty) uses the
 * one-cell-per-thread kernel.
 *
 * That kernel: each thread runs the textbook dot product in binary32 with
 * recursive (left-to-right) summation, so Higham's model applies verbatim and
 * `matmulErrorBound` is a rigorous bound for exactly this kernel. The k-loop
 * is tiled (see tiling.ts) because gpu.js would otherwise truncate it
 * silently at loopMaxIterations. Thread x walks columns, so the f32x4 lanes
 * of a webasm quad read four consecutive entries of a row of B while A's
 * entry is a broadcast (the backend still reads the four lanes as four
 * scalar loads: it has no vector load, see blockedMatmul.ts).
 */
import { cachedKernel, getGpu, type GpuContext } from './backend.js';
import { f32RowViews, fromF32Rows, type F32Matrix } from './f32Matrix.js';
import { tilePlan, TILE, type KernelThis } from './tiling.js';
import { panelWidth, quadProduct } from './blockedMatmul.js';
import { packColPanels, packRowQuads, packTransposedRowQuads, QUAD } from './quadPacking.js';

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

/** The blocked kernel for an m×n result: webasm, and at least one full 4×4 block. */
export function usesQuadKernel(ctx: GpuContext, m: number, n: number): boolean {
  return ctx.backend === 'webasm' && m >= QUAD && n >= QUAD;
}

export async function matmul(A: F32Matrix, B: F32Matrix, ctx?: GpuContext): Promise<F32Matrix> {
  if (A.cols !== B.rows) throw new RangeError(`matmul: inner dimensions ${A.rows}×${A.cols} · ${B.rows}×${B.cols}`);
  const c = ctx ?? (await getGpu());
  if (!usesQuadKernel(c, A.rows, B.cols)) return matmulOneCell(A, B, c);
  const [m, k, n] = [A.rows, A.cols, B.cols];
  const panel = panelWidth(k, n);
  const left = packRowQuads(A.data, m, k);
  const right = packColPanels(B.data, k, n, panel);
  return { rows: m, cols: n, data: await quadProduct(c, left, right, { m, k, n, panel }) };
}

/**
 * The one-cell-per-thread kernel on any backend, whatever the shape: what
 * matmul uses off webasm, and on webasm the baseline the blocked kernel is
 * measured and bit-compared against.
 */
export async function matmulOneCell(A: F32Matrix, B: F32Matrix, ctx?: GpuContext): Promise<F32Matrix> {
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
  if (usesQuadKernel(c, A.cols, A.cols)) {
    // Aᵀ·A with both factors packed straight from A (Aᵀ is never formed)
    const [n, k] = [A.cols, A.rows];
    const panel = panelWidth(k, n);
    const left = packTransposedRowQuads(A.data, k, n);
    const right = packColPanels(A.data, k, n, panel);
    return { rows: n, cols: n, data: await quadProduct(c, left, right, { m: n, k, n, panel }) };
  }
  const run = cachedKernel(c, `gramAtA:${A.rows}x${A.cols}`, () => {
    const { constants, loopMax } = dotConstants(A.rows);
    return { source: gramAtAKernel, output: [A.cols, A.cols], constants, loopMaxIterations: loopMax };
  });
  const out = (await run(f32RowViews(A))) as Float32Array[];
  return fromF32Rows(out, A.cols, A.cols);
}
