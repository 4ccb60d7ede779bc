import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  compute,
  exact,
  forAll,
  frobeniusInner,
  fullSvd,
  matrices,
  matrixResidual,
  muonOptimalityAtScale,
  muonOptimalityAtScaleCheck,
  nuclearNorm,
  relative,
  rmsOperatorNorm,
  rmsOperatorNormByDefinition,
  rmsVectorNorm,
  showMatrixCase,
  sizeOf,
  spectralNorm,
  step,
  strictlyPositive,
  thinSvd,
  tolerance,
  toMatrix,
  U64,
  verifyClaim,
  withControl,
} from '../src/claim.js';
import type { MatrixCase, Measurement } from '../src/claim.js';

// ∇L any m×n up to 4×4, every rank; R a second matrix of that shape (competitor direction); η ∈ {1,2,3}.
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
const sameShape = (c: MatrixCase) =>
  matrices({ rows: { min: c.rows, max: c.rows }, cols: { min: c.cols, max: c.cols }, rank: 'any', maxLogKappa: 3 });
interface Case {
  g: MatrixCase;
  r: MatrixCase;
  eta: number;
  k: number;
}
const cases: fc.Arbitrary<Case> = anyMatrix.chain((g) =>
  fc.record({
    g: fc.constant(g),
    r: sameShape(g),
    eta: fc.integer({ min: 1, max: 3 }),
    k: fc.integer({ min: -4, max: 10 }),
  }),
);
const show = (c: Case) => ({ G: showMatrixCase(c.g), R: showMatrixCase(c.r), eta: c.eta, epsilon: 2 ** -c.k });
const size = (c: Case) => sizeOf(c.g);
/** 30·max(m,n)·u64 × `scale` (named `scaleName`; relative when omitted): σ and ⟨·,·⟩ are perfectly conditioned. */
const tolOf = (G: Matrix, scale?: number, scaleName?: string) =>
  relative({
    n: Math.max(G.rows, G.columns),
    nName: 'max(m,n)',
    growth: 1,
    growthName: 'κ of σ and ⟨·,·⟩ (perfectly conditioned)',
    ...(scale === undefined ? {} : { scale, scaleName }),
  });
const SCALE_NAME = 'η√(m/n)‖∇L‖_*';
const T = (M: Matrix) => M.transpose();
const cOf = (G: Matrix, eta: number) => eta * Math.sqrt(G.rows / G.columns);

/**
 * (§) as a function of its parts: ΔW* = sign · η^etaExponent · aspect · U Σ^sigmaExponent Vᵀ (thin SVD, the
 * form in which UVᵀ is defined for m ≠ n). As written: sign −1, η¹, aspect √(m/n), Σ⁰ (i.e. UVᵀ).
 */
interface Parts extends Record<string, unknown> {
  sign: number;
  etaExponent: number;
  aspect: '√(m/n)' | '√(n/m)' | 'm/n' | '1';
  sigmaExponent: number;
}
const PARTS: Parts = { sign: -1, etaExponent: 1, aspect: '√(m/n)', sigmaExponent: 0 };
const aspectOf = (G: Matrix, a: Parts['aspect']) =>
  a === '√(m/n)'
    ? Math.sqrt(G.rows / G.columns)
    : a === '√(n/m)'
      ? Math.sqrt(G.columns / G.rows)
      : a === 'm/n'
        ? G.rows / G.columns
        : 1;
