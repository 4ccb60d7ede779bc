/**
 * A-priori forward error bounds for the kernels, stated from the binary32
 * rounding model (roundoff.ts), never tuned to make a test pass.
 *
 * Every bound compares the binary32 kernel output with a *computed* binary64
 * reference, so it is the sum of
 *   (i)   rounding of f64 inputs to f32 on the way in (when they were f64),
 *   (ii)  the kernel's own f32 arithmetic (Higham's model, worst case),
 *   (iii) the f64 reference's own rounding error (γ^{(64)} terms), and
 *   (iv)  an absolute underflow allowance: each f32 operation may lose up to
 *         2^-126 absolutely (flush-to-zero safe), which the relative model
 *         does not cover. It is ~1e-38 per operation, i.e. invisible unless
 *         the data itself are that small.
 * These are worst-case bounds: typical errors are ~√k u rather than k u
 * (Higham & Mary 2019), so observed/bound ratios well below 1 are expected.
 * A missing term in a length-k dot product, however, costs ~1/k of the
 * magnitude, which exceeds γ_k whenever k² u ≪ 1: the bound still catches
 * truncated loops at every size we test (see matmul.test.ts).
 */
import type { AnyMatrix } from './f32Matrix.js';
import { absF64, colNormsF64, matmulF64, rowNormsF64 } from './reference/linearF64.js';
import { gamma, U32, U64 } from './roundoff.js';
import { TILE } from './tiling.js';

/** Smallest normal binary32: per-operation absolute error allowance under flush-to-zero. */
export const F32_MIN_NORMAL = 2 ** -126;

export interface ErrorBound {
  /** Absolute bound per entry (row-major, same shape as the result), or one number for all. */
  perEntry: Float64Array | number;
  /** How the bound was derived, for reports. */
  reason: string;
}

export interface BoundOptions {
  /**
   * true when the kernel's inputs were obtained by rounding f64 data to f32
   * and the reference used the unrounded f64 data (adds one rounding per
   * input factor). false when the reference was computed from the very f32
   * values the kernel saw. Default true: that is how claim checks use it.
   */
  inputsRounded?: boolean;
}

export interface MatmulBoundOptions extends BoundOptions {
  /**
   * 'elementwise': γ·(|A||B|)_ij exactly (one extra f64 product; Higham's
   * bound as stated). 'norms': (|A||B|)_ij ≤ ‖a_i‖₂‖b_j‖₂ by Cauchy–Schwarz,
   * O(n²) and for i.i.d. entries only ≈ π/2 looser. 'auto' (default):
   * elementwise while m·k·n ≤ 2^27 (≈ 512³), norms beyond, to keep an
   * n = 1024 cross-check from doubling its cost.
   */
  mode?: 'elementwise' | 'norms' | 'auto';
}

/**
 * |fl32(A·B) − fl64(A·B)| ≤ (γ_{k+r} + γ^{(64)}_k)(1 + γ^{(64)}_k) (|A||B|)_ij + k·2^-126·(1+…)
 * with r = 2 if the inputs were rounded to f32 (each product a_il b_lj then
 * carries two input roundings, one multiply and at most k−1 additions:
 * k + 2 factors (1+δ)), else r = 0. The trailing (1 + γ^{(64)}) covers the
 * f64 evaluation of |A||B| (or of the norms) itself.
 */
export function matmulErrorBound(A: AnyMatrix, B: AnyMatrix, opts: MatmulBoundOptions = {}): ErrorBound {
  if (A.cols !== B.rows) throw new RangeError('matmulErrorBound: inner dimensions differ');
  const k = A.cols;
  const r = (opts.inputsRounded ?? true) ? 2 : 0;
  const mode = opts.mode ?? 'auto';
  const elementwise = mode === 'elementwise' || (mode === 'auto' && A.rows * k * B.cols <= 2 ** 27);
  const g32 = gamma(k + r);
  const g64 = gamma(k + 2, U64);
  const factor = (g32 + g64) * (1 + g64);
  const absolute = (k + r) * F32_MIN_NORMAL * 2;
  const m = A.rows;
  const n = B.cols;
  const out = new Float64Array(m * n);
  if (elementwise) {
    const mag = matmulF64(absF64(A), absF64(B)).data;
    for (let i = 0; i < out.length; i++) out[i] = factor * mag[i]! + absolute;
  } else {
    const ra = rowNormsF64(A);
    const cb = colNormsF64(B);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = factor * ra[i]! * cb[j]! + absolute;
  }
  return {
    perEntry: out,
    reason:
      `Higham recursive dot product: |ΔC| ≤ (γ_${k + r} + γ64_${k + 2})·` +
      (elementwise ? '(|A||B|)_ij' : '‖a_i‖₂‖b_j‖₂ (Cauchy–Schwarz on |A||B|)') +
      ` with u = 2^-24, k = ${k}` +
      (r ? ', +2 roundings of f64 inputs' : ', inputs exact in f32') +
      `; γ_${k + r} = ${g32.toExponential(3)}`,
  };
}

