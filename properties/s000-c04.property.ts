import { Matrix } from 'ml-matrix';
import {
  acrossSizes,
  atScaleShapes,
  centralDifference,
  centralDifferenceError,
  compute,
  directionFromSeed,
  forAll,
  frobeniusInner,
  frobeniusNorm,
  jacobianMatrix,
  matrices,
  nuclearNorm,
  polarDerivative,
  polarFactor,
  showMatrixCase,
  sizeOf,
  skewPartAtScale,
  skewRatio,
  step,
  substance,
  thinSvd,
  tolerance,
  toMatrix,
  U64,
  unitMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase, Measurement, Tolerance } from '../src/claim.js';
import fc from 'fast-check';

// Full rank, at least two columns, κ ≤ 10 so central differences are accurate (see fdError).
// At least two rows too: a 1×n row is a vector, the case Claim 3 already covers.
const twoOrMoreColumns = matrices({ rows: { min: 2, max: 4 }, cols: { min: 2, max: 4 }, rank: 'full', maxLogKappa: 1 });

const H = 1e-5;
/**
 * Central-difference error for Ortho at G: truncation h²·‖D³Ortho‖ ≲ h²/σ_min³ plus cancellation
 * u·‖Ortho‖_F/h = u·√(mn)/h amplified by 1/σ_min; ×10 for the constants; then ×σ_max (relative to
 * ‖J‖_F ≥ 1/σ_max) and ×mn (summed over the mn directions of the Jacobian).
 */
function fdError(G: Matrix): Tolerance {
  const s = thinSvd(G).s;
  const smin = s[s.length - 1],
    smax = s[0];
  const fd = centralDifferenceError({
    h: H,
    truncation: (H * H) / smin ** 3,
    roundoff: (U64 * Math.sqrt(G.rows * G.columns)) / (H * smin),
    how: 'truncation h²/σ_min³, cancellation u·√(mn)/(h·σ_min)',
  });
  return tolerance(
    fd.bound * smax * G.rows * G.columns,
    `${fd.reason} × σ_max·mn = ${(smax * G.rows * G.columns).toPrecision(3)} (×σ_max: relative to ‖J‖_F ≥ 1/σ_max; ×mn: one such error per Jacobian column, mn columns)`,
  );
}

function fdJacobianSkew(c: MatrixCase, mustExist: boolean): Measurement {
  const G = toMatrix(c);
  const J = jacobianMatrix(G, centralDifference(polarFactor, G, H));
  const r = skewRatio(J);
  return mustExist
    ? { value: r, tolerance: fdError(G), relation: '>=', detail: { skewRatio: r } }
    : { value: r, tolerance: fdError(G), detail: { skewRatio: r } };
}

/** The central-difference error at G = I (σ = 1), for the mixed products and the skew ratio there. */
const AT_IDENTITY_FD = tolerance(
  1e-8,
  'central differences at G = I (σ = 1), h = 1e-5: truncation h² = 1e-10 plus cancellation u/h ≈ 1.1e-11; bound 1e-8 ≈ 90× their sum',
);

/** ⟨e_b e_aᵀ, DF(I)[e_a e_bᵀ]⟩ by central differences, for every a ≠ b and m = 2..4. */
function mixedProducts(claimed: number, swap: boolean): Measurement[] {
  const out: Measurement[] = [];
  for (let m = 2; m <= 4; m++) {
    const I = Matrix.eye(m);
    const D = centralDifference(polarFactor, I, H);
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) {
        if (a === b) continue;
        const Ea = unitMatrix(m, m, a, b),
          Eb = unitMatrix(m, m, b, a);
        const v = swap ? frobeniusInner(Ea, D(Eb)) : frobeniusInner(Eb, D(Ea));
        out.push({
          value: Math.abs(v - claimed),
          tolerance: AT_IDENTITY_FD,
          detail: { m, a: a + 1, b: b + 1, computed: v, claimed },
        });
      }
  }
  return out;
}

/** Nuclear norm gradient by central differences along a random direction E: ⟨∇‖G‖_*, E⟩ vs ⟨Ortho(G), E⟩. */
function nuclearGradientGap(c: MatrixCase, seed: number): Measurement {
  const G = toMatrix(c);
  const E = directionFromSeed(G.rows, G.columns, seed);
  const fd = (nuclearNorm(G.clone().add(E.clone().mul(H))) - nuclearNorm(G.clone().sub(E.clone().mul(H)))) / (2 * H);
  const exact = frobeniusInner(polarFactor(G), E);
  return { value: Math.abs(fd - exact), tolerance: fdError(G), detail: { fd, exact } };
}

// One f32 computation serves the headline and the corrected check (the first caller's seed).
const atScale = new Map();

const withSeed = fc.tuple(twoOrMoreColumns, fc.integer({ min: 1, max: 2 ** 30 }));

