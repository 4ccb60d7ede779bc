import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  compute,
  forAll,
  frobeniusNorm,
  gridDistance,
  gridSingularValue,
  matrices,
  matrixResidual,
  polarFactor,
  polarStepFrobenius,
  relative,
  showMatrixCase,
  step,
  thinSvd,
  tolerance,
  toMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase } from '../src/claim.js';
import { scalarIdentity } from '../src/checks/scalarIdentity.js';

interface Case {
  W0: MatrixCase;
  k: number;
}
const etaOf = (c: Case) => c.k / 8;
// Off-grid hypothesis: every σᵢ(0) at distance ≥ 1e-3·η from ηℤ, so ⌊σ/η⌋ in the closed form is not
// decided by roundoff and Ortho(W_t) stays well defined (W_t keeps full rank).
const OFF_GRID = 1e-3;
const cases: fc.Arbitrary<Case> = fc
  .record({
    W0: matrices({ rows: { min: 1, max: 3 }, cols: { min: 1, max: 3 }, rank: 'full', maxLogKappa: 2 }),
    k: fc.integer({ min: 1, max: 16 }),
  })
  .filter((c) => thinSvd(toMatrix(c.W0)).s.every((s) => gridDistance(s, etaOf(c)) >= OFF_GRID * etaOf(c)));
const show = (c: Case) => ({ W0: showMatrixCase(c.W0), eta: `${c.k}/8` });

/**
 * The statement's parts, as written: σᵢ(W_t) = |σᵢ(0) − kη| for the integer k reached at step t
 * (`reflects`: the map is σ ↦ |σ − η|, not σ ↦ σ − η; `gridStep`·η the spacing; `stepShift` an offset in
 * t) and the floor L ≥ (floorCoefficient)·Σ dist(σᵢ(0), ηℤ)^(distPower). A mutant replaces one part.
 */
interface Parts extends Record<string, unknown> {
  reflects: boolean;
  gridStep: number;
  stepShift: number;
  floorCoefficient: number;
  distPower: number;
}
const AS_WRITTEN: Parts = { reflects: true, gridStep: 1, stepShift: 0, floorCoefficient: 0.5, distPower: 2 };

/** The claimed σᵢ(W_t): gridSingularValue as written; without the reflection, the straight line σ₀ − tη. */
function claimedSingularValue(p: Parts, sigma0: number, eta: number, t: number): number {
  const step = p.gridStep * eta,
    k = t + p.stepShift;
  return p.reflects ? gridSingularValue(sigma0, step, k) : sigma0 - k * step;
}
/** The claimed floor (floorCoefficient)·Σ dist(σᵢ(0), (gridStep·η)ℤ)^(distPower); as written, polarLossFloor. */
function claimedFloor(p: Parts, sigma0: number[], eta: number): number {
  return sigma0.reduce((acc, s) => acc + gridDistance(s, p.gridStep * eta) ** p.distPower, 0) * p.floorCoefficient;
}
/** Steps past ⌊σ_max/η⌋ after which every σᵢ is in its 2-cycle (entered by step m + 2). */
const CYCLE_MARGIN = 4;

/**
 * Runs the full-matrix iteration past the point where every σᵢ has entered its 2-cycle
 * (t = ⌊σ_max/η⌋ + 4), returning the computed singular values, the closed-form ones and the
 * roundoff bound: per step the SVD perturbs W_t by ~n·u·‖W_t‖ and Ortho by that over σ_min(W_t)
 * (the polar factor's condition number); σ ↦ |σ − η| is 1-Lipschitz, so the errors add up over steps.
 */
function simulate(c: Case, p: Parts) {
  const eta = etaOf(c);
  let W = toMatrix(c.W0);
  const s0 = thinSvd(W).s;
  const n = Math.max(W.rows, W.columns);
  const T = Math.floor(s0[0] / eta) + CYCLE_MARGIN;
  const scale = Math.max(s0[0], eta);
  let worst = 0,
    growth = 0,
    minLoss = frobeniusNorm(W) ** 2 / 2;
  for (let t = 1; t <= T; t++) {
    // The roundoff budget follows the true dynamics (gridSingularValue), whatever closed form is claimed.
    const pred = s0.map((s) => gridSingularValue(s, eta, t - 1));
    growth += (Math.max(...pred) / scale) * (1 + (2 * eta) / Math.min(...pred));
    W = polarStepFrobenius(W, eta);
    const got = thinSvd(W).s;
    const want = s0.map((s) => claimedSingularValue(p, s, eta, t)).sort((a, b) => b - a);
    worst = Math.max(worst, ...got.map((g, i) => Math.abs(g - want[i]) / scale));
    minLoss = Math.min(minLoss, frobeniusNorm(W) ** 2 / 2);
  }
  return {
    s0,
    T,
    worst,
    tol: relative({ n, nName: 'max(m,n)', growth, growthName: SIM_GROWTH }),
    minLoss,
    floor: claimedFloor(p, s0, eta),
    scale,
  };
}
const SIM_GROWTH =
  'Σ_t (‖W_t‖/scale)(1 + 2η/σ_min(W_t)) (SVD backward error per step, amplified in Ortho by its condition number 1/σ_min, summed over steps: σ ↦ |σ−η| is 1-Lipschitz)';

/** The worked example W₀ = 1.05·I₃, η = 0.1: three singular values at distance 0.05 from ηℤ. */
const WORKED_FLOOR = 0.00375,
  WORKED_DIST = 0.05,
  WORKED_STEPS = 60,
  WORKED_CYCLE_FROM = 10;
