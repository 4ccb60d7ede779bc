import fc from 'fast-check';
import {
  forAll,
  gaussianArray,
  meanInterval,
  mulberry32,
  statistic,
  step,
  tolerance,
  verifyClaim,
} from '../src/claim.js';

type Point = { x: number[]; y: number };
type Population = { points: Point[]; theta: number[]; b: number };

/** ℓ(θ; x, y) = log(1 + e^{−y xᵀθ}), computed without overflow. */
const logistic = (theta: number[], p: Point) => {
  const m = -p.y * p.x.reduce((a, v, j) => a + v * theta[j], 0);
  return m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
};
const logisticGrad = (theta: number[], p: Point) => {
  const m = -p.y * p.x.reduce((a, v, j) => a + v * theta[j], 0);
  const s = 1 / (1 + Math.exp(-m));
  return p.x.map((v) => -p.y * v * s);
};
const populationLoss = (theta: number[], P: Point[]) => P.reduce((a, p) => a + logistic(theta, p), 0) / P.length;

const populations: fc.Arbitrary<Population> = fc
  .record({ d: fc.integer({ min: 1, max: 3 }), N: fc.integer({ min: 2, max: 5 }) })
  .chain(({ d, N }) =>
    fc.record({
      points: fc.array(
        fc.record({
          x: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: d, maxLength: d }),
          y: fc.constantFrom(-1, 1),
        }),
        { minLength: N, maxLength: N },
      ),
      theta: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: d, maxLength: d }),
      b: fc.integer({ min: 1, max: Math.min(3, N) }),
    }),
  );

const add = (a: number[], b: number[], s = 1) => a.map((v, j) => v + s * b[j]);
const zeros = (d: number) => new Array<number>(d).fill(0);
const batchGradient = (theta: number[], batch: Point[]) =>
  batch.reduce((acc, p) => add(acc, logisticGrad(theta, p), 1 / batch.length), zeros(theta.length));

/** All N^b ordered batches (i.i.d. uniform draws) or all b-subsets, each equally likely. */
function batches(N: number, b: number, replacement: boolean): number[][] {
  if (b === 0) return [[]];
  const out: number[][] = [];
  for (const rest of batches(N, b - 1, replacement)) {
    const start = replacement ? 0 : rest.length ? rest[rest.length - 1] + 1 : 0;
    for (let i = start; i < N; i++) out.push([...rest, i]);
  }
  return out;
}
const expectedBatchGradient = (P: Population, replacement: boolean) => {
  const all = batches(P.points.length, P.b, replacement);
  return all.reduce(
    (acc, B) =>
      add(
        acc,
        batchGradient(
          P.theta,
          B.map((i) => P.points[i]),
        ),
        1 / all.length,
      ),
    zeros(P.theta.length),
  );
};
/** ∇L by central differences of the population loss, h = 1e-5 (its error: FD below). */
const gradientFD = (P: Population) =>
  P.theta.map((_, j) => {
    const h = 1e-5,
      e = zeros(P.theta.length);
    e[j] = h;
    return (populationLoss(add(P.theta, e), P.points) - populationLoss(add(P.theta, e, -1), P.points)) / (2 * h);
  });
const maxAbsDiff = (a: number[], b: number[]) => Math.max(...a.map((v, j) => Math.abs(v - b[j])));
/** The error of gradientFD, max-abs over coordinates. */
const FD = tolerance(
  1e-7,
  'central differences h = 1e-5 on L (max-abs over coordinates): truncation h²·‖D³ℓ‖·|x|³/6 ≤ 1e-10·8·27/6 ≈ 3.6e-9, cancellation u·|L|/h ≤ 1e-16·20/1e-5 = 2e-10; bound 1e-7 ≈ 25× their sum',
);
/** Two exact enumerations of the same terms (N^b·b ≤ 125·3 = 375 of them, |∂ℓ/∂θ_j| ≤ |x_j| ≤ 2) in different orders. */
const REORDERED_SUMS = tolerance(
  1e-13,
  'exact enumeration: both sides average the same ≤ 375 per-example gradients (|∂ℓ/∂θ_j| ≤ 2) in different orders; recursive summation errs by ≤ 375·u·2 ≈ 8e-14 per side in the worst case, ≈ √375·u·2 ≈ 4e-15 typically; bound 1e-13',
);
const show = (P: Population) => ({
  points: P.points.map((p) => [...p.x, p.y]),
  theta: P.theta,
  batchSize: P.b,
  loss: 'log(1 + exp(−y xᵀθ)); rows are (x…, y)',
});

