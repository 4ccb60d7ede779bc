import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
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
  step,
  substance,
  thinSvd,
  tolerance,
  toMatrix,
  U64,
  unitMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase } from '../src/claim.js';

type Case = { G: MatrixCase; dir: number };
const showCase = (c: Case) => ({ G: showMatrixCase(c.G), directionSeed: c.dir });
const dir = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const columns = fc.record({ G: matrices({ rows: { min: 1, max: 5 }, cols: { min: 1, max: 1 }, rank: 'full' }), dir });
// n×m with m ≥ 2 columns, full rank, κ ≤ 10²: keeps the exact-derivative roundoff near 1e-14.
const multiColumn = matrices({ rows: { min: 1, max: 4 }, cols: { min: 2, max: 3 }, rank: 'full', maxLogKappa: 2 });
const anyFullRank = fc.record({
  G: matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 3 }, rank: 'full', maxLogKappa: 2 }),
  dir,
});

/**
 * Central difference of a norm f along E against ⟨Ortho(G), E⟩. h = 1e-4·σ_min keeps the
 * truncation h²‖D³f‖/6 ≈ 1e-8·(σ_max/σ_min)⁰/6 below 1e-8 (D³‖·‖_* ~ 1/σ_min²) and the roundoff
 * u·‖G‖_nuc / h ≤ 1e-16·3·10² / 1e-4 ≈ 3e-10; bound 1e-6 on a derivative of size ≤ √m.
 */
const FD = tolerance(
  1e-6,
  'central difference h = 1e-4·σ_min(G): truncation ≈ h²/(6σ_min²) ≈ 2e-9, cancellation ≈ u‖G‖_*/h ≤ 3e-10; bound 1e-6 on a derivative of size ≤ √m',
);
function normGradientFD(norm: (G: Matrix) => number, c: Case) {
  const G = toMatrix(c.G);
  const E = directionFromSeed(G.rows, G.columns, c.dir);
  const s = thinSvd(G).s;
  const h = 1e-4 * s[s.length - 1];
  const fd = (norm(G.clone().add(E.clone().mul(h))) - norm(G.clone().sub(E.clone().mul(h)))) / (2 * h);
  const claimed = frobeniusInner(polarFactor(G), E);
  return { value: Math.abs(fd - claimed), tolerance: FD, detail: { fd, claimed } };
}

const rankOne = forAll({
  name: 'm = 1: Ortho(g) = ∇_g‖g‖ (central differences)',
  backend: 'ml-matrix-f64',
  arbitrary: columns,
  numRuns: 100,
  size: (c) => sizeOf(c.G),
  show: showCase,
  measure: (c: Case) => normGradientFD(frobeniusNorm, c),
  // The squared norm's gradient is 2g, not g/‖g‖: they agree only where ‖g‖ = ½.
  control: {
    description: '∇_g‖g‖ → ∇_g‖g‖² (the squared norm)',
    measure: (c: Case) => normGradientFD((g) => frobeniusNorm(g) ** 2, c),
  },
});

const exactJacobian = (G: Matrix) => jacobianMatrix(G, (E) => polarDerivative(G, E));
// Normalised by max(‖J‖_F, 1/σ_max): for 1×1 G the Jacobian of sign(g) is exactly 0.
const skew = (J: Matrix, G: Matrix) =>
  frobeniusNorm(J.clone().sub(J.transpose())) / Math.max(frobeniusNorm(J), 1 / thinSvd(G).s[0]);
// Roundoff of the exact Fréchet derivative: ≈ n·u·κ per entry (divisions by σ_i + σ_j and 1/σ_i);
// 1e-6 separates "symmetric to roundoff" (≲ 1e-12 at κ ≤ 10²) from a genuine skew part.
const SKEW_ROUNDOFF = 'skew ratio ‖J − Jᵀ‖_F/‖J‖_F of the exact Jacobian; roundoff ≈ n·u·κ ≤ 1e-12 at κ ≤ 10²';
const HAS_SKEW_PART = tolerance(1e-6, `${SKEW_ROUNDOFF}, so ≥ 1e-6 means a genuine skew part`);
const SYMMETRIC = tolerance(1e-10, `${SKEW_ROUNDOFF}; bound 1e-10`);

