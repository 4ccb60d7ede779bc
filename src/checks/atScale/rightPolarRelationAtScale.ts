import { gramAtA, matmul } from '../../gpu/index.js';
import type { Measurement } from '../../engine/verify/checks/measurement.js';
import type { Check } from '../../engine/verify/types.js';
import { frobenius, frobeniusDiff } from './flat.js';
import { crossCheckRatioTolerance, sampledProductCheck } from './sampledCrossCheck.js';
import {
  polarRelationCase,
  psdMargin,
  squareRootTolerance,
  symmetryTolerance,
  polarRelationCheckWithControl,
  type PolarCandidate,
} from './polarRelationAtScale.js';

/**
 * G(GᵀG)^{-1/2} = P for square full-rank G and orthogonal P ⇔ K := PᵀG is symmetric positive
 * semi-definite with K² = GᵀG (then K = (GᵀG)^{1/2}, the unique PSD root, and G = PK). The right-hand
 * mirror of polarRelationAtScale: three f32 products on gpu.js instead of an O(n³) eigensolver.
 * Symmetry and K² = GᵀG leave K's eigenvalues ±σᵢ; tr K = Σσᵢ (to within 2σ_min) rules out minus signs.
 * P = UVᵀ is orthogonal by construction (products of Householder reflectors, exact to f64 roundoff).
 * `candidate` as in polarRelationAtScale: the control checks VUᵀ, for which K = (VUᵀ)ᵀG = UVᵀUSVᵀ is
 * not symmetric and tr K moves off Σσ.
 */
export async function rightPolarRelationAtScale(
  n: number,
  kappa: number,
  seed: number,
  candidate: PolarCandidate = 'UVᵀ',
): Promise<Measurement[]> {
  const { sigma, s, G, Pt, traceGap, where } = await polarRelationCase(n, kappa, seed, candidate);
  const K = await matmul(Pt, G);
  const KK = await matmul(K, K);
  const GtG = await gramAtA(G);
  const a = frobenius(G) * frobenius(s.P);
  const cross = sampledProductCheck(K, Pt, G, seed);
  return [
    {
      value: cross.worstRatio,
      tolerance: crossCheckRatioTolerance(),
      infinite: cross.infinite,
      detail: {
        ...where,
        what: 'f32 K = PᵀG vs f64 on 256 sampled entries: worst |error|/γ_{n+2}(|Pᵀ||G|)_ij',
        worstError: cross.worstError,
      },
    },
    {
      value: frobeniusDiff(K, K, true) / a,
      tolerance: symmetryTolerance(n, 'K'),
      detail: { ...where, what: '‖K − Kᵀ‖_F / (‖P‖_F‖G‖_F) ≤ 2γ_{n+2}: K is symmetric' },
    },
    {
      value: frobeniusDiff(KK, GtG) / (a * a),
      tolerance: squareRootTolerance(n, 'K', 'GᵀG'),
      detail: { ...where, what: '‖K² − GᵀG‖_F / (‖P‖_F‖G‖_F)² ≤ 4γ_{n+2}(1+γ): K is a square root of GᵀG' },
    },
    {
      value: traceGap,
      tolerance: psdMargin(sigma[n - 1], 'K'),
      detail: { ...where, what: '|tr(PᵀG) − Σσ| < 2σ_min (f64): no eigenvalue of K is −σᵢ, so K ⪰ 0' },
    },
  ];
}

export function rightPolarRelationAtScaleCheck(name: string, n: number, kappa: number): Check {
  return polarRelationCheckWithControl(name, n, (size, seed, candidate) =>
    rightPolarRelationAtScale(size, kappa, seed, candidate),
  );
}
