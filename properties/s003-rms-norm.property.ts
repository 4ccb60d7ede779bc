import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  compute,
  forAll,
  integerVectors,
  matrices,
  norm2,
  relative,
  rmsOperatorNorm,
  rmsOperatorNormByDefinition,
  rmsVectorNorm,
  showMatrixCase,
  sizeOf,
  spectralNorm,
  spectralNormAtScale,
  spectralNormAtScaleCheck,
  step,
  tolerance,
  toMatrix,
  verifyClaim,
  withControl,
  wording,
} from '../src/claim.js';
import type { MatrixCase, Measurement } from '../src/claim.js';
import { scalarIdentity } from '../src/checks/scalarIdentity.js';

// Up to 4×4, every rank, κ ≤ 10³: the SVD and the eigen route to the supremum agree to O(n·u64).
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
/** 30·max(m,n)·u64 × `scale` (named `scaleName`; relative when omitted): σ_max is perfectly conditioned. */
const tol = (A: Matrix, scale?: number, scaleName?: string) =>
  relative({
    n: Math.max(A.rows, A.columns),
    nName: 'max(m,n)',
    growth: 1,
    growthName: 'κ of σ_max (perfectly conditioned)',
    ...(scale === undefined ? {} : { scale, scaleName }),
  });
const mv = (A: Matrix, x: number[]) => A.mmul(Matrix.columnVector(x)).getColumn(0);

interface BoundCase {
  c: MatrixCase;
  x: number[];
  k: number;
}
/** ΔW, a nonzero x, and η = ‖ΔW‖_RMS(1 + 2^-k) + 2^-k: the premise ‖ΔW‖_RMS < η holds with relative margin ≥ 2^-20 ≫ n·u64. */
const boundCases: fc.Arbitrary<BoundCase> = anyMatrix.chain((c) =>
  fc.record({ c: fc.constant(c), x: integerVectors(c.cols, { nonzero: true }), k: fc.integer({ min: 1, max: 20 }) }),
);
const etaOf = (A: Matrix, k: number) => rmsOperatorNorm(A) * (1 + 2 ** -k) + 2 ** -k;
const showBound = (b: BoundCase) => ({ ...(showMatrixCase(b.c) as object), x: b.x, eta: etaOf(toMatrix(b.c), b.k) });

/**
 * A strict inequality lhs < rhs is certified when the computed ratio lhs/rhs ≤ 1 − (rounding bound):
 * then the exact ratio is < 1 whatever the rounding did.
 */
function strictBound(
  name: string,
  lhsOf: (y: number[]) => number,
  rhs: (A: Matrix, x: number[], eta: number) => number,
  control?: { description: string; eta: (A: Matrix, k: number) => number },
) {
  const measureWith =
    (etaFor: (A: Matrix, k: number) => number) =>
    ({ c, x, k }: BoundCase) => {
      const A = toMatrix(c);
      const eta = etaFor(A, k);
      const lhs = lhsOf(mv(A, x));
      const r = rhs(A, x, eta);
      const t = tol(A);
      return {
        value: lhs / r,
        tolerance: tolerance(
          1 - t.bound,
          `ratio lhs/rhs ≤ 1 − ${t.reason}: certifies the strict < (the exact ratio is < 1 whatever the rounding did)`,
        ),
        detail: { lhs, rhs: r, rmsNormOfDeltaW: rmsOperatorNorm(A), eta },
      };
    };
  return forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: boundCases,
    numRuns: 200,
    size: (b) => sizeOf(b.c),
    show: showBound,
    measure: measureWith(etaOf),
    ...(control ? { control: { description: control.description, measure: measureWith(control.eta) } } : {}),
  });
}

/**
 * Negative control of the f32 check at 1024×2048: the same measured RMS ratios judged, with the same f32
 * tolerances, against √(m/n)σ₁ (aspect ratio inverted): σ₁/√2 instead of √2·σ₁, off by a factor 2, far
 * above the f32 bound τ (≲ 10⁻³·σ₁).
 */
