import { Matrix } from 'ml-matrix';

/**
 * A random test matrix together with what is known about it. Integer cases are what shrinking
 * aims for (a person can redo them by hand); spectral cases G = U·diag(σ)·Vᵀ carry their exact
 * singular values and condition number, so tolerances can be stated from them.
 */
export interface MatrixCase {
  kind: 'integer' | 'spectral';
  rows: number;
  cols: number;
  entries: number[][];
  /** Exact singular values (spectral cases), descending, zeros included for rank-deficient ones. */
  sigma?: number[];
  /** σ_max/σ_min over the non-zero singular values (spectral cases). */
  kappa?: number;
  seed?: number;
}

export function toMatrix(c: MatrixCase): Matrix {
  return new Matrix(c.entries);
}

const round = (x: number) => +x.toPrecision(6);

/** What the report prints: integers verbatim; spectral cases with their spectrum and rounded entries. */
export function showMatrixCase(c: MatrixCase): unknown {
  if (c.kind === 'integer') return { shape: `${c.rows}x${c.cols}`, G: c.entries };
  return {
    shape: `${c.rows}x${c.cols}`,
    kappa: c.kappa,
    sigma: c.sigma?.map(round),
    seed: c.seed,
    G: c.entries.map((r) => r.map(round)),
  };
}

export const sizeOf = (c: MatrixCase): [number, number] => [c.rows, c.cols];
