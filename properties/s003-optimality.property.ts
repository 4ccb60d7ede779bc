import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { compute, f64Bound, forAll, frobeniusInner, fullSvd, matrices, matrixResidual, muonOptimalityAtScale, muonOptimalityAtScaleCheck, nuclearNorm, rmsOperatorNorm, rmsOperatorNormByDefinition, rmsVectorNorm, showMatrixCase, sizeOf, spectralNorm, step, thinSvd, toMatrix, verifyClaim, withControl } from '../src/claim.js';
import type { MatrixCase, Measurement } from '../src/claim.js';

// ∇L any m×n up to 4×4, every rank; R a second matrix of that shape (competitor direction); η ∈ {1,2,3}.
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
const sameShape = (c: MatrixCase) => matrices({ rows: { min: c.rows, max: c.rows }, cols: { min: c.cols, max: c.cols }, rank: 'any', maxLogKappa: 3 });
interface Case { g: MatrixCase; r: MatrixCase; eta: number; k: number }
const cases: fc.Arbitrary<Case> = anyMatrix.chain((g) => fc.record({ g: fc.constant(g), r: sameShape(g), eta: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: -4, max: 10 }) }));
const show = (c: Case) => ({ G: showMatrixCase(c.g), R: showMatrixCase(c.r), eta: c.eta, epsilon: 2 ** -c.k });
const size = (c: Case) => sizeOf(c.g);
const tolOf = (G: Matrix) => f64Bound(Math.max(G.rows, G.columns), 1, '1 (σ and ⟨·,·⟩ perfectly conditioned)');
const REASON = tolOf(new Matrix(1, 1)).reason;
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
  a === '√(m/n)' ? Math.sqrt(G.rows / G.columns) : a === '√(n/m)' ? Math.sqrt(G.columns / G.rows) : a === 'm/n' ? G.rows / G.columns : 1;
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
    const G = toMatrix(c.g), W = dWstar(G, c.eta);
    const A = W.clone().mul(1 + 2 ** -Math.abs(c.k)).add(toMatrix(c.r).mul(2 ** -(Math.abs(c.k) + 4)));
    return { ...c, G, W, A, gain: frobeniusInner(G, W) - frobeniusInner(G, A) };
  })
  .filter((c) => c.gain > 1e3 * tolOf(c.G).bound * scaleOf(c.G, c.eta));
const showBetter = (c: { g: MatrixCase; A: Matrix; eta: number }) => ({ G: showMatrixCase(c.g), A: c.A.to2DArray(), eta: c.eta });
/** B = (−U)ᵀAV with the full SVD ∇L = UΣVᵀ (U ∈ O(m), V ∈ O(n): Facts 2–3 need square orthogonal factors). */
function proofObjects(G: Matrix, A: Matrix, eta: number) {
  const { U, S, V, s } = fullSvd(G);
  const B = T(U.clone().mul(-1)).mmul(A).mmul(V);
  const c = cOf(G, eta);
  const i = s.findIndex((si, j) => si * (B.get(j, j) - c) > 0);
  return { U, S, V, s, B, c, i };
}

// Step 7–8 are index statements about a square B and a coordinate vector e_i.
// A record (not a chain) so that the size, the index and the entries all shrink: to 2×2 and a single 1.
const squareAndIndex = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), i: fc.nat({ max: 3 }), e: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 }), { minLength: 4, maxLength: 4 }) })
  .map(({ n, i, e }): { b: MatrixCase; i: number } => ({ b: { kind: 'integer', rows: n, cols: n, entries: e.slice(0, n).map((r) => r.slice(0, n)) }, i: i % n }));
const showSI = ({ b, i }: { b: MatrixCase; i: number }) => ({ ...(showMatrixCase(b) as object), i: i + 1 });
const column = (B: Matrix, i: number) => B.getColumn(i);

/**
 * Negative control of the f32 check at 1024×2048: the same three f32 measurements (⟨∇L, ΔW*⟩, ‖ΔW*‖_op
 * by power iteration, ‖ΔW*‖_RMS) judged, with the same tolerances, against the values the step would
 * have with η√(m/n) → η√(n/m): every target times n/m = 2, far outside the f32 bounds (≈ 10⁻⁴ relative).
 */