/**
 * The statement's parts, as written: E_B[g] = (sign)·(1 + (finiteBatchTerm)/b)·∇L for the estimator
 * g = (1/(|B|^(normaliserPower) + normaliserOffset))·Σ_{i ≥ sumFrom} ∇ℓ(x_i). A mutant replaces one.
 */
interface Parts extends Record<string, unknown> {
  normaliserPower: number;
  normaliserOffset: number;
  sumFrom: number;
  gradientSign: number;
  finiteBatchTerm: number;
}
const AS_WRITTEN: Parts = { normaliserPower: 1, normaliserOffset: 0, sumFrom: 1, gradientSign: 1, finiteBatchTerm: 0 };

/** The estimator as the parts write it (as written: the batch mean of the per-example gradients). */
const claimedBatchGradient = (p: Parts, theta: number[], batch: Point[]) =>
  batch
    .slice(p.sumFrom - 1)
    .reduce(
      (acc, pt) => add(acc, logisticGrad(theta, pt), 1 / (batch.length ** p.normaliserPower + p.normaliserOffset)),
      zeros(theta.length),
    );
const claimedExpectation = (p: Parts, P: Population, replacement: boolean) => {
  const all = batches(P.points.length, P.b, replacement);
  return all.reduce(
    (acc, B) =>
      add(
        acc,
        claimedBatchGradient(
          p,
          P.theta,
          B.map((i) => P.points[i]),
        ),
        1 / all.length,
      ),
    zeros(P.theta.length),
  );
};
/** The right-hand side as the parts write it (as written: ∇L itself, multiplied by exactly 1). */
const claimedGradient = (p: Parts, grad: number[], b: number) =>
  grad.map((v) => p.gradientSign * (1 + p.finiteBatchTerm / b) * v);

const unbiased = (p: Parts, replacement: boolean) =>
  forAll({
    name: `E_B[g] = ∇L exactly, finite population, ${replacement ? 'i.i.d. with replacement' : 'without replacement'}`,
    backend: 'scalar-f64',
    arbitrary: populations,
    numRuns: 100,
    size: (P: Population) => [P.points.length, P.theta.length],
    show,
    measure: (P: Population) => ({
      value: maxAbsDiff(claimedExpectation(p, P, replacement), claimedGradient(p, gradientFD(P), P.b)),
      tolerance: FD,
    }),
  });

const MC_BATCHES = 20_000,
  MC_BATCH_SIZE = 4,
  MC_CONFIDENCE = 0.9999;
const continuous = (p: Parts) =>
  statistic({
    name: 'E_B[g] = ∇L, x ~ N(0, I₃), squared loss, Monte Carlo',
    backend: 'scalar-f64',
    toleranceReason:
      '20 000 independent batches of 4; CLT interval at 99.99% (two-sided z = 3.89) so a true claim fails with probability 1e-4 per seed',
    run: (ctx) => {
      const rng = mulberry32(ctx.seed),
        d = 3,
        b = MC_BATCH_SIZE,
        batchesN = MC_BATCHES;
      const w = [1, -2, 0.5],
        theta = [0.3, 0.7, -1.2];
      const u = gaussianArray(rng, d);
      const nu = Math.hypot(...u);
      u.forEach((_, j) => (u[j] /= nu));
      const exact = claimedGradient(
        p,
        theta.map((t, j) => t - w[j]),
        b,
      ); // E[x(xᵀθ − y)] = E[xxᵀ](θ − w) = θ − w
      const normaliser = b ** p.normaliserPower + p.normaliserOffset;
      const proj = new Float64Array(batchesN);
      const x = new Float64Array(d);
      for (let s = 0; s < batchesN; s++) {
        let acc = 0;
        for (let i = 0; i < b; i++) {
          gaussianArray(rng, d, x);
          const y = w.reduce((a, v, j) => a + v * x[j], 0) + gaussianArray(rng, 1)[0];
          if (i < p.sumFrom - 1) continue; // a dropped sample is still drawn: the other draws stay the same
          const r = theta.reduce((a, v, j) => a + v * x[j], 0) - y;
          for (let j = 0; j < d; j++) acc += (r * x[j] * u[j]) / normaliser;
        }
        proj[s] = acc - exact.reduce((a, v, j) => a + v * u[j], 0);
      }
      const mi = meanInterval(proj, MC_CONFIDENCE);
      return {
        name: 'uᵀ(ḡ − ∇L)',
        estimate: mi.mean,
        ci: mi.ci,
        confidence: MC_CONFIDENCE,
        samples: batchesN,
        decision: { kind: 'contains', value: 0 },
      };
    },
  });

