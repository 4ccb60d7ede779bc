import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  claimed,
  compute,
  dot,
  exact,
  forAll,
  frobeniusInner,
  frobeniusNorm,
  gaussianArray,
  integerVectors,
  matrices,
  mulberry32,
  norm2,
  nuclearNorm,
  relative,
  rmsOperatorNorm,
  showMatrixCase,
  sizeOf,
  spectralNorm,
  step,
  substance,
  thinSvd,
  tolerance,
  toMatrix,
  U64,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase, Measurement } from '../src/claim.js';

const l1 = (x: ArrayLike<number>) => Array.from(x).reduce((a, v) => a + Math.abs(v), 0);
const linf = (x: ArrayLike<number>) => Array.from(x).reduce((a, v) => Math.max(a, Math.abs(v)), 0);
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
/** A backward-stable f64 computation at size n ≤ 4, relative to `scale` (named `scaleName`): 30·n·u64·scale. */
const tolOf = (n: number, scale: number, scaleName: string) => relative({ n, scale, scaleName });
/** Integer arithmetic with small entries: every sum and product is exact in f64. */
const EXACT_INTEGERS = exact('exact: integer entries, every sum and product ≪ 2^53');
/**
 * The three defects of notInducedBy must be clearly nonzero: ≥ 0.1, far above the rounding of one square root
 * (≤ 2·u64, so the induced Frobenius norm gives 0 to that) and below ‖·‖_RMS's smallest defect here, √2 − 1 ≈ 0.41.
 */
const CLEARLY_NONZERO = tolerance(
  0.1,
  'a defect that must be clearly nonzero: ≥ 0.1, far above the ≤ 2·u64 rounding of one square root (the norm ⟨·,·⟩_F induces gives 0 to that) and below the smallest defect of ‖·‖_RMS at I₂, E₁₁, E₂₂ (√2 − 1 ≈ 0.41)',
);
/** Cauchy–Schwarz margins: equality (parallel x, y) is attainable, so the computed margin may dip by its rounding. */
const csMargin = (nx: number, ny: number, norms: string) =>
  tolerance(
    -8 * U64 * nx * ny,
    `margin ${norms} − |xᵀy| ≥ −8·u64·${norms}: equality for parallel x, y is attainable, and two square roots and a product round by ≤ 8·u64 relative`,
  );

/** A, B, C of shapes m×n, n×p, p×m (1 ≤ m, n, p ≤ 4) with small integer entries: ABC, BCA, CAB all defined. */
const intMatrix = (r: number, c: number) =>
  fc
    .array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })
    .map((e) => new Matrix(e));
const triple = fc
  .record({ m: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 4 }), p: fc.integer({ min: 1, max: 4 }) })
  .chain(({ m, n, p }) => fc.record({ A: intMatrix(m, n), B: intMatrix(n, p), C: intMatrix(p, m) }));
const showTriple = (t: { A: Matrix; B: Matrix; C: Matrix }) => ({
  A: t.A.to2DArray(),
  B: t.B.to2DArray(),
  C: t.C.to2DArray(),
});
const pairs = fc.integer({ min: 1, max: 4 }).chain((n) => fc.record({ x: integerVectors(n), y: integerVectors(n) }));

/** Largest ⟨x,y⟩/(‖x‖‖y‖) over 2000 Gaussian pairs and the pair x = y = e₁ (where ℓ₁ attains 1). */
function worstCauchySchwarzRatio(norm: (x: ArrayLike<number>) => number, seed: number): number {
  const rng = mulberry32(seed);
  let worst = 1 / norm([1, 0, 0]) ** 2;
  for (let s = 0; s < 2000; s++) {
    const n = 1 + Math.floor(rng() * 4);
    const x = gaussianArray(rng, n),
      y = gaussianArray(rng, n);
    worst = Math.max(worst, dot(x, y) / (norm(x) * norm(y)));
  }
  return worst;
}
const parallelogramDefect = (norm: (x: number[]) => number) => {
  const e1 = [1, 0],
    e2 = [0, 1];
  return norm([1, 1]) ** 2 + norm([1, -1]) ** 2 - 2 * (norm(e1) ** 2 + norm(e2) ** 2);
};