const AT_SCALE = { m: 1024, n: 2048, kappa: 100 };
const atScaleControl = compute({
  name: 'eq. (2) at 1024×2048 in f32 with √(n/m) → √(m/n) (control)',
  backend: 'gpu.js-f32',
  sizes: [[AT_SCALE.m, AT_SCALE.n]],
  run: async (ctx) =>
    (await spectralNormAtScale(AT_SCALE.m, AT_SCALE.n, AT_SCALE.kappa, ctx.seed, 'rms')).map((m, i): Measurement => {
      const d = m.detail as { measured: number; sigma1: number };
      const claimed = Math.sqrt(AT_SCALE.m / AT_SCALE.n) * d.sigma1;
      // Case 2 (index 1) is one-sided ("the ratio at a random x stays ≤ the norm"); cases 1 and 3 are equalities.
      const gap = d.measured - claimed;
      return { value: i === 1 ? gap : Math.abs(gap), tolerance: m.tolerance, detail: { ...d, claimed } };
    }),
});

/**
 * The η at which "output bound for all x ≠ 0" switches on: inf{η : bound(x) holds ∀x≠0} =
 * sup_x lhs(x)/rhsPerEta(x), evaluated at the maximiser of ‖ΔWx‖ (which maximises every such ratio,
 * as rhsPerEta ∝ ‖x‖₂). "‖ΔW‖_RMS < η ⇔ bound ∀x" for every η holds iff this equals ‖ΔW‖_RMS.
 */
function thresholdCheck(name: string, perEta: (A: Matrix, x: number[]) => number, lhs: (y: number[]) => number) {
  return forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: anyMatrix.filter((c) => c.entries.some((r) => r.some((v) => v !== 0))),
    numRuns: 150,
    size: sizeOf,
    show: showMatrixCase,
    measure: (c) => {
      const A = toMatrix(c);
      const { argmax } = rmsOperatorNormByDefinition(A);
      const etaOutput = lhs(mv(A, argmax)) / perEta(A, argmax);
      const etaConstraint = rmsOperatorNorm(A);
      return {
        value: Math.abs(etaOutput / etaConstraint - 1),
        tolerance: tol(A),
        detail: {
          etaOutput,
          etaConstraint,
          reading: `at η = ‖ΔW‖_RMS = ${etaConstraint} the constraint ‖ΔW‖_RMS < η fails, yet the output bound holds for every x ≠ 0 iff η > ${etaOutput}`,
        },
      };
    },
  });
}

