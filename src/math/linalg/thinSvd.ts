import { Matrix, SingularValueDecomposition } from 'ml-matrix';

export interface ThinSvd {
  /** m×r with orthonormal columns, r = min(m, n). */
  U: Matrix;
  /** Singular values, descending. */
  s: number[];
  /** n×r with orthonormal columns. */
  V: Matrix;
}

/**
 * Thin SVD on ml-matrix. ml-matrix needs `autoTranspose` for wide inputs and returns signs and
 * order arbitrarily, so callers should compare invariants (UVᵀ, σ, projectors), never U or V.
 */
export function thinSvd(G: Matrix): ThinSvd {
  const svd = new SingularValueDecomposition(G, {
    autoTranspose: true,
    computeLeftSingularVectors: true,
    computeRightSingularVectors: true,
  });
  const r = Math.min(G.rows, G.columns);
  const order = svd.diagonal
    .map((s, i) => [s, i] as const)
    .sort((a, b) => b[0] - a[0])
    .slice(0, r)
    .map(([, i]) => i);
  const pick = (M: Matrix, rows: number) => {
    const out = new Matrix(rows, r);
    order.forEach((j, c) => {
      for (let i = 0; i < rows; i++) out.set(i, c, M.get(i, j));
    });
    return out;
  };
  return {
    U: pick(svd.leftSingularVectors, G.rows),
    s: order.map((i) => svd.diagonal[i]),
    V: pick(svd.rightSingularVectors, G.columns),
  };
}

export function singularValues(G: Matrix): number[] {
  return thinSvd(G).s;
}

/** Numerical rank with LAPACK's default threshold max(m, n)·u·σ_max. */
export function numericalRank(G: Matrix): number {
  const s = singularValues(G);
  const tol = Math.max(G.rows, G.columns) * 2 ** -52 * (s[0] ?? 0);
  return s.filter((x) => x > tol).length;
}

export function conditionNumber(G: Matrix): number {
  const s = singularValues(G);
  return s[0] / s[s.length - 1];
}
