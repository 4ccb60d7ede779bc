/**
 * Operand layouts for the register-blocked webasm product (blockedMatmul.ts).
 *
 * That kernel computes a 4×4 block of C per SIMD quad: four rows of the left
 * factor L (m×k) against four columns of the right factor R (k×n). L is
 * stored in groups of four rows interleaved along the inner dimension, R in
 * panels of P columns, one panel row per step of the dot product:
 *
 *   rowQuads(L)[g][4s + r]     = L[4g + r][s]     (rows past m are zero)
 *   colPanels(R, P)[z][P·s + c] = R[s][P·z + c]   (columns past n are zero)
 *
 * so everything one quad reads for step s sits in 16 consecutive bytes of
 * each, a quad's walk over s is two forward streams (a stride of n floats per
 * step would touch a new page every step), and one panel (k·P floats) is
 * small enough to stay in a core's L2 while every row group passes over it.
 *
 * Zero padding only ever feeds output entries that are discarded (a padded
 * row of L or column of R contributes to its own row/column of C and nowhere
 * else), so it cannot change a single bit of a kept entry. Packing moves bits
 * and performs no arithmetic.
 */
import { f32RowViews } from './f32Matrix.js';

export const QUAD = 4;

/** ⌈x/4⌉·4. */
export function roundUpToQuad(x: number): number {
  return Math.ceil(x / QUAD) * QUAD;
}

/**
 * rowQuads of a rows×cols row-major matrix (the inner dimension is `cols`):
 * ⌈rows/4⌉ views of length 4·cols.
 */
export function packRowQuads(data: Float32Array, rows: number, cols: number): Float32Array[] {
  const groups = Math.ceil(rows / QUAD);
  const width = QUAD * cols;
  const buf = new Float32Array(groups * width);
  for (let i = 0; i < rows; i++) {
    const base = Math.floor(i / QUAD) * width + (i % QUAD);
    const src = i * cols;
    for (let s = 0; s < cols; s++) buf[base + QUAD * s] = data[src + s]!;
  }
  return f32RowViews({ rows: groups, cols: width, data: buf });
}

/**
 * colPanels of a rows×cols row-major matrix (the inner dimension is `rows`)
 * with panels `panel` columns wide: one flat buffer, panel z at offset
 * z·rows·panel. `panel` must divide roundUpToQuad(cols) and be a multiple of 4.
 */
export function packColPanels(data: Float32Array, rows: number, cols: number, panel: number): Float32Array {
  const padded = roundUpToQuad(cols);
  if (panel % QUAD !== 0 || padded % panel !== 0) throw new RangeError(`panel width ${panel} for ${cols} columns`);
  const panels = padded / panel;
  const size = rows * panel;
  const buf = new Float32Array(panels * size);
  for (let s = 0; s < rows; s++) {
    const src = s * cols;
    for (let z = 0; z < panels; z++) {
      const dst = z * size + panel * s;
      const width = Math.min(panel, cols - z * panel);
      for (let c = 0; c < width; c++) buf[dst + c] = data[src + z * panel + c]!;
    }
  }
  return buf;
}

/**
 * rowQuads of the transpose, without forming it: rowQuads(Aᵀ) is
 * colPanels(A, 4) cut into its panels. How AᵀA gets its left factor.
 */
export function packTransposedRowQuads(data: Float32Array, rows: number, cols: number): Float32Array[] {
  return f32RowViews({ rows: Math.ceil(cols / QUAD), cols: QUAD * rows, data: packColPanels(data, rows, cols, QUAD) });
}

/**
 * The kernel's output, cell (x, g, z) holding C[4g + r][P·z + x] in component
 * r, as gpu.js lays it out flat: flat[((z·G + g)·P + x)·4 + r] with G = ⌈m/4⌉.
 * Returns the m×n row-major matrix, dropping padded rows and columns.
 */
export function unpackQuadOutput(flat: Float32Array, m: number, n: number, panel: number): Float32Array {
  const groups = Math.ceil(m / QUAD);
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    const g = Math.floor(i / QUAD);
    const r = i % QUAD;
    for (let z = 0; z * panel < n; z++) {
      const src = (z * groups + g) * panel * QUAD + r;
      const dst = i * n + z * panel;
      const width = Math.min(panel, n - z * panel);
      for (let c = 0; c < width; c++) out[dst + c] = flat[src + QUAD * c]!;
    }
  }
  return out;
}
