/**
 * Rigorous error analysis for the polar iterations, built from the kernels'
 * own computed intermediates (not from the exact iterates), so it needs no
 * first-order approximation.
 *
 * Ingredients:
 *  1. Local step error. One computed step returns p(X̂) + E with X̂ the step's
 *     (exact, binary32) input. |E| is bounded entrywise by composing the
 *     Higham bounds of its kernels (gram, products, scaled adds), evaluated
 *     on the computed intermediates; ‖E‖₂ ≤ ‖E‖_F ≤ ε.
 *  2. Singular values. p odd acts on singular values: σᵢ(p(X)) = |p(σᵢ(X))|.
 *     With Weyl's inequality |σᵢ(Y + E) − σᵢ(Y)| ≤ ‖E‖₂, an interval holding
 *     every singular value of X̂_k maps to one holding those of X̂_{k+1}:
 *     [min|p|, max|p|] over the interval, widened by ε_k.
 *  3. Polar factor (square, full rank). If p > 0 on the interval, p(X̂) has
 *     the same polar factor as X̂; the rounding E then moves it by at most
 *     2‖E‖_F/(σ_min(p(X̂)) + σ_min(X̂_{k+1})) (R.-C. Li, "New perturbation
 *     bounds for the unitary polar factor", SIMAX 16 (1995)). Summing gives
 *     the drift of the computed iterate's polar factor from G's.
 * The result bounds the *distance to the exact polar factor Q of G*:
 *   ‖X̂_T − Q‖_F ≤ √r·max_i|σᵢ(X̂_T) − 1| + drift, r = min(m, n).
 * Worst-case γ bounds make this loose by roughly the factor typical/worst-case
 * rounding (~√k), not by any tuning constant.
 */
import type { AnyMatrix } from './f32Matrix.js';
import { absF64, matmulF64 } from './reference/linearF64.js';
import type { PolarCoefficients } from './polarCoefficients.js';
import { polarScalarMap } from './polarCoefficients.js';
import { gamma, U32, U64 } from './roundoff.js';

/** The fields of a step trace the bound needs (f32 kernel trace or f64 reference trace). */
export interface StepTraceLike {
  coefficients: PolarCoefficients;
  X: AnyMatrix;
  A: AnyMatrix;
  A2?: AnyMatrix | undefined;
  P?: AnyMatrix | undefined;
  Y: AnyMatrix;
}

type Mag = Float64Array;

function absProd(A: AnyMatrix | Mag, Arows: number, Acols: number, B: AnyMatrix | Mag, Bcols: number): Mag {
  const a = A instanceof Float64Array ? A : absF64(A).data;
  const b = B instanceof Float64Array ? B : absF64(B).data;
  return matmulF64({ rows: Arows, cols: Acols, data: a }, { rows: Acols, cols: Bcols, data: b }).data;
}

function absData(A: AnyMatrix): Mag {
  return absF64(A).data;
}

function frob(v: Mag): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/**
 * ε ≥ ‖E‖_F for one step, E = computed step − p(X̂). `u` is the unit
 * roundoff of the arithmetic that ran (U32 for the kernels, U64 for
 * newtonSchulzF64). Scaled adds get γ₃ (coefficient rounding, multiply, add).
 */
