/**
 * src/math/linalg/frechetPolar.ts: the exact Fréchet derivative of Ortho(G) = UVᵀ,
 *   DOrtho(G)[E] = U·Ω·Vᵀ + (I − UUᵀ)·E·V·Σ⁻¹·Vᵀ,  Ω_ij = (K_ij − K_ji)/(σ_i + σ_j),  K = UᵀEV,
 * checked against the central difference (Ortho(G + hE) − Ortho(G − hE))/2h (‖E‖_F = 1).
 *
 * The FD error bound, with σ₁ = 1 and σ_min the smallest singular value:
 *   ‖FD − D‖_F ≤ (h²/6)·‖D³Ortho(G)[E, E, E]‖_F  +  2·ε_Ortho/(2h)
 *                  truncation (Taylor)                 cancellation (roundoff in each Ortho)
 *  - Ortho is homogeneous of degree 0, so its k-th derivative scales like σ_min^{-k}; we take
 *    ‖D³Ortho(G)‖ ≤ 6/σ_min³ (the 2×2 rotation G = σI, E skew, gives 1.5/σ³ exactly; the test
 *    'truncation model' below measures the ratio directly at large h, where roundoff is nil).
 *  - ε_Ortho = max(m,n)·u·κ_F, κ_F = ‖G‖_F/σ_min: the forward error of the SVD-based polar factor
 *    (see test/math-polarFactor.test.ts).
 * So  bound(h) = 30·(h²/σ_min³ + max(m,n)·u·κ_F/h)  (30 = LAPACK's ratio threshold), and h is
 * chosen where the two terms balance, h* = (max(m,n)·u·κ_F·σ_min³/2)^{1/3} ≈ u^{1/3}·σ_min.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { polarDerivative, polarDerivativeFD } from '../src/math/linalg/frechetPolar.js';
import { polarFactor } from '../src/math/linalg/polarFactor.js';
import { thinSvd } from '../src/math/linalg/thinSvd.js';
import { jacobianMatrix, skewRatio } from '../src/math/linalg/jacobian.js';
import { RATIO, U64, fro, geometric, knownSvd, unitDirection } from './math-helpers.js';

interface Setup {
  G: Matrix;
  E: Matrix;
  sigmaMin: number;
  h: number;
  bound: number;
}

function setup(m: number, n: number, kappa: number, seed: number): Setup {
  const r = Math.min(m, n);
  const sigma = geometric(r, kappa);
  const sigmaMin = sigma[r - 1];
  const { A: G } = knownSvd(m, n, sigma, seed);
  const E = unitDirection(m, n, seed + 7777);
  const eps = (Math.max(m, n) * U64 * fro(G)) / sigmaMin; // ε_Ortho
  const h = Math.cbrt((eps * sigmaMin ** 3) / 2);
  const bound = RATIO * ((h * h) / sigmaMin ** 3 + eps / h);
  return { G, E, sigmaMin, h, bound };
}

/** ‖FD − D‖_F against bound(h*): the decision rule of every check in this file */
const fdError = (s: Setup, D: Matrix) => fro(polarDerivativeFD(s.G, s.E, s.h).sub(D));

/** the formula re-implemented with optional, deliberate mistakes (negative controls) */
function variant(G: Matrix, E: Matrix, mistake: 'dropProjection' | 'wrongDenominator'): Matrix {
  const { U, s, V } = thinSvd(G);
  const K = U.transpose().mmul(E).mmul(V);
  const n = s.length;
  const Om = new Matrix(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const den = mistake === 'wrongDenominator' ? 2 * s[i] : s[i] + s[j];
      Om.set(i, j, (K.get(i, j) - K.get(j, i)) / den);
    }
  const D = U.mmul(Om).mmul(V.transpose());
  if (mistake !== 'dropProjection' && G.rows > G.columns) {
    const EV = E.mmul(V);
    const res = EV.clone().sub(U.mmul(U.transpose().mmul(EV)));
    const SinvVt = V.transpose();
    for (let i = 0; i < n; i++) for (let j = 0; j < SinvVt.columns; j++) SinvVt.set(i, j, SinvVt.get(i, j) / s[i]);
    D.add(res.mmul(SinvVt));
  }
  return D;
}

const shapes: [number, number][] = [
  [1, 1],
  [3, 3],
  [6, 6],
  [10, 4],
  [4, 10],
  [16, 16],
  [20, 7],
];

describe('polarDerivative vs central differences', () => {
  test('‖FD(h*) − D‖_F ≤ 30·(h*²/σ_min³ + max(m,n)·u·κ_F/h*) on square, tall and wide G, κ = 1, 10, 100', () => {
    let seed = 1;
    for (const [m, n] of shapes)
      for (const kappa of [1, 10, 100]) {
        const s = setup(m, n, kappa, seed++);
        const D = polarDerivative(s.G, s.E);
        expect([D.rows, D.columns]).toEqual([m, n]);
        expect(fdError(s, D), `${m}×${n} κ=${kappa}`).toBeLessThanOrEqual(s.bound);
      }
  });
  test('truncation model: at h = 0.05·σ_min (roundoff negligible) ‖FD − D‖_F ≤ h²/σ_min³, i.e. ‖D³Ortho‖ ≤ 6/σ_min³', () => {
    let seed = 200;
    for (const [m, n] of shapes)
      for (const kappa of [1, 10, 100]) {
        const s = setup(m, n, kappa, seed++);
        const h = 0.05 * s.sigmaMin;
        const err = fro(polarDerivativeFD(s.G, s.E, h).sub(polarDerivative(s.G, s.E)));
        expect(err, `${m}×${n} κ=${kappa}`).toBeLessThanOrEqual((h * h) / s.sigmaMin ** 3);
      }
  });
});

