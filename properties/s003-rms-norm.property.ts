import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { verifyClaim } from '../src/verify/verifyClaim.js';
import { forAll } from '../src/verify/checks/forAll.js';
import { step } from '../src/verify/checks/compute.js';
import { f64Bound } from '../src/verify/tolerance.js';
import { scalarIdentity } from '../src/symbolic/scalarIdentity.js';
import { matrices } from '../src/arbitraries/matrices.js';
import { showMatrixCase, sizeOf, toMatrix, type MatrixCase } from '../src/arbitraries/matrixCase.js';
import { integerVectors, norm2 } from '../src/arbitraries/integerVectors.js';
import { rmsOperatorNorm, rmsOperatorNormByDefinition, rmsVectorNorm } from '../src/linalg/rmsNorm.js';
import { spectralNorm } from '../src/linalg/norms.js';
import { spectralNormAtScaleCheck } from '../src/atScale/spectralNormAtScale.js';

// Up to 4×4, every rank, κ ≤ 10³: the SVD and the eigen route to the supremum agree to O(n·u64).
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
const tol = (A: Matrix) => f64Bound(Math.max(A.rows, A.columns), 1, '1 (σ_max is perfectly conditioned)');
const REASON = tol(new Matrix(1, 1)).reason;
const mv = (A: Matrix, x: number[]) => A.mmul(Matrix.columnVector(x)).getColumn(0);

interface BoundCase { c: MatrixCase; x: number[]; k: number }
/** ΔW, a nonzero x, and η = ‖ΔW‖_RMS(1 + 2^-k) + 2^-k: the premise ‖ΔW‖_RMS < η holds with relative margin ≥ 2^-20 ≫ n·u64. */
const boundCases: fc.Arbitrary<BoundCase> = anyMatrix.chain((c) => fc.record({ c: fc.constant(c), x: integerVectors(c.cols, { nonzero: true }), k: fc.integer({ min: 1, max: 20 }) }));
const etaOf = (A: Matrix, k: number) => rmsOperatorNorm(A) * (1 + 2 ** -k) + 2 ** -k;
const showBound = (b: BoundCase) => ({ ...(showMatrixCase(b.c) as object), x: b.x, eta: etaOf(toMatrix(b.c), b.k) });

/**
 * A strict inequality lhs < rhs is certified when the computed ratio lhs/rhs ≤ 1 − (rounding bound):
 * then the exact ratio is < 1 whatever the rounding did.
 */
function strictBound(name: string, lhsOf: (y: number[]) => number, rhs: (A: Matrix, x: number[], eta: number) => number) {
  return forAll({
    name, backend: 'ml-matrix-f64', arbitrary: boundCases, numRuns: 200, size: (b) => sizeOf(b.c), show: showBound,
    toleranceReason: `ratio lhs/rhs ≤ 1 − ${REASON}: certifies the strict <`,
    measure: ({ c, x, k }) => {
      const A = toMatrix(c);
      const eta = etaOf(A, k);
      const lhs = lhsOf(mv(A, x));
      const r = rhs(A, x, eta);
      return { value: lhs / r, bound: 1 - tol(A).bound, detail: { lhs, rhs: r, rmsNormOfDeltaW: rmsOperatorNorm(A), eta } };
    },
  });
}

/**
 * The η at which "output bound for all x ≠ 0" switches on: inf{η : bound(x) holds ∀x≠0} =
 * sup_x lhs(x)/rhsPerEta(x), evaluated at the maximiser of ‖ΔWx‖ (which maximises every such ratio,
 * as rhsPerEta ∝ ‖x‖₂). "‖ΔW‖_RMS < η ⇔ bound ∀x" for every η holds iff this equals ‖ΔW‖_RMS.
 */
function thresholdCheck(name: string, perEta: (A: Matrix, x: number[]) => number, lhs: (y: number[]) => number) {
  return forAll({
    name, backend: 'ml-matrix-f64', arbitrary: anyMatrix.filter((c) => c.entries.some((r) => r.some((v) => v !== 0))), numRuns: 150,
    size: sizeOf, show: showMatrixCase, toleranceReason: `|η_output/‖ΔW‖_RMS − 1| ≤ ${REASON}`,
    measure: (c) => {
      const A = toMatrix(c);
      const { argmax } = rmsOperatorNormByDefinition(A);
      const etaOutput = lhs(mv(A, argmax)) / perEta(A, argmax);
      const etaConstraint = rmsOperatorNorm(A);
      return {
        value: Math.abs(etaOutput / etaConstraint - 1), bound: tol(A).bound,
        detail: { etaOutput, etaConstraint, reading: `at η = ‖ΔW‖_RMS = ${etaConstraint} the constraint ‖ΔW‖_RMS < η fails, yet the output bound holds for every x ≠ 0 iff η > ${etaOutput}` },
      };
    },
  });
}

