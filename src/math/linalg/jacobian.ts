import { Matrix } from 'ml-matrix';
import { frobeniusNorm } from './norms.js';

/** E_ij: the unit matrix with a single 1 at (i, j). */
export function unitMatrix(rows: number, cols: number, i: number, j: number): Matrix {
  const E = Matrix.zeros(rows, cols);
  E.set(i, j, 1);
  return E;
}

/**
 * The Jacobian of a matrix map F: ℝ^{m×n} → ℝ^{m×n} in the basis E_ij (row-major vec), column
 * (i·n + j) = DF(G)[E_ij], by central differences or by a supplied directional derivative.
 */
export function jacobianMatrix(G: Matrix, directional: (E: Matrix) => Matrix): Matrix {
  const m = G.rows,
    n = G.columns,
    N = m * n;
  const J = new Matrix(N, N);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const D = directional(unitMatrix(m, n, i, j));
      for (let p = 0; p < m; p++) for (let q = 0; q < n; q++) J.set(p * n + q, i * n + j, D.get(p, q));
    }
  return J;
}

export function centralDifference(F: (G: Matrix) => Matrix, G: Matrix, h: number): (E: Matrix) => Matrix {
  return (E) =>
    F(G.clone().add(E.clone().mul(h)))
      .sub(F(G.clone().sub(E.clone().mul(h))))
      .mul(1 / (2 * h));
}

/** ‖J − Jᵀ‖_F / ‖J‖_F: zero exactly when the Jacobian is symmetric (F is locally a gradient field). */
export function skewRatio(J: Matrix): number {
  return frobeniusNorm(J.clone().sub(J.transpose())) / frobeniusNorm(J);
}
