import fc from 'fast-check';
import {
  emaMoments,
  emaSquaredErrors,
  exact,
  forAll,
  monteCarlo,
  step,
  strictlyPositive,
  tolerance,
  verifyClaim,
  wording,
  zQuantile,
} from '../src/claim.js';
import type { Measurement } from '../src/claim.js';

interface Setting {
  mu: number;
  sigma: number;
  gamma: number;
}
/** Small integers and tenths: shrinks toward μ = 0, σ = 1, γ = 0.1. */
const settings = fc
  .record({
    mu: fc.integer({ min: 0, max: 5 }),
    sigma: fc.integer({ min: 1, max: 5 }),
    g10: fc.integer({ min: 1, max: 9 }),
  })
  .map(({ mu, sigma, g10 }): Setting => ({ mu, sigma, gamma: g10 / 10 }));
const withT = fc.tuple(settings, fc.integer({ min: 1, max: 200 }));
/** Continuous settings for the threshold, where ties with integer t have probability 0. */
const continuous = fc.record({
  mu: fc.integer({ min: 0, max: 4000 }).map((x) => x / 1000),
  sigma: fc.integer({ min: 100, max: 3000 }).map((x) => x / 1000),
  gamma: fc.integer({ min: 10, max: 990 }).map((x) => x / 1000),
});

const ratio = (s: Setting) => (s.mu / s.sigma) ** 2;
const cutoff = (g: number) => (1 - g) / (1 + g);
const tStar = (s: Setting) =>
  Math.log((2 * s.gamma) / ((1 + s.gamma) * ratio(s) - (1 - s.gamma))) / (2 * Math.log(s.gamma));
/** σ² − MSE(m_t) relative to σ²: > 0 means momentum improves at step t (exact moments). */
const improvement = (s: Setting, t: number) =>
  (s.sigma ** 2 - emaMoments(s.mu, s.sigma, s.gamma, t).mse) / s.sigma ** 2;
// Exact recursions in f64: the relative gap is accurate to ~t·u; 1e-12 separates improvement from a tie.
const TIE = 1e-12;
const TIE_REASON =
  'exact moment recursions in f64: the relative MSE gap errs by ≲ t·u ≤ 400·1.1e-16 ≈ 4e-14; a gap within 1e-12 counts as a tie';
/** Momentum improves: the relative gap exceeds the tie width. */
const IMPROVES = tolerance(TIE, `improvement: the relative gap must be ≥ 1e-12 (${TIE_REASON})`);
/** Momentum does not improve: the gap is ≤ 0, up to the tie width (judged as −gap ≥ −1e-12). */
const DOES_NOT_IMPROVE = tolerance(
  -TIE,
  `no improvement: the relative gap must be ≤ 0 up to the tie width (−gap ≥ −1e-12; ${TIE_REASON})`,
);
const VACUOUS = exact('outside the hypothesis: holds vacuously');
/** A yes/no comparison: 1 when the two sides disagree. */
const AGREES = exact(
  'truth values compared (1 on disagreement); ties (|gap| ≤ 1e-12) and cases outside the hypothesis count as agreement',
);
const CONFIDENCE = 0.9999;
const show = (x: unknown) => x;

function immediateWhenBelowCutoff([s, t]: [Setting, number], threshold: (g: number) => number = cutoff): Measurement {
  if (ratio(s) > threshold(s.gamma))
    return { value: 1, tolerance: IMPROVES, relation: '>=', detail: 'outside the hypothesis (vacuous)' };
  const gap = improvement(s, t);
  return {
    value: gap,
    tolerance: IMPROVES,
    relation: '>=',
    detail: { r: ratio(s), cutoff: cutoff(s.gamma), t, relativeGap: gap },
  };
}