export function polarStepRoundingBound(t: StepTraceLike, u: number = U32): number {
  const m = t.X.rows;
  const n = t.X.cols;
  const [a, b, c] = t.coefficients;
  const gN = gamma(n, u);
  const gM = gamma(m, u);
  const g3 = gamma(3, u);
  const absX = absData(t.X);
  // ΔA ≥ |Â − XXᵀ|: gram with inner dimension n
  const XT = new Float64Array(n * m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) XT[j * m + i] = absX[i * n + j]!;
  const dA = absProd(absX, m, n, XT, m).map((v) => gN * v);
  const absA = absData(t.A);
  let dY: Mag;
  let E: Mag;
  const absY = absData(t.Y);
  if (c === 0) {
    // Ŷ = fl(ÂX̂): |Ŷ − A X̂| ≤ γ_m|Â||X̂| + ΔA|X̂|
    const AX = absProd(absA, m, m, absX, n);
    const dAX = absProd(dA, m, m, absX, n);
    dY = AX.map((v, i) => gM * v + dAX[i]!);
    E = absX.map((x, i) => g3 * (Math.abs(a) * x + Math.abs(b) * absY[i]!) + Math.abs(b) * dY[i]!);
  } else {
    if (!t.A2 || !t.P) throw new Error('quintic step trace needs A2 and P');
    // Â2 = fl(ÂÂ): |Â2 − A²| ≤ γ_m|Â||Â| + ΔA|Â| + (|Â| + ΔA)ΔA
    const AA = absProd(absA, m, m, absA, m);
    const dAA = absProd(dA, m, m, absA, m);
    const AdA = absProd(
      absA.map((v, i) => v + dA[i]!),
      m,
      m,
      dA,
      m,
    );
    const dA2 = AA.map((v, i) => gM * v + dAA[i]! + AdA[i]!);
    // P̂ = fl(bÂ + cÂ2)
    const absA2 = absData(t.A2);
    const dP = absA.map(
      (v, i) => g3 * (Math.abs(b) * v + Math.abs(c) * absA2[i]!) + Math.abs(b) * dA[i]! + Math.abs(c) * dA2[i]!,
    );
    // Ŷ = fl(P̂X̂)
    const absP = absData(t.P);
    const PX = absProd(absP, m, m, absX, n);
    const dPX = absProd(dP, m, m, absX, n);
    dY = PX.map((v, i) => gM * v + dPX[i]!);
    E = absX.map((x, i) => g3 * (Math.abs(a) * x + absY[i]!) + dY[i]!);
  }
  // the bound itself is evaluated in f64: a relative slack of a few γ^{(64)}
  // covers every sum of nonnegative terms above
  return frob(E) * (1 + 8 * gamma(m + n + 8, U64));
}

/** [min p, max p] over [lo, hi]: endpoints and interior critical points of p (roots of a + 3bσ² + 5cσ⁴). */
export function polarImage(coefficients: PolarCoefficients, lo: number, hi: number): { min: number; max: number } {
  const [a, b, c] = coefficients;
  const candidates = [lo, hi];
  const roots: number[] = [];
  if (c === 0) {
    if (b !== 0) roots.push(-a / (3 * b));
  } else {
    const disc = 9 * b * b - 20 * a * c;
    if (disc >= 0) {
      roots.push((-3 * b + Math.sqrt(disc)) / (10 * c), (-3 * b - Math.sqrt(disc)) / (10 * c));
    }
  }
  for (const y of roots) {
    if (y > 0) {
      const x = Math.sqrt(y);
      if (x > lo && x < hi) candidates.push(x);
    }
  }
  const values = candidates.map((x) => polarScalarMap(coefficients, x));
  // p is evaluated in f64: widen by a relative u64-scale slack
  const slack = 16 * U64 * Math.max(...values.map(Math.abs));
  return { min: Math.min(...values) - slack, max: Math.max(...values) + slack };
}

export interface PolarBoundInput {
  /**
   * Enclosures of G's singular values (r = min(m, n) of them, any order):
   * σ_j(G) ∈ [sigmaLower[j], sigmaUpper[j]]. One wide interval is allowed
   * (r copies of [σ_min, σ_max]) but loses accuracy: the scalar maps are
   * not monotone, so an interval image over-covers ("wrapping").
   */
  sigmaLower: readonly number[];
  sigmaUpper: readonly number[];
  /** the norm newtonSchulz divided by (from onStart) */
  norm: number;
  /** ε₀ ≥ ‖X̂₀ − G/norm‖_F, the start's rounding (see startRoundingBound). */
  startError: number;
  /** ε_k for each step (polarStepRoundingBound of each trace) */
  stepErrors: readonly number[];
  coefficients: readonly PolarCoefficients[];
  /** square G: enables the polar-factor drift bound */
  square: boolean;
}

