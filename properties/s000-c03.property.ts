import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  centralDifference,
  directionFromSeed,
  forAll,
  frobeniusInner,
  frobeniusNorm,
  invSqrtmSym,
  jacobianMatrix,
  matrices,
  matrixResidual,
  pinvSqrtmSym,
  polarFactor,
  relative,
  showMatrixCase,
  sizeOf,
  step,
  substance,
  tolerance,
  toMatrix,
  U64,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase } from '../src/claim.js';

// Non-zero columns n×1 (m = 1 column), integer and spectral cases.
const columns = matrices({ rows: { min: 1, max: 5 }, cols: { min: 1, max: 1 }, rank: 'full' });
const withDirection = fc.record({ g: columns, dir: fc.integer({ min: 1, max: 2 ** 31 - 1 }) });
type Case = { g: MatrixCase; dir: number };
const showCase = (c: Case) => ({ g: showMatrixCase(c.g), directionSeed: c.dir });

const normalise = (g: Matrix) => g.clone().mul(1 / frobeniusNorm(g));
const ORTHO_TOL = relative({ n: 5, growth: 1, growthName: 'κ (a column has one singular value)' });

/** Central difference of ‖·‖ along a unit E with h = 1e-4‖g‖ (D³‖g‖ ~ 1/‖g‖²), on a directional derivative of size ≤ 1. */
const FD_TOL = tolerance(
  1e-7,
  'central difference h = 1e-4·‖g‖ along ‖E‖ = 1: truncation ≈ h²‖D³‖/6 ≈ 1e-8/6 ≈ 2e-9, cancellation ≈ u·‖g‖/h ≈ 1e-12; bound 1e-7 ≈ 60× their sum',
);
function gradNormFD(c: Case, claimed: (g: Matrix) => Matrix = normalise) {
  const g = toMatrix(c.g);
  const E = directionFromSeed(g.rows, 1, c.dir);
  const h = 1e-4 * frobeniusNorm(g);
  const fd =
    (frobeniusNorm(g.clone().add(E.clone().mul(h))) - frobeniusNorm(g.clone().sub(E.clone().mul(h)))) / (2 * h);
  const exact = frobeniusInner(claimed(g), E);
  return { value: Math.abs(fd - exact), tolerance: FD_TOL, detail: { fd, claimed: exact } };
}

const orthoIsNormalised = forAll({
  name: 'Ortho(g) = g/‖g‖ (n×1 columns)',
  backend: 'ml-matrix-f64',
  arbitrary: columns,
  numRuns: 100,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase) => {
    const g = toMatrix(c);
    return matrixResidual(
      () => polarFactor(g),
      () => normalise(g),
      ORTHO_TOL,
    );
  },
  // Only unit columns satisfy Ortho(g) = g/‖g‖²; every other column must refute it.
  control: {
    description: 'g/‖g‖ → g/‖g‖² (exponent 1 → 2)',
    measure: (c: MatrixCase) => {
      const g = toMatrix(c);
      return matrixResidual(
        () => polarFactor(g),
        () => g.clone().mul(1 / frobeniusNorm(g) ** 2),
        ORTHO_TOL,
      );
    },
  },
});
const gradientOfNorm = forAll({
  name: 'g/‖g‖ = ∇_g‖g‖ (central differences along random directions)',
  backend: 'ml-matrix-f64',
  arbitrary: withDirection,
  numRuns: 100,
  size: (c) => sizeOf(c.g),
  show: showCase,
  measure: (c: Case) => gradNormFD(c),
  // The gradient of ‖g‖ is not the unnormalised g: equal only on unit columns.
  control: { description: '∇_g‖g‖ = g/‖g‖ → g (normalisation dropped)', measure: (c: Case) => gradNormFD(c, (g) => g) },
});
/**
 * Finite-difference Jacobian of g ↦ g/‖g‖ (h = 1e-5‖g‖): each entry errs by ≈ ((h/‖g‖)² + u‖g‖/h)/‖g‖,
 * so a truly skew part shows as ‖J − Jᵀ‖_F·‖g‖ far above 1e-6, while a symmetric J stays below it.
 */
const FD_JACOBIAN_TOL = tolerance(
  1e-6,
  'FD Jacobian with h = 1e-5‖g‖: each entry errs by ≈ ((h/‖g‖)² + u‖g‖/h)/‖g‖ ≈ 1.1e-10/‖g‖, so ‖J − Jᵀ‖_F·‖g‖ ≲ √(2·25)·1.1e-10 ≈ 8e-10 over ≤ 25 entries; bound 1e-6',
);
/** ‖J − Jᵀ‖_F·‖g‖ for the finite-difference Jacobian of `map` at g. */
function jacobianSkew(c: MatrixCase, map: (g: Matrix) => Matrix) {
  const g = toMatrix(c);
  const J = jacobianMatrix(g, centralDifference(map, g, 1e-5 * frobeniusNorm(g)));
  // Normalised by 1/‖g‖ (the scale of J = (I − ĝĝᵀ)/‖g‖), not by ‖J‖_F, which is 0 for n = 1.
  return { value: frobeniusNorm(J.clone().sub(J.transpose())) * frobeniusNorm(g), tolerance: FD_JACOBIAN_TOL };
}
const integrable = forAll({
  name: 'g ↦ g/‖g‖ is integrable: finite-difference Jacobian symmetric',
  backend: 'ml-matrix-f64',
  arbitrary: columns,
  numRuns: 60,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase) => jacobianSkew(c, normalise),
  // g ↦ g/‖g‖₁ is a normalisation too, but not a gradient field: its Jacobian (I − g·sign(g)ᵀ/‖g‖₁)/‖g‖₁ is not symmetric.
  control: {
    description: 'the same test on g ↦ g/‖g‖₁ (ℓ1 normalisation, not a gradient field)',
    measure: (c: MatrixCase) =>
      jacobianSkew(c, (g) => g.clone().mul(1 / g.to1DArray().reduce((a, v) => a + Math.abs(v), 0))),
  },
});

