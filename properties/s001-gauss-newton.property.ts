import { Matrix } from 'ml-matrix';
import { verifyClaim } from '../src/verify/verifyClaim.js';
import { forAll } from '../src/verify/checks/forAll.js';
import { step } from '../src/verify/checks/compute.js';
import { matrixResidual } from '../src/verify/checks/matrixIdentity.js';
import { f64Bound } from '../src/verify/tolerance.js';
import { matrices, type MatrixOptions } from '../src/arbitraries/matrices.js';
import { showMatrixCase, sizeOf, toMatrix, type MatrixCase } from '../src/arbitraries/matrixCase.js';
import { thinSvd, type ThinSvd } from '../src/linalg/thinSvd.js';
import { polarFactor } from '../src/linalg/polarFactor.js';
import { leftGramPolar, pinvLeftGramPolar, rightGramPolar } from '../src/linalg/gramPolar.js';
import { invSqrtmSym } from '../src/linalg/symmetricFunction.js';
import { polarRelationAtScaleCheck } from '../src/atScale/polarRelationAtScale.js';

// Integer cases up to 4×4 keep κ(G)² ≤ ~1e9, far from the eigensolver's singularity threshold.
const fullRank = (shape: MatrixOptions['shape']) => matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, shape, rank: 'full', maxLogKappa: 3 });

/** H = GGᵀ squares the condition number, so the residual bound is ∝ u·κ(G)². */
function gramBound(G: Matrix): number {
  const s = thinSvd(G).s;
  const kappa = s[0] / s[s.length - 1];
  return f64Bound(Math.max(G.rows, G.columns), kappa * kappa, 'κ(G)²').bound;
}
const GRAM_REASON = f64Bound(1, 1, 'κ(G)²').reason.replace('n ×', 'max(m,n) ×');

const H = (G: Matrix) => G.mmul(G.transpose());
const diag = (s: number[], p: (x: number) => number) => Matrix.diag(s.map(p));

function equivalence(name: string, shape: MatrixOptions['shape'], lhs: (G: Matrix) => Matrix) {
  return forAll({
    name, backend: 'ml-matrix-f64', arbitrary: fullRank(shape), numRuns: 150,
    size: sizeOf, show: showMatrixCase, toleranceReason: GRAM_REASON,
    measure: (c: MatrixCase) => {
      const G = toMatrix(c);
      return matrixResidual(() => lhs(G), () => polarFactor(G), gramBound(G));
    },
  });
}

function stepCheck(name: string, lhs: (G: Matrix, svd: ThinSvd) => Matrix, rhs: (G: Matrix, svd: ThinSvd) => Matrix) {
  return step('numeric', forAll({
    name, backend: 'ml-matrix-f64', arbitrary: fullRank('any'), numRuns: 100, size: sizeOf, show: showMatrixCase, toleranceReason: GRAM_REASON,
    measure: (c: MatrixCase) => {
      const G = toMatrix(c);
      const svd = thinSvd(G);
      return matrixResidual(() => lhs(G, svd), () => rhs(G, svd), gramBound(G));
    },
  }));
}

verifyClaim(import.meta.url, {
  checks: [
    equivalence('H^{-1/2}G = Ortho(G) with H = GGᵀ, every shape', 'any', leftGramPolar),
    polarRelationAtScaleCheck('H^{-1/2}G = Ortho(G) at n = 1024 (square, κ = 100)', 1024, 100),
  ],
  steps: [
    stepCheck('H = GGᵀ = UΣ²Uᵀ', (G) => H(G), (_, { U, s }) => U.mmul(diag(s, (x) => x * x)).mmul(U.transpose())),
    stepCheck('H^{-1/2} = UΣ⁻¹Uᵀ', (G) => invSqrtmSym(H(G)), (_, { U, s }) => U.mmul(diag(s, (x) => 1 / x)).mmul(U.transpose())),
    stepCheck('UΣ⁻¹UᵀUΣVᵀ = UVᵀ', (_, { U, s, V }) => U.mmul(diag(s, (x) => 1 / x)).mmul(U.transpose()).mmul(U.mmul(diag(s, (x) => x)).mmul(V.transpose())), (_, { U, V }) => U.mmul(V.transpose())),
  ],
  corrected: [
    equivalence('full row rank: (GGᵀ)^{-1/2}G = Ortho(G)', 'wide-or-square', leftGramPolar),
    equivalence('full column rank: G(GᵀG)^{-1/2} = Ortho(G)', 'tall-or-square', rightGramPolar),
    equivalence('every full-rank G: (GGᵀ)^{+1/2}G = Ortho(G)', 'any', pinvLeftGramPolar),
  ],
});
