import fc from 'fast-check';
import { adamMoments, exact, forAll, relative, step, substance, tolerance, verifyClaim } from '../src/claim.js';

/** A gradient sequence g_1..g_t (one coordinate; Adam acts elementwise) and β₁. */
interface Run {
  t: number;
  beta: number;
  g: number[];
}
const runs: fc.Arbitrary<Run> = fc.integer({ min: 1, max: 6 }).chain((t) =>
  fc.record({
    t: fc.constant(t),
    beta: fc.constantFrom(0.5, 0.25, 0.75, 0.9),
    g: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: t, maxLength: t }),
  }),
);

type Case = { zeroInit: boolean; biasCorrection: boolean };
const CASES: [string, Case][] = [
  ['ZI and BC', { zeroInit: true, biasCorrection: true }],
  ['ZI and no BC', { zeroInit: true, biasCorrection: false }],
  ['no ZI and BC', { zeroInit: false, biasCorrection: true }],
  ['no ZI and no BC', { zeroInit: false, biasCorrection: false }],
];

/** Σ_{j=lo}^{t−1} β^j: the document's B has lo = 1; the geometric identity needs lo = 0. */
const geometric = (beta: number, lo: number, t: number) => {
  let s = 0;
  for (let j = lo; j <= t - 1; j++) s += beta ** j;
  return s;
};
/** Σ_{j=1}^t β^{t−j} g_j, with the same sum over |g_j| for the tolerance. */
const weighted = (r: Run, abs = false) =>
  r.g.reduce((s, gj, k) => s + r.beta ** (r.t - (k + 1)) * (abs ? Math.abs(gj) : gj), 0);

/** The document's four cases, for a given B. */
function mHatFormula(r: Run, c: Case, B: number, abs = false): number {
  const S = weighted(r, abs),
    g1 = abs ? Math.abs(r.g[0]) : r.g[0],
    b = r.beta;
  if (c.zeroInit) return c.biasCorrection ? S / B : (1 - b) * S;
  return c.biasCorrection ? (b ** r.t / ((1 - b) * B)) * g1 + S / B : b ** r.t * g1 + (1 - b) * S;
}

/**
 * Sums of ≤ 7 terms and one division: ≤ t + 6 roundings of terms bounded by the same formula on |g|, so
 * 30 × (t + 6) × u64 relative to max(1, formula evaluated on |g_j|) (the value is divided by that scale).
 */
function sumTolerance(t: number) {
  const r = relative({ n: t + 6 });
  return tolerance(
    r.bound,
    `${r.reason}, relative to max(1, formula evaluated on |g_j|): n = t + 6 roundings per term`,
  );
}
/** 1/B with B = 0: the formula does not define m̂_t; the ∞ refutes whatever the bound. */
const UNDEFINED = exact('exact: 1/B is undefined (B = 0), so the formula gives no value to compare');

type Formula = (r: Run, c: Case, B: number, abs?: boolean) => number;
function caseCheck(label: string, c: Case, lo: number, control?: { description: string; formula: Formula }) {
  const measureWith = (formula: Formula) => (r: Run) => {
    const B = geometric(r.beta, lo, r.t);
    const adam = adamMoments(r.g, { beta1: r.beta, beta2: 0.5, eps: 0, ...c }).mHat[r.t - 1];
    if (c.biasCorrection && B === 0) {
      // An empty sum: the formula divides by zero, so it does not define m̂_t at all.
      const reason = `B = Σ_{j=${lo}}^{${r.t - 1}} β^j = 0 at t = ${r.t}: 1/B is undefined`;
      return { value: Infinity, tolerance: UNDEFINED, infinite: reason, detail: { reason, adam } };
    }
    const f = formula(r, c, B);
    const scale = Math.max(1, formula(r, c, B, true), Math.abs(adam));
    return { value: Math.abs(f - adam) / scale, tolerance: sumTolerance(r.t), detail: { B, formula: f, adam } };
  };
  return forAll({
    name: `m̂_t, ${label}, B = Σ_{j=${lo}}^{t−1} β₁^j`,
    backend: 'scalar-f64',
    arbitrary: runs,
    numRuns: 200,
    size: (r) => [1, r.t],
    measure: measureWith(mHatFormula),
    ...(control ? { control: { description: control.description, measure: measureWith(control.formula) } } : {}),
  });
}