// Stochastic gradient g = μ + ε, ε ~ N(0, s²I): M = E[ggᵀ] = μμᵀ + s²I exactly (no sampling needed).
const noisy = fc.record({
  mu: fc
    .integer({ min: 1, max: 3 })
    .chain((n) => fc.array(fc.integer({ min: -2, max: 2 }), { minLength: n, maxLength: n }))
    .filter((v) => v.some((x) => x !== 0)),
  s2: fc.integer({ min: 0, max: 3 }),
});
type Noisy = { mu: number[]; s2: number };
const HALF_WHITENING_TOL = relative({ n: 3, growth: 40, growthName: 'κ(M) bound (|μ|² ≤ 12, s² ≥ 1 or singular)' });
const halfWhitening = forAll({
  name: 'Ortho(μ) = μ/‖μ‖ = M^{-1/2}μ with M = E[ggᵀ] = μμᵀ + s²I',
  backend: 'ml-matrix-f64',
  arbitrary: noisy,
  numRuns: 150,
  size: (c: Noisy) => [c.mu.length, 1],
  show: (c: Noisy) => ({ mu: c.mu, noiseVariance: c.s2, M: 'μμᵀ + s²I' }),
  measure: (c: Noisy) => {
    const mu = Matrix.columnVector(c.mu);
    const M = mu.mmul(mu.transpose()).add(Matrix.eye(mu.rows).mul(c.s2));
    return matrixResidual(
      () => invSqrtmSym(M).mmul(mu),
      () => polarFactor(mu),
      HALF_WHITENING_TOL,
    );
  },
});
/**
 * The corrected conclusion on the same (μ, s²): M^{-1/2}μ is μ/√(‖μ‖² + s²), not μ/‖μ‖ — parallel to
 * Ortho(μ) but shorter by ‖μ‖/√(‖μ‖² + s²). Without noise (s² = 0, n ≥ 2) M = μμᵀ is singular and the
 * pseudo-inverse root stands for M^{-1/2} (for invertible M the two coincide).
 */
const halfWhiteningCorrected = forAll({
  name: 'M^{+1/2}μ = μ/√(‖μ‖² + s²) = Ortho(μ)·‖μ‖/√(‖μ‖² + s²) with M = μμᵀ + s²I',
  backend: 'ml-matrix-f64',
  arbitrary: noisy,
  numRuns: 150,
  size: (c: Noisy) => [c.mu.length, 1],
  show: (c: Noisy) => ({ mu: c.mu, noiseVariance: c.s2, M: 'μμᵀ + s²I' }),
  measure: (c: Noisy) => {
    const mu = Matrix.columnVector(c.mu);
    const M = mu.mmul(mu.transpose()).add(Matrix.eye(mu.rows).mul(c.s2));
    const norm2 = frobeniusNorm(mu) ** 2;
    return matrixResidual(
      () => pinvSqrtmSym(M).mmul(mu),
      () => mu.clone().mul(1 / Math.sqrt(norm2 + c.s2)),
      HALF_WHITENING_TOL,
    );
  },
});
const PINV_WHITENING_TOL = relative({ n: 5, growth: 1, growthName: 'κ on the range of ggᵀ' });
const pinvWhitening = forAll({
  name: 'g/‖g‖ = (ggᵀ)^{+1/2}g (single-sample pseudo-inverse whitening)',
  backend: 'ml-matrix-f64',
  arbitrary: columns,
  numRuns: 100,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase) => {
    const g = toMatrix(c);
    return matrixResidual(
      () => pinvSqrtmSym(g.mmul(g.transpose())).mmul(g),
      () => normalise(g),
      PINV_WHITENING_TOL,
    );
  },
});

verifyClaim(import.meta.url, {
  checks: [orthoIsNormalised, gradientOfNorm, halfWhitening, integrable],
  steps: [
    step(
      'numeric',
      forAll({
        name: '‖g‖ = (gᵀg)^{1/2}',
        backend: 'ml-matrix-f64',
        arbitrary: columns,
        numRuns: 50,
        size: sizeOf,
        show: showMatrixCase,
        measure: (c: MatrixCase) => {
          const g = toMatrix(c);
          const n = Math.hypot(...g.to1DArray());
          return {
            value: Math.abs(Math.sqrt(g.transpose().mmul(g).get(0, 0)) - n) / n,
            tolerance: tolerance(
              4 * g.rows * U64,
              `4·n·u64, n = ${g.rows}: the length-n dot product gᵀg errs by ≤ γ_n ≈ n·u relative, its square root halves that and adds u, hypot adds ≤ 2u (n·u/2 + 3u ≤ 4·n·u)`,
            ),
          };
        },
      }),
    ),
    step('numeric', gradientOfNorm),
  ],
  // "Coincides with half-whitening" is wrong in substance: with noise M^{-1/2}μ is a shorter vector.
  failure: substance({ checks: { [halfWhitening.name]: halfWhiteningCorrected } }),
  corrected: [orthoIsNormalised, gradientOfNorm, integrable, pinvWhitening, halfWhiteningCorrected],
});
