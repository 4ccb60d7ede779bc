import { Matrix } from 'ml-matrix';
import {
  hypothesis,
  invSqrtmSym,
  leftGramPolar,
  pinvLeftGramPolar,
  polarIdentityCheck,
  polarRelationAtScaleCheck,
  rightGramPolar,
  svdStepCheck,
  verifyClaim,
  type MatrixCase,
} from '../src/claim.js';

const H = (G: Matrix) => G.mmul(G.transpose());
const diag = (s: number[], p: (x: number) => number) => Matrix.diag(s.map(p));

verifyClaim(import.meta.url, {
  checks: [
    polarIdentityCheck('H^{-1/2}G = Ortho(G) with H = GGᵀ, every shape', 'any', leftGramPolar),
    polarRelationAtScaleCheck('H^{-1/2}G = Ortho(G) at n = 1024 (square, κ = 100)', 1024, 100),
  ],
  steps: [
    svdStepCheck(
      'H = GGᵀ = UΣ²Uᵀ',
      (G) => H(G),
      (_, { U, s }) => U.mmul(diag(s, (x) => x * x)).mmul(U.transpose()),
    ),
    svdStepCheck(
      'H^{-1/2} = UΣ⁻¹Uᵀ',
      (G) => invSqrtmSym(H(G)),
      (_, { U, s }) => U.mmul(diag(s, (x) => 1 / x)).mmul(U.transpose()),
    ),
    svdStepCheck(
      'UΣ⁻¹UᵀUΣVᵀ = UVᵀ',
      (_, { U, s, V }) =>
        U.mmul(diag(s, (x) => 1 / x))
          .mmul(U.transpose())
          .mmul(U.mmul(diag(s, (x) => x)).mmul(V.transpose())),
      (_, { U, V }) => U.mmul(V.transpose()),
    ),
  ],
  // H = GGᵀ is invertible only for full row rank: m ≤ n.
  failure: hypothesis('m ≤ n (G wide or square)', (c: MatrixCase) => c.rows <= c.cols),
  corrected: [
    polarIdentityCheck('full row rank: (GGᵀ)^{-1/2}G = Ortho(G)', 'wide-or-square', leftGramPolar),
    polarIdentityCheck('full column rank: G(GᵀG)^{-1/2} = Ortho(G)', 'tall-or-square', rightGramPolar),
    polarIdentityCheck('every full-rank G: (GGᵀ)^{+1/2}G = Ortho(G)', 'any', pinvLeftGramPolar),
  ],
});
