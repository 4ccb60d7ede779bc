import { crossCheck, frobeniusNorm, frobeniusNormErrorBound, getGpu, scaledAdd, toF32 } from '../../gpu/index.js';
import { spectralNormPowerDetailed } from '../../gpu/spectralNorm.js';
import type { Measurement } from '../../engine/verify/checks/measurement.js';
import { claimed } from '../../engine/verify/tolerance.js';
import { crossCheckRatioTolerance } from './sampledCrossCheck.js';
import { geometricSigma, syntheticSvd } from './syntheticSvd.js';

/**
 * "C₀e₀ < 1", strict: judged as C₀e₀ ≤ 1 − 10⁻⁹, the smallest margin that the f64 rounding of the product
 * (~10⁻¹⁶) cannot cross. e₀ is a power-iteration lower estimate, so a refutation (C₀e₀ ≥ 1) is conservative.
 */
const CONTRACTION_MARGIN = 1e-9;
const CONTRACTS = claimed(
  1 - CONTRACTION_MARGIN,
  `Higham's quadratic bound contracts when C₀e₀ < 1; the strict < is judged as ≤ 1 − ${CONTRACTION_MARGIN} (far above the f64 rounding of the product, ~1e-16). e₀ is a power-iteration lower estimate (never above the true ‖U − X₀‖₂ in exact arithmetic), so C₀e₀ ≥ 1 refutes conservatively; the f32 inputs (relative error ~γ_n(u32) ≈ 1e-4) could only matter for a value within ~1e-4 of 1`,
);

/**
 * Claim 11's justification at n = 1024 in f32 on gpu.js: is X₀ = G/‖G‖_F inside the region where
 * Higham's quadratic bound contracts, C₀e₀ = ½‖X₀⁺‖₂‖U − X₀‖₂ < 1? ‖G‖_F comes from the f32
 * reduction kernel (cross-checked against f64), U − X₀ from the scaled-add kernel, and e₀ from power
 * iteration on it, which in exact arithmetic never exceeds the true norm: a refutation (C₀e₀ ≥ 1)
 * built on it is conservative. ‖X₀⁺‖₂ = ‖G‖_F/σ_min with σ_min exact by construction.
 */
export async function newtonStartAtScale(n: number, kappa: number, seed: number): Promise<Measurement[]> {
  const { label } = await getGpu();
  const sigma = geometricSigma(n, kappa);
  const s = syntheticSvd(n, sigma, seed);
  const G = toF32(s.G);
  const normF64 = Math.sqrt(sigma.reduce((a, x) => a + x * x, 0));
  const normF32 = await frobeniusNorm(G);
  const norm = crossCheck('‖G‖_F', normF32, normF64, frobeniusNormErrorBound(s.G, normF64));
  const D = await scaledAdd(1, toF32(s.P), -1 / normF32, G);
  const e0 = (await spectralNormPowerDetailed(D, 20, { seed })).sigma;
  const c0 = normF32 / (2 * sigma[n - 1]);
  const where = { n, kappa, backend: label };
  return [
    {
      value: norm.worstRatio,
      tolerance: crossCheckRatioTolerance(`the reduction kernel's stated bound (${norm.toleranceReason})`),
      infinite: norm.infinite,
      detail: { ...where, what: 'f32 ‖G‖_F vs f64 within its reduction bound', f32: normF32, f64: normF64 },
    },
    {
      value: c0 * e0,
      tolerance: CONTRACTS,
      detail: {
        ...where,
        what: 'C₀e₀ = ½‖X₀⁺‖₂·‖U − X₀‖₂ (e₀ a power-iteration lower estimate) must be < 1',
        C0: c0,
        e0LowerEstimate: e0,
        sMin: sigma[n - 1] / normF32,
      },
    },
  ];
}
