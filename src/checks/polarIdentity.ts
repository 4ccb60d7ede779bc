import type { Matrix } from 'ml-matrix';
import { matrices, type MatrixOptions } from '../random/matrices.js';
import { showMatrixCase, sizeOf, toMatrix, type MatrixCase } from '../random/matrixCase.js';
import { polarFactor } from '../math/linalg/polarFactor.js';
import { thinSvd, type ThinSvd } from '../math/linalg/thinSvd.js';
import type { Check, StepCheck } from '../engine/verify/types.js';
import { step } from '../engine/verify/checks/compute.js';
import { forAll } from '../engine/verify/checks/forAll.js';
import { matrixResidual } from '../engine/verify/checks/matrixIdentity.js';
import { relative, tolerance, type Tolerance } from '../engine/verify/tolerance.js';

/**
 * Shared machinery for the claims that equate Ortho(G) with a Gram-matrix formula
 * ((GGᵀ)^{-1/2}G, G(GᵀG)^{-1/2}, H^{-1/2}G, …): the arbitrary, the tolerance and the check.
 */

/** Full-rank matrices up to 4×4: integer cases then keep κ(G)² ≤ ~1e9, far from the eigensolver's singularity threshold. */
export const fullRankMatrices = (shape: MatrixOptions['shape']) =>
  matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, shape, rank: 'full', maxLogKappa: 3 });

/** Going through a Gram matrix squares the condition number: 30·max(m,n)·u64·κ(G)². */
export function gramRouteTolerance(G: Matrix): Tolerance {
  const s = thinSvd(G).s;
  const t = relative({
    n: Math.max(G.rows, G.columns),
    nName: 'max(m,n)',
    growth: (s[0] / s[s.length - 1]) ** 2,
    growthName: 'κ(G)²',
  });
  return tolerance(t.bound, `the Gram route (GGᵀ or GᵀG) squares the condition number: ${t.reason}`);
}

/** formula(G) = Ortho(G) = UVᵀ for every full-rank G of the given shape; a missing inverse refutes it (∞). */
export function polarIdentityCheck(
  name: string,
  shape: MatrixOptions['shape'],
  formula: (G: Matrix) => Matrix,
  numRuns = 150,
): Check {
  return forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: fullRankMatrices(shape),
    numRuns,
    size: sizeOf,
    show: showMatrixCase,
    measure: (c: MatrixCase) => {
      const G = toMatrix(c);
      return matrixResidual(
        () => formula(G),
        () => polarFactor(G),
        gramRouteTolerance(G),
      );
    },
  });
}

/** A derivation step lhs = rhs written in terms of G and its thin SVD, on full-rank G of every shape. */
export function svdStepCheck(
  name: string,
  lhs: (G: Matrix, svd: ThinSvd) => Matrix,
  rhs: (G: Matrix, svd: ThinSvd) => Matrix,
): StepCheck {
  return step(
    'numeric',
    forAll({
      name,
      backend: 'ml-matrix-f64',
      arbitrary: fullRankMatrices('any'),
      numRuns: 100,
      size: sizeOf,
      show: showMatrixCase,
      measure: (c: MatrixCase) => {
        const G = toMatrix(c);
        const svd = thinSvd(G);
        return matrixResidual(
          () => lhs(G, svd),
          () => rhs(G, svd),
          gramRouteTolerance(G),
        );
      },
    }),
  );
}
