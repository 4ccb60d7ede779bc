import fc from 'fast-check';
import { Matrix, determinant, inverse } from 'ml-matrix';
import {
  choleskyLower,
  forAll,
  gaussianArray,
  gaussianLogDensity,
  matrices,
  meanInterval,
  mulberry32,
  relative,
  showMatrixCase,
  statistic,
  symmetricEigen,
  toMatrix,
  verifyClaim,
} from '../src/claim.js';
import type { MatrixCase } from '../src/claim.js';

/**
 * The closed form ½[tr(Σ_q⁻¹Σ_p) + (μ_q − μ_p)ᵀΣ_q⁻¹(μ_q − μ_p) − k + ln(det Σ_q / det Σ_p)] as a function of its
 * parts: the coefficient in front, the matrices in the trace and in the quadratic term, the sign of k and the
 * orientation of the determinant ratio.
 */
interface Parts extends Record<string, unknown> {
  half: number;
  traceTerm: 'Σq⁻¹Σp' | 'Σp⁻¹Σq' | 'ΣqΣp';
  quadMetric: 'Σq⁻¹' | 'Σp⁻¹';
  kSign: number;
  logDetRatio: 'det Σq/det Σp' | 'det Σp/det Σq';
}
const PARTS: Parts = { half: 0.5, traceTerm: 'Σq⁻¹Σp', quadMetric: 'Σq⁻¹', kSign: -1, logDetRatio: 'det Σq/det Σp' };

/** The closed form as typed (PARTS): ½[tr(Σ_q⁻¹Σ_p) + (μ_q − μ_p)ᵀΣ_q⁻¹(μ_q − μ_p) − k + ln(det Σ_q / det Σ_p)]. */
function documentKl(muP: number[], Sp: Matrix, muQ: number[], Sq: Matrix, p: Parts = PARTS) {
  const k = muP.length,
    Qi = inverse(Sq);
  const dm = Matrix.columnVector(muQ.map((m, i) => m - muP[i]));
  const tr = (
    p.traceTerm === 'Σq⁻¹Σp' ? Qi.mmul(Sp) : p.traceTerm === 'Σp⁻¹Σq' ? inverse(Sp).mmul(Sq) : Sq.mmul(Sp)
  ).trace();
  const quad = dm
    .transpose()
    .mmul(p.quadMetric === 'Σq⁻¹' ? Qi : inverse(Sp))
    .mmul(dm)
    .get(0, 0);
  const logDet = Math.log(
    p.logDetRatio === 'det Σq/det Σp' ? determinant(Sq) / determinant(Sp) : determinant(Sp) / determinant(Sq),
  );
  // As written: 0.5·(tr + quad + (−1)·k + logDet), the same rounding as 0.5·(tr + quad − k + logDet).
  return {
    kl: p.half * (tr + quad + p.kSign * k + logDet),
    size: Math.abs(tr) + Math.abs(quad) + k + Math.abs(logDet),
  };
}

/**
 * KL(p‖q) = E_p[log p(x) − log q(x)] computed with no KL formula: the integrand is a quadratic in x, and for
 * x = μ_p + Lz (Σ_p = LLᵀ) the 2^k sign vectors z ∈ {±1}^k have E[z] = 0, E[zzᵀ] = I, so their average is the
 * exact expectation of any quadratic (tensor 2-point Gauss–Hermite rule, exact to degree 3 per variable).
 */
function klBySignRule(muP: number[], Sp: Matrix, muQ: number[], Sq: Matrix): number {
  const k = muP.length,
    L = choleskyLower(Sp),
    lp = gaussianLogDensity(muP, Sp),
    lq = gaussianLogDensity(muQ, Sq);
  let s = 0;
  for (let mask = 0; mask < 2 ** k; mask++) {
    const z = Array.from({ length: k }, (_, i) => ((mask >> i) & 1 ? 1 : -1));
    const x = muP.map((m, i) => m + z.reduce((a, zj, j) => a + L.get(i, j) * zj, 0));
    s += lp(x) - lq(x);
  }
  return s / 2 ** k;
}

