/**
 * binary64 twin of newtonSchulz: same orientation, same normalisation, same
 * step formula and operation order, on flat Float64Arrays.
 */
import type { AnyMatrix, F64Matrix } from '../f32Matrix.js';
import { coefficientsAt, defaultSteps, type PolarSchedule } from '../polarCoefficients.js';
import { frobeniusNormF64, gramAAtF64, matmulF64, scaledAddF64, transposeF64 } from './linearF64.js';

export function newtonSchulzF64(G: AnyMatrix, coefficients: PolarSchedule, steps: number = defaultSteps(coefficients)): F64Matrix {
  const tall = G.rows > G.cols;
  const W: F64Matrix = tall ? transposeF64(G) : { rows: G.rows, cols: G.cols, data: Float64Array.from(G.data) };
  const norm = frobeniusNormF64(W);
  let X: F64Matrix = { rows: W.rows, cols: W.cols, data: W.data.map((v) => (norm > 0 ? v / norm : 0)) };
  if (norm > 0) {
    for (let k = 0; k < steps; k++) {
      const [a, b, c] = coefficientsAt(coefficients, k);
      const A = gramAAtF64(X);
      if (c === 0) {
        X = scaledAddF64(a, X, b, matmulF64(A, X));
      } else {
        const P = scaledAddF64(b, A, c, matmulF64(A, A));
        X = scaledAddF64(a, X, 1, matmulF64(P, X));
      }
    }
  }
  return tall ? transposeF64(X) : X;
}
