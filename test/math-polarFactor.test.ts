/**
 * src/math/linalg/polarFactor.ts (Ortho(G) = UVᵀ from the thin SVD) and src/math/linalg/newtonPolar.ts
 * (Newton's iteration for the same factor, Higham, Functions of Matrices §8.3).
 *
 * Bounds:
 *  - orthonormality: P = U·Vᵀ inherits the orthonormality of the computed U, V:
 *    ‖PᵀP − I‖_F ≤ 30·max(m,n)·u (LAPACK xORT01 ratio).
 *  - forward error: the SVD is backward stable (ΔG ≤ c·max(m,n)·u·‖G‖_F) and the polar factor's
 *    perturbation bound is ‖ΔOrtho‖_F ≤ 2‖ΔG‖_F/(σ_min + σ̃_min) (R.-C. Li, "New perturbation
 *    bounds for the unitary polar factor", SIAM J. Matrix Anal. Appl. 16 (1995); Li & Sun 2003 for
 *    m > n), so ‖P̂ − UVᵀ‖_F ≤ 30·max(m,n)·u·κ_F with κ_F = ‖G‖_F/σ_min.
 *  - Newton, X^{-T} form: error ∝ u·κ (Higham §8.3/8.9) → the same bound, doubled when two
 *    computed factors are compared (each is within the bound of the truth). The Gram form
 *    ½X(I + (XᵀX)⁻¹) squares the conditioning → 30·max(m,n)·u·κ_F², and is only tested where
 *    κ_F²·u ≪ 1.
 */
import { Matrix } from 'ml-matrix';
import { describe, expect, test } from 'vitest';
import { polarFactor } from '../src/math/linalg/polarFactor.js';
import { newtonPolar, newtonPolarStep } from '../src/math/linalg/newtonPolar.js';
import { haarOrthonormal } from '../src/random/orthogonal.js';
import { RATIO, U64, fro, gaussianMatrix, geometric, knownSvd, orthogonalityDefect } from './math-helpers.js';

const kappaF = (G: Matrix, sigmaMin: number) => fro(G) / sigmaMin;
/** ‖P − UVᵀ‖_F / (max(m,n)·u·κ_F) */
const forwardRatio = (P: Matrix, T: Matrix, G: Matrix, sigmaMin: number) =>
  fro(P.clone().sub(T)) / (Math.max(G.rows, G.columns) * U64 * kappaF(G, sigmaMin));
/** orthonormal columns (tall) or rows (wide): ‖PᵀP − I‖_F or ‖PPᵀ − I‖_F, over max(m,n)·u */
const orthoRatio = (P: Matrix) =>
  orthogonalityDefect(P.rows >= P.columns ? P : P.transpose()) / (Math.max(P.rows, P.columns) * U64);

const shapes: [number, number][] = [
  [1, 1],
  [5, 1],
  [1, 5],
  [6, 6],
  [12, 5],
  [5, 12],
  [24, 24],
];

describe('polarFactor', () => {
  test('Ortho(U·diag(σ)·Vᵀ) = U·Vᵀ within 30·max(m,n)·u·κ_F, with orthonormal columns/rows (ratio ≤ 30), κ = 1 … 1e10', () => {
    let seed = 1;
    for (const [m, n] of shapes)
      for (const kappa of [1, 1e3, 1e10]) {
        const sigma = geometric(Math.min(m, n), kappa);
        const { A, U, V } = knownSvd(m, n, sigma, seed++);
        const P = polarFactor(A);
        expect([P.rows, P.columns]).toEqual([m, n]);
        expect(
          forwardRatio(P, U.mmul(V.transpose()), A, sigma[sigma.length - 1]),
          `${m}×${n} κ=${kappa}`,
        ).toBeLessThanOrEqual(RATIO);
        expect(orthoRatio(P), `${m}×${n} κ=${kappa}`).toBeLessThanOrEqual(RATIO);
      }
  });
  test('invariances: Ortho(cG) = Ortho(G) (c > 0), Ortho(Gᵀ) = Ortho(G)ᵀ, Ortho(Q₁GQ₂) = Q₁·Ortho(G)·Q₂ (2× the bound: two computed factors)', () => {
    let seed = 40;
    for (const [m, n] of [
      [6, 6],
      [9, 4],
      [4, 9],
    ] as [number, number][]) {
      const sigma = geometric(Math.min(m, n), 50);
      const { A } = knownSvd(m, n, sigma, seed++);
      const P = polarFactor(A);
      const bound = 2 * RATIO * Math.max(m, n) * U64 * kappaF(A, sigma[sigma.length - 1]);
      for (const c of [1e-3, 7, 1e5]) expect(fro(polarFactor(A.clone().mul(c)).sub(P))).toBeLessThanOrEqual(bound);
      expect(fro(polarFactor(A.transpose()).sub(P.transpose()))).toBeLessThanOrEqual(bound);
      const Q1 = haarOrthonormal(m, m, seed + 100),
        Q2 = haarOrthonormal(n, n, seed + 200);
      expect(fro(polarFactor(Q1.mmul(A).mmul(Q2)).sub(Q1.mmul(P).mmul(Q2)))).toBeLessThanOrEqual(bound);
    }
  });
  test('nearest matrix with orthonormal columns: ‖G − Ortho(G)‖_F < ‖G − Q‖_F for 20 random Haar Q (Fan–Hoffman)', () => {
    const G = gaussianMatrix(10, 6, 3);
    const best = fro(G.clone().sub(polarFactor(G)));
    for (let s = 0; s < 20; s++) expect(best).toBeLessThan(fro(G.clone().sub(haarOrthonormal(10, 6, 500 + s))));
  });
  test('negative controls: U·Vᵀ with one column of U negated, and P + 1e-8 in one entry, both fail', () => {
    const sigma = geometric(6, 10);
    const { A, U, V } = knownSvd(8, 6, sigma, 60);
    const T = U.mmul(V.transpose());
    const Uflip = U.clone();
    for (let i = 0; i < 8; i++) Uflip.set(i, 3, -Uflip.get(i, 3));
    const wrong = Uflip.mmul(V.transpose());
    expect(orthoRatio(wrong)).toBeLessThanOrEqual(RATIO); // orthonormal, so only the forward check can catch it
    expect(forwardRatio(wrong, T, A, sigma[5])).toBeGreaterThan(RATIO);
    const P = polarFactor(A);
    P.set(2, 2, P.get(2, 2) + 1e-8);
    expect(orthoRatio(P)).toBeGreaterThan(RATIO);
    expect(forwardRatio(P, T, A, sigma[5])).toBeGreaterThan(RATIO);
  });
});

