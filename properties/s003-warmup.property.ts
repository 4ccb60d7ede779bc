import fc from 'fast-check';
import { dot, forAll, integerVectors, norm2, step, tolerance, U64, verifyClaim } from '../src/claim.js';

// a ≠ 0 and directions d in ℝ^1..ℝ^4 with small integer entries, α ∈ {1..5}: everything a person can redo by hand.
// Dot products and norms of ≤ 4 terms: ≤ 8·u64 relative to α‖a‖₂ (4 products/sums + sqrt + scalings); 16·u64 doubles it.
const TOL = 16 * U64;
const ROUNDING = 'dot products and 2-norms of ≤ 4 terms, one square root, two scalings: ≤ 8·u64 relative, doubled';
/** |error| ≤ 16·u64 × `scale` (named `what`). */
const within = (scale: number, what: string) => tolerance(TOL * scale, `|error| ≤ 16·u64·${what} (${ROUNDING})`);

/** b = sign·α^alphaExponent·a/‖a‖^normExponent as a function of its parts; as written: +α·a/‖a‖₂. */
interface Parts extends Record<string, unknown> {
  sign: number;
  alphaExponent: number;
  /** The norm that normalises a: ℓ₂ (as written), ℓ₁ or ℓ∞. */
  normalisingNorm: 'ℓ₂' | 'ℓ₁' | 'ℓ∞';
  normExponent: number;
}
const PARTS: Parts = { sign: 1, alphaExponent: 1, normalisingNorm: 'ℓ₂', normExponent: 1 };
const normOf = (a: number[], which: Parts['normalisingNorm']) =>
  which === 'ℓ₂' ? norm2(a) : which === 'ℓ₁' ? a.reduce((s, x) => s + Math.abs(x), 0) : Math.max(...a.map(Math.abs));
/** As written (1·α¹)/‖a‖₂¹ = α/‖a‖₂ exactly, the coefficient computed before parts existed. */
const bOf = (a: number[], alpha: number, p: Parts = PARTS) =>
  a.map((x) => ((p.sign * alpha ** p.alphaExponent) / normOf(a, p.normalisingNorm) ** p.normExponent) * x);

interface Case {
  a: number[];
  d: number[];
  alpha: number;
  t: number;
  k: number;
  near: boolean;
}
const cases: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    a: integerVectors(n, { nonzero: true }),
    d: integerVectors(n, { nonzero: true }),
    alpha: fc.integer({ min: 1, max: 5 }),
    t: fc.integer({ min: 0, max: 8 }),
    k: fc.integer({ min: 0, max: 12 }),
    near: fc.boolean(),
  }),
);
/** A feasible competitor: a scaled direction t/8·α·d/‖d‖, or (near) the boundary point along a/‖a‖ + 2^-k d/‖d‖. */
function competitor({ a, d, alpha, t, k, near }: Case): number[] {
  if (!near) return d.map((x) => ((t / 8) * alpha * x) / norm2(d));
  const dir = a.map((x, i) => x / norm2(a) + (2 ** -k * d[i]) / norm2(d));
  // d = −a with k = 0 cancels the direction exactly: the competitor is then the centre of the ball.
  if (norm2(dir) === 0) return dir;
  return dir.map((x) => (alpha * x) / norm2(dir));
}

/**
 * The last step's two margins, each already shifted by its rounding allowance 16·u64·α: the Cauchy–Schwarz one
 * may dip to −16·u64·α (equality is attainable), the strict one must exceed +16·u64·α (its exact margin is
 * aᵀd/‖a‖₂ ≥ 1/‖a‖₂ for integer a, d with aᵀd ≥ 1, far above rounding). Both shifted margins must be ≥ 0.
 */
const SHIFTED_MARGINS = tolerance(
  0,
  `both margins ≥ 0 after shifting each by its rounding allowance 16·u64·α (${ROUNDING}): the Cauchy–Schwarz margin may dip to −16·u64·α, the strict one (exact margin aᵀd/‖a‖₂ ≥ 1/‖a‖₂) must exceed +16·u64·α`,
);