const skewPart = forAll({
  name: 'Jacobian of Ortho has a skew part (central differences, f64)',
  backend: 'ml-matrix-f64',
  arbitrary: twoOrMoreColumns,
  numRuns: 60,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase) => fdJacobianSkew(c, true),
});
const AT_SCALE_REASON =
  'kernel products vs f64 on sampled entries (Higham bound γ_{n+2}(|A||B|)_ij); skew level: probabilistic f32 rounding (Higham & Mary 2019) 4·u32·√n/h + 9h²/n, h = 2⁻⁷';
const skewPartAtN = compute({
  name: 'skew part at n = 1024 (gpu.js f32, dense orthogonal G, transposed direction pair)',
  backend: 'gpu.js-f32',
  sizes: atScaleShapes(1024, 1024),
  toleranceReason: AT_SCALE_REASON,
  run: (ctx) => acrossSizes(ctx, 1024, (n) => skewPartAtScale(n, ctx.seed, true, atScale)),
});
// The corrected conclusion on the same inputs: the Jacobian is symmetric (Ortho = ∇‖·‖_*).
const symmetric = forAll({
  name: 'Jacobian of Ortho is symmetric (central differences, f64)',
  backend: 'ml-matrix-f64',
  arbitrary: twoOrMoreColumns,
  numRuns: 60,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase) => fdJacobianSkew(c, false),
});
const symmetricAtN = compute({
  name: 'Jacobian symmetric at n = 1024 (gpu.js f32)',
  backend: 'gpu.js-f32',
  sizes: atScaleShapes(1024, 1024),
  toleranceReason: AT_SCALE_REASON,
  run: (ctx) => acrossSizes(ctx, 1024, (n) => skewPartAtScale(n, ctx.seed, false, atScale)),
});

verifyClaim(import.meta.url, {
  checks: [skewPart, skewPartAtN],
  steps: [
    step(
      'numeric',
      compute({
        name: 'mixed product = +1/2 at G = I',
        backend: 'ml-matrix-f64',
        run: () => mixedProducts(+0.5, false),
      }),
    ),
    step(
      'numeric',
      compute({
        name: 'swapped mixed product = −1/2 at G = I',
        backend: 'ml-matrix-f64',
        run: () => mixedProducts(-0.5, true),
      }),
    ),
    step(
      'numeric',
      compute({
        name: 'J ≠ Jᵀ at G = I_m, m = 2..4',
        backend: 'ml-matrix-f64',
        run: () =>
          [2, 3, 4].map((m): Measurement => {
            const I = Matrix.eye(m);
            const r = skewRatio(jacobianMatrix(I, centralDifference(polarFactor, I, H)));
            return { value: r, tolerance: AT_IDENTITY_FD, relation: '>=', detail: { m, skewRatio: r } };
          }),
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'no potential: ∇‖G‖_* ≠ Ortho(G)',
        backend: 'ml-matrix-f64',
        arbitrary: withSeed,
        numRuns: 60,
        size: ([c]) => sizeOf(c),
        show: ([c, seed]) => ({ G: showMatrixCase(c), directionSeed: seed }),
        // The step asserts no potential exists; the nuclear norm is a candidate. The step holds at G iff
        // its gradient misses Ortho(G) by more than the finite-difference error.
        measure: ([c, seed]) => {
          const m = nuclearGradientGap(c, seed);
          return { ...m, relation: '>=' };
        },
      }),
    ),
  ],
  // Wrong in substance: the Jacobian is symmetric (the nuclear norm is a potential).
  failure: substance({ checks: { [skewPart.name]: symmetric, [skewPartAtN.name]: symmetricAtN } }),
  corrected: [
    symmetric,
    forAll({
      name: 'exact Fréchet derivative UΩVᵀ + (I−UUᵀ)EVΣ⁻¹Vᵀ matches central differences',
      backend: 'ml-matrix-f64',
      arbitrary: withSeed,
      numRuns: 60,
      size: ([c]) => sizeOf(c),
      show: ([c, seed]) => ({ G: showMatrixCase(c), directionSeed: seed }),
      measure: ([c, seed]) => {
        const G = toMatrix(c);
        const E = directionFromSeed(G.rows, G.columns, seed);
        const exact = polarDerivative(G, E);
        const fd = centralDifference(polarFactor, G, H)(E);
        return { value: frobeniusNorm(exact.clone().sub(fd)) / frobeniusNorm(exact), tolerance: fdError(G) };
      },
    }),
    forAll({
      name: '∇‖G‖_* = Ortho(G) (central differences of the nuclear norm)',
      backend: 'ml-matrix-f64',
      arbitrary: withSeed,
      numRuns: 60,
      size: ([c]) => sizeOf(c),
      show: ([c, seed]) => ({ G: showMatrixCase(c), directionSeed: seed }),
      measure: ([c, seed]) => nuclearGradientGap(c, seed),
    }),
    compute({
      name: 'both mixed products = −1/2 at G = I',
      backend: 'ml-matrix-f64',
      run: () => [...mixedProducts(-0.5, false), ...mixedProducts(-0.5, true)],
    }),
    symmetricAtN,
  ],
});
