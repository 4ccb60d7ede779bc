import { derivative, parse } from 'mathjs';
import { verifyClaim } from '../src/verify/verifyClaim.js';
import { compute } from '../src/verify/checks/compute.js';
import type { Measurement } from '../src/verify/checks/measurement.js';
import { scalarIdentity } from '../src/symbolic/scalarIdentity.js';
import { mulberry32 } from '../src/arbitraries/prng.js';
import { biasCorrectionFactor } from '../src/optim/biasCorrectionFactor.js';
import { UNIT_ROUNDOFF_F64 } from '../src/verify/tolerance.js';

const RHO = 'sqrt(1 - b2^t) / (1 - b1^t)';
/** The document's dρ/dt, as typed. */
const DOC = '(-(b2^t * log(b2) * (1 - b1^t)) / (2 * sqrt(1 - b2^t)) + sqrt(1 - b2^t) * b1^t * log(b1)) / (1 - b1^t)^2';
const exactD = derivative(RHO, 't');
const exactD3 = derivative(derivative(exactD, 't'), 't');
const docD = parse(DOC).compile(), d1 = exactD.compile(), d3 = exactD3.compile();
const at = (code: { evaluate: (s: object) => unknown }, v: Record<string, number>) => code.evaluate({ ...v }) as number;

/** t over four decades (Adam steps 1..10⁴ and fractional t), β's over (0, 1) with mass near 1 where they live. */
const VARS = { t: { min: 0.5, max: 5000, log: true }, b1: { min: 0.01, max: 0.9999 }, b2: { min: 0.01, max: 0.9999 } };
function samplePoints(seed: number, n: number): Record<string, number>[] {
  const rng = mulberry32(seed);
  const u = (lo: number, hi: number) => lo + rng() * (hi - lo);
  return Array.from({ length: n }, () => {
    const b = () => (rng() < 0.5 ? u(0.01, 0.99) : 1 - 10 ** u(-4, -1)); // half the β's in 1 − [1e-4, 1e-1]
    return { t: Math.exp(u(Math.log(VARS.t.min), Math.log(VARS.t.max))), b1: b(), b2: b() };
  });
}

verifyClaim(import.meta.url, {
  checks: [
    scalarIdentity({ name: 'document’s dρ/dt = mathjs derivative(√(1−β₂^t)/(1−β₁^t), t)', lhs: exactD.toString(), rhs: DOC, variables: VARS, points: 300 }),
    compute({
      name: 'document’s dρ/dt = central finite difference of ρ', backend: 'scalar-f64',
      toleranceReason: 'central difference with h = 1e-4·min(t, 1/max|ln β|): error ≤ h²·2|ρ‴(t)|/6 (ρ‴ from mathjs, ×2 for its variation over [t−h, t+h]) + 4·u64·ρ·(2 + t·max|ln β|)/h (rounding t·ln β perturbs β^t relatively by u64·t|ln β|)',
      run: (ctx) => samplePoints(ctx.seed, 300).map((v): Measurement => {
        const h = 1e-4 * Math.min(v.t, 1 / Math.max(-Math.log(v.b1), -Math.log(v.b2)));
        const fd = (biasCorrectionFactor(v.t + h, v.b1, v.b2) - biasCorrectionFactor(v.t - h, v.b1, v.b2)) / (2 * h);
        const doc = at(docD, v), rho = biasCorrectionFactor(v.t, v.b1, v.b2);
        const bound = (h * h * 2 * Math.abs(at(d3, v))) / 6 + (4 * UNIT_ROUNDOFF_F64 * rho * (2 + v.t * Math.max(-Math.log(v.b1), -Math.log(v.b2)))) / h;
        return { value: Math.abs(fd - doc), bound, detail: { at: v, h, fd, doc } };
      }),
    }),
    compute({
      name: 'dρ/dt > 0 iff β₂^t ln β₂/(2(1−β₂^t)) < β₁^t ln β₁/(1−β₁^t)', backend: 'scalar-f64',
      toleranceReason: 'points where the sign is not resolvable in f64 (|ρ′| < 1e-9·ρ·max|ln β|, or the two sides within 1e-9 relative) are skipped; elsewhere signs must agree exactly',
      run: (ctx) => {
        const out: Measurement[] = [];
        let pos = 0, neg = 0;
        for (const v of samplePoints(ctx.seed, 2000)) {
          const d = at(d1, v), rho = biasCorrectionFactor(v.t, v.b1, v.b2);
          const e1 = -Math.expm1(v.t * Math.log(v.b1)), e2 = -Math.expm1(v.t * Math.log(v.b2));
          const left = (v.b2 ** v.t * Math.log(v.b2)) / (2 * e2), right = (v.b1 ** v.t * Math.log(v.b1)) / e1;
          if (Math.abs(d) < 1e-9 * rho * Math.max(-Math.log(v.b1), -Math.log(v.b2))) continue;
          if (Math.abs(left - right) <= 1e-9 * Math.max(Math.abs(left), Math.abs(right))) continue;
          if (d > 0) pos++; else neg++;
          out.push({ value: (d > 0) === (left < right) ? 0 : 1, bound: 0, detail: { at: v, dRho: d, left, right, positiveCases: pos, negativeCases: neg } });
        }
        // The equivalence must be exercised on both sides: require both signs among the resolved points.
        out.push({ value: Math.min(pos, neg), bound: 1, relation: '>=', detail: { positiveCases: pos, negativeCases: neg } });
        return out;
      },
    }),
  ],
  steps: [
    scalarIdentity({ name: 'd/dt √(1−β₂^t) = −β₂^t ln β₂ / (2√(1−β₂^t))', lhs: derivative('sqrt(1 - b2^t)', 't').toString(), rhs: '-(b2^t * log(b2)) / (2 * sqrt(1 - b2^t))', variables: VARS }),
    scalarIdentity({ name: 'd/dt (1−β₁^t) = −β₁^t ln β₁', lhs: derivative('1 - b1^t', 't').toString(), rhs: '-(b1^t * log(b1))', variables: VARS }),
    scalarIdentity({ name: 'ln β < 0 for β ∈ (0, 1)', lhs: 'log(b1)', rhs: '0', relation: '<', variables: VARS }),
  ],
});
