import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  forAll,
  matrices,
  notation,
  relative,
  showMatrixCase,
  singularValues,
  sizeOf,
  toMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase } from '../src/claim.js';

/** The notes' definition as typed: Σ_{i,j} |a_ij|² (no square root). */
const typed = (A: Matrix) => {
  let s = 0;
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.columns; j++) s += Math.abs(A.get(i, j)) ** 2;
  return s;
};
const standard = (A: Matrix) => Math.sqrt(typed(A));
/** Independent route to the Frobenius norm: √(Σ σ_i²) from the SVD. */
const viaSingularValues = (A: Matrix) => Math.sqrt(singularValues(A).reduce((s, x) => s + x * x, 0));

const mats = matrices({ rows: { min: 1, max: 3 }, cols: { min: 1, max: 3 }, maxLogKappa: 2 });
const sized = (c: MatrixCase) => sizeOf(c);
/**
 * Sums of ≤ mn ≤ 9 squares plus an SVD (backward stable): 30 × mn × u64 relative to the size of the compared
 * values covers both routes.
 */
const tol = (A: Matrix, scale: number) =>
  relative({
    n: A.rows * A.columns,
    scale: Math.max(scale, Number.MIN_VALUE),
    scaleName: 'size of the compared values (n = mn: sums of ≤ 9 squares; SVD backward stable)',
  });

function normAxioms(label: string, norm: (A: Matrix) => number) {
  return [
    forAll({
      name: `${label}: absolute homogeneity ‖cA‖ = |c|‖A‖`,
      backend: 'ml-matrix-f64',
      arbitrary: fc.tuple(mats, fc.integer({ min: -3, max: 3 })),
      numRuns: 150,
      size: ([c]) => sized(c),
      show: ([c, k]) => ({ A: showMatrixCase(c), c: k }),
      measure: ([c, k]) => {
        const A = toMatrix(c),
          lhs = norm(A.clone().mul(k)),
          rhs = Math.abs(k) * norm(A);
        return {
          value: Math.abs(lhs - rhs),
          tolerance: tol(A, Math.max(lhs, rhs)),
          detail: { normOfCA: lhs, absCTimesNormA: rhs },
        };
      },
    }),
    forAll({
      name: `${label}: triangle inequality ‖A + B‖ ≤ ‖A‖ + ‖B‖`,
      backend: 'ml-matrix-f64',
      arbitrary: mats.chain((a) =>
        fc.tuple(
          fc.constant(a),
          matrices({ rows: { min: a.rows, max: a.rows }, cols: { min: a.cols, max: a.cols }, maxLogKappa: 2 }),
        ),
      ),
      numRuns: 150,
      size: ([a]) => sized(a),
      show: ([a, b]) => ({ A: showMatrixCase(a), B: showMatrixCase(b) }),
      measure: ([a, b]) => {
        const A = toMatrix(a),
          B = toMatrix(b),
          lhs = norm(A.clone().add(B)),
          rhs = norm(A) + norm(B);
        return { value: lhs - rhs, tolerance: tol(A, rhs), detail: { normOfSum: lhs, sumOfNorms: rhs } };
      },
    }),
    forAll({
      name: `${label}: equals the Frobenius norm √(Σσ_i²)`,
      backend: 'ml-matrix-f64',
      arbitrary: mats,
      numRuns: 150,
      size: sized,
      show: showMatrixCase,
      measure: (c: MatrixCase) => {
        const A = toMatrix(c),
          lhs = norm(A),
          rhs = viaSingularValues(A);
        return {
          value: Math.abs(lhs - rhs),
          tolerance: tol(A, Math.max(lhs, rhs)),
          detail: { defined: lhs, frobenius: rhs },
        };
      },
    }),
  ];
}

const asTyped = normAxioms('‖A‖_F := Σ|a_ij|² as typed', typed);
/** The same three checks (same arbitraries, so the same matrices) with the square root the name "norm" needs. */
const withRoot = normAxioms('‖A‖_F := (Σ|a_ij|²)^{1/2} (the square root restored)', standard);

verifyClaim(import.meta.url, {
  checks: asTyped,
  // A notation slip: the square root is missing; the loss (*) and its gradient use the standard norm.
  failure: notation({ checks: Object.fromEntries(asTyped.map((c, i) => [c.name, withRoot[i]])) }),
  corrected: [
    ...normAxioms('‖A‖_F := (Σ|a_ij|²)^{1/2}', standard),
    forAll({
      name: 'Σ|a_ij|² = ‖A‖_F², the quantity the loss (*) uses',
      backend: 'ml-matrix-f64',
      arbitrary: mats,
      numRuns: 100,
      size: sized,
      show: showMatrixCase,
      measure: (c: MatrixCase) => {
        const A = toMatrix(c),
          lhs = typed(A),
          rhs = viaSingularValues(A) ** 2;
        return { value: Math.abs(lhs - rhs), tolerance: tol(A, Math.max(lhs, rhs)) };
      },
    }),
  ],
});
