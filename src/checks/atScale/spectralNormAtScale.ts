import { acrossSizes, atScaleShapes } from './heavySizes.js';
import { gamma, getGpu, matmul, toF32, U64, type F32Matrix } from '../../gpu/index.js';
import { spectralNormPowerDetailed } from '../../gpu/spectralNorm.js';
import { gaussianArray, mulberry32 } from '../../random/prng.js';
import { compute } from '../../engine/verify/checks/compute.js';
import { tolerance } from '../../engine/verify/tolerance.js';
import type { Measurement } from '../../engine/verify/checks/measurement.js';
import type { Check } from '../../engine/verify/types.js';
import { frobenius } from './flat.js';
import { REFLECTOR_CONSTRUCTION_FACTOR, REFLECTOR_CONSTRUCTION_WHY } from './householder.js';
import { gappedSigma, rectangularSyntheticSvd } from './rectangularSyntheticSvd.js';

const norm2 = (x: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
};

async function matvec(A: F32Matrix, x: Float64Array): Promise<Float32Array> {
  return (await matmul(A, { rows: x.length, cols: 1, data: Float32Array.from(x) })).data;
}

/**
 * sup_{x≠0} ‖Gx‖₂/‖x‖₂ = σ₁ for an m×n G = UΣVᵀ of known SVD, in f32 on gpu.js, measured three
 * ways: at the known maximiser v₁ (‖Gv₁‖ = σ₁), at a random x (ratio ≤ σ₁) and by power iteration
 * (the supremum found without knowing v₁). With `scale: 'rms'` every ratio is the RMS one,
 * (‖Gx‖₂/√m)/(‖x‖₂/√n), compared with √(n/m)·σ₁ (eq. (2)).
 *
 * Tolerance τ (relative to σ₁ after scaling): an f32 matvec with rounded inputs has
 * ‖fl(Gx) − Gx‖₂ ≤ γ_{n+2}‖|G||x|‖₂ ≤ γ_{n+2}‖G‖_F‖x‖₂ (Higham Lemma 3.1 row by row), plus the
 * f64 construction of G from 4+4 reflectors (≤ 10³·max(m,n)·u64·‖G‖_F). Power iteration adds
 * σ₁ sin²θ_k with sin θ_k ≤ √n·(σ₂/σ₁)^{2k} + 2τ/(σ₁ − σ₂) (convergence, then the f32 floor).
 */
export async function spectralNormAtScale(
  m: number,
  n: number,
  kappa: number,
  seed: number,
  scale: 'spectral' | 'rms',
  iters = 30,
): Promise<Measurement[]> {
  const { label } = await getGpu();
  const sigma = gappedSigma(Math.min(m, n), kappa);
  const s = rectangularSyntheticSvd(m, n, sigma, seed);
  const G = toF32(s.G);
  const c = scale === 'rms' ? Math.sqrt(n / m) : 1;
  const ratio = (y: ArrayLike<number>, x: ArrayLike<number>) =>
    scale === 'rms' ? norm2(y) / Math.sqrt(m) / (norm2(x) / Math.sqrt(n)) : norm2(y) / norm2(x);
  const target = c * sigma[0];
  const tau = c * (gamma(n + 2) + REFLECTOR_CONSTRUCTION_FACTOR * Math.max(m, n) * U64) * frobenius(s.G);
  const conv = Math.sqrt(n) * (sigma[1] / sigma[0]) ** (2 * iters) + (2 * tau) / c / (sigma[0] - sigma[1]);
  const scaled = scale === 'rms' ? '√(n/m)·' : '';
  const tauWhy = `τ = ${scaled}(γ_{n+2}(u32) + ${REFLECTOR_CONSTRUCTION_FACTOR}·max(m,n)·u64)·‖G‖_F: an f32 matvec with rounded inputs errs by ‖fl(Gx) − Gx‖₂ ≤ γ_{n+2}‖|G||x|‖₂ ≤ γ_{n+2}‖G‖_F‖x‖₂ (Higham Lemma 3.1 row by row, u32 = 2^-24), and ${REFLECTOR_CONSTRUCTION_WHY}`;
  const matvecTol = tolerance(tau, tauWhy);
  const powTol = tolerance(
    tau + target * conv * conv,
    `τ + ${scaled}σ₁·sin²θ_k with sin θ_k ≤ √n·(σ₂/σ₁)^{2k} + 2τ/(σ₁ − σ₂) (k = ${iters} power iterations converging like (σ₂/σ₁)² = 1/4 per step, then the f32 floor), where ${tauWhy}`,
  );
  const what = scale === 'rms' ? '‖Gx‖_RMS/‖x‖_RMS' : '‖Gx‖₂/‖x‖₂';
  const where = { m, n, kappa, sigma1: sigma[0], sigma2: sigma[1], target, backend: label };

  const atV1 = ratio(await matvec(G, s.v1), s.v1);
  const x = gaussianArray(mulberry32(seed ^ 0x9e3779b9), n);
  const atRandom = ratio(await matvec(G, x), x);
  const power = await spectralNormPowerDetailed(G, iters, { seed });
  const atPower = c * power.sigma;
  return [
    {
      value: Math.abs(atV1 - target),
      tolerance: matvecTol,
      detail: {
        ...where,
        what: `${what} at the known top right singular vector v₁ equals ${scale === 'rms' ? '√(n/m)' : ''}σ₁ (f32 matvec)`,
        measured: atV1,
      },
    },
    {
      value: atRandom - target,
      tolerance: matvecTol,
      detail: {
        ...where,
        what: `${what} at a random x stays ≤ ${scale === 'rms' ? '√(n/m)' : ''}σ₁`,
        measured: atRandom,
      },
    },
    {
      value: Math.abs(atPower - target),
      tolerance: powTol,
      detail: {
        ...where,
        what: `sup found by ${iters} f32 power iterations equals ${scale === 'rms' ? '√(n/m)' : ''}σ₁`,
        measured: atPower,
      },
    },
  ];
}

export function spectralNormAtScaleCheck(
  name: string,
  m: number,
  n: number,
  kappa: number,
  scale: 'spectral' | 'rms',
): Check {
  return compute({
    name,
    backend: 'gpu.js-f32',
    sizes: atScaleShapes(m, n),
    run: (ctx) =>
      acrossSizes(ctx, m, (size, f) => spectralNormAtScale(size, Math.round(n * f), kappa, ctx.seed, scale)),
  });
}
