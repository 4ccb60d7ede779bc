import { acrossSizes, atScaleShapes } from './heavySizes.js';
import { gamma, getGpu, toF32, U64, type F32Matrix } from '../../gpu/index.js';
import { batchMatmul } from '../../gpu/batchMatmul.js';
import { spectralNormPowerDetailed } from '../../gpu/spectralNorm.js';
import { compute } from '../../engine/verify/checks/compute.js';
import { tolerance } from '../../engine/verify/tolerance.js';
import type { Measurement } from '../../engine/verify/checks/measurement.js';
import type { Check } from '../../engine/verify/types.js';
import { frobenius } from './flat.js';
import { REFLECTOR_CONSTRUCTION_FACTOR, REFLECTOR_CONSTRUCTION_WHY } from './householder.js';
import { geometricSigma } from './syntheticSvd.js';
import { rectangularSyntheticSvd } from './rectangularSyntheticSvd.js';

/**
 * ⟨A, B⟩_F in f32: row i's dot product of length n is one 1×n·n×1 product of a batch (recursive f32
 * summation, so |error_i| ≤ γ_{n+2}Σ_j|a_ij b_ij| with both inputs rounded), rows summed in f64.
 */
async function frobeniusInnerF32(A: F32Matrix, B: F32Matrix): Promise<number> {
  const rows = await batchMatmul(
    { count: A.rows, rows: 1, cols: A.cols, data: A.data },
    { count: B.rows, rows: B.cols, cols: 1, data: B.data },
  );
  let s = 0;
  for (let i = 0; i < rows.data.length; i++) s += rows.data[i];
  return s;
}

/**
 * The Muon step ΔW* = −η√(m/n)·U_rV_rᵀ at scale for ∇L = UΣVᵀ of known SVD (m×n, m ≠ n): in f32,
 * ⟨∇L, ΔW*⟩ equals the duality bound −η√(m/n)‖∇L‖_* = −η√(m/n)Σσ (so no feasible A can do better:
 * ⟨∇L, A⟩ ≥ −‖∇L‖_*‖A‖_op ≥ −η√(m/n)‖∇L‖_*), and power iteration finds ‖ΔW*‖_op = η√(m/n), i.e.
 * ‖ΔW*‖_RMS = η: the constraint is active.
 */
export async function muonOptimalityAtScale(
  m: number,
  n: number,
  kappa: number,
  eta: number,
  seed: number,
): Promise<Measurement[]> {
  const { label } = await getGpu();
  const sigma = geometricSigma(Math.min(m, n), kappa);
  const s = rectangularSyntheticSvd(m, n, sigma, seed);
  const c = eta * Math.sqrt(m / n);
  const dW64 = Float64Array.from(s.P.data, (x) => -c * x);
  const G = toF32(s.G),
    dW = toF32({ rows: m, cols: n, data: dW64 });
  const nuclear = sigma.reduce((a, b) => a + b, 0);
  const target = -c * nuclear;

  const ip = await frobeniusInnerF32(G, dW);
  let absSum = 0;
  for (let i = 0; i < dW64.length; i++) absSum += Math.abs(s.G.data[i] * dW64[i]);
  // f32 rows + f64 row sum + the f64 construction's own error (10³·max(m,n)·u64 relative, as for syntheticSvd).
  const construction = REFLECTOR_CONSTRUCTION_FACTOR * Math.max(m, n) * U64;
  const ipTol = tolerance(
    (gamma(n + 2) + gamma(m + n, U64)) * absSum + construction * frobenius(s.G) * c * Math.sqrt(Math.min(m, n)),
    `(γ_{n+2}(u32) + γ_{m+n}(u64))·Σ|g_ij w_ij| + ${REFLECTOR_CONSTRUCTION_FACTOR}·max(m,n)·u64·‖∇L‖_F‖ΔW*‖_F with ‖ΔW*‖_F = η√(m/n)√min(m,n): each row's f32 dot product with rounded inputs errs by ≤ γ_{n+2}Σ_j|g_ij w_ij| (Higham Lemma 3.1, u32 = 2^-24), the f64 sum of the rows by ≤ γ_{m+n}(u64)Σ|g_ij w_ij|, and ${REFLECTOR_CONSTRUCTION_WHY}`,
  );

  // All nonzero singular values of ΔW* equal c: one power step lands in its row space, so only f32 rounding remains.
  const power = await spectralNormPowerDetailed(dW, 5, { seed });
  const opBound = (gamma(n + 2) + construction) * c * Math.sqrt(Math.min(m, n));
  const opWhy = `(γ_{n+2}(u32) + ${REFLECTOR_CONSTRUCTION_FACTOR}·max(m,n)·u64)·‖ΔW*‖_F with ‖ΔW*‖_F = η√(m/n)√min(m,n): an f32 matvec errs by ‖fl(Ax) − Ax‖₂ ≤ γ_{n+2}‖A‖_F‖x‖₂ (Higham Lemma 3.1, u32 = 2^-24), and ${REFLECTOR_CONSTRUCTION_WHY}; all nonzero singular values of ΔW* are η√(m/n), so one power step lands in its row space and no convergence term remains`;
  const opTol = tolerance(opBound, opWhy);
  const rmsTol = tolerance(Math.sqrt(n / m) * opBound, `√(n/m) × [${opWhy}] (‖·‖_RMS = √(n/m)‖·‖_op)`);
  const rms = Math.sqrt(n / m) * power.sigma;
  const where = { m, n, kappa, eta, backend: label };
  return [
    {
      value: Math.abs(ip - target),
      tolerance: ipTol,
      detail: {
        ...where,
        what: '|⟨∇L, ΔW*⟩_f32 − (−η√(m/n)Σσ)| ≤ γ_{n+2}Σ|g_ij w_ij| + f64 terms',
        measured: ip,
        target,
      },
    },
    {
      value: Math.abs(power.sigma - c),
      tolerance: opTol,
      detail: { ...where, what: '‖ΔW*‖_op by f32 power iteration = η√(m/n)', measured: power.sigma, target: c },
    },
    {
      value: Math.abs(rms - eta),
      tolerance: rmsTol,
      detail: { ...where, what: '‖ΔW*‖_RMS = √(n/m)‖ΔW*‖_op = η (constraint active)', measured: rms, target: eta },
    },
  ];
}

export function muonOptimalityAtScaleCheck(name: string, m: number, n: number, kappa: number, eta: number): Check {
  return compute({
    name,
    backend: 'gpu.js-f32',
    sizes: atScaleShapes(m, n),
    run: (ctx) =>
      acrossSizes(ctx, m, (size, f) => muonOptimalityAtScale(size, Math.round(n * f), kappa, eta, ctx.seed)),
  });
}
