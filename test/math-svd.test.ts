/**
 * src/math/linalg/thinSvd.ts and src/math/linalg/fullSvd.ts. U and V are determined only up to signs (and
 * rotations inside repeated singular values), so these tests compare invariants — the
 * reconstruction U·diag(s)·Vᵀ, the orthonormality of U and V, the singular values, and the
 * projectors onto singular subspaces — never U or V entrywise.
 *
 * Bounds follow LAPACK's SVD testers (xBDT01/xORT01): a backward-stable SVD gives
 *   ‖A − U·S·Vᵀ‖_F ≤ c·max(m,n)·u·‖A‖_F  and  ‖UᵀU − I‖_F ≤ c·max(m,n)·u,
 * judged at c = 30 (LAPACK's residual-ratio threshold).
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { conditionNumber, numericalRank, singularValues, thinSvd } from '../src/math/linalg/thinSvd.js';
import { completeOrthonormalBasis, fullSvd } from '../src/math/linalg/fullSvd.js';
import {
  RATIO,
  U64,
  fro,
  gaussianMatrix,
  geometric,
  knownSvd,
  maxAbsDiff,
  orthogonalityDefect,
} from './math-helpers.js';

function reconstruction(U: Matrix, s: number[], V: Matrix): Matrix {
  const US = U.clone();
  for (let i = 0; i < US.rows; i++) for (let j = 0; j < s.length; j++) US.set(i, j, US.get(i, j) * s[j]);
  return US.mmul(V.transpose());
}

/** ratio = ‖A − USVᵀ‖_F / (max(m,n)·u·‖A‖_F); pass iff ≤ 30 */
const reconstructionRatio = (A: Matrix, U: Matrix, s: number[], V: Matrix) =>
  fro(A.clone().sub(reconstruction(U, s, V))) / (Math.max(A.rows, A.columns) * U64 * fro(A));
/** ratio = ‖QᵀQ − I‖_F / (max(m,n)·u); pass iff ≤ 30 */
const orthogonalityRatio = (Q: Matrix, size: number) => orthogonalityDefect(Q) / (size * U64);

const shapes: [number, number][] = [
  [1, 1],
  [4, 1],
  [1, 4],
  [6, 6],
  [9, 4],
  [4, 9],
  [20, 13],
  [13, 20],
  [32, 32],
];

describe('thinSvd: invariants on random and known-spectrum matrices', () => {
  test('reconstruction and orthonormality ratios ≤ 30 (Gaussian matrices, tall, wide, square)', () => {
    let seed = 1;
    for (const [m, n] of shapes) {
      const A = gaussianMatrix(m, n, seed++);
      const { U, s, V } = thinSvd(A);
      const r = Math.min(m, n);
      expect([U.rows, U.columns, V.rows, V.columns, s.length]).toEqual([m, r, n, r, r]);
      expect(reconstructionRatio(A, U, s, V), `${m}×${n}`).toBeLessThanOrEqual(RATIO);
      expect(orthogonalityRatio(U, Math.max(m, n)), `${m}×${n} U`).toBeLessThanOrEqual(RATIO);
      expect(orthogonalityRatio(V, Math.max(m, n)), `${m}×${n} V`).toBeLessThanOrEqual(RATIO);
      for (let i = 0; i < r; i++) {
        expect(s[i]).toBeGreaterThanOrEqual(0);
        if (i) expect(s[i]).toBeLessThanOrEqual(s[i - 1]);
      }
    }
  });
  test('singular values of U·diag(σ)·Vᵀ within 30·max(m,n)·u·σ₁ (Weyl + backward stability)', () => {
    let seed = 50;
    for (const [m, n] of shapes) {
      const sigma = geometric(Math.min(m, n), 1e8);
      const { A } = knownSvd(m, n, sigma, seed++);
      expect(maxAbsDiff(thinSvd(A).s, sigma), `${m}×${n}`).toBeLessThanOrEqual(RATIO * Math.max(m, n) * U64 * sigma[0]);
      expect(singularValues(A)).toEqual(thinSvd(A).s);
    }
  });
  test('singular subspaces: ‖ÛₖÛₖᵀ − UₖUₖᵀ‖_F ≤ 30·max(m,n)·u·σ₁/gap·√(2k) (Wedin sin Θ; signs and rotations do not matter)', () => {
    // σ = (3, 2.9, 2.8, 1, 0.5, 0.1): the gap after k = 3 is 1.8, so the top-3 subspace is well determined
    const sigma = [3, 2.9, 2.8, 1, 0.5, 0.1],
      k = 3,
      gap = sigma[k - 1] - sigma[k];
    for (const [m, n] of [
      [10, 6],
      [6, 10],
      [6, 6],
    ] as [number, number][]) {
      const { A, U, V } = knownSvd(m, n, sigma, 70 + m + n);
      const t = thinSvd(A);
      const proj = (Q: Matrix) => {
        const Qk = Q.subMatrix(0, Q.rows - 1, 0, k - 1);
        return Qk.mmul(Qk.transpose());
      };
      const bound = ((RATIO * Math.max(m, n) * U64 * sigma[0]) / gap) * Math.sqrt(2 * k);
      expect(fro(proj(t.U).sub(proj(U))), `${m}×${n} left`).toBeLessThanOrEqual(bound);
      expect(fro(proj(t.V).sub(proj(V))), `${m}×${n} right`).toBeLessThanOrEqual(bound);
    }
  });
  test('rank-deficient input: reconstruction still holds; numericalRank finds the rank; conditionNumber = σ₁/σ_r', () => {
    const r = 3,
      m = 12,
      n = 8;
    const sigma = [5, 2, 1, 0, 0, 0, 0, 0];
    const { A } = knownSvd(m, n, sigma, 91);
    const t = thinSvd(A);
    expect(reconstructionRatio(A, t.U, t.s, t.V)).toBeLessThanOrEqual(RATIO);
    expect(numericalRank(A)).toBe(r);
    expect(numericalRank(Matrix.zeros(4, 3))).toBe(0);
    const full = knownSvd(7, 5, geometric(5, 1e6), 92).A;
    expect(numericalRank(full)).toBe(5);
    // κ of a known spectrum, relative error ≤ 30·n·u·κ (σ_min is known to an absolute n·u·σ₁)
    expect(Math.abs(conditionNumber(full) - 1e6) / 1e6).toBeLessThanOrEqual(RATIO * 7 * U64 * 1e6);
  });
  test('negative controls: flipping the sign of one column of U, or perturbing one entry by 1e-8, fails the ratios', () => {
    const A = gaussianMatrix(9, 5, 3);
    const { U, s, V } = thinSvd(A);
    const Uflip = U.clone();
    for (let i = 0; i < 9; i++) Uflip.set(i, 2, -Uflip.get(i, 2));
    expect(orthogonalityRatio(Uflip, 9)).toBeLessThanOrEqual(RATIO); // still orthonormal …
    expect(reconstructionRatio(A, Uflip, s, V)).toBeGreaterThan(1e10); // … but no longer an SVD of A
    const Upert = U.clone();
    Upert.set(4, 1, Upert.get(4, 1) + 1e-8);
    expect(orthogonalityRatio(Upert, 9)).toBeGreaterThan(RATIO);
    expect(reconstructionRatio(A, Upert, s, V)).toBeGreaterThan(RATIO);
  });
});

