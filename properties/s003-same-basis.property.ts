import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import {
  dot,
  forAll,
  frobeniusInner,
  frobeniusNorm,
  matrices,
  matrixResidual,
  relative,
  rmsOperatorNormByDefinition,
  showMatrixCase,
  sizeOf,
  step,
  thinSvd,
  toMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase } from '../src/claim.js';

// ∇L any m×n up to 4×4 and every rank (thin SVD, r = min(m, n)); d ∈ {0..3}^r; η ∈ {1, 2, 3};
// t ∈ {0..4}^r gives a feasible d' = η√(m/n)·t/4.
const anyMatrix = matrices({ rows: { min: 1, max: 4 }, cols: { min: 1, max: 4 }, rank: 'any', maxLogKappa: 3 });
interface Case {
  g: MatrixCase;
  d: number[];
  t: number[];
  eta: number;
}
const cases: fc.Arbitrary<Case> = anyMatrix.chain((g) => {
  const r = Math.min(g.rows, g.cols);
  return fc.record({
    g: fc.constant(g),
    d: fc.array(fc.nat({ max: 3 }), { minLength: r, maxLength: r }),
    t: fc.array(fc.nat({ max: 4 }), { minLength: r, maxLength: r }),
    eta: fc.integer({ min: 1, max: 3 }),
  });
});
const show = (c: Case) => ({ ...(showMatrixCase(c.g) as object), d: c.d, t: c.t, eta: c.eta });
const size = (c: Case) => sizeOf(c.g);
/** 30·max(m,n)·u64 × `scale` (named `scaleName`; relative when omitted): singular values are perfectly conditioned. */
const tolOf = (G: Matrix, scale?: number, scaleName?: string) =>
  relative({
    n: Math.max(G.rows, G.columns),
    nName: 'max(m,n)',
    growth: 1,
    growthName: 'κ of the singular values (perfectly conditioned)',
    ...(scale === undefined ? {} : { scale, scaleName }),
  });
/** Inner products against σ are relative to ‖σ‖‖d‖ = ‖∇L‖_F‖d‖₂ (MIN_VALUE when either is 0). */
const sigmaDScale = (G: Matrix, d: number[]) => Math.max(frobeniusNorm(G) * Math.hypot(...d), Number.MIN_VALUE);
const T = (M: Matrix) => M.transpose();
const cOf = (G: Matrix, eta: number) => eta * Math.sqrt(G.rows / G.columns);

/**
 * The statement's parts. As written: M = (−U)DVᵀ; ⟨−∇L, M⟩ = σᵀd pairs σ_i with d_i;
 * ‖M‖_RMS = √(n/m)·max_i d_i; the maximiser is d_i = η√(m/n).
 */
interface Parts extends Record<string, unknown> {
  /** The sign in front of U in M = (±U)DVᵀ. */
  signOfU: number;
  /** σᵀd pairs σ_i with d_i ('same') or with d_{r+1−i} ('reversed', a swapped index). */
  pairing: 'same' | 'reversed';
  /** The factor in ‖M‖_RMS = factor·aggregate(d). */
  rmsAspect: '√(n/m)' | '√(m/n)';
  /** max_i d_i (as written) or ‖d‖₂. */
  dAggregate: 'max' | 'l2';
  /** The claimed maximiser d_i = η·optimumAspect. */
  optimumAspect: '√(m/n)' | '√(n/m)' | '1';
}
const PARTS: Parts = { signOfU: -1, pairing: 'same', rmsAspect: '√(n/m)', dAggregate: 'max', optimumAspect: '√(m/n)' };
const ratio = (G: Matrix, a: '√(n/m)' | '√(m/n)' | '1') =>
  a === '√(n/m)' ? Math.sqrt(G.columns / G.rows) : a === '√(m/n)' ? Math.sqrt(G.rows / G.columns) : 1;
