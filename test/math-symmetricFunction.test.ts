/**
 * src/math/linalg/symmetricFunction.ts (and the eigensolver under it, src/math/linalg/symmetricEigen.ts):
 * f(A) = Q·f(Λ)·Qᵀ for symmetric A.
 *
 * Error model behind every bound here: the symmetric eigensolver is backward stable,
 *   Q̂·Λ̂·Q̂ᵀ = A + ΔA,  ‖ΔA‖_F ≤ c·n·u·‖A‖_F,  ‖Q̂ᵀQ̂ − I‖_F ≤ c·n·u,
 * with c ≈ 1 in practice (Higham ASNA §19; LAPACK's xSYT21 ratios). Each residual below is
 * divided by n·u times the growth factor that this ΔA suffers in that residual, and the ratio is
 * judged against 30 (LAPACK's threshold):
 *   S = A^{1/2}:     S² − A = ΔA + O(n·u)·‖A‖          → growth 1          (κ-independent)
 *   X = A^{-1/2}:    X·A·X − I = −X·ΔA·X               → growth ‖A‖_F/λ_min = κ_F
 *   exp(log A) − A:  ΔA, plus δL = O(n·u·‖log A‖_F) in log A amplified by ‖A‖₂
 *                    → scale ‖A‖_F + ‖A‖₂·‖log A‖_F
 *   log(exp S) − S:  ΔE = O(n·u·‖E‖_F), E = exp S, amplified by ‖L_log(E)‖ ≤ 1/λ_min(E), plus
 *                    O(n·u·‖S‖_F) from the last eigensolve → scale √n·κ₂(exp S) + ‖S‖_F
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { symmetricEigen } from '../src/math/linalg/symmetricEigen.js';
import {
  SingularMatrixError,
  assertPositiveDefinite,
  expmSym,
  invSqrtmSym,
  logmSym,
  pinvSqrtmSym,
  sqrtmSym,
  symmetricFunction,
} from '../src/math/linalg/symmetricFunction.js';
import {
  RATIO,
  U64,
  fro,
  gaussianMatrix,
  geometric,
  knownSymmetric,
  maxAbsDiff,
  orthogonalityDefect,
} from './math-helpers.js';

const spd = (n: number, kappa: number, seed: number) =>
  knownSymmetric(
    geometric(n, kappa).map((x) => 2 * x),
    seed,
  ).A;
const I = (n: number) => Matrix.eye(n);

/** ‖S² − A‖_F / (n·u·‖A‖_F) */
const sqrtRatio = (S: Matrix, A: Matrix) => fro(S.mmul(S).sub(A)) / (A.rows * U64 * fro(A));
/** ‖X·A·X − I‖_F / (n·u·‖A‖_F/λ_min) */
const invSqrtRatio = (X: Matrix, A: Matrix, lambdaMin: number) =>
  fro(X.mmul(A).mmul(X).sub(I(A.rows))) / ((A.rows * U64 * fro(A)) / lambdaMin);

describe('symmetricEigen', () => {
  test('known spectrum: |λ̂ − λ| ≤ 30·n·u·‖A‖₂ (Weyl), ascending, ‖AQ − QΛ‖_F ≤ 30·n·u·‖A‖_F, ‖QᵀQ − I‖_F ≤ 30·n·u', () => {
    let seed = 1;
    for (const n of [1, 2, 5, 16, 40]) {
      const lambda = Array.from({ length: n }, (_, i) => (i - n / 3) * 1.5 + (i % 3 === 0 ? 0.25 : 0)); // indefinite
      const { A } = knownSymmetric(lambda, seed++);
      const { values, Q } = symmetricEigen(A);
      const want = [...lambda].sort((a, b) => a - b);
      const norm2 = Math.max(...lambda.map(Math.abs));
      expect(maxAbsDiff(values, want)).toBeLessThanOrEqual(RATIO * n * U64 * norm2);
      for (let i = 1; i < n; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
      const QL = Q.clone();
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) QL.set(i, j, QL.get(i, j) * values[j]);
      expect(fro(A.mmul(Q).sub(QL)) / (n * U64 * fro(A))).toBeLessThanOrEqual(RATIO);
      expect(orthogonalityDefect(Q) / (n * U64)).toBeLessThanOrEqual(RATIO);
    }
  });
  test('uses the symmetric part of a non-symmetric input; refuses non-square input', () => {
    const B = gaussianMatrix(6, 6, 3);
    const S = B.clone().add(B.transpose()).mul(0.5);
    expect(maxAbsDiff(symmetricEigen(B).values, symmetricEigen(S).values)).toBe(0);
    expect(() => symmetricEigen(gaussianMatrix(3, 4, 1))).toThrow(/square/);
  });
});

