/**
 * C = L·R on the webasm backend, register-blocked 4×4 per SIMD quad.
 *
 * What each thread computes: four rows 4g..4g+3 of C in one column, returned
 * as an Array(4). The backend runs four consecutive thread.x as one f32x4
 * quad, so a quad owns a 4×4 block of C in four v128 accumulators, and each
 * step s of the dot product costs one 4-lane read of R and four broadcast
 * reads of L for 16 lane multiply-adds — against one read of each for 4 in
 * the one-cell-per-thread kernel (matmul.ts). Threads are laid out
 * [P, ⌈m/4⌉, n/P]: thread.x is the column inside a panel of P columns of R
 * (quadPacking.ts), thread.y the row group, thread.z the panel; cells run x
 * fastest, so every row group passes over one L2-resident panel before the
 * next panel starts.
 *
 * Summation order. Every entry is still the textbook recursive dot product in
 * binary32: sum = fl(sum + fl(l_s · r_s)) for s = 0, 1, …, k−1 in that order,
 * with f32x4.mul and f32x4.add, which round each lane exactly like the scalar
 * ops (wasm has no fused multiply-add). So the result is bit-for-bit the
 * one-cell kernel's, and matmulErrorBound (Higham's γ_k bound for recursive
 * summation) holds for it verbatim; matmul.test.ts checks bit-equality with a
 * JS reference that rounds every operation with Math.fround.
 *
 * Why the source is generated, and what bounds the speed. Measured on the
 * code this backend emits (wasm text via wabt) and on what V8 compiles it to
 * (node --no-liftoff --print-wasm-code):
 *  - gpu.js's webasm code generator types every declared local as f32 (an
 *    integer initialiser "decays to float") and `this.constants` are f32 too,
 *    so an index built from locals or constants is f32 arithmetic plus a
 *    saturating f32→i32 truncation at each use; in V8's x64 code a
 *    truncation is ≈ 10 instructions and a branch, and its result is copied
 *    once per use. Integer literals and thread ids are i32, so sizes are baked
 *    in as literals and the loop counter is truncated once per step (`t | 0`).
 *  - There is no vector load: a lane-varying read is a clamped gather, 4
 *    scalar loads with 4 lane extracts and inserts. So R's 4 lanes are ≈ 30
 *    instructions, each of L's 4 broadcasts ≈ 5 (thread.y is re-read from
 *    its global at every use; V8 does not merge the reads), the 8 f32x4
 *    mul/add ≈ 16 with their broadcasts, the loop with the counter's
 *    truncation and its per-use copies ≈ 30: ≈ 100 x64 instructions per step
 *    of 32 flops (the one-cell kernel: ≈ 55 per 8 flops) — measured
 *    4.3–4.8 GFLOP/s per core on the 2-core development machine.
 *  - One step per iteration measured best: unrolling 2–4 steps amortises the
 *    loop but spills accumulators (x64 has 16 xmm registers) and lengthens
 *    the per-use copies of the truncated counter. Fully unrolled bodies
 *    (no counter at all) were slower still (instruction-cache misses) and take
 *    seconds to compile.
 */
import { cachedKernel, type GpuContext, type KernelSpec } from './backend.js';
import { QUAD, roundUpToQuad, unpackQuadOutput } from './quadPacking.js';

/** Panel widths tried, widest first; a panel of R is k·P floats. */
const PANEL_WIDTHS = [64, 32, 16, 8, 4] as const;
/** Bytes of one panel at most, a quarter of a core's L2 on the development machine (1 MiB). */
const PANEL_BYTES = 256 * 1024;

/**
 * The widest panel (columns of R per thread.z) that divides the padded width
 * and keeps a panel within PANEL_BYTES; 4 always divides, and is the floor.
 */
export function panelWidth(k: number, n: number): number {
  const padded = roundUpToQuad(n);
  for (const p of PANEL_WIDTHS) if (padded % p === 0 && k * p * 4 <= PANEL_BYTES) return p;
  return QUAD;
}

/**
 * The kernel body for inner dimension k and panel width P: `a` is rowQuads(L)
 * (2-D, one row group per thread.y), `b` is colPanels(R, P) (flat, panel
 * thread.z). One loop of k steps with a literal bound (a loop gpu.js can
 * prove bounded); the panel and step offsets of b form one uniform integer
 * that is added to the lane vector once.
 */
