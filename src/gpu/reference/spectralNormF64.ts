/** binary64 power iteration with the same start vector and step count as spectralNormPower. */
import type { AnyMatrix } from '../f32Matrix.js';
import { powerStartVector } from '../spectralNorm.js';

function matvec(A: AnyMatrix, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) {
    let s = 0;
    for (let j = 0; j < A.cols; j++) s += A.data[i * A.cols + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

function matTvec(A: AnyMatrix, u: ArrayLike<number>): Float64Array {
  const out = new Float64Array(A.cols);
  for (let i = 0; i < A.rows; i++) {
    const ui = u[i]!;
    for (let j = 0; j < A.cols; j++) out[j]! += A.data[i * A.cols + j]! * ui;
  }
  return out;
}

function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

export function spectralNormPowerF64(A: AnyMatrix, iters: number, seed = 1): { sigma: number; v: Float64Array } {
  let v = powerStartVector(A.cols, seed);
  for (let k = 0; k < iters; k++) {
    const w = matTvec(A, matvec(A, v));
    const n = norm2(w);
    if (n === 0) break;
    v = w.map((x) => x / n);
  }
  return { sigma: norm2(matvec(A, v)), v };
}
