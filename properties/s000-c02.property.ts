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

const diag = (s: number[], p: (x: number) => number) => Matrix.diag(s.map(p));

verifyClaim(import.meta.url, {
  checks: [
    polarIdentityCheck('(GGᵀ)^{-1/2}G = UVᵀ, every shape', 'any', leftGramPolar),
    polarRelationAtScaleCheck('(GGᵀ)^{-1/2}G = UVᵀ at n = 1024 (square, κ = 100)', 1024, 100),
  ],
  steps: [
    svdStepCheck(
      'GGᵀ = US²Uᵀ',
      (G) => G.mmul(G.transpose()),
      (_, { U, s }) => U.mmul(diag(s, (x) => x * x)).mmul(U.transpose()),
    ),
    svdStepCheck(
      '(GGᵀ)^{-1/2} = US⁻¹Uᵀ',
      (G) => invSqrtmSym(G.mmul(G.transpose())),
      (_, { U, s }) => U.mmul(diag(s, (x) => 1 / x)).mmul(U.transpose()),
    ),
    svdStepCheck(
      'US⁻¹Uᵀ(USVᵀ) = UVᵀ',
      (_, { U, s, V }) =>
        U.mmul(diag(s, (x) => 1 / x))
          .mmul(U.transpose())
          .mmul(U.mmul(diag(s, (x) => x)).mmul(V.transpose())),
      (_, { U, V }) => U.mmul(V.transpose()),
    ),
  ],
  // The identity needs GGᵀ invertible: full row rank, m ≤ n.
  failure: hypothesis('m ≤ n (G wide or square)', (c: MatrixCase) => c.rows <= c.cols),
  corrected: [
    polarIdentityCheck('full row rank: (GGᵀ)^{-1/2}G = UVᵀ', 'wide-or-square', leftGramPolar),
    polarIdentityCheck('full column rank: G(GᵀG)^{-1/2} = UVᵀ', 'tall-or-square', rightGramPolar),
    polarIdentityCheck('every full-rank G: (GGᵀ)^{+1/2}G = UVᵀ', 'any', pinvLeftGramPolar),
  ],
});