export function blockedKernelSource(k: number, panel: number): string {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`blockedKernelSource: inner dimension ${k}`);
  if (panel % QUAD !== 0 || panel < QUAD) throw new RangeError(`blockedKernelSource: panel width ${panel}`);
  const lines: string[] = [];
  for (let r = 0; r < QUAD; r++) lines.push(`let s${r} = 0;`);
  lines.push(`for (let t = 0; t < ${k}; t++) {`);
  lines.push(`const bv = b[(this.thread.z * ${k * panel} + (t | 0) * ${panel}) + this.thread.x];`);
  for (let r = 0; r < QUAD; r++) {
    lines.push(`s${r} += a[this.thread.y][(t | 0) * ${QUAD}${r === 0 ? '' : ` + ${r}`}] * bv;`);
  }
  lines.push('}');
  lines.push(`return [${Array.from({ length: QUAD }, (_, r) => `s${r}`).join(', ')}];`);
  return lines.join('\n');
}

function blockedKernel(k: number, panel: number): KernelSpec['source'] {
  // gpu.js parses the function's source text; a built function is how the
  // sizes become integer literals in it (see the file comment).
  return new Function('a', 'b', blockedKernelSource(k, panel)) as KernelSpec['source'];
}

/**
 * gpu.js shapes an Array(4) result as one subarray object per output cell:
 * mn/4 objects for an m×n product (measured ≈ 0.2–0.7 s and a major GC at
 * n = 2048). For this kernel only, the instance's shaping step is replaced by
 * the identity, so the result is the flat buffer gpu.js already copied out
 * of wasm memory. If a gpu.js version renamed that step, the override is not
 * installed and the shaped result is accepted below: slower, never different.
 */
function installFlatOutput(ctx: GpuContext, key: string): void {
  const shortcut = ctx.kernels.get(key) as unknown as { kernel?: Record<string, unknown> } | undefined;
  const kernel = shortcut?.kernel;
  if (kernel && typeof kernel['_shapeOutput'] === 'function' && !Object.hasOwn(kernel, '_shapeOutput')) {
    kernel['_shapeOutput'] = (data: Float32Array) => data;
  }
}

/** The kernel's result as one flat buffer, whichever shape gpu.js returned it in. */
function asFlat(out: unknown, dims: readonly [number, number, number]): Float32Array {
  if (out instanceof Float32Array) return out;
  const [px, gy, pz] = dims;
  const layers = out as ArrayLike<ArrayLike<ArrayLike<ArrayLike<number>>>>;
  const flat = new Float32Array(px * gy * pz * QUAD);
  for (let z = 0; z < pz; z++) {
    for (let g = 0; g < gy; g++) {
      for (let x = 0; x < px; x++) {
        const cell = layers[z]![g]![x]!;
        for (let r = 0; r < QUAD; r++) flat[((z * gy + g) * px + x) * QUAD + r] = cell[r]!;
      }
    }
  }
  return flat;
}

/**
 * The m×n product (row-major) from packed factors: `left` = rowQuads of the
 * m×k left factor, `right` = colPanels(R, panel) of the k×n right factor
 * (quadPacking.ts), `panel` normally panelWidth(k, n). webasm contexts only:
 * the layout and the generated source are tuned to that backend's code
 * generator.
 */
export async function quadProduct(
  ctx: GpuContext,
  left: Float32Array[],
  right: Float32Array,
  dims: { m: number; k: number; n: number; panel: number },
): Promise<Float32Array> {
  const { m, k, n, panel } = dims;
  if (ctx.backend !== 'webasm') throw new Error(`quadProduct is the webasm kernel; context is ${ctx.backend}`);
  const groups = Math.ceil(m / QUAD);
  const panels = roundUpToQuad(n) / panel;
  if (!Number.isInteger(panels) || left.length !== groups || right.length !== panels * k * panel) {
    throw new RangeError(`quadProduct: packed shapes do not match ${m}×${k} · ${k}×${n} (panel ${panel})`);
  }
  const key = `quadProduct:${groups}x${k}x${panels}x${panel}`;
  const output = [panel, groups, panels] as const;
  const run = cachedKernel(ctx, key, () => ({
    source: blockedKernel(k, panel),
    output: [...output],
    // the only loop runs k times; the cap is stated, never reached
    loopMaxIterations: k + 1,
  }));
  installFlatOutput(ctx, key);
  const out = await run(left, right);
  return unpackQuadOutput(asFlat(out, output), m, n, panel);
}
