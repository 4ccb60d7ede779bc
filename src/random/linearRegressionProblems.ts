import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { matrices, type MatrixOptions } from './matrices.js';
import { showMatrixCase, type MatrixCase } from './matrixCase.js';

/**
 * A multi-output least-squares problem L(W) = ‖Y − XW‖²: features X (N×d, from `matrices`, so integer
 * cases are the shrink target), weights W (d×D) and targets Y (N×D) with small integer entries.
 */
export interface RegressionProblem {
  X: MatrixCase;
  W: number[][];
  Y: number[][];
}

const intMatrix = (rows: number, cols: number, range = 3) =>
  fc.array(fc.array(fc.integer({ min: -range, max: range }), { minLength: cols, maxLength: cols }), {
    minLength: rows,
    maxLength: rows,
  });

export function regressionProblems(
  o: {
    N?: { min: number; max: number };
    d?: { min: number; max: number };
    D?: { min: number; max: number };
    shape?: MatrixOptions['shape'];
    rank?: MatrixOptions['rank'];
  } = {},
): fc.Arbitrary<RegressionProblem> {
  return matrices({
    rows: o.N ?? { min: 1, max: 4 },
    cols: o.d ?? { min: 1, max: 3 },
    shape: o.shape,
    rank: o.rank ?? 'any',
    maxLogKappa: 2,
  }).chain((X) =>
    fc
      .integer(o.D ?? { min: 1, max: 3 })
      .chain((D) => fc.record({ X: fc.constant(X), W: intMatrix(X.cols, D), Y: intMatrix(X.rows, D) })),
  );
}

export const showProblem = (p: RegressionProblem) => ({ X: showMatrixCase(p.X), W: p.W, Y: p.Y });
export const problemSize = (p: RegressionProblem): [number, number] => [p.X.rows, p.X.cols];
export const asMatrices = (p: RegressionProblem) => ({
  X: new Matrix(p.X.entries),
  W: new Matrix(p.W),
  Y: new Matrix(p.Y),
});
