import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface SymmetricEigen {
  /** Eigenvalues ascending. */
  values: number[];
  /** Orthonormal eigenvectors as columns, in the same order. */
  Q: Matrix;
}

/** Eigen-decomposition of the symmetric part of A (A is symmetrised first to kill roundoff skew). */
export function symmetricEigen(A: Matrix): SymmetricEigen {
  if (A.rows !== A.columns) throw new Error(`symmetricEigen needs a square matrix, got ${A.rows}×${A.columns}`);
  const S = A.add(A.transpose()).mul(0.5);
  const evd = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const order = evd.realEigenvalues.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const Q = new Matrix(A.rows, A.rows);
  order.forEach(([, j], c) => {
    for (let i = 0; i < A.rows; i++) Q.set(i, c, evd.eigenvectorMatrix.get(i, j));
  });
  return { values: order.map(([v]) => v), Q };
}