/** Σ = AAᵀ with A square and full rank (integer or UΣVᵀ, κ(A) ≤ 10), so Σ is SPD with κ(Σ) ≤ 100. */
interface Pair {
  A: MatrixCase;
  B: MatrixCase;
  muP: number[];
  muQ: number[];
}
const pairs = (kMax: number): fc.Arbitrary<Pair> =>
  fc.integer({ min: 1, max: kMax }).chain((k) => {
    const spd = matrices({
      rows: { min: k, max: k },
      cols: { min: k, max: k },
      shape: 'square',
      rank: 'full',
      maxLogKappa: 1,
    });
    const mu = fc.array(fc.integer({ min: -2, max: 2 }), { minLength: k, maxLength: k });
    return fc.record({ A: spd, B: spd, muP: mu, muQ: mu });
  });
const gram = (c: MatrixCase) => {
  const A = toMatrix(c);
  return A.mmul(A.transpose());
};
const cond = (S: Matrix) => {
  const ev = symmetricEigen(S.clone()).values;
  return ev[ev.length - 1] / ev[0];
};
const show = (p: Pair) => ({
  SigmaP: gram(p.A).to2DArray(),
  SigmaQ: gram(p.B).to2DArray(),
  muP: p.muP,
  muQ: p.muQ,
  A: showMatrixCase(p.A),
  B: showMatrixCase(p.B),
});
/**
 * Inverse, determinant and Cholesky solves are backward stable: error ≲ k·u64·κ(Σ) per term, terms of size
 * Σ|terms|, so 30 × k × u64 × (κ(Σ_p) + κ(Σ_q)) × max(1, Σ|terms|).
 */
const closedFormTolerance = (k: number, Sp: Matrix, Sq: Matrix, size: number) =>
  relative({
    n: k,
    growth: cond(Sp) + cond(Sq),
    growthName: '(κ(Σ_p) + κ(Σ_q)) (inverse, det and Cholesky solves, each backward stable)',
    scale: Math.max(1, size),
    scaleName: 'max(1, Σ|terms|)',
  });
/** k = 1 on small integers: a handful of operations, each rounded once relative to the terms: 30 × u64 × max(1, Σ|terms|). */
const oneDimensionalTolerance = (size: number) =>
  relative({
    n: 1,
    scale: Math.max(1, size),
    scaleName: 'max(1, Σ|terms|) (a handful of operations on small integers)',
  });

/** The Monte Carlo setting at k = 3: fixed means and SPD covariances, 20 000 antithetic pairs. */
const MC = {
  muP: [1, -1, 0],
  muQ: [0, 1, 2],
  n: 20_000,
  Sp: new Matrix([
    [2, 0.5, 0],
    [0.5, 1, 0.3],
    [0, 0.3, 1.5],
  ]),
  Sq: new Matrix([
    [1, -0.2, 0.1],
    [-0.2, 2, 0],
    [0.1, 0, 0.5],
  ]),
};
const MC_CONFIDENCE = 0.9999;
const MC_REASON =
  '20 000 antithetic pairs x = μ_p ± Lz (the linear part of the integrand cancels within a pair); 99.99% CLT interval, so a true formula is rejected with probability 1e-4 per run';
/**
 * Negative control of the Monte Carlo check: the claimed value moved by 2%. Small against the claim
 * (KL ≈ 6.65 here, so 0.13), but the 99.99% interval has half-width ≈ 0.05 (≈ 0.75% of KL at 20 000
 * pairs), so a 2% shift lies ≈ 2.7 half-widths (≈ 10 standard errors) outside it: an interval this
 * narrow must reject it.
 */
