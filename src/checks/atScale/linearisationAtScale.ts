import { acrossSizes, atScaleShapes } from './heavySizes.js';
import { getGpu, matmul, toF32, type F64Matrix } from '../../gpu/index.js';
import { compute } from '../../engine/verify/checks/compute.js';
import { f32Kernel, tolerance } from '../../engine/verify/tolerance.js';
import type { Check } from '../../engine/verify/types.js';
import { PolarWorkspace, polarFlat } from '../../math/linalg/polarFlat.js';
import { frobenius, frobeniusDiff, transposeF64 } from './flat.js';
import { crossCheckRatioTolerance, sampledProductCheck } from './sampledCrossCheck.js';
import { blockPerturbedSvd } from './blockPerturbedSvd.js';
import { geometricSigma } from './syntheticSvd.js';

/** ‖Ortho(Σ + tB) − I‖_F for block-diagonal B, in f64: the exact ‖Ortho(G + tE) − Ortho(G)‖_F. */
function exactChange(sigma: Float64Array, blocks: Float64Array, t: number): number {
  const ws = new PolarWorkspace(2, 2),
    A = new Float64Array(4),
    X = new Float64Array(4);
  let s = 0;
  for (let j = 0; j < sigma.length / 2; j++) {
    A[0] = sigma[2 * j] + t * blocks[4 * j];
    A[1] = t * blocks[4 * j + 1];
    A[2] = t * blocks[4 * j + 2];
    A[3] = sigma[2 * j + 1] + t * blocks[4 * j + 3];
    polarFlat(A, ws, X);
    s += (X[0] - 1) ** 2 + X[1] ** 2 + X[2] ** 2 + (X[3] - 1) ** 2;
  }
  return Math.sqrt(s);
}

/**
 * The remainder's order, decided by ‖R(t/10)‖/‖R(t)‖: an O(t²) remainder gives ≈ 10⁻², an O(t) one ≈ 10⁻¹;
 * the threshold sits midway between them on a log scale.
 */
const REMAINDER_ORDER = tolerance(
  10 ** -1.5,
  'remainder order: ‖R(t/10)‖/‖R(t)‖ ≤ 10^{-1.5}, midway on a log scale between O(t²) → 10⁻² and O(t) → 10⁻¹ (R bracketed by the exact block-diagonal change ± t‖P_⊥E‖)',
);

/**
 * The linearisation Ortho(G + tE) = Ortho(G) + t·P_⊥EOrtho(G)^† + O(t²) at n = 1024, square G.
 * The claimed linear term is computed in f32 on gpu.js as ‖P_⊥E‖_F = ‖E − P(PᵀE)‖_F (two products;
 * ‖P_⊥EP^†‖_F = ‖P_⊥E‖_F since P is orthogonal); the exact change ‖Ortho(G + tE) − Ortho(G)‖_F comes
 * from the block structure in f64. The remainder then lies within ±t‖P_⊥E‖ of the exact change,
 * and its ratio between t and t/10 must be ≈ 10⁻² for an O(t²) remainder (≤ 10^{-1.5}).
 */
export async function linearisationAtScale(n: number, kappa: number, seed: number) {
  const { backend, label } = await getGpu();
  const sigma = geometricSigma(n, kappa);
  const s = blockPerturbedSvd(n, sigma, seed);
  const P = toF32(s.P),
    E = toF32(s.E),
    Pt = toF32(transposeF64(s.P) as F64Matrix);
  const PtE = await matmul(Pt, E);
  const PPtE = await matmul(P, PtE);
  const ell = frobeniusDiff(E, PPtE) / frobenius(E);
  const cross = sampledProductCheck(PtE, Pt, E, seed);
  const sMin = sigma[n - 1];
  const t1 = 1e-2 * sMin,
    t2 = 1e-3 * sMin;
  const d1 = exactChange(sigma, s.blocks, t1),
    d2 = exactChange(sigma, s.blocks, t2);
  // Remainder R(t) = change − t·L with ‖L‖ = ell (f32 value; exactly 0 in exact arithmetic).
  const ratioLow = (d2 - t2 * ell) / (d1 + t1 * ell);
  const where = { n, kappa, backend: label, gpuBackend: backend };
  // Two f32 products, PᵀE then P(PᵀE), each within γ_{n+2}‖A‖_F‖B‖_F (Higham Lemma 3.1), with ‖P‖_F² = n and
  // ‖E‖_F = 1: ‖fl(P_⊥E)‖_F ≤ (2γ + γ²)·n ≤ 2.02·γ·n (γ_{n+2} ≪ 0.02).
  const linearTermRoundoff = f32Kernel({
    k: n + 2,
    magnitude: n,
    magnitudeName: '‖P‖_F²‖E‖_F (two chained products PᵀE, P(PᵀE): 2γ + γ² ≤ 2.02γ)',
    safety: 2.02,
  });
  return [
    {
      value: cross.worstRatio,
      tolerance: crossCheckRatioTolerance(),
      infinite: cross.infinite,
      detail: { ...where, what: 'f32 PᵀE vs f64 on 256 sampled entries: worst |error|/γ_{n+2}(|Pᵀ||E|)_ij' },
    },
    {
      value: ell,
      tolerance: linearTermRoundoff,
      detail: {
        ...where,
        what: '‖P_⊥E‖_F/‖E‖_F in f32 ≤ (2γ+γ²)‖P‖_F²: the claimed linear term is 0 to roundoff (P_⊥ = 0 for square G)',
      },
    },
    {
      value: ratioLow,
      tolerance: REMAINDER_ORDER,
      detail: {
        ...where,
        what: 'lower bound on ‖R(t/10)‖/‖R(t)‖, t = 10⁻²σ_min; O(t²) needs ≈ 10⁻², O(t) gives ≈ 10⁻¹',
        exactChange: [d1, d2],
        t: [t1, t2],
        ell,
      },
    },
  ];
}

export function linearisationAtScaleCheck(name: string, n: number, kappa: number): Check {
  return compute({
    name,
    backend: 'gpu.js-f32',
    sizes: atScaleShapes(n, n),
    run: (ctx) => acrossSizes(ctx, n, (size) => linearisationAtScale(size, kappa, ctx.seed)),
  });
}