/** The three ways a norm fails to be induced by ⟨·,·⟩_F, measured at I₂, E₁₁, E₂₂; each must be ≥ 0.1. */
function notInducedBy(r: (M: Matrix) => number): Measurement[] {
  const I = Matrix.eye(2),
    E11 = new Matrix([
      [1, 0],
      [0, 0],
    ]),
    E22 = new Matrix([
      [0, 0],
      [0, 1],
    ]);
  const defect = r(E11.clone().add(E22)) ** 2 + r(E11.clone().sub(E22)) ** 2 - 2 * (r(E11) ** 2 + r(E22) ** 2);
  return [
    {
      value: Math.abs(frobeniusNorm(I) - r(I)),
      tolerance: CLEARLY_NONZERO,
      relation: '>=',
      detail: { frobenius: frobeniusNorm(I), rms: r(I) },
    },
    { value: Math.abs(defect), tolerance: CLEARLY_NONZERO, relation: '>=', detail: { defect } },
    {
      value: frobeniusInner(I, I) - r(I) ** 2,
      tolerance: CLEARLY_NONZERO,
      relation: '>=',
      detail: { inner: frobeniusInner(I, I), rmsSq: r(I) ** 2 },
    },
  ];
}

/** √⟨X,X⟩_F = √Tr(XᵀX) = √Σσ_i² (the chain agrees) and is ≥ lower(X). */
function frobeniusChainAtLeast(c: MatrixCase, lower: (X: Matrix) => number): Measurement {
  const X = toMatrix(c),
    s = thinSvd(X).s;
  const chain = [Math.sqrt(frobeniusInner(X, X)), Math.sqrt(X.transpose().mmul(X).trace()), Math.hypot(...s)];
  const f = Math.max(...chain),
    tol = tolOf(Math.max(X.rows, X.columns), Math.max(f, Number.MIN_VALUE), '‖X‖_F');
  return {
    value: Math.max(f - Math.min(...chain), lower(X) - Math.min(...chain) - tol.bound),
    tolerance: tol,
    detail: { chain, sigmaMax: lower(X) },
  };
}

/** ℓ₁'s parallelogram defect at integer vectors is an integer: nonzero means ≥ 1. */
const INTEGER_DEFECT = tolerance(
  1,
  'the parallelogram defect of ℓ₁ at e₁, e₂ is an integer (exact arithmetic), so "nonzero" is ≥ 1',
);
/**
 * "Some pair has ⟨x,y⟩ > ‖x‖₁‖y‖₁": the largest ratio must exceed 1 by more than its rounding (≤ 4-term dot
 * products and norms and one division, ≲ 10·u64); 10³·u64 leaves a factor ≈ 100.
 */
const RATIO_ABOVE_ONE = tolerance(
  1 + 1e3 * U64,
  'the claim requires some pair with ⟨x,y⟩ > ‖x‖₁‖y‖₁ (ℓ₁ is not induced by an inner product): the largest ratio over 2000 Gaussian pairs and x = y = e₁ must exceed 1 by more than its rounding (≤ 4-term dot products and norms, one division: ≲ 10·u64), here 10³·u64',
);
/** Unit vectors u, w: ‖u − w‖² and 2 − 2uᵀw of ≤ 4 terms, after one normalisation each. */
const UNIT_VECTOR_ROUNDING = tolerance(
  16 * U64,
  '≤ 16·u64: two normalisations (a 2-norm and a division each) and ≤ 4-term sums of terms ≤ 1, each within a few u64',
);

/** Three square n×n integer matrices (n ≤ 4), where every order of the product is defined. */
const squareTriple = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.record({ A: intMatrix(n, n), B: intMatrix(n, n), C: intMatrix(n, n) }));

/**
 * ℓ₁ satisfies the Cauchy–Schwarz-type bound: the largest ⟨x,y⟩/(‖x‖₁‖y‖₁) stays ≤ 1 up to its rounding
 * (≤ 4-term dot products and norms, one product, one division: ≲ 10·u64), here 16·u64.
 */
const RATIO_AT_MOST_ONE = tolerance(
  1 + 16 * U64,
  'corrected: ⟨x,y⟩ ≤ ‖x‖₁‖y‖₁ for all x, y, so the largest ratio over the same 2000 Gaussian pairs and x = y = e₁ is ≤ 1 up to its rounding (≤ 4-term dot products and norms, one product, one division: ≲ 10·u64), here 16·u64',
);

