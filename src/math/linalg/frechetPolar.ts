import { Matrix } from 'ml-matrix';
import { thinSvd } from './thinSvd.js';
import { polarFactor } from './polarFactor.js';

/**
 * The exact Fréchet derivative of Ortho at a full-rank G along E. For G = UΣVᵀ (thin, m ≥ n):
 *   DOrtho(G)[E] = U Ω Vᵀ + (I − UUᵀ) E V Σ⁻¹ Vᵀ,   Ω_ij = (K_ij − K_ji)/(σ_i + σ_j),  K = UᵀEV
 * (Higham, Functions of Matrices, §8.1; the second term vanishes for square G). Wide G uses
 * Ortho(Gᵀ) = Ortho(G)ᵀ.
 */
export function polarDerivative(G: Matrix, E: Matrix): Matrix {
  if (G.rows < G.columns) return polarDerivative(G.transpose(), E.transpose()).transpose();
  const { U, s, V } = thinSvd(G);
  const K = U.transpose().mmul(E).mmul(V);
  const n = s.length;
  const Omega = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Omega.set(i, j, (K.get(i, j) - K.get(j, i)) / (s[i] + s[j]));
  const D = U.mmul(Omega).mmul(V.transpose());
  if (G.rows > G.columns) {
    const EV = E.mmul(V);
    const residual = EV.clone().sub(U.mmul(U.transpose().mmul(EV)));
    const SinvVt = V.transpose().clone();
    for (let i = 0; i < n; i++) for (let j = 0; j < SinvVt.columns; j++) SinvVt.set(i, j, SinvVt.get(i, j) / s[i]);
    D.add(residual.mmul(SinvVt));
  }
  return D;
}

/**
 * Central difference (Ortho(G + hE) − Ortho(G − hE)) / 2h: an independent check of the formula.
 * Its error is O(h²‖D³Ortho‖) + O(u/h), balanced near h = u^{1/3}·σ_min.
 */
export function polarDerivativeFD(G: Matrix, E: Matrix, h: number): Matrix {
  const plus = polarFactor(G.clone().add(E.clone().mul(h)));
  const minus = polarFactor(G.clone().sub(E.clone().mul(h)));
  return plus.sub(minus).mul(1 / (2 * h));
}
