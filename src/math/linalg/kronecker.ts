import { Matrix } from 'ml-matrix';

/** Kronecker product A ⊗ B: the (i, j) block is a_ij·B (Van Loan, "The ubiquitous Kronecker product", 2000). */
export function kron(A: Matrix, B: Matrix): Matrix {
  const out = new Matrix(A.rows * B.rows, A.columns * B.columns);
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < A.columns; j++) {
      const a = A.get(i, j);
      for (let k = 0; k < B.rows; k++)
        for (let l = 0; l < B.columns; l++) out.set(i * B.rows + k, j * B.columns + l, a * B.get(k, l));
    }
  return out;
}

/** vec(A): columns stacked into one column, the convention under which vec(AXB) = (Bᵀ ⊗ A)vec(X). */
export function vec(A: Matrix): Matrix {
  const out = new Matrix(A.rows * A.columns, 1);
  for (let j = 0; j < A.columns; j++) for (let i = 0; i < A.rows; i++) out.set(j * A.rows + i, 0, A.get(i, j));
  return out;
}
