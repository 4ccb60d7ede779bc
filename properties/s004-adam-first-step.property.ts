import fc from 'fast-check';
import { adamMoments, forAll, notation, relative, step, tolerance, verifyClaim } from '../src/claim.js';
import type { AdamSwitches } from '../src/claim.js';

/** One first step: a gradient vector g_1 (non-zero integer entries, the formulas divide by |g_1|) and Adam's switches. */
interface FirstStep extends AdamSwitches {
  g: number[];
}
const firstSteps: fc.Arbitrary<FirstStep> = fc.record({
  g: fc.array(
    fc.integer({ min: -3, max: 3 }).filter((x) => x !== 0),
    { minLength: 1, maxLength: 3 },
  ),
  beta1: fc.constantFrom(0.5, 0.9, 0.95, 0, 0.25),
  beta2: fc.constantFrom(0.5, 0.999, 0.95, 0, 0.75),
  eps: fc.constantFrom(0, 0.125, 1e-8, 1),
  zeroInit: fc.boolean(),
  biasCorrection: fc.boolean(),
});
const caseName = (c: FirstStep) => `${c.zeroInit ? 'ZI' : 'no ZI'} and ${c.biasCorrection ? 'BC' : 'no BC'}`;

/** Rounded operations per displayed expression (a handful of ·, /, √ on O(1) inputs). */
const OPS_PER_EXPRESSION = 10;
const ROUNDING = relative({ n: OPS_PER_EXPRESSION });
/** Relative to max(1, |simulated|); 1/(1 − β) ≤ 1000 amplifies nothing relative to the result. */
const TOL = tolerance(
  ROUNDING.bound,
  `${ROUNDING.reason}, relative to max(1, |simulated|): n = the ≤ ${OPS_PER_EXPRESSION} rounded operations of one expression`,
);
const sign = Math.sign;

type Chain = (c: FirstStep, g: number) => number[];
/** Compares, coordinate by coordinate, every expression of a chain with Adam's simulated first-step quantity. */
function chainCheck(
  name: string,
  quantity: 'm' | 'mHat' | 'vHat' | 'step',
  chain: Chain,
  control?: { description: string; chain: Chain },
) {
  return forAll({
    name,
    backend: 'scalar-f64',
    arbitrary: firstSteps,
    numRuns: 300,
    size: (c) => [c.g.length, 1],
    measure: chainMeasure(quantity, chain),
    ...(control
      ? { control: { description: control.description, measure: chainMeasure(quantity, control.chain) } }
      : {}),
  });
}

/** The worst relative deviation, over g's coordinates and the chain's expressions, from Adam's simulated quantity. */
function chainMeasure(quantity: 'm' | 'mHat' | 'vHat' | 'step', chain: Chain) {
  return (c: FirstStep) => {
    let worst = 0,
      detail: Record<string, unknown> = {};
    c.g.forEach((g) => {
      const sim = adamMoments([g], c)[quantity][0];
      chain(c, g).forEach((expr, k) => {
        const r = Math.abs(expr - sim) / Math.max(1, Math.abs(sim));
        if (r > worst || !Number.isFinite(r)) {
          worst = Number.isFinite(r) ? r : Infinity;
          detail = { case: caseName(c), g1: g, expressionInChain: k + 1, formula: expr, adam: sim };
        }
      });
    });
    // A non-finite relative error (an expression that divides by zero) is a documented refutation.
    const infinite =
      worst === Infinity
        ? {
            infinite: `expression ${String(detail.expressionInChain)} of the chain is ${String(detail.formula)} (not a finite number) where Adam gives ${String(detail.adam)}`,
          }
        : {};
    return { value: worst, tolerance: TOL, detail, ...infinite };
  };
}

const b1 = (c: FirstStep) => c.beta1,
  b2 = (c: FirstStep) => c.beta2;
