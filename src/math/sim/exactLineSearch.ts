import type { Matrix } from 'ml-matrix';
import { frobeniusInner } from '../linalg/norms.js';

/**
 * Exact line search for L(W) = ½⟨W, AW⟩ along a direction D with gradient G = AW:
 * L(W − ηD) = L(W) − η⟨G, D⟩ + ½η²⟨D, AD⟩ is minimised at η* = ⟨G, D⟩/⟨D, AD⟩,
 * and the decrease there is ⟨G, D⟩² / (2⟨D, AD⟩). AD is passed in so callers reuse products.
 */
export function exactLineSearch(G: Matrix, D: Matrix, AD: Matrix): { eta: number; decrease: number } {
  const gd = frobeniusInner(G, D);
  const dad = frobeniusInner(D, AD);
  return { eta: gd / dad, decrease: (gd * gd) / (2 * dad) };
}