/** Per step the SVD errs by ~n·u64·σ₀; over 60 steps, relative to the cycle's singular values 0.05 (the loss is quadratic in them). */
const WORKED_TOL = relative({
  n: 3,
  growth: (WORKED_STEPS * 1.05) / WORKED_DIST,
  growthName:
    "T·σ₀/dist(σ₀, ηℤ) = 60·1.05/0.05 (SVD error ~n·u64·σ₀ per step, accumulated over T steps, relative to the 2-cycle's singular values 0.05)",
});

verifyClaim(import.meta.url, {
  parts: AS_WRITTEN,
  checks: (p: Parts) => [
    forAll({
      name: 'σᵢ(W_t) = |σᵢ(0) − kη| on the grid (closed form) for every step t ≤ ⌊σ_max/η⌋ + 4',
      backend: 'ml-matrix-f64',
      arbitrary: cases,
      numRuns: 120,
      show,
      measure: (c) => {
        const r = simulate(c, p);
        return { value: r.worst, tolerance: r.tol, detail: { eta: etaOf(c), sigma0: r.s0, steps: r.T } };
      },
    }),
    forAll({
      name: 'min_t L(W_t) ≥ ½Σ dist(σᵢ(0), ηℤ)² > 0 (loss floor; the loss is 2-periodic afterwards)',
      backend: 'ml-matrix-f64',
      arbitrary: cases,
      numRuns: 120,
      show,
      measure: (c) => {
        const r = simulate(c, p);
        const nuc = r.s0.reduce((a, b) => a + b + etaOf(c), 0);
        // L = ½Σσᵢ², so the loss error is ≤ Σσᵢ(t)·(σ error) ≤ Σ(σᵢ(0) + η) · scale · (the σ tolerance).
        const lossTol = tolerance(
          nuc * r.scale * r.tol.bound,
          `Σ(σᵢ(0) + η) × scale × [${r.tol.reason}]: L = ½Σσᵢ², so the loss errs by ≤ Σσᵢ(t)·(σ error) with σᵢ(t) ≤ σᵢ(0) + η`,
        );
        return {
          value: r.floor - r.minLoss,
          tolerance: lossTol,
          detail: { eta: etaOf(c), floor: r.floor, minLoss: r.minLoss, sigma0: r.s0 },
        };
      },
    }),
    compute({
      name: 'worked example: W₀ = 1.05·I₃, η = 0.1 → L_t = 3·0.05²/2 = 0.00375 for every t ≥ 10 (floor attained, never crossed)',
      backend: 'ml-matrix-f64',
      inputs: ['W0 = 1.05·I3, eta = 0.1, t = 0..60'],
      run: () => {
        // The claimed floor: 0.00375 as written, rescaled by a mutated coefficient or power (exactly 0.00375 as written).
        const floor =
          WORKED_FLOOR *
          (p.floorCoefficient / AS_WRITTEN.floorCoefficient) *
          WORKED_DIST ** (p.distPower - AS_WRITTEN.distPower);
        let W = Matrix.eye(3).mul(1.05);
        let worst = 0;
        for (let t = 1; t <= WORKED_STEPS; t++) {
          W = polarStepFrobenius(W, 0.1);
          if (t >= WORKED_CYCLE_FROM) worst = Math.max(worst, Math.abs(frobeniusNorm(W) ** 2 / 2 - floor) / floor);
        }
        return { value: worst, tolerance: WORKED_TOL, detail: { floor } };
      },
    }),
  ],
  mutants: [
    {
      name: 'no reflection: σ ↦ σ − η (σᵢ(W_t) = σᵢ(0) − tη, dropping the absolute value)',
      parts: { reflects: false },
    },
    { name: 'grid step η → 2η (closed form and floor)', parts: { gridStep: 2 } },
    { name: "off-by-one in time: σᵢ(W_t) = σᵢ(W_{t+1})'s closed form", parts: { stepShift: 1 } },
    { name: 'floor coefficient ½ → 1', parts: { floorCoefficient: 1 } },
    { name: 'floor with dist instead of dist² (power 2 → 1)', parts: { distPower: 1 } },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: 'W − η·Ortho(W) = U(Σ − ηI)Vᵀ',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 100,
        show,
        measure: (c) => {
          const W = toMatrix(c.W0),
            eta = etaOf(c);
          const { U, s, V } = thinSvd(W);
          return matrixResidual(
            () => W.clone().sub(polarFactor(W).mul(eta)),
            () => U.mmul(Matrix.diag(s.map((x) => x - eta))).mmul(V.transpose()),
            relative({
              n: 3,
              growth: 1 + s[0] / Math.min(...s),
              growthName: '1 + κ(W) (Ortho computed by a second SVD, condition ~κ)',
            }),
          );
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'σ(W − η·Ortho(W)) = {|σᵢ − η|}',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 100,
        show,
        measure: (c) => {
          const W = toMatrix(c.W0),
            eta = etaOf(c);
          const s = thinSvd(W).s;
          const got = thinSvd(polarStepFrobenius(W, eta)).s;
          const want = s.map((x) => Math.abs(x - eta)).sort((a, b) => b - a);
          const scale = Math.max(s[0], eta);
          return {
            value: Math.max(...got.map((g, i) => Math.abs(g - want[i]))) / scale,
            tolerance: relative({
              n: 3,
              growth: 1 + (2 * eta) / Math.min(...s),
              growthName: "1 + 2η/σ_min (Ortho's condition number)",
            }),
          };
        },
      }),
    ),
    scalarIdentity({
      name: '|σ₀ − kη| ≥ dist(σ₀, ηℤ) for every integer k',
      lhs: (v) => Math.abs(v.s - v.k * v.eta),
      rhs: (v) => gridDistance(v.s, v.eta),
      relation: '>=',
      variables: {
        s: { min: 0, max: 5 },
        eta: { min: 0.01, max: 2, log: true },
        k: { min: -50, max: 50, integer: true },
      },
    }),
  ],
});