verifyClaim(import.meta.url, {
  parts: AS_WRITTEN,
  checks: (p: Parts) => [unbiased(p, true), unbiased(p, false), continuous(p)],
  mutants: [
    { name: '∇L → −∇L (flipped sign)', parts: { gradientSign: -1 } },
    { name: 'E_B[g] = ∇L → (1 + 1/b)∇L', parts: { finiteBatchTerm: 1 } },
    { name: 'sum from i = 2: one sample of the batch dropped (normaliser 1/|B| kept)', parts: { sumFrom: 2 } },
    { name: '1/|B| → 1/(|B| + 1) (off by one in the normaliser)', parts: { normaliserOffset: 1 } },
    { name: '1/|B| → 1/|B|² (exponent 1 → 2)', parts: { normaliserPower: 2 } },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: 'E_B[(1/b)Σ_i ∇ℓ(x_i)] = (1/b)Σ_i E[∇ℓ(x_i)] (per-slot marginals, i.i.d. batches)',
        backend: 'scalar-f64',
        arbitrary: populations,
        numRuns: 60,
        size: (P: Population) => [P.points.length, P.theta.length],
        show,
        measure: (P: Population) => {
          const all = batches(P.points.length, P.b, true);
          const perSlot = Array.from({ length: P.b }, (_, i) =>
            all.reduce(
              (acc, B) => add(acc, logisticGrad(P.theta, P.points[B[i]]), 1 / all.length),
              zeros(P.theta.length),
            ),
          );
          const rhs = perSlot.reduce((acc, g) => add(acc, g, 1 / P.b), zeros(P.theta.length));
          return { value: maxAbsDiff(expectedBatchGradient(P, true), rhs), tolerance: REORDERED_SUMS };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: "each slot's E_{x_i}[∇ℓ(x_i)] = E_x[∇ℓ(x)] (identical marginals)",
        backend: 'scalar-f64',
        arbitrary: populations,
        numRuns: 60,
        size: (P: Population) => [P.points.length, P.theta.length],
        show,
        measure: (P: Population) => {
          const all = batches(P.points.length, P.b, true);
          const population = P.points.reduce(
            (acc, p) => add(acc, logisticGrad(P.theta, p), 1 / P.points.length),
            zeros(P.theta.length),
          );
          return {
            value: Math.max(
              ...Array.from({ length: P.b }, (_, i) =>
                maxAbsDiff(
                  all.reduce(
                    (acc, B) => add(acc, logisticGrad(P.theta, P.points[B[i]]), 1 / all.length),
                    zeros(P.theta.length),
                  ),
                  population,
                ),
              ),
            ),
            tolerance: REORDERED_SUMS,
          };
        },
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'E_x[∇ℓ] = ∇E_x[ℓ] (exchange, central differences)',
        backend: 'scalar-f64',
        arbitrary: populations,
        numRuns: 60,
        size: (P: Population) => [P.points.length, P.theta.length],
        show,
        measure: (P: Population) => ({
          value: maxAbsDiff(
            P.points.reduce((acc, p) => add(acc, logisticGrad(P.theta, p), 1 / P.points.length), zeros(P.theta.length)),
            gradientFD(P),
          ),
          tolerance: FD,
        }),
      }),
    ),
  ],
});