verifyClaim(import.meta.url, {
  checks: [
    forAll({
      name: 'eq. (1)/(2): sup_x ‖Ax‖_RMS/‖x‖_RMS = √(n/m)·σ_max(A)',
      backend: 'ml-matrix-f64',
      arbitrary: anyMatrix,
      numRuns: 200,
      size: sizeOf,
      show: showMatrixCase,
      measure: (c) => {
        const A = toMatrix(c);
        const sup = rmsOperatorNormByDefinition(A).norm;
        const eq2 = Math.sqrt(A.columns / A.rows) * spectralNorm(A);
        return {
          value: Math.abs(sup - eq2),
          tolerance: tol(A, eq2, '√(n/m)σ_max'),
          detail: { supByDefinition: sup, eq2 },
        };
      },
      control: {
        description: '√(n/m) → √(m/n) (aspect ratio inverted)',
        measure: (c) => {
          const A = toMatrix(c);
          const sup = rmsOperatorNormByDefinition(A).norm;
          const eq2 = Math.sqrt(A.rows / A.columns) * spectralNorm(A);
          return {
            value: Math.abs(sup - eq2),
            tolerance: tol(A, eq2, '√(m/n)σ_max'),
            detail: { supByDefinition: sup, eq2 },
          };
        },
      },
    }),
    withControl(
      spectralNormAtScaleCheck(
        'eq. (2) at 1024×2048 in f32: ‖A‖_RMS = √(n/m)σ_max (maximiser, random x, power iteration)',
        AT_SCALE.m,
        AT_SCALE.n,
        AT_SCALE.kappa,
        'rms',
      ),
      '√(n/m)σ₁ → √(m/n)σ₁ (aspect ratio inverted) on the same f32 measurements',
      atScaleControl,
    ),
    // The bound is true but loose by √m (the tight one is η‖x‖_RMS), so a slightly smaller constant is still
    // true at the integer x this check draws; its control breaks the premise instead, η = ‖ΔW‖_RMS/2: then
    // ‖ΔWx‖₂/√m < σ_max‖x‖₂/2 fails for x near the top right singular vector (for m = 1, for every x within
    // 60° of it). ΔW = 0 keeps η = 2^-k (no η > 0 breaks 0 < η; those cases simply hold).
    strictBound(
      '‖ΔW‖_RMS < η ⇒ ‖ΔWx‖_RMS < η√(m/n)‖x‖₂ for all x ≠ 0',
      rmsVectorNorm,
      (A, x, eta) => eta * Math.sqrt(A.rows / A.columns) * norm2(x),
      {
        description: 'premise broken: η = ‖ΔW‖_RMS/2 instead of η > ‖ΔW‖_RMS',
        eta: (A, k) => (rmsOperatorNorm(A) > 0 ? rmsOperatorNorm(A) / 2 : 2 ** -k),
      },
    ),
    thresholdCheck(
      '"equivalent": ‖ΔW‖_RMS < η ⇔ ‖ΔWx‖_RMS < η√(m/n)‖x‖₂ ∀x≠0',
      (A, x) => Math.sqrt(A.rows / A.columns) * norm2(x),
      rmsVectorNorm,
    ),
  ],
  // The formulas hold (eq. (1)/(2) and the implication); only the word "equivalent" claims more.
  failure: wording(),
  steps: [
    scalarIdentity({
      name: '‖1‖_RMS = (1/√n)‖1‖₂ = 1',
      lhs: (v) => rmsVectorNorm(new Array(v.n).fill(1)),
      rhs: '1',
      variables: { n: { min: 1, max: 500, integer: true } },
      points: 50,
    }),
    scalarIdentity({
      name: '((1/√m)‖Ax‖₂)/((1/√n)‖x‖₂) = √(n/m)·‖Ax‖₂/‖x‖₂',
      lhs: '(a / sqrt(m)) / (b / sqrt(n))',
      rhs: 'sqrt(n / m) * (a / b)',
      variables: {
        a: { min: 0, max: 10 },
        b: { min: 0.01, max: 10, log: true },
        m: { min: 1, max: 4096, integer: true },
        n: { min: 1, max: 4096, integer: true },
      },
    }),
    step(
      'numeric',
      forAll({
        name: 'sup_x ‖Ax‖₂/‖x‖₂ = σ_max(A) (Fact 1)',
        backend: 'ml-matrix-f64',
        arbitrary: anyMatrix,
        numRuns: 150,
        size: sizeOf,
        show: showMatrixCase,
        measure: (c) => {
          const A = toMatrix(c);
          const x = rmsOperatorNormByDefinition(A).argmax;
          const sup = norm2(mv(A, x)) / norm2(x);
          const s = spectralNorm(A);
          return { value: Math.abs(sup - s), tolerance: tol(A, s, 'σ_max'), detail: { sup, sigmaMax: s } };
        },
      }),
    ),
  ],
  corrected: [
    strictBound(
      '‖ΔW‖_RMS < η ⇒ ‖ΔWx‖_RMS < η‖x‖_RMS = (η/√n)‖x‖₂ for all x ≠ 0',
      rmsVectorNorm,
      (A, x, eta) => eta * rmsVectorNorm(x),
    ),
    strictBound(
      '‖ΔW‖_RMS < η ⇒ ‖ΔWx‖₂ < η√(m/n)‖x‖₂ for all x ≠ 0',
      norm2,
      (A, x, eta) => eta * Math.sqrt(A.rows / A.columns) * norm2(x),
    ),
    thresholdCheck(
      '‖ΔW‖_RMS < η ⇔ ‖ΔWx‖_RMS < η‖x‖_RMS ∀x≠0 (thresholds coincide)',
      (_A, x) => rmsVectorNorm(x),
      rmsVectorNorm,
    ),
    thresholdCheck(
      '‖ΔW‖_RMS < η ⇔ ‖ΔWx‖₂ < η√(m/n)‖x‖₂ ∀x≠0 (thresholds coincide)',
      (A, x) => Math.sqrt(A.rows / A.columns) * norm2(x),
      norm2,
    ),
  ],
});