/** AᵀA is A'·A with A' = Aᵀ: same bound, inner dimension A.rows. */
export function gramAtAErrorBound(A: AnyMatrix, opts: MatmulBoundOptions = {}): ErrorBound {
  const At = { rows: A.cols, cols: A.rows, data: transposeData(A) };
  return matmulErrorBound(At, A, opts);
}

export function gramAAtErrorBound(A: AnyMatrix, opts: MatmulBoundOptions = {}): ErrorBound {
  const At = { rows: A.cols, cols: A.rows, data: transposeData(A) };
  return matmulErrorBound(A, At, opts);
}

function transposeData(A: AnyMatrix): Float64Array {
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out[j * A.rows + i] = A.data[i * A.cols + j]!;
  return out;
}

/**
 * Transposition moves bits: exact on f32 inputs, and off by the input
 * rounding u|a| when the inputs were f64.
 */
export function transposeErrorBound(A: AnyMatrix, opts: BoundOptions = {}): ErrorBound {
  const rounded = opts.inputsRounded ?? true;
  if (!rounded) return { perEntry: 0, reason: 'pure data movement on f32 inputs: bit-exact' };
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < A.cols; j++) out[j * A.rows + i] = U32 * Math.abs(A.data[i * A.cols + j]!) + F32_MIN_NORMAL;
  return { perEntry: out, reason: 'data movement; only the f64→f32 input rounding u|a_ij|' };
}

/**
 * fl(fl(α)·a + fl(β)·b): per term, α's rounding to f32, a's (if rounded),
 * the multiply and the add: ≤ 4 factors (1+δ), so γ_4(|α a| + |β b|), plus
 * γ^{(64)}_2 for the f64 reference.
 */
export function scaledAddErrorBound(
  alpha: number,
  A: AnyMatrix,
  beta: number,
  B: AnyMatrix,
  opts: BoundOptions = {},
): ErrorBound {
  const r = (opts.inputsRounded ?? true) ? 1 : 0;
  const g = gamma(3 + r) + gamma(2, U64);
  const out = new Float64Array(A.data.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = g * (Math.abs(alpha * A.data[i]!) + Math.abs(beta * B.data[i]!)) + 3 * F32_MIN_NORMAL;
  }
  return {
    perEntry: out,
    reason: `γ_${3 + r}(|α a_ij| + |β b_ij|): α rounding, ${r ? 'input rounding, ' : ''}multiply, add`,
  };
}

/**
 * ‖A‖_F via per-tile f32 sums of squares finished in f64. Every term of a
 * tile sum carries ≤ t+2 roundings (t = min(cols, TILE): t−1 additions, the
 * square, and two for a rounded input); all terms are nonnegative, so the
 * relative error of S = Σa² is ≤ ε = γ_{t+2} + γ^{(64)}_{P+mn} (partials and
 * reference sums in f64). Then |√Ŝ − √S| ≤ ε/(1+√(1−ε))·√S, plus the sqrt
 * roundings.
 */
export function frobeniusNormErrorBound(A: AnyMatrix, normF64: number, opts: BoundOptions = {}): ErrorBound {
  const t = Math.min(A.cols, TILE);
  const r = (opts.inputsRounded ?? true) ? 2 : 0;
  const count = A.rows * A.cols;
  const eps = gamma(t + r) + gamma(count + 2, U64);
  const rel = eps / (1 + Math.sqrt(1 - eps)) + 2 * U64;
  const absolute = Math.sqrt(count * (t + 1) * F32_MIN_NORMAL);
  return {
    perEntry: rel * normF64 * (1 + rel) + absolute,
    reason: `nonnegative sums of ≤ ${t} squares in f32 (γ_${t + r}), partials combined in f64, sqrt halves the relative error`,
  };
}

/** max|a| is exact on f32 inputs; with rounded inputs it is off by ≤ u·max|a|. */
export function maxAbsErrorBound(maxAbsF64Value: number, opts: BoundOptions = {}): ErrorBound {
  const rounded = opts.inputsRounded ?? true;
  return rounded
    ? {
        perEntry: U32 * maxAbsF64Value + F32_MIN_NORMAL,
        reason: 'abs/max are exact; only the f64→f32 input rounding u·max|a|',
      }
    : { perEntry: 0, reason: 'abs and max are exact on f32 inputs' };
}