function notImmediateAboveCutoff(s: Setting): Measurement {
  if (ratio(s) <= cutoff(s.gamma))
    return { value: 1, tolerance: DOES_NOT_IMPROVE, relation: '>=', detail: 'outside the hypothesis (vacuous)' };
  const gap = improvement(s, 1);
  // "otherwise" = momentum does not improve at t = 1: the relative gap must be ≤ 0.
  return {
    value: -gap,
    tolerance: DOES_NOT_IMPROVE,
    relation: '>=',
    detail: {
      r: ratio(s),
      cutoff: cutoff(s.gamma),
      mseMomentumAt1: emaMoments(s.mu, s.sigma, s.gamma, 1).mse,
      sigma2: s.sigma ** 2,
      tStar: tStar(s),
    },
  };
}

function improvesExactlyAfterTStar(s: Setting, t: number, shift = 0): Measurement {
  if (ratio(s) <= cutoff(s.gamma)) return { value: 0, tolerance: AGREES, detail: 'outside the hypothesis (vacuous)' };
  const T = tStar(s) + shift;
  const gap = improvement(s, t);
  if (Math.abs(gap) <= TIE) return { value: 0, tolerance: AGREES, detail: 'tie' };
  const agrees = gap > 0 === t > T;
  return { value: agrees ? 0 : 1, tolerance: AGREES, detail: { r: ratio(s), t, tStar: T, relativeGap: gap } };
}

const Z = zQuantile(CONFIDENCE);
const RAW_PATHS = 100_000;
/** The closed-form MSE (Claim 5) at real t = T* against σ², relative. */
const CLOSED_FORM = tolerance(
  1e-9,
  'closed-form MSE at real t (Claim 5) vs σ², relative: logs and powers, ≈ 10 ulp each, amplified by a conditioning ≤ 1e4: ≈ 1e-11; bound 1e-9',
);