/** As written: U·Vᵀ scaled by −1·(η·√(m/n)) = −cOf(G, η), exactly the product computed before parts existed. */
const dWstar = (G: Matrix, eta: number, p: Parts = PARTS) => {
  const { U, s, V } = thinSvd(G);
  const core = p.sigmaExponent === 0 ? U : U.clone().mulRowVector(s.map((x) => x ** p.sigmaExponent));
  return core.mmul(T(V)).mul(p.sign * (eta ** p.etaExponent * aspectOf(G, p.aspect)));
};
/** A competitor on the boundary ‖A‖_RMS = η: ΔW* + ε·R (ε = 2^-k: near ΔW* for large k, essentially R for k < 0), rescaled. */
function competitor({ g, r, eta, k }: Case, p: Parts): Matrix {
  const G = toMatrix(g);
  const X = dWstar(G, eta, p).add(toMatrix(r).mul(2 ** -k));
  const s = rmsOperatorNorm(X);
  return s === 0 ? X : X.mul(eta / s);
}
const scaleOf = (G: Matrix, eta: number) => Math.max(cOf(G, eta) * nuclearNorm(G), Number.MIN_VALUE);

/** ∇L ≠ 0 and A = (1 + 2^-k')ΔW* + 2^-k R with ⟨−∇L, A⟩ > ⟨−∇L, ΔW*⟩ by a margin ≫ rounding: an A "better than ΔW*" as in (3). */
const better = cases
  .filter((c) => c.g.entries.some((row) => row.some((v) => v !== 0)))
  .map((c) => {
    const G = toMatrix(c.g),
      W = dWstar(G, c.eta);
    const A = W.clone()
      .mul(1 + 2 ** -Math.abs(c.k))
      .add(toMatrix(c.r).mul(2 ** -(Math.abs(c.k) + 4)));
    return { ...c, G, W, A, gain: frobeniusInner(G, W) - frobeniusInner(G, A) };
  })
  .filter((c) => c.gain > 1e3 * tolOf(c.G).bound * scaleOf(c.G, c.eta));
const showBetter = (c: { g: MatrixCase; A: Matrix; eta: number }) => ({
  G: showMatrixCase(c.g),
  A: c.A.to2DArray(),
  eta: c.eta,
});
/** B = (−U)ᵀAV with the full SVD ∇L = UΣVᵀ (U ∈ O(m), V ∈ O(n): Facts 2–3 need square orthogonal factors). */
function proofObjects(G: Matrix, A: Matrix, eta: number) {
  const { U, S, V, s } = fullSvd(G);
  const B = T(U.clone().mul(-1)).mmul(A).mmul(V);
  const c = cOf(G, eta);
  const i = s.findIndex((si, j) => si * (B.get(j, j) - c) > 0);
  return { U, S, V, s, B, c, i };
}

/** Steps 4, 9 and 10 need a witness index i; without one the case is the refuting −∞ (any bound fails it). */
const NO_WITNESS = exact(
  'no index i with Σ_ii(B_ii − η√(m/n)) > 0: the conclusion has no witness, the value is the refuting −∞',
);
/** Step 4: the sum equals the gain of A over ΔW* (≫ rounding by construction) and the found i must have B_ii > η√(m/n). */
const GAIN_POSITIVE = strictlyPositive(
  'Σ_i Σ_ii(B_ii − η√(m/n)) (the gain of A over ΔW*, ≫ rounding by construction) and B_ii − η√(m/n) at the found i',
);
/**
 * Step 9: B_ii − η√(m/n) > 0 with the margin of step 4, and ‖Be_i‖₂ ≥ B_ii checked as ‖Be_i‖₂ − B_ii + 30·n·u64·‖B‖₂ > 0
 * (the rounding allowance is folded into the value).
 */
const BV_ABOVE_THRESHOLD = strictlyPositive(
  'B_ii − η√(m/n) (the margin of step 4) and ‖Be_i‖₂ − B_ii + 30·n·u64·‖B‖₂ (‖Be_i‖₂ ≥ |B_ii| up to the rounding allowance folded into the value)',
);
/**
 * ‖e_i‖_RMS·√n = (‖e_i‖₂/√n)·√n: one square root and one division inside rmsVectorNorm, then a second square
 * root and a product, each ≤ u64 relative.
 */
const UNIT_RMS_ROUNDING = tolerance(
  4 * U64,
  '≤ 4·u64: ‖e_i‖_RMS = 1/√n (a square root and a division) times √n (a second square root and a product), each ≤ u64 relative',
);

