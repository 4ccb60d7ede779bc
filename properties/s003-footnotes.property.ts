import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { compute, dot, f64Bound, forAll, frobeniusInner, frobeniusNorm, gaussianArray, integerVectors, matrices, mulberry32, norm2, nuclearNorm, rmsOperatorNorm, showMatrixCase, sizeOf, spectralNorm, step, thinSvd, toMatrix, verifyClaim } from '../src/claim.js';
import type { MatrixCase, Measurement } from '../src/claim.js';

const U64 = 2 ** -53;
const l1 = (x: ArrayLike<number>) => Array.from(x).reduce((a, v) => a + Math.abs(v), 0);
const linf = (x: ArrayLike<number>) => Array.from(x).reduce((a, v) => Math.max(a, Math.abs(v)), 0);
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
const tolOf = (n: number) => f64Bound(n, 1, '1');
const REASON = tolOf(1).reason;

/** A, B, C of shapes m×n, n×p, p×m (1 ≤ m, n, p ≤ 4) with small integer entries: ABC, BCA, CAB all defined. */
const intMatrix = (r: number, c: number) => fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }).map((e) => new Matrix(e));
const triple = fc.record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }), p: fc.integer({ min: 1, max: 4 }) })
  .chain(({ m, n, p }) => fc.record({ A: intMatrix(m, n), B: intMatrix(n, p), C: intMatrix(p, m) }));
const showTriple = (t: { A: Matrix; B: Matrix; C: Matrix }) => ({ A: t.A.to2DArray(), B: t.B.to2DArray(), C: t.C.to2DArray() });
const pairs = fc.integer({ min: 1, max: 4 }).chain((n) => fc.record({ x: integerVectors(n), y: integerVectors(n) }));

/** Largest ⟨x,y⟩/(‖x‖‖y‖) over 2000 Gaussian pairs and the pair x = y = e₁ (where ℓ₁ attains 1). */
function worstCauchySchwarzRatio(norm: (x: ArrayLike<number>) => number, seed: number): number {
  const rng = mulberry32(seed);
  let worst = 1 / (norm([1, 0, 0]) ** 2);
  for (let s = 0; s < 2000; s++) {
    const n = 1 + Math.floor(rng() * 4);
    const x = gaussianArray(rng, n), y = gaussianArray(rng, n);
    worst = Math.max(worst, dot(x, y) / (norm(x) * norm(y)));
  }
  return worst;
}
const parallelogramDefect = (norm: (x: number[]) => number) => {
  const e1 = [1, 0], e2 = [0, 1];
  return norm([1, 1]) ** 2 + norm([1, -1]) ** 2 - 2 * (norm(e1) ** 2 + norm(e2) ** 2);
};

/** The three ways a norm fails to be induced by ⟨·,·⟩_F, measured at I₂, E₁₁, E₂₂; each must be ≥ 0.1. */
function notInducedBy(r: (M: Matrix) => number): Measurement[] {
  const I = Matrix.eye(2), E11 = new Matrix([[1, 0], [0, 0]]), E22 = new Matrix([[0, 0], [0, 1]]);
  const defect = r(E11.clone().add(E22)) ** 2 + r(E11.clone().sub(E22)) ** 2 - 2 * (r(E11) ** 2 + r(E22) ** 2);
  return [
    { value: Math.abs(frobeniusNorm(I) - r(I)), bound: 0.1, relation: '>=', detail: { frobenius: frobeniusNorm(I), rms: r(I) } },
    { value: Math.abs(defect), bound: 0.1, relation: '>=', detail: { defect } },
    { value: frobeniusInner(I, I) - r(I) ** 2, bound: 0.1, relation: '>=', detail: { inner: frobeniusInner(I, I), rmsSq: r(I) ** 2 } },
  ];
}

/** √⟨X,X⟩_F = √Tr(XᵀX) = √Σσ_i² (the chain agrees) and is ≥ lower(X). */
function frobeniusChainAtLeast(c: MatrixCase, lower: (X: Matrix) => number): Measurement {
  const X = toMatrix(c), s = thinSvd(X).s;
  const chain = [Math.sqrt(frobeniusInner(X, X)), Math.sqrt(X.transpose().mmul(X).trace()), Math.hypot(...s)];
  const f = Math.max(...chain), tol = tolOf(Math.max(X.rows, X.columns)).bound * Math.max(f, Number.MIN_VALUE);
  return { value: Math.max(f - Math.min(...chain), lower(X) - Math.min(...chain) - tol), bound: tol, detail: { chain, sigmaMax: lower(X) } };
}

/** Three square n×n integer matrices (n ≤ 4), where every order of the product is defined. */
const squareTriple = fc.integer({ min: 1, max: 4 }).chain((n) => fc.record({ A: intMatrix(n, n), B: intMatrix(n, n), C: intMatrix(n, n) }));