describe('newtonPolar agrees with polarFactor', () => {
  test("'inverse' form (square G): converges, ‖X_K − Ortho(G)‖_F ≤ 2·30·n·u·κ_F for κ up to 1e8", () => {
    let seed = 70;
    for (const n of [2, 8, 20])
      for (const kappa of [1, 1e4, 1e8]) {
        const sigma = geometric(n, kappa);
        const { A } = knownSvd(n, n, sigma, seed++);
        const run = newtonPolar(A, 'inverse');
        expect(run.converged, `n=${n} κ=${kappa}`).toBe(true);
        const X = run.iterates[run.iterates.length - 1];
        expect(fro(X.sub(polarFactor(A))), `n=${n} κ=${kappa}`).toBeLessThanOrEqual(
          2 * RATIO * n * U64 * kappaF(A, sigma[n - 1]),
        );
        // quadratic convergence from X₀ = G/‖G‖_F: about log₂(κ·√n) + 6 steps (Higham §8.3)
        expect(run.steps).toBeLessThanOrEqual(Math.ceil(Math.log2(kappa * Math.sqrt(n))) + 8);
      }
  });
  test("'gram' form (tall and square G): within 30·max(m,n)·u·κ_F² where κ_F²·u ≪ 1", () => {
    let seed = 90;
    for (const [m, n] of [
      [6, 6],
      [15, 6],
      [30, 12],
    ] as [number, number][])
      for (const kappa of [1, 1e2, 1e4]) {
        const sigma = geometric(n, kappa);
        const { A, U, V } = knownSvd(m, n, sigma, seed++);
        const run = newtonPolar(A, 'gram');
        expect(run.converged).toBe(true);
        const X = run.iterates[run.iterates.length - 1];
        const kF = kappaF(A, sigma[n - 1]);
        expect(fro(X.sub(U.mmul(V.transpose()))), `${m}×${n} κ=${kappa}`).toBeLessThanOrEqual(
          RATIO * m * U64 * kF * kF,
        );
      }
  });
  test('one step maps an orthonormal X to itself and the two forms agree on square X', () => {
    const Q = haarOrthonormal(7, 7, 5);
    expect(fro(newtonPolarStep(Q, 'inverse').sub(Q))).toBeLessThanOrEqual(RATIO * 7 * U64 * Math.sqrt(7));
    // X^{-T} = X(XᵀX)^{-1} for square X. The Gram route inverts XᵀX with relative error ≲ n·u·κ(XᵀX)
    // = n·u·κ² on a result of norm ‖X⁻¹‖₂ = κ (σ₁ = 1): bound 30·n·u·κ³, κ = 1e3 here
    const kappa = 1e3;
    const { A: X } = knownSvd(7, 7, geometric(7, kappa), 6);
    expect(fro(newtonPolarStep(X, 'inverse').sub(newtonPolarStep(X, 'gram')))).toBeLessThanOrEqual(
      RATIO * 7 * U64 * kappa ** 3,
    );
    expect(() => newtonPolarStep(gaussianMatrix(5, 3, 1), 'inverse')).toThrow(/square/);
  });
  test('negative control: Newton stopped after 3 steps (κ = 1e4) fails the agreement bound', () => {
    const sigma = geometric(8, 1e4);
    const { A } = knownSvd(8, 8, sigma, 99);
    const early = newtonPolar(A, 'inverse', 3);
    expect(early.converged).toBe(false);
    const X = early.iterates[early.iterates.length - 1];
    expect(fro(X.sub(polarFactor(A)))).toBeGreaterThan(2 * RATIO * 8 * U64 * kappaF(A, sigma[7]));
  });
});
