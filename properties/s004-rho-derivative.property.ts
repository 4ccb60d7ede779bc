import { derivative, parse } from 'mathjs';
import {
  biasCorrectionFactor,
  centralDifferenceError,
  compute,
  exact,
  mulberry32,
  tolerance,
  U64,
  verifyClaim,
} from '../src/claim.js';
import type { Measurement } from '../src/claim.js';
import { scalarIdentity } from '../src/checks/scalarIdentity.js';

const RHO = 'sqrt(1 - b2^t) / (1 - b1^t)';
/** The document's dρ/dt, as typed. */
const DOC = '(-(b2^t * log(b2) * (1 - b1^t)) / (2 * sqrt(1 - b2^t)) + sqrt(1 - b2^t) * b1^t * log(b1)) / (1 - b1^t)^2';
const exactD = derivative(RHO, 't');
// ρ‴ only bounds the finite-difference truncation numerically: unsimplified it is the same function
// (mathjs's simplify of the 3rd derivative took 6 s of this claim's 9; the values agree to ~1e-14 relative).
const NO_SIMPLIFY = { simplify: false };
const exactD3 = derivative(derivative(derivative(RHO, 't', NO_SIMPLIFY), 't', NO_SIMPLIFY), 't', NO_SIMPLIFY);
const d1 = exactD.compile(),
  d3 = exactD3.compile();

/**
 * The statement's parts: the typed dρ/dt (leading sign of the first term, the 2 in 2√(1−β₂^t), the sign
 * between the terms, which β the second term uses, the log, the power of the denominator) and the sign
 * condition "β₂^t ln β₂/(2(1−β₂^t)) < β₁^t ln β₁/(1−β₁^t)" (its 2 and its relation).
 */
interface Parts extends Record<string, unknown> {
  leadingSign: '-' | '';
  docTwo: number;
  middleSign: '+' | '-';
  secondTermBeta: 'b1' | 'b2';
  log: 'log' | 'log10';
  denominatorPower: number;
  conditionTwo: number;
  conditionRelation: '<' | '>';
}
const PARTS: Parts = {
  leadingSign: '-',
  docTwo: 2,
  middleSign: '+',
  secondTermBeta: 'b1',
  log: 'log',
  denominatorPower: 2,
  conditionTwo: 2,
  conditionRelation: '<',
};
const docOf = (p: Parts) =>
  `(${p.leadingSign}(b2^t * ${p.log}(b2) * (1 - b1^t)) / (${p.docTwo} * sqrt(1 - b2^t)) ${p.middleSign} sqrt(1 - b2^t) * ${p.secondTermBeta}^t * ${p.log}(${p.secondTermBeta})) / (1 - b1^t)^${p.denominatorPower}`;
// The parts as written must rebuild the typed expression character for character.
if (docOf(PARTS) !== DOC) throw new Error(`docOf(PARTS) = '${docOf(PARTS)}' differs from the typed dρ/dt '${DOC}'`);
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

/**
 * Central difference of ρ at step h: truncation h²·2|ρ‴(t)|/6 (ρ‴ from mathjs, ×2 for its variation over
 * [t−h, t+h]); cancellation 4·u64·ρ·(2 + t·max|ln β|)/h (rounding t·ln β perturbs β^t relatively by u64·t|ln β|).
 * The two terms are the whole bound (safety 1).
 */
