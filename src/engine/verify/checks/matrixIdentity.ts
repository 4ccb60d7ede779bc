import type { Matrix } from 'ml-matrix';
import { SingularMatrixError } from '../../../math/linalg/symmetricFunction.js';
import { frobeniusNorm } from '../../../math/linalg/norms.js';
import type { Tolerance } from '../tolerance.js';
import type { Measurement } from './measurement.js';

/**
 * Relative residual ‖lhs − rhs‖_F / max(‖rhs‖_F, tiny) against `tolerance` (a bound with its reason,
 * from src/engine/verify/tolerance.ts: relative, f64Bound, …). When a side needs an inverse that does
 * not exist (SingularMatrixError), the identity is refuted at this input: the residual is ∞ (the
 * documented `infinite` of a Measurement) and the reason says which eigenvalue vanished. A non-finite
 * bound is rejected by the check that judges the measurement.
 */
export function matrixResidual(lhs: () => Matrix, rhs: () => Matrix, tolerance: Tolerance): Measurement {
  let L: Matrix, R: Matrix;
  try {
    L = lhs();
    R = rhs();
  } catch (e) {
    if (e instanceof SingularMatrixError) {
      const reason = e.message || 'a needed inverse does not exist (singular matrix)';
      return { value: Infinity, tolerance, infinite: reason, detail: { reason } };
    }
    throw e;
  }
  if (L.rows !== R.rows || L.columns !== R.columns) {
    const reason = `shapes differ: ${L.rows}×${L.columns} vs ${R.rows}×${R.columns}`;
    return { value: Infinity, tolerance, infinite: reason, detail: { reason } };
  }
  const scale = Math.max(frobeniusNorm(R), Number.MIN_VALUE);
  const value = frobeniusNorm(L.clone().sub(R)) / scale;
  return { value, tolerance, detail: { relativeResidual: value } };
}
