/**
 * Largest singular value by power iteration on AᵀA, with the matrix–vector
 * products on the backend (as 1-column matmuls, so they inherit the tiled
 * k-loop) and the normalisations in f64 on the host.
 *
 * Why report ‖A v_k‖ for the unit iterate v_k rather than a Rayleigh
 * quotient of AᵀA: in exact arithmetic it is a guaranteed lower bound on σ₁
 * (‖Av‖ ≤ σ₁ for ‖v‖ = 1), and it is stationary at the top singular vector,
 * so direction errors (from rounding or incomplete convergence) enter only
 * quadratically: σ₁(1 − sin²θ) ≤ ‖Av‖ ≤ σ₁.
 */
import { getGpu, type GpuContext } from './backend.js';
import type { F32Matrix } from './f32Matrix.js';
import { matmul } from './matmul.js';
import { gaussianArray } from './random.js';
import { transpose } from './transpose.js';

export interface PowerIterationResult {
  sigma: number;
  /** final unit right singular vector estimate (f64-normalised, length cols) */
  v: Float64Array;
  iterations: number;
}

/** Deterministic start vector (seeded Gaussian: a.s. not orthogonal to v₁). */
export function powerStartVector(n: number, seed: number): Float64Array {
  const v = gaussianArray(n, seed);
  return normalized(v);
}

function normalized(v: ArrayLike<number>): Float64Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  return Float64Array.from(v, (x) => x * inv);
}

function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

export async function spectralNormPowerDetailed(
  A: F32Matrix,
  iters: number,
  opts: { ctx?: GpuContext; seed?: number } = {},
): Promise<PowerIterationResult> {
  const ctx = opts.ctx ?? (await getGpu());
  const At = await transpose(A, ctx);
  let v = powerStartVector(A.cols, opts.seed ?? 1);
  for (let k = 0; k < iters; k++) {
    const u = await matmul(A, { rows: A.cols, cols: 1, data: Float32Array.from(v) }, ctx);
    const w = await matmul(At, { rows: A.rows, cols: 1, data: u.data }, ctx);
    const next = normalized(w.data);
    if (norm2(next) === 0) break; // Av = 0: A is zero on the iterate's span
    v = next;
  }
  const Av = await matmul(A, { rows: A.cols, cols: 1, data: Float32Array.from(v) }, ctx);
  return { sigma: norm2(Av.data), v, iterations: iters };
}

export async function spectralNormPower(A: F32Matrix, iters: number, ctx?: GpuContext): Promise<number> {
  return (await spectralNormPowerDetailed(A, iters, ctx ? { ctx } : {})).sigma;
}
