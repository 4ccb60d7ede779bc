import type { AnyMatrix } from '../../gpu/index.js';

/** ‖A − B‖_F (B optionally transposed), accumulated in f64. */
export function frobeniusDiff(A: AnyMatrix, B: AnyMatrix, transposeB = false): number {
  let s = 0;
  const n = A.cols;
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < n; j++) {
      const b = transposeB ? B.data[j * B.cols + i] : B.data[i * n + j];
      const d = A.data[i * n + j] - b;
      s += d * d;
    }
  return Math.sqrt(s);
}

export function frobenius(A: AnyMatrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i] * A.data[i];
  return Math.sqrt(s);
}

/** ‖A − I‖_F for square A. */
export function distanceToIdentity(A: AnyMatrix): number {
  let s = 0;
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < A.cols; j++) {
      const d = A.data[i * A.cols + j] - (i === j ? 1 : 0);
      s += d * d;
    }
  return Math.sqrt(s);
}

/** ⟨A, B⟩_F in f64. */
export function frobeniusInnerFlat(A: AnyMatrix, B: AnyMatrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i] * B.data[i];
  return s;
}

export function transposeF64(A: AnyMatrix): { rows: number; cols: number; data: Float64Array } {
  const out = new Float64Array(A.rows * A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out[j * A.rows + i] = A.data[i * A.cols + j];
  return { rows: A.cols, cols: A.rows, data: out };
}