verifyClaim(import.meta.url, {
  parts: PARTS,
  checks: (p: Parts) => [
    forAll({
      name: 'b = αa/‖a‖₂ is feasible and no feasible c has aᵀc > aᵀb',
      backend: 'scalar-f64',
      arbitrary: cases,
      numRuns: 300,
      show: (c) => ({ ...c, c: competitor(c) }),
      measure: (cs) => {
        const b = bOf(cs.a, cs.alpha, p),
          c = competitor(cs);
        const scale = cs.alpha * norm2(cs.a);
        const gap = dot(cs.a, c) - dot(cs.a, b);
        const infeasible = norm2(b) - cs.alpha;
        return {
          value: Math.max(gap, infeasible * norm2(cs.a)),
          tolerance: within(scale, 'α‖a‖₂'),
          detail: { aTb: dot(cs.a, b), aTc: dot(cs.a, c), normB: norm2(b), normC: norm2(c) },
        };
      },
    }),
  ],
  mutants: [
    { name: 'flipped sign: b = −αa/‖a‖₂', parts: { sign: -1 } },
    { name: 'α → α² (exponent 1 → 2)', parts: { alphaExponent: 2 } },
    { name: '‖a‖₂ → ‖a‖₂² (exponent 1 → 2)', parts: { normExponent: 2 } },
    { name: '‖a‖₂ → ‖a‖₁ (ℓ₁ instead of ℓ₂ normalisation)', parts: { normalisingNorm: 'ℓ₁' } },
    { name: '‖a‖₂ → ‖a‖∞ (ℓ∞ instead of ℓ₂ normalisation)', parts: { normalisingNorm: 'ℓ∞' } },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: 'aᵀb = α‖a‖₂',
        backend: 'scalar-f64',
        arbitrary: cases,
        numRuns: 100,
        show: (c) => ({ a: c.a, alpha: c.alpha }),
        measure: ({ a, alpha }) => ({
          value: Math.abs(dot(a, bOf(a, alpha)) - alpha * norm2(a)),
          tolerance: within(alpha * norm2(a), 'α‖a‖₂'),
        }),
      }),
    ),
    step(
      'numeric',
      forAll({
        name: '|aᵀc| ≤ ‖a‖₂‖c‖₂ (Cauchy–Schwarz)',
        backend: 'scalar-f64',
        arbitrary: cases,
        numRuns: 100,
        show: (c) => ({ a: c.a, c: c.d }),
        measure: ({ a, d }) => ({
          value: norm2(a) * norm2(d) - Math.abs(dot(a, d)),
          relation: '>=' as const,
          tolerance: tolerance(
            -TOL * norm2(a) * norm2(d),
            `margin ‖a‖‖c‖ − |aᵀc| ≥ −16·u64·‖a‖‖c‖: equality (c ∥ a) is exact in reals, so the computed margin may dip below 0 by its rounding (${ROUNDING})`,
          ),
        }),
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'aᵀc > aᵀb ⇒ ‖c‖₂ ≥ |aᵀc|/‖a‖₂ > |aᵀb|/‖a‖₂ = α',
        backend: 'scalar-f64',
        // c = b + d with aᵀd ≥ 1 (integers): strictly better than b by a margin ≥ 1, far above rounding.
        arbitrary: cases.filter((c) => dot(c.a, c.d) > 0),
        numRuns: 100,
        show: (c) => ({ a: c.a, alpha: c.alpha, c: bOf(c.a, c.alpha).map((x, i) => x + c.d[i]) }),
        measure: ({ a, d, alpha }) => {
          const c = bOf(a, alpha).map((x, i) => x + d[i]);
          const cs = norm2(c) - Math.abs(dot(a, c)) / norm2(a);
          const strict = Math.abs(dot(a, c)) / norm2(a) - alpha;
          return {
            value: Math.min(cs + TOL * alpha, strict - TOL * alpha),
            tolerance: SHIFTED_MARGINS,
            relation: '>=' as const,
            detail: { normC: norm2(c), aTcOverNormA: Math.abs(dot(a, c)) / norm2(a), alpha },
          };
        },
      }),
    ),
  ],
});