const mHatTable = (c: FirstStep, g: number) => [
  c.zeroInit ? (c.biasCorrection ? g : (1 - b1(c)) * g) : c.biasCorrection ? g / (1 - b1(c)) : g,
];
const vHatTable = (c: FirstStep, g: number) => [
  c.zeroInit ? (c.biasCorrection ? g * g : (1 - b2(c)) * g * g) : c.biasCorrection ? (g * g) / (1 - b2(c)) : g * g,
];
/** The document's first-step chains, every displayed expression of the relevant case. */
function stepTable(c: FirstStep, g: number): number[] {
  const e = c.eps,
    a = Math.abs(g),
    B1 = b1(c),
    B2 = b2(c);
  if (c.zeroInit && c.biasCorrection) return [g / (Math.sqrt(g * g) + e), g / (a + e), sign(g) / (1 + e / a)];
  if (c.zeroInit)
    return [
      ((1 - B1) * g) / (Math.sqrt(1 - B2) * a + e),
      ((1 - B1) / Math.sqrt(1 - B2) / (1 + e / (a * Math.sqrt(1 - B2)))) * sign(g),
    ];
  if (c.biasCorrection)
    return [
      g / (1 - B1) / (a / Math.sqrt(1 - B2) + e),
      (Math.sqrt(1 - B2) / (1 - B1) / (1 + (e * Math.sqrt(1 - B2)) / a)) * sign(g),
    ];
  return [sign(g) / (1 + e / a)];
}

verifyClaim(import.meta.url, {
  checks: [
    // Controls: one slipped coefficient in one case of each table (β for 1 − β, ε/|g| inverted); each case is
    // drawn with probability ¼ and β ∈ {0.5, 0.25, 0, 0.9, 0.95…} differs from 1 − β except at ½.
    chainCheck('m̂₁ in the four ZI/BC cases', 'mHat', mHatTable, {
      description: 'ZI and no BC: (1 − β₁)g₁ → β₁g₁',
      chain: (c, g) => (c.zeroInit && !c.biasCorrection ? [b1(c) * g] : mHatTable(c, g)),
    }),
    chainCheck('v̂₁ in the four ZI/BC cases', 'vHat', vHatTable, {
      description: 'ZI and no BC: (1 − β₂)g₁² → β₂g₁²',
      chain: (c, g) => (c.zeroInit && !c.biasCorrection ? [b2(c) * g * g] : vHatTable(c, g)),
    }),
    chainCheck('first step s₁: every expression of the four case chains', 'step', stepTable, {
      description: 'ZI and BC: sign(g₁)/(1 + ε/|g₁|) → sign(g₁)/(1 + ε|g₁|)',
      chain: (c, g) => (c.zeroInit && c.biasCorrection ? [sign(g) / (1 + c.eps * Math.abs(g))] : stepTable(c, g)),
    }),
    chainCheck('first step s₁ = m̂₁/√(v̂₁²) as typed', 'step', (c, g) => {
      const mHat = mHatTable(c, g)[0],
        vHat = vHatTable(c, g)[0];
      return [mHat / Math.sqrt(vHat * vHat)];
    }),
  ],
  // A notation slip in the chain's header: √(v̂₁²) for √v̂₁ + ε, which every case chain below it uses.
  failure: notation({
    checks: {
      'first step s₁ = m̂₁/√(v̂₁²) as typed': chainCheck(
        'first step s₁ = m̂₁/(√v̂₁ + ε), the header the case chains use',
        'step',
        (c, g) => [mHatTable(c, g)[0] / (Math.sqrt(vHatTable(c, g)[0]) + c.eps)],
      ),
    },
  }),
  steps: [
    step(
      'numeric',
      chainCheck('m₁ = β₁m₀ + (1 − β₁)g₁ with m₀ = 0 (ZI) or g₁: m₁ = (1 − β₁)g₁ (ZI), g₁ (else)', 'm', (c, g) => [
        c.zeroInit ? (1 - b1(c)) * g : b1(c) * g + (1 - b1(c)) * g,
        c.zeroInit ? (1 - b1(c)) * g : g,
      ]),
    ),
  ],
  corrected: [
    chainCheck('first step s₁ = m̂₁/(√v̂₁ + ε)', 'step', (c, g) => [
      mHatTable(c, g)[0] / (Math.sqrt(vHatTable(c, g)[0]) + c.eps),
    ]),
    chainCheck('first step s₁: the four case chains', 'step', stepTable),
  ],
});
