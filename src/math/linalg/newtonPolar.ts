import { Matrix, inverse } from 'ml-matrix';
import { frobeniusNorm } from './norms.js';
import { U64 } from '../roundoff.js';

/**
 * Newton's iteration for the polar factor (Higham, Functions of Matrices, §8.3), in two algebraically
 * equal forms for full-column-rank X:
 *  - 'gram':    Φ(X) = ½X(I + (XᵀX)^{-1})  — as the note writes it; forming XᵀX squares κ, so in f64
 *               it is only faithful while κ(X)² ≪ 1/u;
 *  - 'inverse': Φ(X) = ½(X + X^{-T})        — Higham's form for square X; error ∝ u·κ.
 */
export type NewtonForm = 'gram' | 'inverse';

export function newtonPolarStep(X: Matrix, form: NewtonForm): Matrix {
  if (form === 'inverse') {
    if (X.rows !== X.columns) throw new Error('the X^{-T} form needs a square X');
    return X.clone().add(inverse(X).transpose()).mul(0.5);
  }
  const gramInv = inverse(X.transpose().mmul(X));
  return X.mmul(Matrix.eye(X.columns).add(gramInv)).mul(0.5);
}

export interface NewtonRun {
  /** X_0 = G/‖G‖_F, X_1, …, X_K. */
  iterates: Matrix[];
  /** K: steps taken until ‖X_{k+1} − X_k‖_F ≤ stopTol (or maxSteps). */
  steps: number;
  converged: boolean;
}

/** Iterates from X_0 = G/‖G‖_F until successive iterates agree to stopTol (default 4·n·u64·√n). */
export function newtonPolar(
  G: Matrix,
  form: NewtonForm,
  maxSteps = 100,
  stopTol = 4 * G.columns * Math.sqrt(G.columns) * U64,
): NewtonRun {
  const iterates = [G.clone().mul(1 / frobeniusNorm(G))];
  for (let k = 0; k < maxSteps; k++) {
    const X = iterates[iterates.length - 1];
    const next = newtonPolarStep(X, form);
    iterates.push(next);
    if (frobeniusNorm(next.clone().sub(X)) <= stopTol) return { iterates, steps: k + 1, converged: true };
  }
  return { iterates, steps: maxSteps, converged: false };
}
