/**
 * Polar factor and singular values through ml-matrix's f64 SVD: an
 * independent route to check the
 * iterations against (ml-matrix ports JAMA's Golub–Kahan–Reinsch SVD).
 * Slow (~3–4 s at n = 512), so tests use it at n ≤ 128.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { AnyMatrix, F64Matrix } from '../f32Matrix.js';

function toMl(A: AnyMatrix): Matrix {
  const M = new Matrix(A.rows, A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) M.set(i, j, A.data[i * A.cols + j]!);
  return M;
}

export function svdF64(A: AnyMatrix): { U: Matrix; s: number[]; V: Matrix } {
  const svd = new SingularValueDecomposition(toMl(A), { autoTranspose: true });
  return { U: svd.leftSingularVectors, s: svd.diagonal, V: svd.rightSingularVectors };
}

export function singularValuesF64(A: AnyMatrix): number[] {
  return svdF64(A).s.slice(0, Math.min(A.rows, A.cols));
}

/** U Vᵀ from the thin SVD (the polar factor for full-rank A). */
export function polarFactorSvdF64(A: AnyMatrix): F64Matrix {
  const { U, V } = svdF64(A);
  const r = Math.min(A.rows, A.cols);
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) {
    for (let j = 0; j < A.cols; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += U.get(i, k) * V.get(j, k);
      out[i * A.cols + j] = s;
    }
  }
  return { rows: A.rows, cols: A.cols, data: out };
}