/**
 * Controls for the two cases without bias correction, which B does not enter (so they hold as written):
 * a slipped coefficient β₁ for 1 − β₁, and an off-by-one exponent β₁^{t−1} on g₁. Every β₁ drawn except ½
 * has β₁ ≠ 1 − β₁, and β₁^{t−1} ≠ β₁^t for every β₁ drawn, so each fails on the first generic case.
 */
const ziNoBcControl = {
  description: '(1 − β₁)Σ_j β₁^{t−j}g_j → β₁Σ_j β₁^{t−j}g_j',
  formula: (r: Run, _c: Case, _B: number, abs = false) => r.beta * weighted(r, abs),
};
const noZiNoBcControl = {
  description: 'β₁^t g₁ → β₁^{t−1} g₁ (off-by-one in the exponent)',
  formula: (r: Run, _c: Case, _B: number, abs = false) =>
    r.beta ** (r.t - 1) * (abs ? Math.abs(r.g[0]) : r.g[0]) + (1 - r.beta) * weighted(r, abs),
};

/** The geometric-sum identity on integer t and simple β₁, so a counterexample shrinks to t = 1, β₁ = 1/2. */
const identity = (lo: number) =>
  forAll({
    name: `(1 − β₁^t) = (1 − β₁)Σ_{j=${lo}}^{t−1} β₁^j`,
    backend: 'scalar-f64',
    arbitrary: fc.record({ t: fc.integer({ min: 1, max: 40 }), b: fc.constantFrom(0.5, 0.25, 0.75, 0.9, 0.99, 0.999) }),
    numRuns: 200,
    size: (v) => [1, v.t],
    measure: ({ t, b }) => {
      const lhs = 1 - b ** t,
        rhs = (1 - b) * geometric(b, lo, t);
      // Both sides are ≤ 1 in magnitude: a sum of t powers (each rounded once), one product and one difference.
      const r = relative({ n: t + 2 });
      return {
        value: Math.abs(lhs - rhs),
        tolerance: tolerance(
          r.bound,
          `${r.reason}: n = t + 2 roundings (t powers summed, one product, one difference) of terms ≤ 1`,
        ),
        detail: { lhs, rhs },
      };
    },
  });

verifyClaim(import.meta.url, {
  checks: [
    identity(1),
    ...CASES.map(([label, c]) =>
      caseCheck(label, c, 1, !c.biasCorrection ? (c.zeroInit ? ziNoBcControl : noZiNoBcControl) : undefined),
    ),
  ],
  // Wrong in substance: the geometric sum starts at j = 0, so B = Σ_{j=0}^{t−1} β₁^j; the BC cases hold with it.
  failure: substance({
    checks: {
      [identity(1).name]: identity(0),
      ...Object.fromEntries(
        CASES.filter(([, c]) => c.biasCorrection).map(([label, c]) => [
          caseCheck(label, c, 1).name,
          caseCheck(label, c, 0),
        ]),
      ),
    },
  }),
  steps: [
    step(
      'numeric',
      forAll({
        name: 'm_t = β₁^t m_0 + (1 − β₁)Σ_{j=1}^t β₁^{t−j} g_j (m_0 = 0 or g_1)',
        backend: 'scalar-f64',
        arbitrary: fc.tuple(runs, fc.boolean()),
        numRuns: 200,
        size: ([r]) => [1, r.t],
        measure: ([r, zi]) => {
          const m0 = zi ? 0 : r.g[0];
          const adam = adamMoments(r.g, { beta1: r.beta, beta2: 0.5, eps: 0, zeroInit: zi, biasCorrection: false }).m[
            r.t - 1
          ];
          const f = r.beta ** r.t * m0 + (1 - r.beta) * weighted(r);
          const scale = Math.max(1, r.beta ** r.t * Math.abs(m0) + (1 - r.beta) * weighted(r, true));
          return { value: Math.abs(f - adam) / scale, tolerance: sumTolerance(r.t), detail: { formula: f, adam } };
        },
      }),
    ),
  ],
  corrected: [identity(0), ...CASES.map(([label, c]) => caseCheck(label, c, 0))],
});
