import { Matrix } from 'ml-matrix';
import { thinSvd } from './thinSvd.js';

/**
 * Ortho(G) = UVᵀ from the thin SVD G = USVᵀ: the orthogonal polar factor, i.e. the nearest
 * matrix with orthonormal rows or columns. Defined uniquely when G has full rank.
 */
export function polarFactor(G: Matrix): Matrix {
  const { U, V } = thinSvd(G);
  return U.mmul(V.transpose());
}