// Step 7–8 are index statements about a square B and a coordinate vector e_i.
// A record (not a chain) so that the size, the index and the entries all shrink: to 2×2 and a single 1.
const squareAndIndex = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    i: fc.nat({ max: 3 }),
    e: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 }), {
      minLength: 4,
      maxLength: 4,
    }),
  })
  .map(({ n, i, e }): { b: MatrixCase; i: number } => ({
    b: { kind: 'integer', rows: n, cols: n, entries: e.slice(0, n).map((r) => r.slice(0, n)) },
    i: i % n,
  }));
const showSI = ({ b, i }: { b: MatrixCase; i: number }) => ({ ...(showMatrixCase(b) as object), i: i + 1 });
const column = (B: Matrix, i: number) => B.getColumn(i);

/**
 * Negative control of the f32 check at 1024×2048: the same three f32 measurements (⟨∇L, ΔW*⟩, ‖ΔW*‖_op
 * by power iteration, ‖ΔW*‖_RMS) judged, with the same tolerances, against the values the step would
 * have with η√(m/n) → η√(n/m): every target times n/m = 2, far outside the f32 bounds (≈ 10⁻⁴ relative).
 */
const AT_SCALE = { m: 1024, n: 2048, kappa: 100, eta: 0.1 };
const atScaleControl = compute({
  name: 'at 1024×2048 in f32 with η√(m/n) → η√(n/m) (control)',
  backend: 'gpu.js-f32',
  sizes: [[AT_SCALE.m, AT_SCALE.n]],
  run: async (ctx) =>
    (await muonOptimalityAtScale(AT_SCALE.m, AT_SCALE.n, AT_SCALE.kappa, AT_SCALE.eta, ctx.seed)).map(
      (m): Measurement => {
        const d = m.detail as { measured: number; target: number };
        const claimed = d.target * (AT_SCALE.n / AT_SCALE.m);
        return { value: Math.abs(d.measured - claimed), tolerance: m.tolerance, detail: { ...d, claimed } };
      },
    ),
});

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (p: Parts) => [
    forAll({
      name: 'ΔW* = −η√(m/n)UVᵀ is feasible (‖ΔW*‖_RMS = η) and no A with ‖A‖_RMS = η has ⟨∇L, A⟩ < ⟨∇L, ΔW*⟩',
      backend: 'ml-matrix-f64',
      arbitrary: cases,
      numRuns: 200,
      size,
      show,
      measure: (c) => {
        const G = toMatrix(c.g),
          W = dWstar(G, c.eta, p),
          A = competitor(c, p);
        const scale = scaleOf(G, c.eta);
        const rmsW = rmsOperatorNormByDefinition(W).norm;
        const gap = frobeniusInner(G, W) - frobeniusInner(G, A);
        return {
          value: Math.max(gap, (Math.abs(rmsW - c.eta) / c.eta) * scale),
          tolerance: tolOf(G, scale, SCALE_NAME),
          detail: {
            objectiveStar: frobeniusInner(G, W),
            objectiveA: frobeniusInner(G, A),
            rmsStar: rmsW,
            rmsA: rmsOperatorNorm(A),
          },
        };
      },
    }),
    forAll({
      name: 'solver-free: ⟨∇L, ΔW*⟩ = −η√(m/n)‖∇L‖_* and every A has ⟨∇L, A⟩ ≥ −‖∇L‖_*‖A‖_op',
      backend: 'ml-matrix-f64',
      arbitrary: cases,
      numRuns: 200,
      size,
      show,
      measure: (c) => {
        const G = toMatrix(c.g),
          W = dWstar(G, c.eta, p),
          A = toMatrix(c.r);
        const nuc = nuclearNorm(G);
        const optGap = Math.abs(frobeniusInner(G, W) + cOf(G, c.eta) * nuc);
        const duality = -nuc * spectralNorm(A) - frobeniusInner(G, A);
        const scale = Math.max(nuc * Math.max(spectralNorm(A), cOf(G, c.eta)), Number.MIN_VALUE);
        return {
          value: Math.max(optGap, duality),
          tolerance: tolOf(G, scale, '‖∇L‖_*·max(‖A‖_op, η√(m/n))'),
          detail: {
            objectiveStar: frobeniusInner(G, W),
            dualityValue: -cOf(G, c.eta) * nuc,
            GA: frobeniusInner(G, A),
            lowerBound: -nuc * spectralNorm(A),
          },
        };
      },
    }),
    withControl(
      muonOptimalityAtScaleCheck(
        'at 1024×2048 in f32: ⟨∇L, ΔW*⟩ = −η√(m/n)Σσ and ‖ΔW*‖_RMS = η (power iteration)',
        AT_SCALE.m,
        AT_SCALE.n,
        AT_SCALE.kappa,
        AT_SCALE.eta,
      ),
      'η√(m/n) → η√(n/m) (aspect ratio inverted) in the claimed values, on the same f32 measurements',
      atScaleControl,
    ),
  ],
  // The value −η√(m/n)‖∇L‖_* in the second check is the constraint's bound (‖A‖_RMS ≤ η ⇔ ‖A‖_op ≤ η√(m/n)),
  // not a part of (§): a mutant changes ΔW*, and the checks judge it against the unchanged problem.
  mutants: [
    { name: 'flipped sign: ΔW* = +η√(m/n)UVᵀ', parts: { sign: 1 } },
    { name: '√(m/n) → √(n/m) (aspect ratio inverted)', parts: { aspect: '√(n/m)' } },
    { name: '√(m/n) → m/n (exponent ½ → 1)', parts: { aspect: 'm/n' } },
    { name: 'dropped √(m/n): ΔW* = −ηUVᵀ', parts: { aspect: '1' } },
    { name: 'η → η² (exponent 1 → 2)', parts: { etaExponent: 2 } },
    {
      name: 'UVᵀ → UΣVᵀ = ∇L (Σ exponent 0 → 1: the gradient instead of its polar factor)',
      parts: { sigmaExponent: 1 },
    },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: 'A = (−U)BVᵀ with B = (−U)ᵀAV (full SVD)',
        backend: 'ml-matrix-f64',
        arbitrary: better,
        numRuns: 60,
        size: (c) => sizeOf(c.g),
        show: showBetter,
        measure: ({ G, A, eta }) => {
          const { U, V, B } = proofObjects(G, A, eta);
          return matrixResidual(
            () => U.clone().mul(-1).mmul(B).mmul(T(V)),
            () => A,
            tolOf(G),
          );
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '⟨−∇L, A⟩ = ⟨Σ, B⟩ = Σ_i Σ_ii B_ii',
        backend: 'ml-matrix-f64',
        arbitrary: better,
        numRuns: 60,
        size: (c) => sizeOf(c.g),
        show: showBetter,
        measure: ({ G, A, eta }) => {
          const { S, B, s } = proofObjects(G, A, eta);
          const vals = [
            frobeniusInner(G.clone().mul(-1), A),
            frobeniusInner(S, B),
            s.reduce((acc, si, i) => acc + si * B.get(i, i), 0),
          ];
          const one = tolOf(G);
          return {
            value: Math.max(...vals) - Math.min(...vals),
            tolerance: tolerance(
              4 * one.bound * scaleOf(G, eta),
              `4 × ${one.reason} × ${SCALE_NAME}: three routes, two through B = (−U)ᵀAV (two more products), so each value may carry up to twice one route's error, and their spread twice that`,
            ),
            detail: { vals },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '⟨−∇L, ΔW*⟩ = ⟨Σ, η√(m/n)I⟩ = Σ_i Σ_ii η√(m/n)',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 60,
        size,
        show,
        measure: ({ g, eta }) => {
          const G = toMatrix(g),
            c = cOf(G, eta),
            { S, s } = fullSvd(G);
          const I = new Matrix(G.rows, G.columns);
          s.forEach((_, i) => I.set(i, i, c));
          const vals = [
            frobeniusInner(G.clone().mul(-1), dWstar(G, eta)),
            frobeniusInner(S, I),
            s.reduce((acc, si) => acc + si * c, 0),
          ];
          return {
            value: Math.max(...vals) - Math.min(...vals),
            tolerance: tolOf(G, scaleOf(G, eta), SCALE_NAME),
            detail: { vals },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '(3) ⇒ Σ_i Σ_ii(B_ii − η√(m/n)) > 0 ⇒ some B_ii > η√(m/n) (4)',
        backend: 'ml-matrix-f64',
        arbitrary: better,
        numRuns: 60,
        size: (c) => sizeOf(c.g),
        show: showBetter,
        measure: ({ G, A, eta }) => {
          const { B, s, c, i } = proofObjects(G, A, eta);
          const sum = s.reduce((acc, si, j) => acc + si * (B.get(j, j) - c), 0);
          return {
            value: i < 0 ? -Infinity : Math.min(sum, B.get(i, i) - c),
            tolerance: GAIN_POSITIVE,
            relation: '>=' as const,
            detail: { sum, i: i + 1, Bii: i < 0 ? null : B.get(i, i), threshold: c },
            ...(i < 0
              ? { infinite: 'no index i with Σ_ii(B_ii − η√(m/n)) > 0: the conclusion (4) has no witness' }
              : {}),
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖A‖_RMS = ‖B‖_RMS (Fact 3)',
        backend: 'ml-matrix-f64',
        arbitrary: better,
        numRuns: 60,
        size: (c) => sizeOf(c.g),
        show: showBetter,
        measure: ({ G, A, eta }) => {
          const { B } = proofObjects(G, A, eta);
          const a = rmsOperatorNormByDefinition(A).norm,
            b = rmsOperatorNormByDefinition(B).norm;
          return {
            value: Math.abs(a - b),
            tolerance: tolOf(G, Math.max(a, b), 'max(‖A‖_RMS, ‖B‖_RMS)'),
            detail: { rmsA: a, rmsB: b },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖e_i‖_RMS = (1/√n)‖e_i‖₂ = 1/√n',
        backend: 'scalar-f64',
        arbitrary: fc
          .integer({ min: 1, max: 64 })
          .chain((n) => fc.record({ n: fc.constant(n), i: fc.nat({ max: n - 1 }) })),
        numRuns: 50,
        show: (x) => x,
        measure: ({ n, i }) => {
          const v = Array.from({ length: n }, (_, j) => (j === i ? 1 : 0));
          return { value: Math.abs(rmsVectorNorm(v) * Math.sqrt(n) - 1), tolerance: UNIT_RMS_ROUNDING };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '(Be_i)_j = B_ij for all j (so (Be_i)_i = B_ii)',
        backend: 'ml-matrix-f64',
        arbitrary: squareAndIndex,
        numRuns: 100,
        size: (x) => sizeOf(x.b),
        show: showSI,
        measure: ({ b, i }) => {
          const B = toMatrix(b),
            Bv = column(B, i),
            row = B.getRow(i);
          return {
            value: Math.max(...Bv.map((x, j) => Math.abs(x - row[j]))),
            tolerance: exact('exact: entries are copied'),
            detail: { Be_i: Bv, rowI: row },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖Be_i‖₂² = e_iᵀBᵀBe_i = Σ_j B_ij² ≥ B_ii²',
        backend: 'ml-matrix-f64',
        arbitrary: squareAndIndex,
        numRuns: 100,
        size: (x) => sizeOf(x.b),
        show: showSI,
        measure: ({ b, i }) => {
          const B = toMatrix(b),
            Bv = column(B, i);
          const lhs = Bv.reduce((a, x) => a + x * x, 0),
            quad = T(B).mmul(B).get(i, i),
            rowSum = B.getRow(i).reduce((a, x) => a + x * x, 0);
          const scale = Math.max(B.norm('frobenius') ** 2, Number.MIN_VALUE);
          return {
            value: Math.max(Math.abs(lhs - quad), Math.abs(quad - rowSum), B.get(i, i) ** 2 - rowSum),
            tolerance: tolOf(B, scale, '‖B‖_F²'),
            detail: { normBe_i_sq: lhs, eTBTBe: quad, sumJ_Bij_sq: rowSum, Bii_sq: B.get(i, i) ** 2 },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖Bv‖₂ ≥ B_ii > η√(m/n)',
        backend: 'ml-matrix-f64',
        arbitrary: better,
        numRuns: 60,
        size: (c) => sizeOf(c.g),
        show: showBetter,
        measure: ({ G, A, eta }) => {
          const { B, c, i } = proofObjects(G, A, eta);
          if (i < 0)
            return {
              value: -Infinity,
              tolerance: NO_WITNESS,
              relation: '>=' as const,
              infinite: 'no index i with Σ_ii(B_ii − η√(m/n)) > 0',
              detail: 'no index i with Σ_ii(B_ii − η√(m/n)) > 0',
            };
          const nv = Math.hypot(...column(B, i));
          return {
            value: Math.min(nv - B.get(i, i) + tolOf(G).bound * spectralNorm(B), B.get(i, i) - c),
            tolerance: BV_ABOVE_THRESHOLD,
            relation: '>=' as const,
            detail: { normBv: nv, Bii: B.get(i, i), threshold: c },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '‖Bv‖_RMS = ‖Bv‖₂/√m > η/√n = η‖v‖_RMS',
        backend: 'ml-matrix-f64',
        arbitrary: better,
        numRuns: 60,
        size: (c) => sizeOf(c.g),
        show: showBetter,
        measure: ({ G, A, eta }) => {
          const { B, i } = proofObjects(G, A, eta);
          if (i < 0)
            return {
              value: -Infinity,
              tolerance: NO_WITNESS,
              relation: '>=' as const,
              infinite: 'no index i with Σ_ii(B_ii − η√(m/n)) > 0',
              detail: 'no index i',
            };
          const v = Array.from({ length: G.columns }, (_, j) => (j === i ? 1 : 0));
          const lhs = rmsVectorNorm(column(B, i)),
            rhs = eta * rmsVectorNorm(v);
          return {
            value: lhs - rhs,
            tolerance: strictlyPositive(
              '‖Be_i‖_RMS − η‖e_i‖_RMS (the margin inherited from B_ii − η√(m/n) > 0, ≫ rounding by construction)',
            ),
            relation: '>=' as const,
            detail: { rmsBv: lhs, etaRmsV: rhs },
          };
        },
      }),
    ),
  ],
  corrected: [
    step(
      'numeric',
      forAll({
        name: 'steps 7–8 corrected: (Be_i)_j = B_ji and ‖Be_i‖₂² = Σ_j B_ji² ≥ B_ii²',
        backend: 'ml-matrix-f64',
        arbitrary: squareAndIndex,
        numRuns: 100,
        size: (x) => sizeOf(x.b),
        show: showSI,
        measure: ({ b, i }) => {
          const B = toMatrix(b),
            Bv = column(B, i);
          const colSum = B.getColumn(i).reduce((a, x) => a + x * x, 0),
            quad = T(B).mmul(B).get(i, i);
          const scale = Math.max(B.norm('frobenius') ** 2, Number.MIN_VALUE);
          return {
            value: Math.max(
              Math.abs(quad - colSum),
              B.get(i, i) ** 2 - colSum,
              ...Bv.map((x, j) => Math.abs(x - B.get(j, i))),
            ),
            tolerance: tolOf(B, scale, '‖B‖_F²'),
          };
        },
      }),
    ),
  ],
});