const AT_SCALE = { m: 1024, n: 2048, kappa: 100, eta: 0.1 };
const atScaleControl = compute({
  name: 'at 1024×2048 in f32 with η√(m/n) → η√(n/m) (control)', backend: 'gpu.js-f32', sizes: [[AT_SCALE.m, AT_SCALE.n]],
  toleranceReason: 'the f32 tolerances of the check itself (γ_{n+2}Σ|g_ij w_ij| dot products, matvec bound)',
  run: async (ctx) => (await muonOptimalityAtScale(AT_SCALE.m, AT_SCALE.n, AT_SCALE.kappa, AT_SCALE.eta, ctx.seed)).map((m): Measurement => {
    const d = m.detail as { measured: number; target: number };
    const claimed = d.target * (AT_SCALE.n / AT_SCALE.m);
    return { value: Math.abs(d.measured - claimed), bound: m.bound, detail: { ...d, claimed } };
  }),
});

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (p: Parts) => [
    forAll({
      name: 'ΔW* = −η√(m/n)UVᵀ is feasible (‖ΔW*‖_RMS = η) and no A with ‖A‖_RMS = η has ⟨∇L, A⟩ < ⟨∇L, ΔW*⟩', backend: 'ml-matrix-f64',
      arbitrary: cases, numRuns: 200, size, show, toleranceReason: `${REASON} × η√(m/n)‖∇L‖_*`,
      measure: (c) => {
        const G = toMatrix(c.g), W = dWstar(G, c.eta, p), A = competitor(c, p);
        const scale = scaleOf(G, c.eta);
        const rmsW = rmsOperatorNormByDefinition(W).norm;
        const gap = frobeniusInner(G, W) - frobeniusInner(G, A);
        return { value: Math.max(gap, (Math.abs(rmsW - c.eta) / c.eta) * scale), bound: tolOf(G).bound * scale, detail: { objectiveStar: frobeniusInner(G, W), objectiveA: frobeniusInner(G, A), rmsStar: rmsW, rmsA: rmsOperatorNorm(A) } };
      },
    }),
    forAll({
      name: 'solver-free: ⟨∇L, ΔW*⟩ = −η√(m/n)‖∇L‖_* and every A has ⟨∇L, A⟩ ≥ −‖∇L‖_*‖A‖_op', backend: 'ml-matrix-f64',
      arbitrary: cases, numRuns: 200, size, show, toleranceReason: `${REASON} × ‖∇L‖_*·max(‖A‖_op, η√(m/n))`,
      measure: (c) => {
        const G = toMatrix(c.g), W = dWstar(G, c.eta, p), A = toMatrix(c.r);
        const nuc = nuclearNorm(G);
        const optGap = Math.abs(frobeniusInner(G, W) + cOf(G, c.eta) * nuc);
        const duality = -nuc * spectralNorm(A) - frobeniusInner(G, A);
        const scale = Math.max(nuc * Math.max(spectralNorm(A), cOf(G, c.eta)), Number.MIN_VALUE);
        return { value: Math.max(optGap, duality), bound: tolOf(G).bound * scale, detail: { objectiveStar: frobeniusInner(G, W), dualityValue: -cOf(G, c.eta) * nuc, GA: frobeniusInner(G, A), lowerBound: -nuc * spectralNorm(A) } };
      },
    }),
    withControl(muonOptimalityAtScaleCheck('at 1024×2048 in f32: ⟨∇L, ΔW*⟩ = −η√(m/n)Σσ and ‖ΔW*‖_RMS = η (power iteration)', AT_SCALE.m, AT_SCALE.n, AT_SCALE.kappa, AT_SCALE.eta),
      'η√(m/n) → η√(n/m) (aspect ratio inverted) in the claimed values, on the same f32 measurements', atScaleControl),
  ],
  // The value −η√(m/n)‖∇L‖_* in the second check is the constraint's bound (‖A‖_RMS ≤ η ⇔ ‖A‖_op ≤ η√(m/n)),
  // not a part of (§): a mutant changes ΔW*, and the checks judge it against the unchanged problem.
  mutants: [
    { name: 'flipped sign: ΔW* = +η√(m/n)UVᵀ', parts: { sign: 1 } },
    { name: '√(m/n) → √(n/m) (aspect ratio inverted)', parts: { aspect: '√(n/m)' } },
    { name: '√(m/n) → m/n (exponent ½ → 1)', parts: { aspect: 'm/n' } },
    { name: 'dropped √(m/n): ΔW* = −ηUVᵀ', parts: { aspect: '1' } },
    { name: 'η → η² (exponent 1 → 2)', parts: { etaExponent: 2 } },
    { name: 'UVᵀ → UΣVᵀ = ∇L (Σ exponent 0 → 1: the gradient instead of its polar factor)', parts: { sigmaExponent: 1 } },
  ],
  steps: [
    step('numeric', forAll({
      name: 'A = (−U)BVᵀ with B = (−U)ᵀAV (full SVD)', backend: 'ml-matrix-f64', arbitrary: better, numRuns: 60, size: (c) => sizeOf(c.g), show: showBetter, toleranceReason: REASON,
      measure: ({ G, A, eta }) => { const { U, V, B } = proofObjects(G, A, eta); return matrixResidual(() => U.clone().mul(-1).mmul(B).mmul(T(V)), () => A, tolOf(G).bound); },
    })),
    step('numeric', forAll({
      name: '⟨−∇L, A⟩ = ⟨Σ, B⟩ = Σ_i Σ_ii B_ii', backend: 'ml-matrix-f64', arbitrary: better, numRuns: 60, size: (c) => sizeOf(c.g), show: showBetter, toleranceReason: `${REASON} × η√(m/n)‖∇L‖_*`,
      measure: ({ G, A, eta }) => {
        const { S, B, s } = proofObjects(G, A, eta);
        const vals = [frobeniusInner(G.clone().mul(-1), A), frobeniusInner(S, B), s.reduce((acc, si, i) => acc + si * B.get(i, i), 0)];
        return { value: Math.max(...vals) - Math.min(...vals), bound: 4 * tolOf(G).bound * scaleOf(G, eta), detail: { vals } };
      },
    })),
    step('numeric', forAll({
      name: '⟨−∇L, ΔW*⟩ = ⟨Σ, η√(m/n)I⟩ = Σ_i Σ_ii η√(m/n)', backend: 'ml-matrix-f64', arbitrary: cases, numRuns: 60, size, show, toleranceReason: `${REASON} × η√(m/n)‖∇L‖_*`,
      measure: ({ g, eta }) => {
        const G = toMatrix(g), c = cOf(G, eta), { S, s } = fullSvd(G);
        const I = new Matrix(G.rows, G.columns); s.forEach((_, i) => I.set(i, i, c));
        const vals = [frobeniusInner(G.clone().mul(-1), dWstar(G, eta)), frobeniusInner(S, I), s.reduce((acc, si) => acc + si * c, 0)];
        return { value: Math.max(...vals) - Math.min(...vals), bound: tolOf(G).bound * scaleOf(G, eta), detail: { vals } };
      },
    })),
    step('numeric', forAll({
      name: '(3) ⇒ Σ_i Σ_ii(B_ii − η√(m/n)) > 0 ⇒ some B_ii > η√(m/n) (4)', backend: 'ml-matrix-f64', arbitrary: better, numRuns: 60, size: (c) => sizeOf(c.g), show: showBetter,
      toleranceReason: 'the sum equals the gain of A over ΔW* (≫ rounding by construction), and the found i must have B_ii − η√(m/n) > 0',
      measure: ({ G, A, eta }) => {
        const { B, s, c, i } = proofObjects(G, A, eta);
        const sum = s.reduce((acc, si, j) => acc + si * (B.get(j, j) - c), 0);
        return { value: i < 0 ? -Infinity : Math.min(sum, B.get(i, i) - c), bound: Number.MIN_VALUE, relation: '>=' as const, detail: { sum, i: i + 1, Bii: i < 0 ? null : B.get(i, i), threshold: c },
          ...(i < 0 ? { infinite: 'no index i with Σ_ii(B_ii − η√(m/n)) > 0: the conclusion (4) has no witness' } : {}) };
      },
    })),
    step('numeric', forAll({
      name: '‖A‖_RMS = ‖B‖_RMS (Fact 3)', backend: 'ml-matrix-f64', arbitrary: better, numRuns: 60, size: (c) => sizeOf(c.g), show: showBetter, toleranceReason: `${REASON}, relative`,
      measure: ({ G, A, eta }) => {
        const { B } = proofObjects(G, A, eta);
        const a = rmsOperatorNormByDefinition(A).norm, b = rmsOperatorNormByDefinition(B).norm;
        return { value: Math.abs(a - b), bound: tolOf(G).bound * Math.max(a, b), detail: { rmsA: a, rmsB: b } };
      },
    })),
    step('numeric', forAll({
      name: '‖e_i‖_RMS = (1/√n)‖e_i‖₂ = 1/√n', backend: 'scalar-f64', arbitrary: fc.integer({ min: 1, max: 64 }).chain((n) => fc.record({ n: fc.constant(n), i: fc.nat({ max: n - 1 }) })), numRuns: 50,
      toleranceReason: 'one square root and one division: ≤ 2·u64 relative', show: (x) => x,
      measure: ({ n, i }) => { const v = Array.from({ length: n }, (_, j) => (j === i ? 1 : 0)); return { value: Math.abs(rmsVectorNorm(v) * Math.sqrt(n) - 1), bound: 4 * 2 ** -53 }; },
    })),
    step('numeric', forAll({
      name: '(Be_i)_j = B_ij for all j (so (Be_i)_i = B_ii)', backend: 'ml-matrix-f64', arbitrary: squareAndIndex, numRuns: 100, size: (x) => sizeOf(x.b), show: showSI,
      toleranceReason: 'exact (entries are copied)',
      measure: ({ b, i }) => {
        const B = toMatrix(b), Bv = column(B, i), row = B.getRow(i);
        return { value: Math.max(...Bv.map((x, j) => Math.abs(x - row[j]))), bound: 0, detail: { Be_i: Bv, rowI: row } };
      },
    })),
    step('numeric', forAll({
      name: '‖Be_i‖₂² = e_iᵀBᵀBe_i = Σ_j B_ij² ≥ B_ii²', backend: 'ml-matrix-f64', arbitrary: squareAndIndex, numRuns: 100, size: (x) => sizeOf(x.b), show: showSI,
      toleranceReason: `${REASON} × ‖B‖_F²`,
      measure: ({ b, i }) => {
        const B = toMatrix(b), Bv = column(B, i);
        const lhs = Bv.reduce((a, x) => a + x * x, 0), quad = T(B).mmul(B).get(i, i), rowSum = B.getRow(i).reduce((a, x) => a + x * x, 0);
        const scale = Math.max(B.norm('frobenius') ** 2, Number.MIN_VALUE);
        return { value: Math.max(Math.abs(lhs - quad), Math.abs(quad - rowSum), B.get(i, i) ** 2 - rowSum), bound: tolOf(B).bound * scale, detail: { normBe_i_sq: lhs, eTBTBe: quad, sumJ_Bij_sq: rowSum, Bii_sq: B.get(i, i) ** 2 } };
      },
    })),
    step('numeric', forAll({
      name: '‖Bv‖₂ ≥ B_ii > η√(m/n)', backend: 'ml-matrix-f64', arbitrary: better, numRuns: 60, size: (c) => sizeOf(c.g), show: showBetter,
      toleranceReason: 'B_ii > η√(m/n) with the margin of step 4; ‖Be_i‖₂ ≥ |B_ii| up to ≤ 30·n·u64·‖B‖',
      measure: ({ G, A, eta }) => {
        const { B, c, i } = proofObjects(G, A, eta);
        if (i < 0) return { value: -Infinity, bound: 0, relation: '>=' as const, infinite: 'no index i with Σ_ii(B_ii − η√(m/n)) > 0', detail: 'no index i with Σ_ii(B_ii − η√(m/n)) > 0' };
        const nv = Math.hypot(...column(B, i));
        return { value: Math.min(nv - B.get(i, i) + tolOf(G).bound * spectralNorm(B), B.get(i, i) - c), bound: Number.MIN_VALUE, relation: '>=' as const, detail: { normBv: nv, Bii: B.get(i, i), threshold: c } };
      },
    })),
    step('numeric', forAll({
      name: '‖Bv‖_RMS = ‖Bv‖₂/√m > η/√n = η‖v‖_RMS', backend: 'ml-matrix-f64', arbitrary: better, numRuns: 60, size: (c) => sizeOf(c.g), show: showBetter,
      toleranceReason: 'strict margin inherited from B_ii − η√(m/n) > 0 (≫ rounding by construction)',
      measure: ({ G, A, eta }) => {
        const { B, i } = proofObjects(G, A, eta);
        if (i < 0) return { value: -Infinity, bound: 0, relation: '>=' as const, infinite: 'no index i with Σ_ii(B_ii − η√(m/n)) > 0', detail: 'no index i' };
        const v = Array.from({ length: G.columns }, (_, j) => (j === i ? 1 : 0));
        const lhs = rmsVectorNorm(column(B, i)), rhs = eta * rmsVectorNorm(v);
        return { value: lhs - rhs, bound: Number.MIN_VALUE, relation: '>=' as const, detail: { rmsBv: lhs, etaRmsV: rhs } };
      },
    })),
  ],
  corrected: [
    step('numeric', forAll({
      name: 'steps 7–8 corrected: (Be_i)_j = B_ji and ‖Be_i‖₂² = Σ_j B_ji² ≥ B_ii²', backend: 'ml-matrix-f64', arbitrary: squareAndIndex, numRuns: 100, size: (x) => sizeOf(x.b), show: showSI,
      toleranceReason: `${REASON} × ‖B‖_F²`,
      measure: ({ b, i }) => {
        const B = toMatrix(b), Bv = column(B, i);
        const colSum = B.getColumn(i).reduce((a, x) => a + x * x, 0), quad = T(B).mmul(B).get(i, i);
        const scale = Math.max(B.norm('frobenius') ** 2, Number.MIN_VALUE);
        return { value: Math.max(Math.abs(quad - colSum), B.get(i, i) ** 2 - colSum, ...Bv.map((x, j) => Math.abs(x - B.get(j, i)))), bound: tolOf(B).bound * scale };
      },
    })),
  ],
});