describe('sqrtmSym: S² = A', () => {
  test('‖S² − A‖_F/(n·u·‖A‖_F) ≤ 30 for κ = 1 … 1e12 (the residual does not grow with κ), S symmetric', () => {
    let seed = 10;
    for (const n of [1, 3, 8, 24])
      for (const kappa of [1, 1e2, 1e6, 1e12]) {
        const A = spd(n, kappa, seed++);
        const S = sqrtmSym(A);
        expect(sqrtRatio(S, A), `n=${n} κ=${kappa}`).toBeLessThanOrEqual(RATIO);
        expect(fro(S.clone().sub(S.transpose()))).toBeLessThanOrEqual(RATIO * n * U64 * fro(S));
      }
  });
  test('forward error vs the known Q·√Λ·Qᵀ: ≤ 30·n·u·√n·√κ·‖S‖_F (Fréchet derivative of √· is ≤ 1/(2√λ_min))', () => {
    const n = 12,
      lambda = geometric(n, 1e6);
    const { A, Q } = knownSymmetric(lambda, 21);
    const QS = Q.clone();
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) QS.set(i, j, QS.get(i, j) * Math.sqrt(lambda[j]));
    const want = QS.mmul(Q.transpose());
    expect(fro(sqrtmSym(A).sub(want))).toBeLessThanOrEqual(RATIO * n * U64 * Math.sqrt(n) * Math.sqrt(1e6) * fro(want));
  });
  test('a PSD matrix with exact zero eigenvalues: negative roundoff eigenvalues are clamped, S² = A still holds', () => {
    const lambda = [0, 0, 0, 1, 2, 3];
    const { A } = knownSymmetric(lambda, 22);
    const S = sqrtmSym(A);
    expect(sqrtRatio(S, A)).toBeLessThanOrEqual(RATIO);
    expect(S.to1DArray().every(Number.isFinite)).toBe(true);
  });
  test('negative control: S with one symmetric pair perturbed by 1e-10·‖S‖ fails the same ratio', () => {
    const A = spd(8, 1e3, 23);
    const S = sqrtmSym(A);
    const d = 1e-10 * fro(S);
    S.set(2, 5, S.get(2, 5) + d);
    S.set(5, 2, S.get(5, 2) + d);
    expect(sqrtRatio(S, A)).toBeGreaterThan(RATIO);
  });
});

describe('invSqrtmSym: A^{-1/2}·A·A^{-1/2} = I', () => {
  test('‖XAX − I‖_F / (n·u·κ_F) ≤ 30, κ_F = ‖A‖_F/λ_min, for κ = 1 … 1e10', () => {
    let seed = 30;
    for (const n of [1, 4, 10, 24])
      for (const kappa of [1, 1e2, 1e6, 1e10]) {
        const lambda = geometric(n, kappa).map((x) => 2 * x);
        const { A } = knownSymmetric(lambda, seed++);
        const X = invSqrtmSym(A);
        expect(invSqrtRatio(X, A, Math.min(...lambda)), `n=${n} κ=${kappa}`).toBeLessThanOrEqual(RATIO);
        // and X² is the inverse: ‖X²A − I‖_F has the same growth
        expect(fro(X.mmul(X).mmul(A).sub(I(n))) / ((n * U64 * fro(A)) / Math.min(...lambda))).toBeLessThanOrEqual(
          RATIO,
        );
      }
  });
  test('refuses singular, indefinite and numerically singular (λ_min ≤ n·u·λ_max) input with SingularMatrixError', () => {
    const cases = [
      [0, 1, 2, 3],
      [-1, 1, 2, 3],
      [1e-20, 1, 1, 1],
    ];
    cases.forEach((lambda, k) => {
      const { A } = knownSymmetric(lambda, 40 + k);
      expect(() => invSqrtmSym(A)).toThrow(SingularMatrixError);
      expect(() => logmSym(A)).toThrow(SingularMatrixError);
      expect(() => assertPositiveDefinite(A, 'test')).toThrow(/singular or indefinite/);
    });
    // λ_min = 1e-10·λ_max is far above n·u·λ_max: accepted
    expect(() => invSqrtmSym(knownSymmetric([1e-10, 1, 1, 1], 45).A)).not.toThrow();
  });
  test('negative control: X·(1 + 1e-9) (a 1e-9 relative error) fails the ratio at κ = 10', () => {
    const lambda = geometric(10, 10);
    const { A } = knownSymmetric(lambda, 46);
    const X = invSqrtmSym(A);
    expect(invSqrtRatio(X, A, Math.min(...lambda))).toBeLessThanOrEqual(RATIO);
    expect(invSqrtRatio(X.clone().mul(1 + 1e-9), A, Math.min(...lambda))).toBeGreaterThan(RATIO);
  });
});