function fdTolerance(v: Record<string, number>, h: number, rho: number) {
  const lnMax = Math.max(-Math.log(v.b1), -Math.log(v.b2));
  return centralDifferenceError({
    h,
    truncation: (h * h * 2 * Math.abs(at(d3, v))) / 6,
    roundoff: (4 * U64 * rho * (2 + v.t * lnMax)) / h,
    safety: 1,
    how: 'h = 1e-4·min(t, 1/max|ln β|); truncation h²·2|ρ‴(t)|/6 with ρ‴ from mathjs, ×2 for its variation over [t−h, t+h]; cancellation 4·u64·ρ·(2 + t·max|ln β|)/h, rounding t·ln β perturbs β^t relatively by u64·t|ln β|',
  });
}
/** Relative level below which a sign is not resolvable in f64: such points are skipped, not judged. */
const UNRESOLVABLE = 1e-9;
const SIGNS_AGREE = exact(
  `exact: the sign of ρ′ and the truth of the condition must agree (a 0/1 mismatch); points where either is not resolvable in f64 (|ρ′| < ${UNRESOLVABLE}·ρ·max|ln β|, or the two sides within ${UNRESOLVABLE} relative) are skipped`,
);
/** An "iff" must be exercised on both sides. */
const BOTH_SIGNS = tolerance(
  1,
  'coverage: the equivalence must be exercised on both sides, so at least 1 resolved point of each sign of ρ′',
);

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (p: Parts) => {
    const doc = docOf(p),
      docD = parse(doc).compile();
    return [
      scalarIdentity({
        name: 'document’s dρ/dt = mathjs derivative(√(1−β₂^t)/(1−β₁^t), t)',
        lhs: exactD.toString(),
        rhs: doc,
        variables: VARS,
        points: 300,
      }),
      compute({
        name: 'document’s dρ/dt = central finite difference of ρ',
        backend: 'scalar-f64',
        run: (ctx) =>
          samplePoints(ctx.seed, 300).map((v): Measurement => {
            const h = 1e-4 * Math.min(v.t, 1 / Math.max(-Math.log(v.b1), -Math.log(v.b2)));
            const fd =
              (biasCorrectionFactor(v.t + h, v.b1, v.b2) - biasCorrectionFactor(v.t - h, v.b1, v.b2)) / (2 * h);
            const doc = at(docD, v),
              rho = biasCorrectionFactor(v.t, v.b1, v.b2);
            return { value: Math.abs(fd - doc), tolerance: fdTolerance(v, h, rho), detail: { at: v, h, fd, doc } };
          }),
      }),
      compute({
        name: 'dρ/dt > 0 iff β₂^t ln β₂/(2(1−β₂^t)) < β₁^t ln β₁/(1−β₁^t)',
        backend: 'scalar-f64',
        run: (ctx) => {
          const out: Measurement[] = [];
          let pos = 0,
            neg = 0;
          for (const v of samplePoints(ctx.seed, 2000)) {
            const d = at(d1, v),
              rho = biasCorrectionFactor(v.t, v.b1, v.b2);
            const e1 = -Math.expm1(v.t * Math.log(v.b1)),
              e2 = -Math.expm1(v.t * Math.log(v.b2));
            const left = (v.b2 ** v.t * Math.log(v.b2)) / (p.conditionTwo * e2),
              right = (v.b1 ** v.t * Math.log(v.b1)) / e1;
            if (Math.abs(d) < UNRESOLVABLE * rho * Math.max(-Math.log(v.b1), -Math.log(v.b2))) continue;
            if (Math.abs(left - right) <= UNRESOLVABLE * Math.max(Math.abs(left), Math.abs(right))) continue;
            if (d > 0) pos++;
            else neg++;
            const condition = p.conditionRelation === '<' ? left < right : left > right;
            out.push({
              value: d > 0 === condition ? 0 : 1,
              tolerance: SIGNS_AGREE,
              detail: { at: v, dRho: d, left, right, positiveCases: pos, negativeCases: neg },
            });
          }
          // The equivalence must be exercised on both sides: require both signs among the resolved points.
          out.push({
            value: Math.min(pos, neg),
            tolerance: BOTH_SIGNS,
            relation: '>=',
            detail: { positiveCases: pos, negativeCases: neg },
          });
          return out;
        },
      }),
    ];
  },
  mutants: [
    { name: 'dropped 2 in 2√(1−β₂^t)', parts: { docTwo: 1 } },
    { name: '(1−β₁^t)² → (1−β₁^t) in the denominator (exponent 2 → 1)', parts: { denominatorPower: 1 } },
    { name: 'flipped sign between the two terms (+ → −)', parts: { middleSign: '-' } },
    { name: 'flipped sign of the first term (leading − dropped)', parts: { leadingSign: '' } },
    { name: 'β₁^t ln β₁ → β₂^t ln β₂ in the second term (swapped index)', parts: { secondTermBeta: 'b2' } },
    { name: 'natural log → log₁₀', parts: { log: 'log10' } },
    { name: 'sign condition: < → > (flipped relation)', parts: { conditionRelation: '>' } },
    { name: 'sign condition: 2(1−β₂^t) → (1−β₂^t) (dropped 2)', parts: { conditionTwo: 1 } },
  ],
  steps: [
    scalarIdentity({
      name: 'd/dt √(1−β₂^t) = −β₂^t ln β₂ / (2√(1−β₂^t))',
      lhs: derivative('sqrt(1 - b2^t)', 't').toString(),
      rhs: '-(b2^t * log(b2)) / (2 * sqrt(1 - b2^t))',
      variables: VARS,
    }),
    scalarIdentity({
      name: 'd/dt (1−β₁^t) = −β₁^t ln β₁',
      lhs: derivative('1 - b1^t', 't').toString(),
      rhs: '-(b1^t * log(b1))',
      variables: VARS,
    }),
    scalarIdentity({ name: 'ln β < 0 for β ∈ (0, 1)', lhs: 'log(b1)', rhs: '0', relation: '<', variables: VARS }),
  ],
});