/** M = (signOfU·U)DVᵀ; as written U.clone().mul(−1)…, the product computed before parts existed. */
const M_of = (U: Matrix, d: number[], V: Matrix, p: Parts = PARTS) =>
  U.clone().mul(p.signOfU).mulRowVector(d).mmul(T(V));

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (p: Parts) => [
    forAll({
      name: '⟨−∇L, M⟩ = σᵀd for M = (−U)DVᵀ',
      backend: 'ml-matrix-f64',
      arbitrary: cases,
      numRuns: 150,
      size,
      show,
      measure: ({ g, d }) => {
        const G = toMatrix(g);
        const { U, s, V } = thinSvd(G);
        const lhs = frobeniusInner(G.clone().mul(-1), M_of(U, d, V, p)),
          rhs = dot(s, p.pairing === 'same' ? d : [...d].reverse());
        return {
          value: Math.abs(lhs - rhs),
          tolerance: tolOf(G, sigmaDScale(G, d), '‖σ‖‖d‖'),
          detail: { lhs, sigmaTd: rhs },
        };
      },
    }),
    forAll({
      name: '‖M‖_RMS = √(n/m)·max_i d_i',
      backend: 'ml-matrix-f64',
      arbitrary: cases,
      numRuns: 150,
      size,
      show,
      measure: ({ g, d }) => {
        const G = toMatrix(g);
        const { U, V } = thinSvd(G);
        const lhs = rmsOperatorNormByDefinition(M_of(U, d, V, p)).norm,
          rhs = ratio(G, p.rmsAspect) * (p.dAggregate === 'max' ? Math.max(...d) : Math.hypot(...d));
        return {
          value: Math.abs(lhs - rhs),
          tolerance: tolOf(G, Math.max(rhs, Number.MIN_VALUE), '√(n/m)·max_i d_i'),
          detail: { normM: lhs, formula: rhs },
        };
      },
    }),
    forAll({
      name: 'd_i = η√(m/n) maximises σᵀd s.t. 0 ≤ d_i ≤ η√(m/n); M = −η√(m/n)UVᵀ then has ‖M‖_RMS = η',
      backend: 'ml-matrix-f64',
      arbitrary: cases,
      numRuns: 150,
      size,
      show,
      measure: ({ g, t, eta }) => {
        const G = toMatrix(g);
        const { U, s, V } = thinSvd(G);
        // c is the constraint's bound η√(m/n) (competitors d' = c·t/4 fill the box); claimed is the stated maximiser,
        // η·√(m/n) = c as written.
        const c = cOf(G, eta),
          claimed = eta * ratio(G, p.optimumAspect);
        const best = dot(
            s,
            s.map(() => claimed),
          ),
          other = dot(
            s,
            t.map((x) => (c * x) / 4),
          );
        const rms = rmsOperatorNormByDefinition(
          M_of(
            U,
            s.map(() => claimed),
            V,
            p,
          ),
        ).norm;
        const scale = Math.max(c * s.reduce((a, b) => a + b, 0), Number.MIN_VALUE);
        return {
          value: Math.max(other - best, (Math.abs(rms - eta) * scale) / eta),
          tolerance: tolOf(G, scale, 'η√(m/n)‖σ‖₁'),
          detail: { best, competitor: other, rmsNormOfBest: rms },
        };
      },
    }),
  ],
  mutants: [
    { name: '(−U) → U (flipped sign)', parts: { signOfU: 1 } },
    { name: 'σᵀd → Σ_i σ_i d_{r+1−i} (swapped index)', parts: { pairing: 'reversed' } },
    { name: '‖M‖_RMS = √(n/m)·max d_i → √(m/n)·max d_i (aspect ratio inverted)', parts: { rmsAspect: '√(m/n)' } },
    { name: '‖M‖_RMS = √(n/m)·max d_i → √(n/m)·‖d‖₂ (max → 2-norm)', parts: { dAggregate: 'l2' } },
    { name: 'maximiser d_i = η√(m/n) → η√(n/m) (aspect ratio inverted)', parts: { optimumAspect: '√(n/m)' } },
    { name: 'maximiser d_i = η√(m/n) → η (dropped √(m/n))', parts: { optimumAspect: '1' } },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: '−∇L = (−U)ΣVᵀ',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 80,
        size,
        show,
        measure: ({ g }) => {
          const G = toMatrix(g);
          const { U, s, V } = thinSvd(G);
          return matrixResidual(
            () => G.clone().mul(-1),
            () => M_of(U, s, V),
            tolOf(G),
          );
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '⟨(−U)ΣVᵀ, (−U)DVᵀ⟩ = ⟨Σ, D⟩ (Fact 2)',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 80,
        size,
        show,
        measure: ({ g, d }) => {
          const G = toMatrix(g);
          const { U, s, V } = thinSvd(G);
          const lhs = frobeniusInner(M_of(U, s, V), M_of(U, d, V)),
            rhs = frobeniusInner(Matrix.diag(s), Matrix.diag(d));
          return { value: Math.abs(lhs - rhs), tolerance: tolOf(G, sigmaDScale(G, d), '‖σ‖‖d‖'), detail: { lhs, rhs } };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '⟨Σ, D⟩ = Tr(ΣᵀD) = Σ_i Σ_ii D_ii = σᵀd',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 80,
        size,
        show,
        measure: ({ g, d }) => {
          const G = toMatrix(g);
          const { s } = thinSvd(G);
          const S = Matrix.diag(s),
            D = Matrix.diag(d);
          const vals = [frobeniusInner(S, D), T(S).mmul(D).trace(), dot(s, d)];
          return {
            value: Math.max(...vals) - Math.min(...vals),
            tolerance: tolOf(G, sigmaDScale(G, d), '‖σ‖‖d‖'),
            detail: { vals },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'M = (−U)(d_i I)Vᵀ = −η√(m/n)UVᵀ',
        backend: 'ml-matrix-f64',
        arbitrary: cases,
        numRuns: 80,
        size,
        show,
        measure: ({ g, eta }) => {
          const G = toMatrix(g);
          const { U, s, V } = thinSvd(G);
          const c = cOf(G, eta);
          return matrixResidual(
            () =>
              M_of(
                U,
                s.map(() => c),
                V,
              ),
            () => U.mmul(T(V)).mul(-c),
            tolOf(G),
          );
        },
      }),
    ),
  ],
});