const curlNonZero = forAll({
  name: 'm ≥ 2: the Jacobian of Ortho has a skew part (non-zero curl)',
  backend: 'ml-matrix-f64',
  arbitrary: multiColumn,
  numRuns: 100,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase) => {
    const G = toMatrix(c);
    return { value: skew(exactJacobian(G), G), tolerance: HAS_SKEW_PART, relation: '>=' as const };
  },
});

// The corrected conclusion on the same inputs: for m ≥ 2 the Jacobian is symmetric (zero curl).
const curlZero = forAll({
  name: 'm ≥ 2: the Jacobian of Ortho is symmetric (zero curl)',
  backend: 'ml-matrix-f64',
  arbitrary: multiColumn,
  numRuns: 100,
  size: sizeOf,
  show: showMatrixCase,
  measure: (c: MatrixCase) => {
    const G = toMatrix(c);
    return { value: skew(exactJacobian(G), G), tolerance: SYMMETRIC };
  },
});

const nuclearGradient = forAll({
  name: 'Ortho(G) = ∇_G‖G‖_* (central differences, every full-rank shape)',
  backend: 'ml-matrix-f64',
  arbitrary: anyFullRank,
  numRuns: 100,
  size: (c) => sizeOf(c.G),
  show: showCase,
  measure: (c: Case) => normGradientFD(nuclearNorm, c),
});
const symmetricJacobian = forAll({
  name: 'the Jacobian of Ortho is symmetric (every full-rank shape)',
  backend: 'ml-matrix-f64',
  arbitrary: anyFullRank,
  numRuns: 100,
  size: (c) => sizeOf(c.G),
  show: showCase,
  measure: (c: Case) => {
    const G = toMatrix(c.G);
    return { value: skew(exactJacobian(G), G), tolerance: SYMMETRIC };
  },
});

const AT_IDENTITY = tolerance(
  4 * U64,
  'the exact derivative at G = I is (E − Eᵀ)/2, a few operations on 0/±1 entries: error ≤ 4·u64',
);
/** Claim 4's two mixed inner products at G = I_m, from the exact derivative (D Ortho(I)[E] = (E − Eᵀ)/2). */
const claim4AtIdentity = compute({
  name: 'at G = I_m: ⟨e_be_aᵀ, DOrtho[e_ae_bᵀ]⟩ = +½ and ⟨e_ae_bᵀ, DOrtho[e_be_aᵀ]⟩ = −½',
  backend: 'ml-matrix-f64',
  sizes: [
    [2, 2],
    [3, 3],
  ],
  inputs: [
    { m: 2, a: 0, b: 1, which: '+½ product' },
    { m: 2, a: 0, b: 1, which: '−½ product' },
    { m: 3, a: 0, b: 2, which: '+½ product' },
    { m: 3, a: 0, b: 2, which: '−½ product' },
  ],
  run: () =>
    [2, 3].flatMap((m) => {
      const I = Matrix.eye(m),
        b = m - 1;
      const Ea = unitMatrix(m, m, 0, b),
        Eb = unitMatrix(m, m, b, 0);
      const first = frobeniusInner(Eb, polarDerivative(I, Ea));
      const second = frobeniusInner(Ea, polarDerivative(I, Eb));
      return [
        { value: Math.abs(first - 0.5), tolerance: AT_IDENTITY, detail: { computed: first, claimed: 0.5 } },
        { value: Math.abs(second + 0.5), tolerance: AT_IDENTITY, detail: { computed: second, claimed: -0.5 } },
      ];
    }),
});

verifyClaim(import.meta.url, {
  checks: [rankOne, curlNonZero],
  steps: [step('numeric', rankOne), step('numeric', claim4AtIdentity)],
  // Wrong in substance: Ortho = ∇‖·‖_* for every full-rank G, so the curl vanishes for m ≥ 2 too.
  failure: substance({ checks: { [curlNonZero.name]: curlZero } }),
  corrected: [rankOne, nuclearGradient, symmetricJacobian],
});