export interface PolarBound {
  /** interval holding every singular value of each X̂_k, k = 0..T */
  intervals: Array<[number, number]>;
  /** bound on ‖polar(X̂_T) − Q‖_F (square only; Infinity when p ≤ 0 on an interval or σ_min can reach 0) */
  drift: number;
  /** bound on ‖X̂_T − Q‖_F (square only) */
  distanceToPolar: number;
  /** bound on ‖X̂_Tᵀ X̂_T − I‖₂ (= max |σ² − 1| over the final interval) */
  orthogonalityDefect: number;
}

/**
 * ε₀ for X̂₀ = fl32(G₃₂/ν), G₃₂ = fl32(G): |X̂₀ − G/ν| ≤ (u|G| + u|G₃₂|)/ν (+ f64 division).
 * `inputsRounded = false` when G was already in the working precision.
 */
export function startRoundingBound(G: AnyMatrix, norm: number, inputsRounded = true, u: number = U32): number {
  let s = 0;
  for (let i = 0; i < G.data.length; i++) {
    const g = Math.abs(G.data[i]!);
    const e = ((inputsRounded ? u * g : 0) + u * g * (1 + u) + U64 * g) / norm;
    s += e * e;
  }
  return Math.sqrt(s);
}

const descending = (a: number, b: number) => b - a;

/**
 * Per-singular-value enclosures through the iteration. Sorted-order
 * bookkeeping: if σ_j ∈ [l_j, h_j] for every j, the i-th largest σ lies
 * between the i-th largest l and the i-th largest h; Weyl then moves each
 * sorted singular value of p(X̂) by at most ε.
 */
export function propagatePolarBound(input: PolarBoundInput): PolarBound {
  const r = input.sigmaLower.length;
  if (input.sigmaUpper.length !== r) throw new RangeError('sigmaLower and sigmaUpper differ in length');
  const eps0 = input.startError;
  let lower = input.sigmaLower.map((v) => Math.max(0, v / input.norm - eps0)).sort(descending);
  let upper = input.sigmaUpper.map((v) => v / input.norm + eps0).sort(descending);
  const summary = (): [number, number] => [Math.min(...lower), Math.max(...upper)];
  const intervals: Array<[number, number]> = [summary()];
  const minExact = Math.min(...input.sigmaLower) / input.norm;
  // start: G/ν has polar factor Q; X̂₀ = G/ν + E₀ (Li's bound needs both σ_min > 0)
  let drift = minExact > 0 && intervals[0]![0] > 0 ? (2 * eps0) / (minExact + intervals[0]![0]) : Infinity;
  for (let k = 0; k < input.stepErrors.length; k++) {
    const coeffs = input.coefficients[Math.min(k, input.coefficients.length - 1)]!;
    const eps = input.stepErrors[k]!;
    const lo: number[] = [];
    const hi: number[] = [];
    let positive = true;
    let pMin = Infinity;
    for (let j = 0; j < r; j++) {
      const img = polarImage(coeffs, lower[j]!, upper[j]!);
      if (!(img.min > 0)) positive = false;
      pMin = Math.min(pMin, img.min);
      lo.push(img.min > 0 ? img.min : img.max < 0 ? -img.max : 0);
      hi.push(Math.max(Math.abs(img.min), Math.abs(img.max)));
    }
    lower = lo.sort(descending).map((v) => Math.max(0, v - eps));
    upper = hi.sort(descending).map((v) => v + eps);
    const next = summary();
    drift += positive && next[0] > 0 ? (2 * eps) / (pMin + next[0]) : Infinity;
    intervals.push(next);
  }
  const [loT, hiT] = intervals[intervals.length - 1]!;
  const maxDev = Math.max(Math.abs(hiT - 1), Math.abs(1 - loT));
  return {
    intervals,
    drift: input.square ? drift : Infinity,
    distanceToPolar: input.square ? Math.sqrt(r) * maxDev + drift : Infinity,
    orthogonalityDefect: Math.max(hiT * hiT - 1, 1 - loT * loT),
  };
}
