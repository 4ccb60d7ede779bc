import { Matrix } from 'ml-matrix';
import { thinSvd } from './thinSvd.js';

/**
 * Completes Q (m×r, orthonormal columns) to an m×m orthogonal matrix. Each new column is the
 * standard basis vector whose residual after projecting out the current columns is LARGEST (its
 * norm is ≥ √((m − k)/m) ≥ 1/√m when k columns are kept, since the residual norms² of all m basis
 * vectors sum to m − k), orthogonalised by Gram–Schmidt twice ("twice is enough", Giraud et al.
 * 2005), so the completion is orthogonal to O(u64). A fixed cut-off (keep a candidate only if its
 * residual ≥ ½) used to skip every candidate for some Q and leave zero columns.
 */
export function completeOrthonormalBasis(Q: Matrix): Matrix {
  const m = Q.rows;
  const cols: number[][] = [];
  for (let j = 0; j < Q.columns; j++) cols.push(Q.getColumn(j));
  const residual = (e: number) => {
    const v = Array.from({ length: m }, (_, i) => (i === e ? 1 : 0));
    for (let pass = 0; pass < 2; pass++) {
      for (const q of cols) {
        let d = 0;
        for (let i = 0; i < m; i++) d += q[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= d * q[i];
      }
    }
    return v;
  };
  while (cols.length < m) {
    let best: number[] | null = null,
      bestNorm = -1;
    for (let e = 0; e < m; e++) {
      const v = residual(e);
      const norm = Math.hypot(...v);
      if (norm > bestNorm) {
        best = v;
        bestNorm = norm;
      }
    }
    // bestNorm ≥ 1/√m > 0 by the counting argument above; anything smaller means Q was not orthonormal.
    if (!best || !(bestNorm * Math.sqrt(m) >= 0.5))
      throw new Error(`completeOrthonormalBasis: the columns given are not orthonormal (best residual ${bestNorm})`);
    cols.push(best.map((x) => x / bestNorm));
  }
  const out = new Matrix(m, m);
  cols.forEach((c, j) => c.forEach((x, i) => out.set(i, j, x)));
  if (out.columns !== m) throw new Error('completeOrthonormalBasis: internal: wrong column count');
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