verifyClaim(import.meta.url, {
  checks: [
    forAll({
      name: 'eq. (1)/(2): sup_x ‖Ax‖_RMS/‖x‖_RMS = √(n/m)·σ_max(A)', backend: 'ml-matrix-f64', arbitrary: anyMatrix, numRuns: 200,
      size: sizeOf, show: showMatrixCase, toleranceReason: `${REASON}, relative to σ_max`,
      measure: (c) => {
        const A = toMatrix(c);
        const sup = rmsOperatorNormByDefinition(A).norm;
        const eq2 = Math.sqrt(A.columns / A.rows) * spectralNorm(A);
        return { value: Math.abs(sup - eq2), bound: tol(A).bound * eq2, detail: { supByDefinition: sup, eq2 } };
      },
    }),
    spectralNormAtScaleCheck('eq. (2) at 1024×2048 in f32: ‖A‖_RMS = √(n/m)σ_max (maximiser, random x, power iteration)', 1024, 2048, 100, 'rms'),
    strictBound('‖ΔW‖_RMS < η ⇒ ‖ΔWx‖_RMS < η√(m/n)‖x‖₂ for all x ≠ 0', rmsVectorNorm, (A, x, eta) => eta * Math.sqrt(A.rows / A.columns) * norm2(x)),
    thresholdCheck('"equivalent": ‖ΔW‖_RMS < η ⇔ ‖ΔWx‖_RMS < η√(m/n)‖x‖₂ ∀x≠0', (A, x) => Math.sqrt(A.rows / A.columns) * norm2(x), rmsVectorNorm),
  ],
  steps: [
    scalarIdentity({ name: '‖1‖_RMS = (1/√n)‖1‖₂ = 1', lhs: (v) => rmsVectorNorm(new Array(v.n).fill(1)), rhs: '1', variables: { n: { min: 1, max: 500, integer: true } }, points: 50 }),
    scalarIdentity({ name: '((1/√m)‖Ax‖₂)/((1/√n)‖x‖₂) = √(n/m)·‖Ax‖₂/‖x‖₂', lhs: '(a / sqrt(m)) / (b / sqrt(n))', rhs: 'sqrt(n / m) * (a / b)', variables: { a: { min: 0, max: 10 }, b: { min: 0.01, max: 10, log: true }, m: { min: 1, max: 4096, integer: true }, n: { min: 1, max: 4096, integer: true } } }),
    step('numeric', forAll({
      name: 'sup_x ‖Ax‖₂/‖x‖₂ = σ_max(A) (Fact 1)', backend: 'ml-matrix-f64', arbitrary: anyMatrix, numRuns: 150, size: sizeOf, show: showMatrixCase,
      toleranceReason: `${REASON}, relative to σ_max`,
      measure: (c) => {
        const A = toMatrix(c);
        const x = rmsOperatorNormByDefinition(A).argmax;
        const sup = norm2(mv(A, x)) / norm2(x);
        const s = spectralNorm(A);
        return { value: Math.abs(sup - s), bound: tol(A).bound * s, detail: { sup, sigmaMax: s } };
      },
    })),
  ],
  corrected: [
    strictBound('‖ΔW‖_RMS < η ⇒ ‖ΔWx‖_RMS < η‖x‖_RMS = (η/√n)‖x‖₂ for all x ≠ 0', rmsVectorNorm, (A, x, eta) => eta * rmsVectorNorm(x)),
    strictBound('‖ΔW‖_RMS < η ⇒ ‖ΔWx‖₂ < η√(m/n)‖x‖₂ for all x ≠ 0', norm2, (A, x, eta) => eta * Math.sqrt(A.rows / A.columns) * norm2(x)),
    thresholdCheck('‖ΔW‖_RMS < η ⇔ ‖ΔWx‖_RMS < η‖x‖_RMS ∀x≠0 (thresholds coincide)', (_A, x) => rmsVectorNorm(x), rmsVectorNorm),
    thresholdCheck('‖ΔW‖_RMS < η ⇔ ‖ΔWx‖₂ < η√(m/n)‖x‖₂ ∀x≠0 (thresholds coincide)', (A, x) => Math.sqrt(A.rows / A.columns) * norm2(x), norm2),
  ],
});
