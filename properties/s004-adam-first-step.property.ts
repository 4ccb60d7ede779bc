import fc from 'fast-check';
import { verifyClaim } from '../src/verify/verifyClaim.js';
import { forAll } from '../src/verify/checks/forAll.js';
import { step } from '../src/verify/checks/compute.js';
import { adamMoments, type AdamSwitches } from '../src/optim/adamMoments.js';
import { UNIT_ROUNDOFF_F64 } from '../src/verify/tolerance.js';

/** One first step: a gradient vector g_1 (non-zero integer entries, the formulas divide by |g_1|) and Adam's switches. */
interface FirstStep extends AdamSwitches { g: number[] }
const firstSteps: fc.Arbitrary<FirstStep> = fc.record({
  g: fc.array(fc.integer({ min: -3, max: 3 }).filter((x) => x !== 0), { minLength: 1, maxLength: 3 }),
  beta1: fc.constantFrom(0.5, 0.9, 0.95, 0, 0.25),
  beta2: fc.constantFrom(0.5, 0.999, 0.95, 0, 0.75),
  eps: fc.constantFrom(0, 0.125, 1e-8, 1),
  zeroInit: fc.boolean(),
  biasCorrection: fc.boolean(),
});
const caseName = (c: FirstStep) => `${c.zeroInit ? 'ZI' : 'no ZI'} and ${c.biasCorrection ? 'BC' : 'no BC'}`;

// Each expression is ≤ 10 operations on O(1) inputs; 1/(1 − β) ≤ 1000 amplifies nothing relative to the result.
const REASON = '30 × 10 × u64 relative to max(1, |simulated|): ≤ 10 rounded operations per expression';
const BOUND = 30 * 10 * UNIT_ROUNDOFF_F64;
const sign = Math.sign;

/** Compares, coordinate by coordinate, every expression of a chain with Adam's simulated first-step quantity. */
function chainCheck(name: string, quantity: 'm' | 'mHat' | 'vHat' | 'step', chain: (c: FirstStep, g: number) => number[]) {
  return forAll({
    name, backend: 'scalar-f64', arbitrary: firstSteps, numRuns: 300, size: (c) => [c.g.length, 1], toleranceReason: REASON,
    measure: (c: FirstStep) => {
      let worst = 0, detail: Record<string, unknown> = {};
      c.g.forEach((g) => {
        const sim = adamMoments([g], c)[quantity][0];
        chain(c, g).forEach((expr, k) => {
          const r = Math.abs(expr - sim) / Math.max(1, Math.abs(sim));
          if (r > worst || !Number.isFinite(r)) { worst = Number.isFinite(r) ? r : Infinity; detail = { case: caseName(c), g1: g, expressionInChain: k + 1, formula: expr, adam: sim }; }
        });
      });
      return { value: worst, bound: BOUND, detail };
    },
  });
}

const b1 = (c: FirstStep) => c.beta1, b2 = (c: FirstStep) => c.beta2;
const mHatTable = (c: FirstStep, g: number) => [c.zeroInit ? (c.biasCorrection ? g : (1 - b1(c)) * g) : (c.biasCorrection ? g / (1 - b1(c)) : g)];
const vHatTable = (c: FirstStep, g: number) => [c.zeroInit ? (c.biasCorrection ? g * g : (1 - b2(c)) * g * g) : (c.biasCorrection ? g * g / (1 - b2(c)) : g * g)];
/** The document's first-step chains, every displayed expression of the relevant case. */
function stepTable(c: FirstStep, g: number): number[] {
  const e = c.eps, a = Math.abs(g), B1 = b1(c), B2 = b2(c);
  if (c.zeroInit && c.biasCorrection) return [g / (Math.sqrt(g * g) + e), g / (a + e), sign(g) / (1 + e / a)];
  if (c.zeroInit) return [(1 - B1) * g / (Math.sqrt(1 - B2) * a + e), (1 - B1) / Math.sqrt(1 - B2) / (1 + e / (a * Math.sqrt(1 - B2))) * sign(g)];
  if (c.biasCorrection) return [(g / (1 - B1)) / (a / Math.sqrt(1 - B2) + e), Math.sqrt(1 - B2) / (1 - B1) / (1 + e * Math.sqrt(1 - B2) / a) * sign(g)];
  return [sign(g) / (1 + e / a)];
}

verifyClaim(import.meta.url, {
  checks: [
    chainCheck('m̂₁ in the four ZI/BC cases', 'mHat', mHatTable),
    chainCheck('v̂₁ in the four ZI/BC cases', 'vHat', vHatTable),
    chainCheck('first step s₁: every expression of the four case chains', 'step', stepTable),
    chainCheck('first step s₁ = m̂₁/√(v̂₁²) as typed', 'step', (c, g) => {
      const mHat = mHatTable(c, g)[0], vHat = vHatTable(c, g)[0];
      return [mHat / Math.sqrt(vHat * vHat)];
    }),
  ],
  steps: [
    step('numeric', chainCheck('m₁ = β₁m₀ + (1 − β₁)g₁ with m₀ = 0 (ZI) or g₁: m₁ = (1 − β₁)g₁ (ZI), g₁ (else)', 'm',
      (c, g) => [c.zeroInit ? (1 - b1(c)) * g : b1(c) * g + (1 - b1(c)) * g, c.zeroInit ? (1 - b1(c)) * g : g])),
  ],
  corrected: [
    chainCheck('first step s₁ = m̂₁/(√v̂₁ + ε)', 'step', (c, g) => [mHatTable(c, g)[0] / (Math.sqrt(vHatTable(c, g)[0]) + c.eps)]),
    chainCheck('first step s₁: the four case chains', 'step', stepTable),
  ],
});
