/**
 * Polar iterations X ← aX + (bA + cA²)X, A = XXᵀ, on the gpu.js backend,
 * starting from X₀ = G/‖G‖_F (so every singular value is ≤ 1 and inside
 * the basin of the iteration).
 *
 * Orientation: a tall G is processed as Gᵀ (and the result transposed back)
 * so that A is the smaller Gram matrix, as Muon does; the polar factor of Gᵀ
 * is the transpose of G's, so nothing changes mathematically.
 */
import { getGpu, type GpuContext } from './backend.js';
import type { F32Matrix } from './f32Matrix.js';
import { matmul } from './matmul.js';
import { coefficientsAt, defaultSteps, type PolarCoefficients, type PolarSchedule } from './polarCoefficients.js';
import { frobeniusNorm } from './reductions.js';
import { scaledAdd } from './scaledAdd.js';
import { gramAAt, transpose } from './transpose.js';

/** Every kernel output of one step, so error analysis can use the computed (not exact) intermediates. */
export interface PolarStepTrace {
  coefficients: PolarCoefficients;
  /** the step's input X (wide orientation) */
  X: F32Matrix;
  /** fl(XXᵀ) */
  A: F32Matrix;
  /** fl(A·A) — absent when c = 0 */
  A2?: F32Matrix;
  /** fl(bA + cA²) — absent when c = 0 (then Y = fl(A·X) and the step is fl(aX + bY)) */
  P?: F32Matrix;
  /** fl(P·X), or fl(A·X) when c = 0 */
  Y: F32Matrix;
  /** the step's output */
  next: F32Matrix;
}

export interface NewtonSchulzOptions {
  ctx?: GpuContext;
  /** called after every step with the step's kernel outputs (for error analysis; costs nothing if absent). */
  onStep?: (trace: PolarStepTrace) => void;
  /** called with the normalised start X₀ (wide orientation) and the norm used. */
  onStart?: (X0: F32Matrix, norm: number) => void;
}

/** One step X ← aX + (bA + cA²)X; the cubic case (c = 0) skips A² and costs two products instead of three. */
export async function polarStep(
  X: F32Matrix,
  coefficients: PolarCoefficients,
  ctx?: GpuContext,
): Promise<PolarStepTrace> {
  const [a, b, c] = coefficients;
  const A = await gramAAt(X, ctx);
  if (c === 0) {
    const Y = await matmul(A, X, ctx);
    return { coefficients, X, A, Y, next: await scaledAdd(a, X, b, Y, ctx) };
  }
  const A2 = await matmul(A, A, ctx);
  const P = await scaledAdd(b, A, c, A2, ctx);
  const Y = await matmul(P, X, ctx);
  return { coefficients, X, A, A2, P, Y, next: await scaledAdd(a, X, 1, Y, ctx) };
}

/** X₀ = G/‖G‖_F, divided in f64 and rounded once to f32. A zero G stays zero (its polar factor is undefined; Muon's ε gives 0). */
export function normalizeByNorm(G: F32Matrix, norm: number): F32Matrix {
  const data = new Float32Array(G.data.length);
  if (norm > 0) for (let i = 0; i < data.length; i++) data[i] = G.data[i]! / norm;
  return { rows: G.rows, cols: G.cols, data };
}

/**
 * `steps` defaults to 5 for a single triple (Muon's count) and to the
 * schedule's length for per-step triples; beyond a schedule's end its last
 * triple repeats.
 */
export async function newtonSchulz(
  G: F32Matrix,
  coefficients: PolarSchedule,
  steps: number = defaultSteps(coefficients),
  opts: NewtonSchulzOptions = {},
): Promise<F32Matrix> {
  const ctx = opts.ctx ?? (await getGpu());
  const tall = G.rows > G.cols;
  const W = tall ? await transpose(G, ctx) : G;
  const norm = await frobeniusNorm(W, ctx);
  let X = normalizeByNorm(W, norm);
  opts.onStart?.(X, norm);
  if (norm === 0) return G.rows > G.cols ? { rows: G.rows, cols: G.cols, data: new Float32Array(G.data.length) } : X;
  for (let k = 0; k < steps; k++) {
    const trace = await polarStep(X, coefficientsAt(coefficients, k), ctx);
    opts.onStep?.(trace);
    X = trace.next;
  }
  return tall ? transpose(X, ctx) : X;
}
