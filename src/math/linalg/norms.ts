import { Matrix } from 'ml-matrix';
import { singularValues } from './thinSvd.js';

/** ⟨A, B⟩_F = tr(AᵀB). */
export function frobeniusInner(A: Matrix, B: Matrix): number {
  if (A.rows !== B.rows || A.columns !== B.columns)
    throw new Error(`shape mismatch ${A.rows}×${A.columns} vs ${B.rows}×${B.columns}`);
  let s = 0;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) s += A.get(i, j) * B.get(i, j);
  return s;
}

export function frobeniusNorm(A: Matrix): number {
  return Math.sqrt(frobeniusInner(A, A));
}

export function spectralNorm(A: Matrix): number {
  return singularValues(A)[0] ?? 0;
}

export function nuclearNorm(A: Matrix): number {
  return singularValues(A).reduce((a, b) => a + b, 0);
}

/** ‖A − B‖_F. */
export function frobeniusDistance(A: Matrix, B: Matrix): number {
  return frobeniusNorm(A.clone().sub(B));
}