describe('polarDerivative: exact structure', () => {
  test('D[G] = 0 (Ortho is homogeneous of degree 0): ‖D[G/‖G‖_F]‖_F ≤ 30·max(m,n)·u·κ_F/σ_min', () => {
    let seed = 300;
    for (const [m, n] of shapes) {
      const sigma = geometric(Math.min(m, n), 20);
      const { A } = knownSvd(m, n, sigma, seed++);
      const sMin = sigma[sigma.length - 1];
      const bound = (RATIO * Math.max(m, n) * U64 * fro(A)) / sMin / sMin;
      expect(fro(polarDerivative(A, A.clone().mul(1 / fro(A))))).toBeLessThanOrEqual(bound);
      // not vacuous: along a generic unit direction the derivative is far above the bound (1×1 excepted: Ortho is constant)
      if (m * n > 1) expect(fro(polarDerivative(A, unitDirection(m, n, seed + 50)))).toBeGreaterThan(1e6 * bound);
    }
  });
  test('tangency: with P = Ortho(G), PᵀD + DᵀP = 0 (tall) / DPᵀ + PDᵀ = 0 (wide), relative to ‖D‖_F, ≤ 30·max(m,n)·u·κ_F', () => {
    let seed = 400;
    for (const [m, n] of shapes) {
      const s = setup(m, n, 30, seed++);
      const P = polarFactor(s.G),
        D = polarDerivative(s.G, s.E);
      const T =
        m >= n ? P.transpose().mmul(D).add(D.transpose().mmul(P)) : D.mmul(P.transpose()).add(P.mmul(D.transpose()));
      const bound = ((RATIO * Math.max(m, n) * U64 * fro(s.G)) / s.sigmaMin) * fro(D); // D = 0 for 1×1
      expect(fro(T), `${m}×${n}`).toBeLessThanOrEqual(bound);
      // negative control: D + 1e-6·P leaves the tangent space (PᵀP = I is symmetric)
      const W = D.clone().add(P.clone().mul(1e-6));
      const Tw =
        m >= n ? P.transpose().mmul(W).add(W.transpose().mmul(P)) : W.mmul(P.transpose()).add(P.mmul(W.transpose()));
      expect(fro(Tw), `${m}×${n}`).toBeGreaterThan(bound);
    }
  });
  test('the Jacobian is symmetric (Ortho = ∇‖·‖_* is a gradient): skewRatio ≤ 30·max(m,n)·u·κ_F; the exact and FD Jacobians agree', () => {
    const s = setup(5, 3, 10, 500);
    const J = jacobianMatrix(s.G, (E) => polarDerivative(s.G, E));
    expect(skewRatio(J)).toBeLessThanOrEqual((RATIO * 5 * U64 * fro(s.G)) / s.sigmaMin);
    // negative control: the Jacobian of the linear map G ↦ G·M (M not symmetric) is not symmetric
    const M = new Matrix([
      [1, 2, 0],
      [0, 1, 0],
      [0, 0, 3],
    ]);
    expect(skewRatio(jacobianMatrix(s.G, (E) => E.mmul(M)))).toBeGreaterThan(0.1);
    const Jfd = jacobianMatrix(s.G, (E) => polarDerivativeFD(s.G, E, s.h));
    // column by column the FD bound holds for unit E_ij; √(mn) columns in Frobenius
    expect(fro(J.clone().sub(Jfd))).toBeLessThanOrEqual(Math.sqrt(15) * s.bound);
  });
  test('linear in E: D[2E₁ − 3E₂] = 2D[E₁] − 3D[E₂] within 30·max(m,n)·u·‖D‖ scale', () => {
    const s = setup(8, 5, 10, 600);
    const E2 = unitDirection(8, 5, 601);
    const lhs = polarDerivative(s.G, s.E.clone().mul(2).sub(E2.clone().mul(3)));
    const rhs = polarDerivative(s.G, s.E).mul(2).sub(polarDerivative(s.G, E2).mul(3));
    expect(fro(lhs.sub(rhs))).toBeLessThanOrEqual(RATIO * 8 * U64 * 5 * fro(rhs));
  });
});

describe('negative controls: the FD check rejects wrong derivatives', () => {
  test('one entry of D perturbed by 100× the bound is rejected (κ = 10, 10×4)', () => {
    const s = setup(10, 4, 10, 700);
    const D = polarDerivative(s.G, s.E);
    expect(fdError(s, D)).toBeLessThanOrEqual(s.bound);
    D.set(3, 1, D.get(3, 1) + 100 * s.bound);
    expect(fdError(s, D)).toBeGreaterThan(s.bound);
  });
  test('dropping the (I − UUᵀ)EVΣ⁻¹Vᵀ term (tall G) is rejected; it is harmless only for square G', () => {
    const tall = setup(12, 5, 10, 710);
    expect(fdError(tall, variant(tall.G, tall.E, 'dropProjection'))).toBeGreaterThan(1e3 * tall.bound);
    const square = setup(6, 6, 10, 711);
    expect(fdError(square, variant(square.G, square.E, 'dropProjection'))).toBeLessThanOrEqual(square.bound);
  });
  test('Ω_ij over 2σ_i instead of σ_i + σ_j is rejected', () => {
    const s = setup(7, 7, 10, 720);
    expect(fdError(s, variant(s.G, s.E, 'wrongDenominator'))).toBeGreaterThan(1e3 * s.bound);
  });
});
