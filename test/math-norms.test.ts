/**
 * src/math/linalg/norms.ts: Frobenius inner product and norm, spectral norm σ₁, nuclear norm Σσᵢ,
 * and the duality the Muon step rests on: max_{‖Q‖₂ ≤ 1} ⟨G, Q⟩ = ‖G‖_*, attained at Q = Ortho(G).
 *
 * Bounds: σ̂ᵢ are within 30·max(m,n)·u·σ₁ of σᵢ (backward-stable SVD + Weyl), so
 *   |‖G‖₂^ − σ₁| ≤ 30·max(m,n)·u·σ₁,   |‖G‖_*^ − Σσᵢ| ≤ r·30·max(m,n)·u·σ₁  (r = min(m,n) terms),
 * and ⟨G, UVᵀ⟩ = tr(Σ) up to the same r·30·max(m,n)·u·σ₁ (U, V orthonormal to O(n·u)).
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import {
  frobeniusDistance,
  frobeniusInner,
  frobeniusNorm,
  nuclearNorm,
  spectralNorm,
} from '../src/math/linalg/norms.js';
import { polarFactor } from '../src/math/linalg/polarFactor.js';
import { haarOrthonormal } from '../src/random/orthogonal.js';
import { RATIO, U64, gaussianMatrix, geometric, knownSvd } from './math-helpers.js';

const shapes: [number, number][] = [
  [1, 1],
  [1, 6],
  [6, 1],
  [5, 5],
  [9, 4],
  [4, 9],
  [20, 20],
];
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('norms on matrices with known singular values', () => {
  test('spectral = σ₁, nuclear = Σσᵢ, Frobenius = √Σσᵢ² (bounds in the header)', () => {
    let seed = 1;
    for (const [m, n] of shapes)
      for (const kappa of [1, 1e4]) {
        const r = Math.min(m, n);
        const sigma = geometric(r, kappa).map((x) => 3 * x);
        const { A } = knownSvd(m, n, sigma, seed++);
        const tol = RATIO * Math.max(m, n) * U64 * sigma[0];
        expect(Math.abs(spectralNorm(A) - sigma[0]), `${m}×${n}`).toBeLessThanOrEqual(tol);
        expect(Math.abs(nuclearNorm(A) - sum(sigma)), `${m}×${n}`).toBeLessThanOrEqual(r * tol);
        // negative controls: a nuclear norm missing the smallest σ, and σ₂ reported as the spectral norm, fail
        if (r > 1) expect(Math.abs(nuclearNorm(A) - sigma[r - 1] - sum(sigma))).toBeGreaterThan(r * tol);
        if (r > 1 && kappa > 1) expect(Math.abs(sigma[1] - sigma[0])).toBeGreaterThan(tol);
        // Frobenius: a sum of m·n squares, relative error ≤ m·n·u (+ the construction's r·u)
        const f = Math.hypot(...sigma);
        expect(Math.abs(frobeniusNorm(A) - f) / f, `${m}×${n}`).toBeLessThanOrEqual(RATIO * (m * n + r) * U64);
      }
  });
  test('zero matrix: all norms 0; orthonormal Q: ‖Q‖₂ = 1, ‖Q‖_* = r', () => {
    const Z = Matrix.zeros(3, 4);
    expect([spectralNorm(Z), nuclearNorm(Z), frobeniusNorm(Z)]).toEqual([0, 0, 0]);
    const Q = haarOrthonormal(10, 4, 3);
    expect(Math.abs(spectralNorm(Q) - 1)).toBeLessThanOrEqual(RATIO * 10 * U64);
    expect(Math.abs(nuclearNorm(Q) - 4)).toBeLessThanOrEqual(4 * RATIO * 10 * U64);
  });
  test('norm inequalities: ‖G‖₂ ≤ ‖G‖_F ≤ ‖G‖_* ≤ √r·‖G‖_F and ‖G‖_F ≤ √r·‖G‖₂ (with 30·n·u slack)', () => {
    let seed = 40;
    for (const [m, n] of shapes) {
      const A = gaussianMatrix(m, n, seed++);
      const r = Math.min(m, n),
        s = spectralNorm(A),
        f = frobeniusNorm(A),
        nu = nuclearNorm(A);
      const slack = 1 + RATIO * Math.max(m, n) * r * U64;
      expect(s).toBeLessThanOrEqual(f * slack);
      expect(f).toBeLessThanOrEqual(nu * slack);
      expect(nu).toBeLessThanOrEqual(Math.sqrt(r) * f * slack);
      expect(f).toBeLessThanOrEqual(Math.sqrt(r) * s * slack);
    }
  });
});

describe('duality ⟨G, Ortho(G)⟩ = ‖G‖_*', () => {
  test('⟨G, UVᵀ⟩ = Σσᵢ within r·30·max(m,n)·u·σ₁, with the computed polar factor', () => {
    let seed = 60;
    for (const [m, n] of shapes) {
      const r = Math.min(m, n);
      const sigma = geometric(r, 100).map((x) => 2 * x);
      const { A } = knownSvd(m, n, sigma, seed++);
      const tol = r * RATIO * Math.max(m, n) * U64 * sigma[0];
      expect(Math.abs(frobeniusInner(A, polarFactor(A)) - sum(sigma)), `${m}×${n}`).toBeLessThanOrEqual(tol);
      expect(Math.abs(frobeniusInner(A, polarFactor(A)) - nuclearNorm(A)), `${m}×${n}`).toBeLessThanOrEqual(2 * tol);
    }
  });
  test('Hölder: ⟨G, Q⟩ ≤ ‖G‖_*·‖Q‖₂ for 30 random Haar Q (orthonormal, ‖Q‖₂ = 1), strictly below the maximum', () => {
    const G = gaussianMatrix(8, 5, 70);
    const nuc = nuclearNorm(G);
    for (let s = 0; s < 30; s++) {
      const Q = haarOrthonormal(8, 5, 700 + s);
      // a random Q is generically far from the maximiser UVᵀ: 1e-6 relative margin ≫ roundoff (≈ 1e-14)
      expect(frobeniusInner(G, Q)).toBeLessThan(nuc * (1 - 1e-6));
    }
  });
  test('negative control: a wrong maximiser (polar factor of G with one singular direction flipped) misses ‖G‖_* by 2σ_k', () => {
    const sigma = [3, 2, 1, 0.5];
    const { A, U, V } = knownSvd(7, 4, sigma, 80);
    const Uflip = U.clone();
    for (let i = 0; i < 7; i++) Uflip.set(i, 2, -Uflip.get(i, 2));
    const wrong = Uflip.mmul(V.transpose());
    const tol = 4 * RATIO * 7 * U64 * 3;
    const gap = nuclearNorm(A) - frobeniusInner(A, wrong);
    expect(gap).toBeGreaterThan(tol);
    expect(Math.abs(gap - 2 * sigma[2])).toBeLessThanOrEqual(tol);
  });
});

describe('Frobenius helpers', () => {
  test('⟨A, B⟩ = tr(AᵀB), ‖A − B‖_F, shape mismatch refused', () => {
    const A = gaussianMatrix(4, 3, 90),
      B = gaussianMatrix(4, 3, 91);
    const tr = A.transpose().mmul(B).trace();
    expect(Math.abs(frobeniusInner(A, B) - tr)).toBeLessThanOrEqual(
      RATIO * 12 * U64 * frobeniusNorm(A) * frobeniusNorm(B),
    );
    expect(frobeniusDistance(A, A)).toBe(0);
    expect(
      Math.abs(
        frobeniusDistance(A, B) ** 2 - (frobeniusNorm(A) ** 2 - 2 * frobeniusInner(A, B) + frobeniusNorm(B) ** 2),
      ),
    ).toBeLessThanOrEqual(RATIO * 12 * U64 * (frobeniusNorm(A) + frobeniusNorm(B)) ** 2);
    expect(() => frobeniusInner(A, gaussianMatrix(3, 4, 92))).toThrow(/shape mismatch/);
  });
});
