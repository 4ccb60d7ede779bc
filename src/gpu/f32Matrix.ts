/**
 * Dense row-major matrices at the two precisions this tier deals in.
 *
 * F32Matrix is what the kernels consume and produce (gpu.js computes in IEEE
 * binary32 only); F64Matrix is what the references and the rest of the suite
 * speak. Keeping both as flat typed arrays makes conversions O(rows·cols)
 * copies with no per-entry allocation, and lets the f64 references use
 * cache-friendly index arithmetic.
 */
export interface F32Matrix {
  rows: number;
  cols: number;
  data: Float32Array;
}

export interface F64Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export type AnyMatrix = F32Matrix | F64Matrix;

function assertShape(rows: number, cols: number, length: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new RangeError(`matrix shape must be positive integers, got ${rows}×${cols}`);
  }
  if (length !== rows * cols) {
    throw new RangeError(`matrix data has ${length} entries, shape ${rows}×${cols} needs ${rows * cols}`);
  }
}

export function f32Matrix(rows: number, cols: number, data?: Float32Array): F32Matrix {
  const d = data ?? new Float32Array(rows * cols);
  assertShape(rows, cols, d.length);
  return { rows, cols, data: d };
}

export function f64Matrix(rows: number, cols: number, data?: Float64Array): F64Matrix {
  const d = data ?? new Float64Array(rows * cols);
  assertShape(rows, cols, d.length);
  return { rows, cols, data: d };
}

/** Round every entry to the nearest binary32 (the only rounding on the way in). */
export function toF32(m: AnyMatrix): F32Matrix {
  assertShape(m.rows, m.cols, m.data.length);
  return { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) };
}

/** Exact widening: every binary32 is a binary64, so this loses nothing. */
export function toF64(m: AnyMatrix): F64Matrix {
  assertShape(m.rows, m.cols, m.data.length);
  return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
}

/**
 * The input shape gpu.js wants for 2-D arguments: an array of row views.
 * subarray() shares the buffer, so this allocates rows small objects and
 * copies nothing; the backend flattens it into its own memory anyway.
 */
export function f32RowViews(m: F32Matrix): Float32Array[] {
  const out = new Array<Float32Array>(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = m.data.subarray(i * m.cols, (i + 1) * m.cols);
  return out;
}

/**
 * Collects kernel output rows (gpu.js returns one Float32Array per row, often
 * views over a single buffer) into one contiguous row-major matrix.
 */
export function fromF32Rows(rows: ArrayLike<ArrayLike<number>>, nRows: number, nCols: number): F32Matrix {
  if (rows.length !== nRows) throw new RangeError(`kernel returned ${rows.length} rows, expected ${nRows}`);
  const data = new Float32Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    const r = rows[i]!;
    if (r.length !== nCols) throw new RangeError(`kernel row ${i} has ${r.length} entries, expected ${nCols}`);
    if (r instanceof Float32Array) data.set(r, i * nCols);
    else for (let j = 0; j < nCols; j++) data[i * nCols + j] = r[j]!;
  }
  return { rows: nRows, cols: nCols, data };
}

export function sameShape(a: AnyMatrix, b: AnyMatrix): boolean {
  return a.rows === b.rows && a.cols === b.cols;
}

export function assertSameShape(op: string, a: AnyMatrix, b: AnyMatrix): void {
  if (!sameShape(a, b)) throw new RangeError(`${op}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} differ`);
}

export function identityF64(n: number): F64Matrix {
  const m = f64Matrix(n, n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}
