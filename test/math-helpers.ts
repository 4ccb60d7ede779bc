/**
 * Shared helpers for the test/math-*.test.ts files (the unit tests of src/math/linalg and src/math/stats).
 * Deliberately independent of the code under test: matrices with KNOWN singular values are built
 * from Haar factors (QR of Gaussian matrices seeded by mulberry32), and the binomial acceptance
 * regions are computed here from scratch, not with src/math/stats.
 */
import { Matrix } from 'ml-matrix';
import { haarOrthonormal } from '../src/random/orthogonal.js';
import { gaussianArray, mulberry32 } from '../src/random/prng.js';

/** Unit roundoff of IEEE double (round to nearest): u64 = 2^-53. */
export const U64 = 2 ** -53;
/** LAPACK's testers (xGET01, xBDT01, …) flag residual ratios above 30; every f64 bound below uses it. */
export const RATIO = 30;

/** m×n matrix of independent N(0, 1) entries, row-major from one mulberry32 seed. */
export function gaussianMatrix(m: number, n: number, seed: number): Matrix {
  const g = gaussianArray(mulberry32(seed), m * n);
  const A = new Matrix(m, n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) A.set(i, j, g[i * n + j]);
  return A;
}

export interface KnownSvd {
  A: Matrix;
  U: Matrix;
  V: Matrix;
  sigma: number[];
}

/**
 * A = U·diag(σ)·Vᵀ with Haar U (m×r) and V (n×r), r = min(m, n) = σ.length: singular values known
 * exactly up to the roundoff of forming the product (≈ r·u·σ₁ absolute, plus the O(r·u) departure of
 * U, V from orthonormality, both far inside every bound used with it).
 */
export function knownSvd(m: number, n: number, sigma: number[], seed: number): KnownSvd {
  const r = Math.min(m, n);
  if (sigma.length !== r) throw new Error(`knownSvd: need ${r} singular values, got ${sigma.length}`);
  const U = haarOrthonormal(m, r, 2 * seed + 1);
  const V = haarOrthonormal(n, r, 2 * seed + 2);
  const US = U.clone();
  for (let i = 0; i < m; i++) for (let j = 0; j < r; j++) US.set(i, j, US.get(i, j) * sigma[j]);
  return { A: US.mmul(V.transpose()), U, V, sigma };
}

/** Symmetric A = Q·diag(λ)·Qᵀ with Haar Q: eigenvalues known. */
export function knownSymmetric(lambda: number[], seed: number): { A: Matrix; Q: Matrix } {
  const n = lambda.length;
  const Q = haarOrthonormal(n, n, seed);
  const QL = Q.clone();
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) QL.set(i, j, QL.get(i, j) * lambda[j]);
  const A = QL.mmul(Q.transpose());
  return { A: A.add(A.transpose()).mul(0.5), Q };
}

/** r values from 1 down to 1/κ, geometric. */
export function geometric(r: number, kappa: number): number[] {
  return Array.from({ length: r }, (_, i) => (r === 1 ? 1 : kappa ** (-i / (r - 1))));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

export function fro(A: Matrix): number {
  let s = 0;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) s += A.get(i, j) ** 2;
  return Math.sqrt(s);
}

/** ‖QᵀQ − I‖_F (columns orthonormal ⇔ 0). */
export function orthogonalityDefect(Q: Matrix): number {
  return fro(Q.transpose().mmul(Q).sub(Matrix.eye(Q.columns)));
}

/** Frobenius-unit random direction. */
export function unitDirection(m: number, n: number, seed: number): Matrix {
  const E = gaussianMatrix(m, n, seed);
  return E.mul(1 / fro(E));
}

/**
 * Binomial(N, p) probability mass at k = 0..N from log-space recurrences (exact to ~N·u relative;
 * no underflow for N up to 10⁶).
 */
export function binomialPmf(N: number, p: number): Float64Array {
  const pmf = new Float64Array(N + 1);
  if (p <= 0) {
    pmf[0] = 1;
    return pmf;
  }
  if (p >= 1) {
    pmf[N] = 1;
    return pmf;
  }
  // start at the mode so the recurrence runs away from the largest term in both directions
  const mode = Math.min(N, Math.floor((N + 1) * p));
  const logRatio = Math.log(p) - Math.log1p(-p);
  const logs = new Float64Array(N + 1);
  logs[mode] = 0;
  for (let k = mode; k < N; k++) logs[k + 1] = logs[k] + Math.log((N - k) / (k + 1)) + logRatio;
  for (let k = mode; k > 0; k--) logs[k - 1] = logs[k] - Math.log((N - k + 1) / k) - logRatio;
  let total = 0;
  for (let k = 0; k <= N; k++) {
    pmf[k] = Math.exp(logs[k]);
    total += pmf[k];
  }
  for (let k = 0; k <= N; k++) pmf[k] /= total;
  return pmf;
}

/**
 * The two-sided acceptance region [lo, hi] of an exact binomial test at level `level` (default
 * 99.99%): the largest lo with P(K < lo) ≤ α/2 and the smallest hi with P(K > hi) ≤ α/2 for
 * K ~ Bin(N, p), α = 1 − level. A count outside [lo, hi] rejects "the success probability is p".
 * For a conservative interval (coverage ≥ nominal) only lo is used: one-sided, P(K < lo) ≤ α/2.
 */
export function binomialAcceptance(N: number, p: number, level = 0.9999): { lo: number; hi: number } {
  const a = (1 - level) / 2;
  const pmf = binomialPmf(N, p);
  let lo = 0,
    below = 0;
  while (lo < N && below + pmf[lo] <= a) {
    below += pmf[lo];
    lo++;
  }
  let hi = N,
    above = 0;
  while (hi > 0 && above + pmf[hi] <= a) {
    above += pmf[hi];
    hi--;
  }
  return { lo, hi };
}

export interface CoverageDecision {
  count: number;
  N: number;
  /** the coverage probability tested */
  p: number;
  /** acceptance region for the count at 99.99% */
  lo: number;
  hi: number;
  reject: boolean;
}

/**
 * The fixed decision rule of every coverage test: with `count` of N independent simulated data
 * sets covered, reject "coverage = p" iff count ∉ [lo, hi], the 99.99% two-sided exact binomial
 * acceptance region ('exact'); for intervals whose guarantee is only "coverage ≥ p" (conservative:
 * order-statistic, Clopper–Pearson, Birge-inflated), reject iff count < lo ('atLeast').
 * The seed and N are chosen once; a rejection is a finding, never a reason to re-seed.
 */
export function coverageDecision(count: number, N: number, p: number, mode: 'exact' | 'atLeast'): CoverageDecision {
  const { lo, hi } = binomialAcceptance(N, p, 0.9999);
  const reject = count < lo || (mode === 'exact' && count > hi);
  return { count, N, p, lo, hi, reject };
}

export const describeDecision = (d: CoverageDecision) =>
  `covered ${d.count}/${d.N} (${(d.count / d.N).toFixed(4)}); 99.99% region for p = ${d.p.toFixed(5)}: [${d.lo}, ${d.hi}]`;

/** Shrink an interval by a factor about its midpoint (the negative control: 0.8 = "shrunk by 20%"). */
export function shrink([a, b]: [number, number], factor: number): [number, number] {
  const mid = (a + b) / 2,
    half = ((b - a) / 2) * factor;
  return [mid - half, mid + half];
}
