import type { Matrix } from 'ml-matrix';
import { polarDerivative } from './frechetPolar.js';
import { frobeniusNorm } from './norms.js';

/**
 * The delta-method variance of Ortho at G: for noise E with Cov[vec E] = Σ_b vec(F_b)vec(F_b)ᵀ,
 * E‖DOrtho(G)[E]‖_F² = tr(J Σ Jᵀ) = Σ_b ‖DOrtho(G)[F_b]‖_F² with the exact Fréchet derivative.
 * This is the limit of k·Var[Ortho(G + E_k)] for a batch mean E_k with covariance Σ/k.
 */
export function linearisedPolarVariance(G: Matrix, factors: Matrix[]): number {
  let v = 0;
  for (const F of factors) v += frobeniusNorm(polarDerivative(G, F)) ** 2;
  return v;
}
