import fc from 'fast-check';
import { verifyClaim } from '../src/verify/verifyClaim.js';
import { forAll } from '../src/verify/checks/forAll.js';
import { compute, step } from '../src/verify/checks/compute.js';
import type { Measurement } from '../src/verify/checks/measurement.js';
import { regularFamilies, uniformScaleFamily, type ParametricFamily } from '../src/stats/parametricFamilies.js';
import { fisherComparison, hessianFD, scoreFD } from '../src/stats/fisherIdentity.js';

/** A family and a parameter point: u in hundredths so counterexamples print short. */
const familyAndTheta = fc.tuple(fc.integer({ min: 0, max: regularFamilies.length - 1 }), fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 3, maxLength: 3 }))
  .map(([k, u]) => { const fam = regularFamilies[k]; return { fam, theta: fam.theta(u.slice(0, fam.dim).map((x) => x / 100)) }; });
const show = ({ fam, theta }: { fam: ParametricFamily; theta: number[] }) => ({ family: fam.name, theta });

// Central-difference Hessian, h = 1e-4: roundoff u·|log p|/h² ≈ 1e-7 dominates truncation h²·|∂⁴log p| ≈ 1e-8;
// quadrature error < 1e-12. ×100 for |log p| up to ~50 at the tails that carry mass.
const FISHER_TOL = 1e-5;
const REASON = 'max entry gap relative to max(1, |I|): central-difference Hessian (h = 1e-4) error u|log p|/h² ≈ 1e-7, ×100; exact sums / Simpson quadrature';

function identityGap({ fam, theta }: { fam: ParametricFamily; theta: number[] }): Measurement {
  const c = fisherComparison(fam, theta);
  return { value: c.relativeGap, bound: FISHER_TOL, detail: { outerProduct: c.outerProduct, negativeHessian: c.negativeHessian } };
}

verifyClaim(import.meta.url, {
  checks: [
    forAll({ name: 'E[ssᵀ] = −E[∇² log p] on regular families', backend: 'scalar-f64', arbitrary: familyAndTheta, numRuns: 60, show, toleranceReason: REASON, measure: identityGap }),
    compute({
      name: 'outside the hypotheses (Uniform(0,θ)) the identity fails: gap ≥ 1', backend: 'scalar-f64',
      toleranceReason: 'E[s²] = 1/θ² and −E[∂²log p] = −1/θ²: relative gap 2, required ≥ 1 (quadrature stops 3e-4 short of θ: error ≤ 6e-4)',
      run: () => [0.5, 1, 2].map((t): Measurement => {
        const c = fisherComparison(uniformScaleFamily, [t]);
        return { value: Math.abs(c.outerProduct[0][0] - c.negativeHessian[0][0]) * t * t, bound: 1, relation: '>=', detail: { theta: t, meanScore: c.meanScore[0], outerProduct: c.outerProduct[0][0], negativeHessian: c.negativeHessian[0][0] } };
      }),
    }),
  ],
  steps: [
    step('numeric', forAll({
      name: 'E[s] = 0 (differentiation under the integral)', backend: 'scalar-f64', arbitrary: familyAndTheta, numRuns: 60, show,
      toleranceReason: 'central-difference score (h = 1e-5): error h²|∂³log p| + u|log p|/h ≈ 1e-10, ×1e4',
      measure: ({ fam, theta }) => { const c = fisherComparison(fam, theta); return { value: c.maxAbsMeanScore, bound: 1e-6, detail: { meanScore: c.meanScore } }; },
    })),
    step('numeric', forAll({
      name: '∇s = ∇² log p (Jacobian of the score = Hessian)', backend: 'scalar-f64', arbitrary: fc.tuple(familyAndTheta, fc.integer({ min: 0, max: 20 })), numRuns: 60,
      show: ([x, k]) => ({ ...show(x), x: k }), toleranceReason: 'difference of the central-difference score (h = 1e-3 outer, 1e-5 inner) vs the 4-point Hessian: ≈ 1e-6 each, bound 1e-4 relative',
      measure: ([{ fam, theta }, k]) => {
        const x = fam.name.startsWith('Bernoulli') ? k % 2 : fam.name.startsWith('Categorical') ? k % 3 : fam.name.startsWith('Gaussian') ? theta[0] + (k - 10) / 5 : fam.name.startsWith('Exponential') ? k / 5 : k;
        const H = hessianFD(fam, x, theta);
        const h = 1e-3;
        let gap = 0, scale = 1;
        theta.forEach((_, j) => {
          const p = theta.slice(), m = theta.slice();
          p[j] += h; m[j] -= h;
          const sp = scoreFD(fam, x, p), sm = scoreFD(fam, x, m);
          sp.forEach((v, i) => { const d = (v - sm[i]) / (2 * h); gap = Math.max(gap, Math.abs(d - H[i][j])); scale = Math.max(scale, Math.abs(H[i][j])); });
        });
        return { value: gap / scale, bound: 1e-4, detail: { x } };
      },
    })),
    step('numeric', forAll({ name: 'E[ssᵀ] = −E[∇sᵀ]', backend: 'scalar-f64', arbitrary: familyAndTheta, numRuns: 40, show, toleranceReason: REASON, measure: identityGap })),
  ],
});
