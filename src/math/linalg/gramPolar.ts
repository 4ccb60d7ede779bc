import { Matrix } from 'ml-matrix';
import { invSqrtmSym, pinvSqrtmSym } from './symmetricFunction.js';

/**
 * The "left-whitened" form (GGᵀ)^{-1/2}G. Exists only when GGᵀ is invertible, i.e. G has full row
 * rank (m ≤ n); otherwise throws SingularMatrixError. Its error grows like u·κ(G)², since it goes
 * through the Gram matrix.
 */
export function leftGramPolar(G: Matrix): Matrix {
  return invSqrtmSym(G.mmul(G.transpose())).mmul(G);
}

/** The "right-whitened" form G(GᵀG)^{-1/2}; needs full column rank (m ≥ n). */
export function rightGramPolar(G: Matrix): Matrix {
  return G.mmul(invSqrtmSym(G.transpose().mmul(G)));
}

/** (GGᵀ)^{+1/2}G with the Moore–Penrose pseudo-inverse root: defined for every G. */
export function pinvLeftGramPolar(G: Matrix): Matrix {
  return pinvSqrtmSym(G.mmul(G.transpose())).mmul(G);
}