verifyClaim(import.meta.url, {
  checks: [
    forAll({
      name: '(a) r ≤ (1−γ)/(1+γ) ⇒ MSE(m_t) < σ² for every t ≥ 1',
      backend: 'scalar-f64',
      arbitrary: withT,
      numRuns: 400,
      show,
      measure: (x) => immediateWhenBelowCutoff(x),
      // The reciprocal threshold exceeds the true one, (2−γ)/γ (corrected), for γ > ½: some r in between do not improve at t = 1.
      control: {
        description: 'threshold (1−γ)/(1+γ) → (1+γ)/(1−γ) (inverted)',
        measure: (x) => immediateWhenBelowCutoff(x, (g) => (1 + g) / (1 - g)),
      },
    }),
    forAll({
      name: '(b) otherwise momentum does not improve at t = 1',
      backend: 'scalar-f64',
      arbitrary: settings,
      numRuns: 300,
      show,
      measure: notImmediateAboveCutoff,
    }),
    forAll({
      // Formula-level (no "otherwise" in its name): the improvement set above the cutoff is t > T*.
      name: '(b) for r > (1−γ)/(1+γ) it improves exactly at t > T*',
      key: '(b) otherwise it improves exactly at t > T*',
      backend: 'scalar-f64',
      arbitrary: fc.tuple(continuous, fc.integer({ min: 1, max: 400 })),
      numRuns: 600,
      show,
      measure: ([s, t]) => improvesExactlyAfterTStar(s, t),
      // Off by one: an integer t in (T*, T* + 1] improves, but the shifted threshold says it does not.
      control: { description: 'T* → T* + 1 (off by one)', measure: ([s, t]) => improvesExactlyAfterTStar(s, t, 1) },
    }),
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: 'MSE(g_t) = σ² (Monte Carlo of g = μ + σξ)',
        backend: 'scalar-f64',
        arbitrary: fc.tuple(settings, fc.integer({ min: 0, max: 2 ** 30 })),
        numRuns: 5,
        show,
        // γ = 0 makes the EMA the raw gradient.
        measure: ([s, seed]) => {
          const [r] = emaSquaredErrors({
            mu: s.mu,
            sigma: s.sigma,
            gamma: 0,
            checkpoints: [1],
            paths: RAW_PATHS,
            seed,
            noise: 'gaussian',
          });
          return {
            value: Math.abs(r.mean - s.sigma ** 2),
            tolerance: monteCarlo({ z: Z, se: r.se, confidence: CONFIDENCE, samples: RAW_PATHS }),
            detail: { monteCarlo: r.mean, sigma2: s.sigma ** 2 },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'the two inequalities are equivalent',
        backend: 'scalar-f64',
        arbitrary: withT,
        numRuns: 400,
        show,
        measure: ([s, t]) => {
          const r = ratio(s),
            g = s.gamma;
          const first = s.mu ** 2 * g ** (2 * t) + s.sigma ** 2 * cutoff(g) * (1 - g ** (2 * t)) - s.sigma ** 2;
          const second = r * g ** (2 * t) - (1 - g ** (2 * t)) / (1 + g);
          if (Math.abs(first) < TIE * s.sigma ** 2 || Math.abs(second) < TIE)
            return { value: 0, tolerance: AGREES, detail: 'tie' };
          return {
            value: first < 0 === second < 0 ? 0 : 1,
            tolerance: AGREES,
            detail: { t, r, firstHolds: first < 0, secondHolds: second < 0 },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'r ≤ (1−γ)/(1+γ) ⇒ (1−γ^{2t})/(1+γ) > rγ^{2t} for all t',
        backend: 'scalar-f64',
        arbitrary: withT,
        numRuns: 400,
        show,
        measure: ([s, t]) => {
          if (ratio(s) > cutoff(s.gamma)) return { value: 1, tolerance: VACUOUS, relation: '>=', detail: 'vacuous' };
          const g = s.gamma;
          return {
            value: (1 - g ** (2 * t)) / (1 + g) - ratio(s) * g ** (2 * t),
            tolerance: strictlyPositive('the margin (1 − γ^{2t})/(1 + γ) − rγ^{2t}'),
            relation: '>=',
            detail: { t },
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'MSE(m_t) = σ² at t = T* (real t)',
        backend: 'scalar-f64',
        arbitrary: continuous,
        numRuns: 300,
        show,
        measure: (s) => {
          if (ratio(s) <= cutoff(s.gamma)) return { value: 0, tolerance: CLOSED_FORM, detail: 'vacuous' };
          const t = tStar(s),
            g = s.gamma;
          const mse = s.mu ** 2 * g ** (2 * t) + s.sigma ** 2 * cutoff(g) * (1 - g ** (2 * t));
          return { value: Math.abs(mse - s.sigma ** 2) / s.sigma ** 2, tolerance: CLOSED_FORM, detail: { tStar: t } };
        },
      }),
    ),
  ],
  // The formulas hold; "otherwise", read as "not immediately", claims more (see the claim file).
  failure: wording(),
  corrected: [
    forAll({
      name: 'r ≤ (1−γ)/(1+γ) ⇒ improvement at every t ≥ 1',
      backend: 'scalar-f64',
      arbitrary: withT,
      numRuns: 400,
      show,
      measure: immediateWhenBelowCutoff,
    }),
    forAll({
      name: 'improvement exactly at t > T* when r > (1−γ)/(1+γ)',
      backend: 'scalar-f64',
      arbitrary: fc.tuple(continuous, fc.integer({ min: 1, max: 400 })),
      numRuns: 600,
      show,
      measure: ([s, t]) => improvesExactlyAfterTStar(s, t),
    }),
    forAll({
      name: 'improvement from t = 1 on ⇔ r < (2−γ)/γ',
      backend: 'scalar-f64',
      arbitrary: withT,
      numRuns: 600,
      show,
      measure: ([s, t]) => {
        const gap1 = improvement(s, 1),
          gapT = improvement(s, t);
        if (Math.abs(gap1) <= TIE || Math.abs(ratio(s) - (2 - s.gamma) / s.gamma) < 1e-12)
          return { value: 0, tolerance: AGREES, detail: 'tie' };
        const predicted = ratio(s) < (2 - s.gamma) / s.gamma;
        const ok = predicted === gap1 > 0 && (!predicted || gapT > -TIE);
        return { value: ok ? 0 : 1, tolerance: AGREES, detail: { r: ratio(s), t, gapAt1: gap1, gapAtT: gapT } };
      },
    }),
  ],
});
