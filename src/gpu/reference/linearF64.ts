/**
 * binary64 references on flat row-major arrays, independent of gpu.js and of
 * any other linear-algebra package, so a cross-check never compares a
 * library with itself.
 */
import { assertSameShape, f64Matrix, type AnyMatrix, type F64Matrix } from '../f32Matrix.js';

/**
 * C = A·B with i-k-j loop order: the innermost loop streams a row of B and a
 * row of C contiguously (the naive i-j-k order strides down B's columns and
 * is several times slower in JS at n ≥ 512). Summation order per entry is
 * still k = 0..K−1, so the f64 error is γ_K^{(64)} |A||B|.
 */
export function matmulF64(A: AnyMatrix, B: AnyMatrix): F64Matrix {
  if (A.cols !== B.rows) throw new RangeError(`matmulF64: ${A.rows}×${A.cols} · ${B.rows}×${B.cols}`);
  const m = A.rows;
  const K = A.cols;
  const n = B.cols;
  const a = A.data;
  const b = B.data;
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let k = 0; k < K; k++) {
      const aik = a[i * K + k]!;
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) c[ci + j]! += aik * b[bk + j]!;
    }
  }
  return { rows: m, cols: n, data: c };
}

export function transposeF64(A: AnyMatrix): F64Matrix {
  const out = f64Matrix(A.cols, A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out.data[j * A.rows + i] = A.data[i * A.cols + j]!;
  return out;
}

export function gramAtAF64(A: AnyMatrix): F64Matrix {
  return matmulF64(transposeF64(A), A);
}

export function gramAAtF64(A: AnyMatrix): F64Matrix {
  return matmulF64(A, transposeF64(A));
}

export function scaledAddF64(alpha: number, A: AnyMatrix, beta: number, B: AnyMatrix): F64Matrix {
  assertSameShape('scaledAddF64', A, B);
  const out = f64Matrix(A.rows, A.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = alpha * A.data[i]! + beta * B.data[i]!;
  return out;
}

export function sumOfSquaresF64(A: AnyMatrix): number {
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i]! * A.data[i]!;
  return s;
}

export function frobeniusNormF64(A: AnyMatrix): number {
  return Math.sqrt(sumOfSquaresF64(A));
}

export function maxAbsF64(A: AnyMatrix): number {
  let m = 0;
  for (let i = 0; i < A.data.length; i++) {
    const v = Math.abs(A.data[i]!);
    if (Number.isNaN(v)) return NaN;
    if (v > m) m = v;
  }
  return m;
}

/** Entrywise |A| (for the elementwise Higham bound |A||B|). */
export function absF64(A: AnyMatrix): F64Matrix {
  const out = f64Matrix(A.rows, A.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = Math.abs(A.data[i]!);
  return out;
}

/** Euclidean norms of the rows of A. */
export function rowNormsF64(A: AnyMatrix): Float64Array {
  const out = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += A.data[i * A.cols + j]! ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** Euclidean norms of the columns of A. */
export function colNormsF64(A: AnyMatrix): Float64Array {
  const sq = new Float64Array(A.cols);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) sq[j]! += A.data[i * A.cols + j]! ** 2;
  for (let j = 0; j < A.cols; j++) sq[j] = Math.sqrt(sq[j]!);
  return sq;
}
