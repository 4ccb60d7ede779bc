/**
 * src/math/linalg/jacobian.ts: jacobianMatrix uses row-major vec (column i·n + j = DF[E_ij]), so for the
 * linear map X ↦ A·X·B the Jacobian is A ⊗ Bᵀ, entry by entry a single product aᵢₚ·b_qⱼ (exact);
 * centralDifference and skewRatio are checked on maps whose answer is known.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { kron } from '../src/math/linalg/kronecker.js';
import { centralDifference, jacobianMatrix, skewRatio, unitMatrix } from '../src/math/linalg/jacobian.js';
import { RATIO, U64, fro, gaussianMatrix } from './math-helpers.js';

describe('jacobianMatrix, centralDifference, skewRatio', () => {
  test('the Jacobian of X ↦ A·X·B in row-major vec is A ⊗ Bᵀ (exact); the column-major one is not', () => {
    const A = gaussianMatrix(3, 3, 6),
      B = gaussianMatrix(2, 2, 7),
      G = gaussianMatrix(3, 2, 8);
    const J = jacobianMatrix(G, (E) => A.mmul(E).mmul(B));
    const want = kron(A, B.transpose());
    // each entry of A·E_ij·B is a single product a_pi·b_jq (E_ij has one 1): exact
    expect(fro(J.clone().sub(want))).toBe(0);
    expect(fro(J.clone().sub(kron(B.transpose(), A)))).toBeGreaterThan(0.1);
  });
  test('central differences are exact for a linear map up to cancellation: ≤ 30·u·‖F(G)‖_F/h per direction', () => {
    const A = gaussianMatrix(3, 3, 9),
      G = gaussianMatrix(3, 3, 10),
      h = 1e-4;
    const F = (X: Matrix) => A.mmul(X);
    const fd = centralDifference(F, G, h);
    const E = unitMatrix(3, 3, 1, 2);
    expect(E.to2DArray()).toEqual([
      [0, 0, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    // 30·(size 3)·u on the magnitude ‖F(G ± hE)‖ ≈ ‖A‖_F‖G‖_F, divided by 2h
    expect(fro(fd(E).sub(F(E)))).toBeLessThanOrEqual((RATIO * 3 * U64 * fro(A) * (fro(G) + h)) / h);
  });
  test('skewRatio is 0 for a symmetric matrix and 2 for a skew one (‖K − Kᵀ‖ = 2‖K‖)', () => {
    const S = gaussianMatrix(4, 4, 11);
    expect(skewRatio(S.clone().add(S.transpose()))).toBe(0);
    const K = S.clone().sub(S.transpose());
    expect(Math.abs(skewRatio(K) - 2)).toBeLessThanOrEqual(4 * U64); // ‖K − Kᵀ‖ = 2‖K‖
  });
});
