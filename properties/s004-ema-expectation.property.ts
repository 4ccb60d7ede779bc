import fc from 'fast-check';
import { emaTrajectory, forAll, relative, step, tolerance, verifyClaim } from '../src/claim.js';
import { scalarIdentity } from '../src/checks/scalarIdentity.js';

/**
 * Gradients with a constant mean but otherwise arbitrary law: g_i = μ + a_i ε_i + b_i ε_{i−1}ε_i with
 * independent signs ε_i = ±1 (so E[g_i] = μ while variances differ and consecutive g_i are dependent).
 * Expectations are computed EXACTLY by enumerating all 2^t sign patterns, so no Monte Carlo error
 * enters and a counterexample can be redone by hand.
 */
interface GradLaw {
  t: number;
  beta: number;
  mu: number;
  a: number[];
  b: number[];
}
const laws = fc.integer({ min: 1, max: 7 }).chain((t) =>
  fc.record({
    t: fc.constant(t),
    beta: fc.constantFrom(0.5, 0.25, 0.75, 0.9, 0.99),
    mu: fc.integer({ min: -3, max: 3 }),
    a: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: t, maxLength: t }),
    b: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: t, maxLength: t }),
  }),
);

/** E[f(g_1..g_t)] over the 2^t equally likely sign patterns. */
function expectation(l: GradLaw, f: (g: number[]) => number): { mean: number; meanAbs: number } {
  let s = 0,
    sa = 0;
  const n = 2 ** l.t;
  for (let mask = 0; mask < n; mask++) {
    const eps = Array.from({ length: l.t }, (_, i) => ((mask >> i) & 1 ? 1 : -1));
    const g = eps.map((e, i) => l.mu + l.a[i] * e + (i > 0 ? l.b[i] * eps[i - 1] * e : 0));
    const v = f(g);
    s += v;
    sa += Math.abs(v);
  }
  return { mean: s / n, meanAbs: sa / n };
}

/**
 * Sums of 2^t path values, each a t-term EMA: ≤ t + 2^t roundings of terms bounded by E|·|, so
 * 30 × (t + 2^t) × u64 × max(1, E|terms|). No Monte Carlo error: the 2^t paths are enumerated exactly.
 */
function enumerationTolerance(t: number, meanAbs: number) {
  const r = relative({ n: t + 2 ** t, scale: meanAbs, scaleName: 'max(1, E|terms|)' });
  return tolerance(r.bound, `${r.reason}: n = t + 2^t roundings (exact enumeration of 2^t paths, each a t-step EMA)`);
}
const size = (l: GradLaw): [number, number] => [1, l.t];

function expectationCheck(
  name: string,
  lhs: (l: GradLaw, g: number[]) => number,
  rhs: (l: GradLaw) => { mean: number; meanAbs: number },
) {
  return forAll({
    name,
    backend: 'scalar-f64',
    arbitrary: laws,
    numRuns: 200,
    size,
    measure: (l: GradLaw) => {
      const L = expectation(l, (g) => lhs(l, g));
      const R = rhs(l);
      return {
        value: Math.abs(L.mean - R.mean),
        tolerance: enumerationTolerance(l.t, Math.max(1, L.meanAbs, R.meanAbs)),
        detail: { lhs: L.mean, rhs: R.mean },
      };
    },
  });
}

const mt = (l: GradLaw, g: number[]) => emaTrajectory(g, l.beta, 0)[l.t - 1];
/** (1 − β) Σ_{i=1}^t β^{t−i+1} g_i: the document's sum with its summation index read as i. */
const docSum = (l: GradLaw, g: number[]) =>
  (1 - l.beta) * g.reduce((s, gi, k) => s + l.beta ** (l.t - (k + 1) + 1) * gi, 0);
const docWeight = (t: number, beta: number) => {
  let s = 0;
  for (let i = 1; i <= t; i++) s += beta ** (t - i + 1);
  return (1 - beta) * s;
};

/**
 * The conclusion E[m_t] = β₁^prefactorPower·(1 + coefficient·β₁^{t+exponentShift})·μ as a function of its
 * parts; as written: no prefactor, coefficient −1, exponent t, i.e. (1 − β₁^t)μ.
 */
interface Parts extends Record<string, unknown> {
  /** Power of β₁ in front (1 is the value the document's own step 3 actually gives: β₁(1 − β₁^t)). */
  prefactorPower: number;
  /** Coefficient of β₁^t inside the bracket (−1 as written; +1 flips the sign, 0 drops the bias factor). */
  coefficient: number;
  /** Offset of the exponent t (±1 is an off-by-one in the exponent). */
  exponentShift: number;
}
const PARTS: Parts = { prefactorPower: 0, coefficient: -1, exponentShift: 0 };
/** As written β₁⁰·(1 + (−1)·β₁^t)·μ = (1 − β₁^t)·μ exactly (β⁰ = 1 and negation are exact). */
const claimedMean = (l: GradLaw, p: Parts) =>
  l.beta ** p.prefactorPower * (1 + p.coefficient * l.beta ** (l.t + p.exponentShift)) * l.mu;

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (p: Parts) => [
    expectationCheck('E[m_t] = (1 − β₁^t)E[g] for zero-initialised m_t when E[g_i] = μ for all i', mt, (l) => ({
      mean: claimedMean(l, p),
      meanAbs: Math.abs(l.mu),
    })),
  ],
  mutants: [
    {
      name: 'β₁^t → β₁^{t+1} (off-by-one in the exponent, the weights the document typed)',
      parts: { exponentShift: 1 },
    },
    { name: 'β₁^t → β₁^{t−1} (off-by-one in the exponent)', parts: { exponentShift: -1 } },
    { name: '(1 − β₁^t) → (1 + β₁^t) (flipped sign)', parts: { coefficient: 1 } },
    { name: '(1 − β₁^t) → 1 (bias factor dropped: E[m_t] = E[g])', parts: { coefficient: 0 } },
    { name: '(1 − β₁^t) → β₁(1 − β₁^t) (the value of the document’s step-3 sum)', parts: { prefactorPower: 1 } },
  ],
  steps: [
    step(
      'numeric',
      expectationCheck('E[m_t] = E[(1 − β₁)Σ_{i=1}^t β₁^{t−i+1} g_i]', mt, (l) => expectation(l, (g) => docSum(l, g))),
    ),
    step(
      'numeric',
      expectationCheck('E[(1 − β₁)Σ β₁^{t−i+1} g_i] = E[(1 − β₁) g_t Σ β₁^{t−i+1}] when E[g_i] = E[g_t]', docSum, (l) =>
        expectation(l, (g) => ((1 - l.beta) * g[l.t - 1] * docWeight(l.t, l.beta)) / (1 - l.beta)),
      ),
    ),
    scalarIdentity({
      name: '(1 − β₁)Σ_{i=1}^t β₁^{t−i+1} = 1 − β₁^t',
      lhs: (v) => docWeight(v.t, v.b),
      rhs: (v) => 1 - v.b ** v.t,
      variables: { t: { min: 1, max: 50, integer: true }, b: { min: 0.01, max: 0.999 } },
      tolerance: tolerance(
        1e-12,
        'relative difference ≤ 1e-12: the sum of t ≤ 50 powers β^k and its product with (1 − β) err by ≲ (t + 3)·u64 ≈ 6e-15 relative to max(1, |lhs|, |rhs|) = 1 (both sides are ≤ 1), 1 − β^t by a few u64; 1e-12 leaves a factor > 100',
      ),
    }),
  ],
});
