import type { Matrix } from 'ml-matrix';
import { SingularMatrixError } from '../../linalg/symmetricFunction.js';
import { frobeniusNorm } from '../../linalg/norms.js';
import type { Measurement } from './measurement.js';

/**
 * Relative residual ‖lhs − rhs‖_F / max(‖rhs‖_F, tiny) against `bound`. When a side needs an
 * inverse that does not exist (SingularMatrixError), the identity is refuted at this input:
 * the residual is ∞ and the detail says which eigenvalue vanished.
 */
export function matrixResidual(lhs: () => Matrix, rhs: () => Matrix, bound: number): Measurement {
  let L: Matrix, R: Matrix;
  try {
    L = lhs();
    R = rhs();
  } catch (e) {
    if (e instanceof SingularMatrixError) {
      return { value: Infinity, bound, detail: { reason: e.message } };
    }
    throw e;
  }
  if (L.rows !== R.rows || L.columns !== R.columns) {
    return { value: Infinity, bound, detail: { reason: `shapes differ: ${L.rows}×${L.columns} vs ${R.rows}×${R.columns}` } };
  }
  const scale = Math.max(frobeniusNorm(R), Number.MIN_VALUE);
  const value = frobeniusNorm(L.clone().sub(R)) / scale;
  return { value, bound, detail: { relativeResidual: value } };
}
