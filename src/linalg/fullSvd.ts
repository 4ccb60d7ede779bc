import { Matrix } from 'ml-matrix';
import { thinSvd } from './thinSvd.js';

/**
 * Completes Q (m×r, orthonormal columns) to an m×m orthogonal matrix by Gram–Schmidt on the
 * standard basis vectors, done twice ("twice is enough", Giraud et al. 2005) so the completion is
 * orthogonal to O(u64) even when a basis vector is nearly in span(Q); a candidate whose residual
 * is below 1/2 is skipped, so the kept ones are well conditioned.
 */
export function completeOrthonormalBasis(Q: Matrix): Matrix {
  const m = Q.rows;
  const cols: number[][] = [];
  for (let j = 0; j < Q.columns; j++) cols.push(Q.getColumn(j));
  for (let e = 0; e < m && cols.length < m; e++) {
    const v = Array.from({ length: m }, (_, i) => (i === e ? 1 : 0));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of cols) {
        let d = 0;
        for (let i = 0; i < m; i++) d += q[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= d * q[i];
      }
    }
    const norm = Math.hypot(...v);
    if (norm < 0.5) continue;
    cols.push(v.map((x) => x / norm));
  }
  const out = new Matrix(m, m);
  cols.forEach((c, j) => c.forEach((x, i) => out.set(i, j, x)));
  return out;
}

export interface FullSvd {
  /** m×m orthogonal. */
  U: Matrix;
  /** m×n, σ on the diagonal, descending. */
  S: Matrix;
  /** n×n orthogonal. */
  V: Matrix;
  s: number[];
}

/** Full SVD A = U S Vᵀ with square orthogonal U, V (the form Facts 2–3 of the document assume). */
export function fullSvd(A: Matrix): FullSvd {
  const t = thinSvd(A);
  const S = new Matrix(A.rows, A.columns);
  t.s.forEach((x, i) => S.set(i, i, x));
  return { U: completeOrthonormalBasis(t.U), S, V: completeOrthonormalBasis(t.V), s: t.s };
}