verifyClaim(import.meta.url, {
  checks: [
    compute({
      name: 'footnote 2, x = (1, 1): ⟨x, x⟩ = 4 ≥ ‖x‖∞² = 1',
      backend: 'scalar-f64',
      inputs: ['⟨x,x⟩ = 4', '‖x‖∞² = 1', '⟨x,x⟩ ≥ ‖x‖∞²'],
      run: () => {
        const x = [1, 1];
        return [
          { value: Math.abs(dot(x, x) - 4), tolerance: EXACT_INTEGERS, detail: { innerXX: dot(x, x) } },
          { value: Math.abs(linf(x) ** 2 - 1), tolerance: EXACT_INTEGERS, detail: { linfSq: linf(x) ** 2 } },
          {
            value: dot(x, x) - linf(x) ** 2,
            tolerance: EXACT_INTEGERS,
            relation: '>=',
            detail: { innerXX: dot(x, x), linfSq: linf(x) ** 2 },
          },
        ];
      },
    }),
    compute({
      name: 'footnote 2: "Cauchy–Schwarz type inequalities only hold for norms induced by inner products" (tested on ℓ₁)',
      backend: 'scalar-f64',
      inputs: ['ℓ₁ violates the parallelogram law', 'some x, y have ⟨x,y⟩ > ‖x‖₁‖y‖₁'],
      run: (ctx) => [
        {
          value: Math.abs(parallelogramDefect(l1)),
          tolerance: INTEGER_DEFECT,
          relation: '>=',
          detail: { defect: parallelogramDefect(l1) },
        },
        {
          value: worstCauchySchwarzRatio(l1, ctx.seed),
          tolerance: RATIO_ABOVE_ONE,
          relation: '>=',
          detail: {
            largestRatio: worstCauchySchwarzRatio(l1, ctx.seed),
            why: '|⟨x,y⟩| ≤ ‖x‖₂‖y‖₂ ≤ ‖x‖₁‖y‖₁ for all x, y',
          },
        },
      ],
    }),
    compute({
      name: 'footnote 2: the Frobenius inner product does not induce the RMS norm (X = I₂; parallelogram law fails for ‖·‖_RMS)',
      backend: 'ml-matrix-f64',
      inputs: [
        '‖I₂‖_F ≠ ‖I₂‖_RMS',
        'parallelogram defect of ‖·‖_RMS at E₁₁, E₂₂',
        '⟨I,I⟩ > ‖I‖_RMS² (no Cauchy–Schwarz for RMS)',
      ],
      run: () => notInducedBy(rmsOperatorNorm),
      // The same three measurements for the norm the inner product DOES induce: each is 0 (up to one
      // square root), below the 0.1 the check requires.
      control: {
        description: 'RMS → Frobenius norm (the norm ⟨·,·⟩_F induces)',
        run: () => notInducedBy(frobeniusNorm),
      },
    }),
    forAll({
      name: 'footnote 2: √⟨X,X⟩_F = √Tr(XᵀX) = √Σσ_i² ≥ σ_max(X) = ‖X‖',
      backend: 'ml-matrix-f64',
      arbitrary: anyMatrix,
      numRuns: 150,
      size: sizeOf,
      show: showMatrixCase,
      measure: (c: MatrixCase) => frobeniusChainAtLeast(c, spectralNorm),
      // ‖X‖_F ≥ ‖X‖_* is false as soon as rank X ≥ 2 (Σσ_i > √Σσ_i²).
      control: {
        description: '≥ σ_max(X) → ≥ ‖X‖_* = Σσ_i (nuclear instead of spectral norm)',
        measure: (c: MatrixCase) => frobeniusChainAtLeast(c, nuclearNorm),
      },
    }),
    forAll({
      name: 'footnote 3: Tr(ABC) = Tr(BCA) = Tr(CAB) (cyclic)',
      backend: 'ml-matrix-f64',
      arbitrary: triple,
      numRuns: 150,
      show: showTriple,
      measure: ({ A, B, C }) => {
        const t = [A.mmul(B).mmul(C).trace(), B.mmul(C).mmul(A).trace(), C.mmul(A).mmul(B).trace()];
        return { value: Math.max(...t) - Math.min(...t), tolerance: EXACT_INTEGERS, detail: { traces: t } };
      },
      // Only cyclic shifts preserve the trace: Tr(ABC) = Tr(ACB) (a transposition) fails for most square A, B, C.
      control: {
        description: 'cyclic → any order: Tr(ABC) = Tr(ACB) (square A, B, C so that ACB is defined)',
        arbitrary: squareTriple,
        measure: ({ A, B, C }) => {
          const t = [A.mmul(B).mmul(C).trace(), A.mmul(C).mmul(B).trace()];
          return { value: Math.abs(t[0] - t[1]), tolerance: EXACT_INTEGERS, detail: { traces: t } };
        },
      },
    }),
    forAll({
      name: 'footnote 3: Tr(AB) = Tr(BA)',
      backend: 'ml-matrix-f64',
      arbitrary: triple,
      numRuns: 100,
      show: showTriple,
      measure: ({ A, B, C }) => {
        const AB = B.mmul(C);
        return { value: Math.abs(A.mmul(AB).trace() - AB.mmul(A).trace()), tolerance: EXACT_INTEGERS };
      },
      // The entrywise slip Tr(AM) = Σ_i A_ii M_ii (M = BC), false whenever an off-diagonal product contributes.
      control: {
        description: 'Tr(BA) → Σ_i A_ii (BC)_ii (diagonal entries multiplied)',
        measure: ({ A, B, C }) => {
          const M = B.mmul(C);
          let diag = 0;
          for (let i = 0; i < Math.min(A.rows, A.columns); i++) diag += A.get(i, i) * M.get(i, i);
          return { value: Math.abs(A.mmul(M).trace() - diag), tolerance: EXACT_INTEGERS };
        },
      },
    }),
    forAll({
      name: 'footnote 1: |xᵀy| ≤ ‖x‖₂‖y‖₂',
      backend: 'scalar-f64',
      arbitrary: pairs,
      numRuns: 150,
      show: (p) => p,
      measure: ({ x, y }) => ({
        value: norm2(x) * norm2(y) - Math.abs(dot(x, y)),
        tolerance: csMargin(norm2(x), norm2(y), '‖x‖₂‖y‖₂'),
        relation: '>=',
      }),
      // ‖·‖₂ → ‖·‖∞, the pairing footnote 2 itself mentions: x = y = (1, 1) gives 2 > 1.
      control: {
        description: '‖x‖₂‖y‖₂ → ‖x‖∞‖y‖∞',
        measure: ({ x, y }) => ({
          value: linf(x) * linf(y) - Math.abs(dot(x, y)),
          tolerance: csMargin(linf(x), linf(y), '‖x‖∞‖y‖∞'),
          relation: '>=',
        }),
      },
    }),
  ],
  // Wrong in substance: ⟨x, x⟩ = 2 (not 4) at x = (1, 1), and ℓ₁ (no inner product) satisfies the bound.
  failure: substance({
    checks: {
      'footnote 2, x = (1, 1): ⟨x, x⟩ = 4 ≥ ‖x‖∞² = 1': compute({
        name: 'x = (1, 1): ⟨x, x⟩ = 2 ≥ ‖x‖∞² = 1',
        backend: 'scalar-f64',
        inputs: ['⟨x,x⟩ = 2', '‖x‖∞² = 1', '⟨x,x⟩ ≥ ‖x‖∞²'],
        run: () => {
          const x = [1, 1];
          return [
            { value: Math.abs(dot(x, x) - 2), tolerance: EXACT_INTEGERS, detail: { innerXX: dot(x, x) } },
            { value: Math.abs(linf(x) ** 2 - 1), tolerance: EXACT_INTEGERS, detail: { linfSq: linf(x) ** 2 } },
            {
              value: dot(x, x) - linf(x) ** 2,
              tolerance: EXACT_INTEGERS,
              relation: '>=',
              detail: { innerXX: dot(x, x), linfSq: linf(x) ** 2 },
            },
          ];
        },
      }),
      'footnote 2: "Cauchy–Schwarz type inequalities only hold for norms induced by inner products" (tested on ℓ₁)':
        compute({
          name: 'ℓ₁ is not induced by an inner product, yet ⟨x,y⟩ ≤ ‖x‖₁‖y‖₁ for all x, y (same pairs)',
          backend: 'scalar-f64',
          inputs: ['ℓ₁ violates the parallelogram law', 'no x, y have ⟨x,y⟩ > ‖x‖₁‖y‖₁'],
          run: (ctx) => [
            {
              value: Math.abs(parallelogramDefect(l1)),
              tolerance: INTEGER_DEFECT,
              relation: '>=',
              detail: { defect: parallelogramDefect(l1) },
            },
            {
              value: worstCauchySchwarzRatio(l1, ctx.seed),
              tolerance: RATIO_AT_MOST_ONE,
              detail: {
                largestRatio: worstCauchySchwarzRatio(l1, ctx.seed),
                why: '|⟨x,y⟩| ≤ ‖x‖₂‖y‖₂ ≤ ‖x‖₁‖y‖₁ for all x, y',
              },
            },
          ],
        }),
    },
  }),
  steps: [
    step(
      'numeric',
      forAll({
        name: 'footnote 1 sketch: unit x, y have ‖x − y‖₂² = 2 − 2xᵀy, so xᵀy > 1 would make it negative',
        backend: 'scalar-f64',
        arbitrary: pairs.filter(({ x, y }) => norm2(x) > 0 && norm2(y) > 0),
        numRuns: 100,
        show: (p) => p,
        measure: ({ x, y }) => {
          const u = x.map((v) => v / norm2(x)),
            w = y.map((v) => v / norm2(y));
          const d = u.map((v, i) => v - w[i]);
          return { value: Math.abs(dot(d, d) - (2 - 2 * dot(u, w))), tolerance: UNIT_VECTOR_ROUNDING };
        },
      }),
    ),
  ],
  corrected: [
    compute({
      name: 'x = (1, 1): ⟨x, x⟩ = 2 > 1 = ‖x‖∞² (the ℓ∞ pairing violates Cauchy–Schwarz)',
      backend: 'scalar-f64',
      run: () => [
        { value: Math.abs(dot([1, 1], [1, 1]) - 2), tolerance: EXACT_INTEGERS },
        {
          value: dot([1, 1], [1, 1]) - linf([1, 1]) ** 2,
          tolerance: claimed(1, '⟨x, x⟩ > ‖x‖∞² on integers: the strict > is a gap ≥ 1 (exact arithmetic)'),
          relation: '>=',
        },
      ],
    }),
    forAll({
      name: 'a norm with ‖·‖ ≥ ‖·‖₂ satisfies ⟨x,y⟩ ≤ ‖x‖‖y‖ without an inner product: ℓ₁',
      backend: 'scalar-f64',
      arbitrary: pairs,
      numRuns: 150,
      show: (p) => p,
      measure: ({ x, y }) => ({ value: l1(x) * l1(y) - dot(x, y), tolerance: EXACT_INTEGERS, relation: '>=' }),
    }),
    forAll({
      name: 'every norm pairs with its dual (Hölder): ⟨x,y⟩ ≤ ‖x‖∞‖y‖₁',
      backend: 'scalar-f64',
      arbitrary: pairs,
      numRuns: 150,
      show: (p) => p,
      measure: ({ x, y }) => ({ value: linf(x) * l1(y) - dot(x, y), tolerance: EXACT_INTEGERS, relation: '>=' }),
    }),
    forAll({
      name: 'the matrix version used for Muon: ⟨X,Y⟩ ≤ ‖X‖_op‖Y‖_* (spectral/nuclear duality)',
      backend: 'ml-matrix-f64',
      arbitrary: anyMatrix.chain((c) =>
        fc.record({
          x: fc.constant(c),
          y: matrices({
            rows: { min: c.rows, max: c.rows },
            cols: { min: c.cols, max: c.cols },
            rank: 'any',
            maxLogKappa: 3,
          }),
        }),
      ),
      numRuns: 150,
      show: ({ x, y }) => ({ X: showMatrixCase(x), Y: showMatrixCase(y) }),
      measure: ({ x, y }) => {
        const X = toMatrix(x),
          Y = toMatrix(y);
        const rhs = spectralNorm(X) * nuclearNorm(Y);
        return {
          value: frobeniusInner(X, Y) - rhs,
          tolerance: tolOf(Math.max(X.rows, X.columns), Math.max(rhs, Number.MIN_VALUE), '‖X‖_op‖Y‖_*'),
        };
      },
    }),
  ],
});