describe('fullSvd and completeOrthonormalBasis', () => {
  test('square orthogonal U (m×m), V (n×n), U·S·Vᵀ = A, S = diag(σ) (shapes where the completion works)', () => {
    let seed = 200;
    for (const [m, n] of [
      [6, 3],
      [3, 6],
      [5, 5],
      [8, 1],
      [1, 8],
      [10, 5],
    ] as [number, number][]) {
      const A = gaussianMatrix(m, n, seed++);
      const f = fullSvd(A);
      expect([f.U.rows, f.U.columns, f.V.rows, f.V.columns, f.S.rows, f.S.columns]).toEqual([m, m, n, n, m, n]);
      expect(orthogonalityRatio(f.U, Math.max(m, n)), `${m}×${n} U`).toBeLessThanOrEqual(RATIO);
      expect(orthogonalityRatio(f.V, Math.max(m, n)), `${m}×${n} V`).toBeLessThanOrEqual(RATIO);
      const R = f.U.mmul(f.S).mmul(f.V.transpose());
      expect(fro(A.clone().sub(R)) / (Math.max(m, n) * U64 * fro(A)), `${m}×${n}`).toBeLessThanOrEqual(RATIO);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(f.S.get(i, j)).toBe(i === j ? f.s[i] : 0);
    }
  });
  test('completion of the first columns of the identity is the rest of the identity', () => {
    const Q = Matrix.eye(5).subMatrix(0, 4, 0, 1);
    const C = completeOrthonormalBasis(Q);
    expect(orthogonalityDefect(C)).toBe(0);
    expect(C.subMatrix(0, 4, 0, 1).to2DArray()).toEqual(Q.to2DArray());
  });
  // Regression (found by these tests): completeOrthonormalBasis used to skip every standard basis
  // vector whose residual after projection was < 1/2, leaving zero columns when the missing
  // directions are spread over many coordinates (8×7 difference matrix: each eᵢ has residual 1/√8).
  test('fullSvd(8×7 difference matrix).U is orthogonal (it used to have a zero last column)', () => {
    const D = new Matrix(8, 7);
    for (let i = 0; i < 7; i++) {
      D.set(i, i, 1);
      D.set(i + 1, i, -1);
    }
    const U = fullSvd(D).U;
    expect(orthogonalityRatio(U, 8)).toBeLessThanOrEqual(RATIO);
  });
  test('fullSvd(random 100×99).U is orthogonal', () => {
    const U = fullSvd(gaussianMatrix(100, 99, 5)).U;
    expect(orthogonalityRatio(U, 100)).toBeLessThanOrEqual(RATIO);
  });
  test('fullSvd(random 20×10).U is orthogonal (seed 205)', () => {
    const U = fullSvd(gaussianMatrix(20, 10, 205)).U;
    expect(orthogonalityRatio(U, 20)).toBeLessThanOrEqual(RATIO);
  });
});
