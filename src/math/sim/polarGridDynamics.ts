import { Matrix } from 'ml-matrix';
import { polarFactor } from '../linalg/polarFactor.js';

/**
 * Exact-polar Muon on L(W) = ½‖W‖_F² (∇L = W): W ← W − η·Ortho(W). With W = UΣVᵀ the step is
 * U(Σ − ηI)Vᵀ, so each singular value follows the scalar map σ ↦ |σ − η| independently; these
 * helpers give that scalar dynamics in closed form so long horizons cost O(1) per singular value.
 */
export function polarStepFrobenius(W: Matrix, eta: number): Matrix {
  return W.clone().sub(polarFactor(W).mul(eta));
}

/** Distance from σ to the grid ηℤ. */
export function gridDistance(sigma: number, eta: number): number {
  return Math.abs(sigma - eta * Math.round(sigma / eta));
}

/**
 * σ_t under σ ↦ |σ − η| from σ₀ ≥ 0: |σ₀ − tη| while t ≤ m + 1 (m = ⌊σ₀/η⌋), then the 2-cycle
 * r, η − r with r = σ₀ − mη. Every value lies on the grid {|σ₀ − kη| : k ∈ ℤ}.
 */
export function gridSingularValue(sigma0: number, eta: number, t: number): number {
  const m = Math.floor(sigma0 / eta);
  if (t <= m + 1) return Math.abs(sigma0 - t * eta);
  const r = sigma0 - m * eta;
  return (t - m) % 2 === 0 ? r : eta - r;
}

/** The floor ½Σ dist(σᵢ(0), ηℤ)²: a lower bound on L(W_t) for every t, since σᵢ(t) ∈ |σᵢ(0) − ηℤ|. */
export function polarLossFloor(sigma0: ArrayLike<number>, eta: number): number {
  let s = 0;
  for (let i = 0; i < sigma0.length; i++) s += gridDistance(sigma0[i], eta) ** 2;
  return s / 2;
}

/** ½Σ σᵢ(t)² from the closed form. */
export function gridLoss(sigma0: ArrayLike<number>, eta: number, t: number): number {
  let s = 0;
  for (let i = 0; i < sigma0.length; i++) s += gridSingularValue(sigma0[i], eta, t) ** 2;
  return s / 2;
}

/**
 * First t with ½Σσᵢ(t)² ≤ ε, or Infinity. Only t ≥ (σ_max − √(2ε))/η can qualify (σ_max falls by
 * at most η per step), and after max m + 2 the loss is 2-periodic, so the scan is short:
 * about √(2ε)/η + 3 steps whatever the horizon.
 */
export function polarHittingTime(sigma0: ArrayLike<number>, eta: number, eps: number): number {
  let smax = 0;
  for (let i = 0; i < sigma0.length; i++) smax = Math.max(smax, sigma0[i]);
  const tLo = Math.max(0, Math.ceil((smax - Math.sqrt(2 * eps)) / eta) - 1);
  const tHi = Math.floor(smax / eta) + 3;
  for (let t = tLo; t <= tHi; t++) if (gridLoss(sigma0, eta, t) <= eps) return t;
  return Infinity;
}