verifyClaim(import.meta.url, {
  checks: [
    compute({
      name: 'footnote 2, x = (1, 1): ⟨x, x⟩ = 4 ≥ ‖x‖∞² = 1', backend: 'scalar-f64', toleranceReason: 'exact (integers)',
      inputs: ['⟨x,x⟩ = 4', '‖x‖∞² = 1', '⟨x,x⟩ ≥ ‖x‖∞²'],
      run: () => {
        const x = [1, 1];
        return [
          { value: Math.abs(dot(x, x) - 4), bound: 0, detail: { innerXX: dot(x, x) } },
          { value: Math.abs(linf(x) ** 2 - 1), bound: 0, detail: { linfSq: linf(x) ** 2 } },
          { value: dot(x, x) - linf(x) ** 2, bound: 0, relation: '>=', detail: { innerXX: dot(x, x), linfSq: linf(x) ** 2 } },
        ];
      },
    }),
    compute({
      name: 'footnote 2: "Cauchy–Schwarz type inequalities only hold for norms induced by inner products" (tested on ℓ₁)', backend: 'scalar-f64',
      toleranceReason: 'ℓ₁ is not induced by an inner product (parallelogram defect 4 at e₁, e₂); the claim then requires some pair with ⟨x,y⟩ > ‖x‖₁‖y‖₁: the largest ratio over 2000 Gaussian pairs and x = y = e₁ must exceed 1',
      inputs: ['ℓ₁ violates the parallelogram law', 'some x, y have ⟨x,y⟩ > ‖x‖₁‖y‖₁'],
      run: (ctx) => [
        { value: Math.abs(parallelogramDefect(l1)), bound: 1, relation: '>=', detail: { defect: parallelogramDefect(l1) } },
        { value: worstCauchySchwarzRatio(l1, ctx.seed), bound: 1 + 1e3 * U64, relation: '>=', detail: { largestRatio: worstCauchySchwarzRatio(l1, ctx.seed), why: '|⟨x,y⟩| ≤ ‖x‖₂‖y‖₂ ≤ ‖x‖₁‖y‖₁ for all x, y' } },
      ],
    }),
    compute({
      name: 'footnote 2: the Frobenius inner product does not induce the RMS norm (X = I₂; parallelogram law fails for ‖·‖_RMS)', backend: 'ml-matrix-f64',
      toleranceReason: 'exact up to one square root (≤ 2·u64)', inputs: ['‖I₂‖_F ≠ ‖I₂‖_RMS', 'parallelogram defect of ‖·‖_RMS at E₁₁, E₂₂', '⟨I,I⟩ > ‖I‖_RMS² (no Cauchy–Schwarz for RMS)'],
      run: () => notInducedBy(rmsOperatorNorm),
      // The same three measurements for the norm the inner product DOES induce: each is 0 (up to one
      // square root), below the 0.1 the check requires.
      control: { description: 'RMS → Frobenius norm (the norm ⟨·,·⟩_F induces)', run: () => notInducedBy(frobeniusNorm) },
    }),
    forAll({
      name: 'footnote 2: √⟨X,X⟩_F = √Tr(XᵀX) = √Σσ_i² ≥ σ_max(X) = ‖X‖', backend: 'ml-matrix-f64', arbitrary: anyMatrix, numRuns: 150, size: sizeOf, show: showMatrixCase,
      toleranceReason: `${REASON} × ‖X‖_F`,
      measure: (c: MatrixCase) => frobeniusChainAtLeast(c, spectralNorm),
      // ‖X‖_F ≥ ‖X‖_* is false as soon as rank X ≥ 2 (Σσ_i > √Σσ_i²).
      control: { description: '≥ σ_max(X) → ≥ ‖X‖_* = Σσ_i (nuclear instead of spectral norm)', measure: (c: MatrixCase) => frobeniusChainAtLeast(c, nuclearNorm) },
    }),
    forAll({
      name: 'footnote 3: Tr(ABC) = Tr(BCA) = Tr(CAB) (cyclic)', backend: 'ml-matrix-f64', arbitrary: triple, numRuns: 150, show: showTriple,
      toleranceReason: 'exact (integer entries, sums ≤ 4³·27 ≪ 2^53)',
      measure: ({ A, B, C }) => {
        const t = [A.mmul(B).mmul(C).trace(), B.mmul(C).mmul(A).trace(), C.mmul(A).mmul(B).trace()];
        return { value: Math.max(...t) - Math.min(...t), bound: 0, detail: { traces: t } };
      },
      // Only cyclic shifts preserve the trace: Tr(ABC) = Tr(ACB) (a transposition) fails for most square A, B, C.
      control: {
        description: 'cyclic → any order: Tr(ABC) = Tr(ACB) (square A, B, C so that ACB is defined)', arbitrary: squareTriple,
        measure: ({ A, B, C }) => {
          const t = [A.mmul(B).mmul(C).trace(), A.mmul(C).mmul(B).trace()];
          return { value: Math.abs(t[0] - t[1]), bound: 0, detail: { traces: t } };
        },
      },
    }),
    forAll({
      name: 'footnote 3: Tr(AB) = Tr(BA)', backend: 'ml-matrix-f64', arbitrary: triple, numRuns: 100, show: showTriple, toleranceReason: 'exact (integer entries)',
      measure: ({ A, B, C }) => { const AB = B.mmul(C); return { value: Math.abs(A.mmul(AB).trace() - AB.mmul(A).trace()), bound: 0 }; },
      // The entrywise slip Tr(AM) = Σ_i A_ii M_ii (M = BC), false whenever an off-diagonal product contributes.
      control: {
        description: 'Tr(BA) → Σ_i A_ii (BC)_ii (diagonal entries multiplied)',
        measure: ({ A, B, C }) => {
          const M = B.mmul(C);
          let diag = 0;
          for (let i = 0; i < Math.min(A.rows, A.columns); i++) diag += A.get(i, i) * M.get(i, i);
          return { value: Math.abs(A.mmul(M).trace() - diag), bound: 0 };
        },
      },
    }),
    forAll({
      name: 'footnote 1: |xᵀy| ≤ ‖x‖₂‖y‖₂', backend: 'scalar-f64', arbitrary: pairs, numRuns: 150, show: (p) => p,
      toleranceReason: 'margin ≥ −8·u64·‖x‖‖y‖ (equality for parallel x, y; two square roots and a product)',
      measure: ({ x, y }) => ({ value: norm2(x) * norm2(y) - Math.abs(dot(x, y)), bound: -8 * U64 * norm2(x) * norm2(y), relation: '>=' }),
      // ‖·‖₂ → ‖·‖∞, the pairing footnote 2 itself mentions: x = y = (1, 1) gives 2 > 1.
      control: {
        description: '‖x‖₂‖y‖₂ → ‖x‖∞‖y‖∞',
        measure: ({ x, y }) => ({ value: linf(x) * linf(y) - Math.abs(dot(x, y)), bound: -8 * U64 * linf(x) * linf(y), relation: '>=' }),
      },
    }),
  ],
  steps: [
    step('numeric', forAll({
      name: 'footnote 1 sketch: unit x, y have ‖x − y‖₂² = 2 − 2xᵀy, so xᵀy > 1 would make it negative', backend: 'scalar-f64',
      arbitrary: pairs.filter(({ x, y }) => norm2(x) > 0 && norm2(y) > 0), numRuns: 100, show: (p) => p, toleranceReason: '≤ 16·u64 (normalisation and ≤ 4-term sums)',
      measure: ({ x, y }) => {
        const u = x.map((v) => v / norm2(x)), w = y.map((v) => v / norm2(y));
        const d = u.map((v, i) => v - w[i]);
        return { value: Math.abs(dot(d, d) - (2 - 2 * dot(u, w))), bound: 16 * U64 };
      },
    })),
  ],
  corrected: [
    compute({
      name: 'x = (1, 1): ⟨x, x⟩ = 2 > 1 = ‖x‖∞² (the ℓ∞ pairing violates Cauchy–Schwarz)', backend: 'scalar-f64', toleranceReason: 'exact (integers)',
      run: () => [{ value: Math.abs(dot([1, 1], [1, 1]) - 2), bound: 0 }, { value: dot([1, 1], [1, 1]) - linf([1, 1]) ** 2, bound: 1, relation: '>=' }],
    }),
    forAll({
      name: 'a norm with ‖·‖ ≥ ‖·‖₂ satisfies ⟨x,y⟩ ≤ ‖x‖‖y‖ without an inner product: ℓ₁', backend: 'scalar-f64', arbitrary: pairs, numRuns: 150, show: (p) => p,
      toleranceReason: 'exact (integers)', measure: ({ x, y }) => ({ value: l1(x) * l1(y) - dot(x, y), bound: 0, relation: '>=' }),
    }),
    forAll({
      name: 'every norm pairs with its dual (Hölder): ⟨x,y⟩ ≤ ‖x‖∞‖y‖₁', backend: 'scalar-f64', arbitrary: pairs, numRuns: 150, show: (p) => p,
      toleranceReason: 'exact (integers)', measure: ({ x, y }) => ({ value: linf(x) * l1(y) - dot(x, y), bound: 0, relation: '>=' }),
    }),
    forAll({
      name: 'the matrix version used for Muon: ⟨X,Y⟩ ≤ ‖X‖_op‖Y‖_* (spectral/nuclear duality)', backend: 'ml-matrix-f64',
      arbitrary: anyMatrix.chain((c) => fc.record({ x: fc.constant(c), y: matrices({ rows: { min: c.rows, max: c.rows }, cols: { min: c.cols, max: c.cols }, rank: 'any', maxLogKappa: 3 }) })),
      numRuns: 150, show: ({ x, y }) => ({ X: showMatrixCase(x), Y: showMatrixCase(y) }), toleranceReason: `${REASON} × ‖X‖_op‖Y‖_*`,
      measure: ({ x, y }) => {
        const X = toMatrix(x), Y = toMatrix(y);
        const rhs = spectralNorm(X) * nuclearNorm(Y);
        return { value: frobeniusInner(X, Y) - rhs, bound: tolOf(Math.max(X.rows, X.columns)).bound * Math.max(rhs, Number.MIN_VALUE) };
      },
    }),
  ],
});
