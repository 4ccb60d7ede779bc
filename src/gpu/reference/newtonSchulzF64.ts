/**
 * binary64 twin of newtonSchulz: same orientation, same normalisation, same
 * step formula and operation order, on flat Float64Arrays.
 */
import type { AnyMatrix, F64Matrix } from '../f32Matrix.js';
import { coefficientsAt, defaultSteps, type PolarCoefficients, type PolarSchedule } from '../polarCoefficients.js';
import { frobeniusNormF64, gramAAtF64, matmulF64, scaledAddF64, transposeF64 } from './linearF64.js';

/** One f64 step's intermediates (same fields as the f32 PolarStepTrace), for bounding the reference's own error. */
export interface PolarStepTraceF64 {
  coefficients: PolarCoefficients;
  X: F64Matrix;
  A: F64Matrix;
  A2?: F64Matrix;
  P?: F64Matrix;
  Y: F64Matrix;
  next: F64Matrix;
}

export function newtonSchulzF64(
  G: AnyMatrix,
  coefficients: PolarSchedule,
  steps: number = defaultSteps(coefficients),
  onStep?: (trace: PolarStepTraceF64) => void,
): F64Matrix {
  const tall = G.rows > G.cols;
  const W: F64Matrix = tall ? transposeF64(G) : { rows: G.rows, cols: G.cols, data: Float64Array.from(G.data) };
  const norm = frobeniusNormF64(W);
  let X: F64Matrix = { rows: W.rows, cols: W.cols, data: W.data.map((v) => (norm > 0 ? v / norm : 0)) };
  if (norm > 0) {
    for (let k = 0; k < steps; k++) {
      const coeffs = coefficientsAt(coefficients, k);
      const [a, b, c] = coeffs;
      const A = gramAAtF64(X);
      if (c === 0) {
        const Y = matmulF64(A, X);
        const next = scaledAddF64(a, X, b, Y);
        onStep?.({ coefficients: coeffs, X, A, Y, next });
        X = next;
      } else {
        const A2 = matmulF64(A, A);
        const P = scaledAddF64(b, A, c, A2);
        const Y = matmulF64(P, X);
        const next = scaledAddF64(a, X, 1, Y);
        onStep?.({ coefficients: coeffs, X, A, A2, P, Y, next });
        X = next;
      }
    }
  }
  return tall ? transposeF64(X) : X;
}
