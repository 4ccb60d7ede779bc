/**
 * src/math/linalg/kronecker.ts: vec (column stacking) and the Kronecker product, with
 * vec(A·X·B) = (Bᵀ ⊗ A)·vec(X) (Van Loan 2000). Every entry of both sides is a sum of ≤ k·l
 * products, so they agree to 30·k·l·u·‖A‖_F‖X‖_F‖B‖_F.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { kron, vec } from '../src/math/linalg/kronecker.js';
import { RATIO, U64, fro, gaussianMatrix } from './math-helpers.js';

describe('kron and vec', () => {
  test('kron block structure: the (i, j) block is a_ij·B, exactly', () => {
    const A = gaussianMatrix(2, 3, 1),
      B = gaussianMatrix(4, 2, 2);
    const K = kron(A, B);
    expect([K.rows, K.columns]).toEqual([8, 6]);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 4; k++)
          for (let l = 0; l < 2; l++) {
            expect(K.get(i * 4 + k, j * 2 + l)).toBe(A.get(i, j) * B.get(k, l));
          }
  });
  test('vec(AXB) = (Bᵀ ⊗ A)·vec(X) within 30·k·l·u·‖A‖_F‖X‖_F‖B‖_F; the wrong order (A ⊗ Bᵀ) fails', () => {
    const A = gaussianMatrix(3, 4, 3),
      X = gaussianMatrix(4, 5, 4),
      B = gaussianMatrix(5, 2, 5);
    const lhs = vec(A.mmul(X).mmul(B));
    const rhs = kron(B.transpose(), A).mmul(vec(X));
    const tol = RATIO * 4 * 5 * U64 * fro(A) * fro(X) * fro(B);
    expect(fro(lhs.clone().sub(rhs))).toBeLessThanOrEqual(tol);
    const wrong = kron(A, B.transpose());
    expect(wrong.columns === vec(X).rows ? fro(lhs.clone().sub(wrong.mmul(vec(X)))) : Infinity).toBeGreaterThan(tol);
    // vec stacks columns
    expect(
      vec(
        new Matrix([
          [1, 2],
          [3, 4],
        ]),
      ).to1DArray(),
    ).toEqual([1, 3, 2, 4]);
  });
});