describe('pinvSqrtmSym: Moore–Penrose A^{+1/2} of a PSD matrix', () => {
  test('X·A·X = P (projector onto range A) within 30·n·u·‖A‖_F/λ_r (λ_r the smallest nonzero eigenvalue)', () => {
    const n = 9,
      lambda = [0, 0, 0, 0.01, 0.1, 0.5, 1, 2, 4];
    const { A, Q } = knownSymmetric(lambda, 50);
    const X = pinvSqrtmSym(A);
    const Qr = Q.subMatrix(0, n - 1, 3, n - 1);
    const P = Qr.mmul(Qr.transpose());
    expect(fro(X.mmul(A).mmul(X).sub(P))).toBeLessThanOrEqual((RATIO * n * U64 * fro(A)) / 0.01);
    // on an SPD matrix it is A^{-1/2}
    const B = spd(6, 1e3, 51);
    expect(invSqrtRatio(pinvSqrtmSym(B), B, 2e-3)).toBeLessThanOrEqual(RATIO);
  });
});

describe('logmSym and expmSym: round trips', () => {
  test('‖exp(log A) − A‖_F / (n·u·(‖A‖_F + ‖A‖₂·‖log A‖_F)) ≤ 30 for κ up to 1e8', () => {
    let seed = 60;
    for (const n of [1, 5, 16])
      for (const kappa of [1, 1e3, 1e8]) {
        const lambda = geometric(n, kappa).map((x) => 3 * x);
        const { A } = knownSymmetric(lambda, seed++);
        const logFro = Math.hypot(...lambda.map(Math.log));
        const R = expmSym(logmSym(A));
        expect(
          fro(R.sub(A)) / (n * U64 * (fro(A) + Math.max(...lambda) * logFro)),
          `n=${n} κ=${kappa}`,
        ).toBeLessThanOrEqual(RATIO);
      }
  });
  test('‖log(exp S) − S‖_F / (n·u·(√n·κ₂(exp S) + ‖S‖_F)) ≤ 30 for symmetric S with ‖S‖₂ = 3', () => {
    let seed = 70;
    for (const n of [2, 6, 16]) {
      const B = gaussianMatrix(n, n, seed++);
      let S = B.clone().add(B.transpose());
      const s2 = Math.max(...symmetricEigen(S).values.map(Math.abs));
      S = S.mul(3 / s2);
      const ev = symmetricEigen(S).values;
      const kExp = Math.exp(ev[ev.length - 1] - ev[0]);
      const R = logmSym(expmSym(S));
      expect(fro(R.sub(S)) / (n * U64 * (Math.sqrt(n) * kExp + fro(S))), `n=${n}`).toBeLessThanOrEqual(RATIO);
    }
  });
  test('log of a known spectrum: eigenvalues of logm(A) are log λ (|Δ| ≤ 30·n·u·κ, the conditioning of log at λ_min)', () => {
    const lambda = [0.5, 1, 2, 7, 30];
    const { A } = knownSymmetric(lambda, 80);
    const got = symmetricEigen(logmSym(A)).values;
    expect(maxAbsDiff(got, lambda.map(Math.log))).toBeLessThanOrEqual(RATIO * 5 * U64 * 60);
  });
  test('negative control: an exponential off by a relative 1e-7 in its argument fails the round-trip ratio', () => {
    const { A } = knownSymmetric(geometric(8, 100), 81);
    const L = logmSym(A);
    const wrong = symmetricFunction(L, (x) => Math.exp(x * (1 + 1e-7)));
    const logFro = fro(L);
    expect(fro(expmSym(L).sub(A)) / (8 * U64 * (fro(A) + logFro))).toBeLessThanOrEqual(RATIO); // the right exp passes …
    expect(fro(wrong.sub(A)) / (8 * U64 * (fro(A) + logFro))).toBeGreaterThan(RATIO); // … the wrong one fails
  });
});