const MC_CONTROL_SHIFT = 0.02;
/** E_p[log p − log q] by Monte Carlo, decided by whether `claimed` lies in the 99.99% interval. */
function monteCarloKl(seed: number, claimed: number) {
  const { muP, muQ, Sp, Sq, n } = MC;
  const L = choleskyLower(Sp),
    lp = gaussianLogDensity(muP, Sp),
    lq = gaussianLogDensity(muQ, Sq);
  const rng = mulberry32(seed),
    z = new Float64Array(3),
    out = new Float64Array(n);
  const x = new Float64Array(3),
    y = new Float64Array(3);
  for (let t = 0; t < n; t++) {
    gaussianArray(rng, 3, z);
    for (let i = 0; i < 3; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s += L.get(i, j) * z[j];
      x[i] = muP[i] + s;
      y[i] = muP[i] - s;
    }
    out[t] = 0.5 * (lp(x) - lq(x) + lp(y) - lq(y));
  }
  const mi = meanInterval(out, MC_CONFIDENCE);
  return {
    name: 'Monte Carlo E_p[log p − log q]',
    estimate: mi.mean,
    ci: mi.ci,
    confidence: MC_CONFIDENCE,
    samples: n,
    decision: { kind: 'contains' as const, value: claimed },
    rule: 'the closed form must lie in the interval',
  };
}

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (parts: Parts) => [
    forAll({
      name: 'closed form = E_p[log p − log q] (exact expectation by the 2^k sign rule), k ≤ 3',
      backend: 'ml-matrix-f64',
      arbitrary: pairs(3),
      numRuns: 200,
      size: (p) => [p.muP.length, p.muP.length],
      show,
      measure: (p: Pair) => {
        const Sp = gram(p.A),
          Sq = gram(p.B);
        const doc = documentKl(p.muP, Sp, p.muQ, Sq, parts),
          ref = klBySignRule(p.muP, Sp, p.muQ, Sq);
        return {
          value: Math.abs(doc.kl - ref),
          tolerance: closedFormTolerance(p.muP.length, Sp, Sq, doc.size),
          detail: { closedForm: doc.kl, expectation: ref },
        };
      },
    }),
    forAll({
      name: 'k = 1: closed form = ln(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − ½',
      backend: 'scalar-f64',
      arbitrary: fc.record({
        sp: fc.integer({ min: 1, max: 4 }),
        sq: fc.integer({ min: 1, max: 4 }),
        mp: fc.integer({ min: -2, max: 2 }),
        mq: fc.integer({ min: -2, max: 2 }),
      }),
      numRuns: 100,
      measure: ({ sp, sq, mp, mq }) => {
        const doc = documentKl([mp], new Matrix([[sp * sp]]), [mq], new Matrix([[sq * sq]]), parts);
        const oneD = Math.log(sq / sp) + (sp * sp + (mp - mq) ** 2) / (2 * sq * sq) - 0.5;
        return {
          value: Math.abs(doc.kl - oneD),
          tolerance: oneDimensionalTolerance(doc.size),
          detail: { closedForm: doc.kl, oneDimensional: oneD },
        };
      },
    }),
    statistic({
      name: 'closed form inside the Monte Carlo interval of E_p[log p − log q], k = 3 (antithetic pairs)',
      backend: 'scalar-f64',
      toleranceReason: MC_REASON,
      run: (ctx) => monteCarloKl(ctx.seed, documentKl(MC.muP, MC.Sp, MC.muQ, MC.Sq, parts).kl),
      control: {
        description: `closed form × ${1 + MC_CONTROL_SHIFT} (moved by ${100 * MC_CONTROL_SHIFT}%)`,
        run: (ctx) =>
          monteCarloKl(ctx.seed, (1 + MC_CONTROL_SHIFT) * documentKl(MC.muP, MC.Sp, MC.muQ, MC.Sq, parts).kl),
      },
    }),
  ],
  mutants: [
    { name: '½ → ¼ (coefficient)', parts: { half: 0.25 } },
    { name: '−k → +k (flipped sign)', parts: { kSign: 1 } },
    { name: 'ln(det Σ_q/det Σ_p) → ln(det Σ_p/det Σ_q) (ratio inverted)', parts: { logDetRatio: 'det Σp/det Σq' } },
    { name: 'tr(Σ_q⁻¹Σ_p) → tr(Σ_p⁻¹Σ_q) (p and q swapped in the trace)', parts: { traceTerm: 'Σp⁻¹Σq' } },
    { name: 'tr(Σ_q⁻¹Σ_p) → tr(Σ_qΣ_p) (dropped inverse)', parts: { traceTerm: 'ΣqΣp' } },
    { name: 'Σ_q⁻¹ → Σ_p⁻¹ in the quadratic term (swapped index)', parts: { quadMetric: 'Σp⁻¹' } },
  ],
});
