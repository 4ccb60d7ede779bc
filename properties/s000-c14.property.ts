import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { forAll, frobeniusNorm, step, tolerance, verifyClaim } from '../src/claim.js';

/** The loss as a function of θ for one outcome x, with its analytic gradient and Hessian. */
interface Loss {
  name: string;
  grad(theta: number[], x: number): Matrix;
  hess(theta: number[], x: number): Matrix;
}

function softmax(theta: number[]): number[] {
  const mx = Math.max(...theta);
  const e = theta.map((t) => Math.exp(t - mx));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}
/** J = ∂p/∂θ = diag(p) − ppᵀ. */
const softmaxJacobian = (p: number[]) => Matrix.diag(p).sub(Matrix.columnVector(p).mmul(Matrix.rowVector(p)));
const unit = (K: number, x: number) => Matrix.columnVector(Array.from({ length: K }, (_, k) => (k === x ? 1 : 0)));

/** c·(−log p_x): gradient c(p − e_x), Hessian cJ. */
const scaledNll = (c: number): Loss => ({
  name: c === 1 ? 'NLL −log p(x;θ)' : `${c}·NLL`,
  grad: (theta, x) => {
    const p = softmax(theta);
    return Matrix.columnVector(p).sub(unit(p.length, x)).mul(c);
  },
  hess: (theta) => softmaxJacobian(softmax(theta)).mul(c),
});
/**
 * Brier score ½‖e_x − p‖²: gradient −J(e_x − p); Hessian JJ − Σ_k r_k ∇²p_k with r = e_x − p and
 * ∇²p_k = p_k[(e_k − p)(e_k − p)ᵀ − J].
 */
const brier: Loss = {
  name: 'Brier ½‖e_x − p(θ)‖²',
  grad: (theta, x) => {
    const p = softmax(theta);
    const J = softmaxJacobian(p);
    return J.mmul(unit(p.length, x).sub(Matrix.columnVector(p))).mul(-1);
  },
  hess: (theta, x) => {
    const p = softmax(theta),
      K = p.length,
      J = softmaxJacobian(p);
    const H = J.mmul(J);
    for (let k = 0; k < K; k++) {
      const r = (k === x ? 1 : 0) - p[k];
      const d = unit(K, k).sub(Matrix.columnVector(p));
      H.sub(
        d
          .mmul(d.transpose())
          .sub(J)
          .mul(p[k] * r),
      );
    }
    return H;
  },
};

/** Exact expectations over x ~ p(·;θ) (K outcomes). */
function moments(loss: Loss, theta: number[]) {
  const p = softmax(theta),
    K = p.length;
  const mean = new Matrix(K, 1),
    hessian = new Matrix(K, K),
    outer = new Matrix(K, K);
  for (let x = 0; x < K; x++) {
    const g = loss.grad(theta, x);
    mean.add(g.clone().mul(p[x]));
    hessian.add(loss.hess(theta, x).mul(p[x]));
    outer.add(g.mmul(g.transpose()).mul(p[x]));
  }
  return { mean, hessian, outer };
}

const thetas = fc
  .integer({ min: 2, max: 4 })
  .chain((K) => fc.array(fc.integer({ min: -2, max: 2 }), { minLength: K, maxLength: K }));
type Case = { theta: number[]; loss: number };
const generic: Loss[] = [scaledNll(2), scaledNll(3), brier];
const genericCases = fc.record({ theta: thetas, loss: fc.integer({ min: 0, max: generic.length - 1 }) });
const show = (c: Case) => ({
  theta: c.theta,
  loss: generic[c.loss].name,
  p: softmax(c.theta).map((v) => +v.toPrecision(6)),
});
// Exact sums of K ≤ 4 terms of O(1) quantities: roundoff ≲ 10 u; 1e-12 leaves a wide margin.
const EXACT_SUM_ROUNDOFF =
  'exact expectations (sums over K ≤ 4 outcomes) of analytic derivatives: roundoff ≈ 10·u ≈ 1e-15';
const EXACT_SUMS = tolerance(1e-12, `${EXACT_SUM_ROUNDOFF}; bound 1e-12`);

/**
 * The statement's parts, as written: (hessianSign)·E[∇²ℓ] = (outerCoefficient)·E[∇ℓ∇ℓᵀ] for
 * ℓ = (lossSign)·(nllScale)·(−log p), the outer product inside the expectation (`outerOfMean` false).
 */
interface Parts extends Record<string, unknown> {
  nllScale: number;
  lossSign: number;
  hessianSign: number;
  outerCoefficient: number;
  outerOfMean: boolean;
}
const AS_WRITTEN: Parts = { nllScale: 1, lossSign: 1, hessianSign: 1, outerCoefficient: 1, outerOfMean: false };

/** ‖(sign)·E[∇²ℓ] − (coefficient)·E[∇ℓ∇ℓᵀ]‖_F (as written: ‖E[∇²ℓ] − E[∇ℓ∇ℓᵀ]‖_F, both factors exactly 1). */
function identityResidual(p: Parts, loss: Loss, theta: number[]) {
  const m = moments(loss, theta);
  const outer = p.outerOfMean ? m.mean.mmul(m.mean.transpose()) : m.outer;
  return {
    residual: frobeniusNorm(m.hessian.clone().mul(p.hessianSign).sub(outer.clone().mul(p.outerCoefficient))),
    hessian: m.hessian,
  };
}
/** Generic losses must differ by a relative 1e-6, far above the exact-sum roundoff (≈ 1e-15). */
const DIFFER_BOUND = 1e-6;
const DIFFER = tolerance(
  DIFFER_BOUND,
  `"≠" judged as ‖E∇²ℓ − E∇ℓ∇ℓᵀ‖_F/‖E∇²ℓ‖_F ≥ 1e-6, far above the ${EXACT_SUM_ROUNDOFF}`,
);
const NONZERO_MEAN = tolerance(DIFFER_BOUND, `"≠ 0" judged as ‖E[∇ℓ]‖ ≥ 1e-6, far above the ${EXACT_SUM_ROUNDOFF}`);
const relativeDifference = (p: Parts, loss: Loss, theta: number[]) => {
  const r = identityResidual(p, loss, theta);
  return { value: r.residual / frobeniusNorm(r.hessian), tolerance: DIFFER, relation: '>=' as const };
};

const nllIdentity = (p: Parts) =>
  forAll({
    name: 'NLL, x ~ p(·;θ): E[∇²ℓ] = E[∇ℓ∇ℓᵀ] (Fisher)',
    backend: 'ml-matrix-f64',
    arbitrary: thetas,
    numRuns: 100,
    size: (t: number[]) => [t.length, t.length],
    show: (t: number[]) => ({ theta: t }),
    measure: (t: number[]) => ({
      value: identityResidual(p, scaledNll(p.lossSign * p.nllScale), t).residual,
      tolerance: EXACT_SUMS,
    }),
  });
const genericDiffer = (p: Parts) =>
  forAll({
    name: 'generic losses (2·NLL, 3·NLL, Brier): E[∇²ℓ] ≠ E[∇ℓ∇ℓᵀ]',
    backend: 'ml-matrix-f64',
    arbitrary: genericCases,
    numRuns: 100,
    size: (c: Case) => [c.theta.length, c.theta.length],
    show,
    measure: (c: Case) => relativeDifference(p, generic[c.loss], c.theta),
    // The NLL itself in place of the generic losses: there the identity holds, so "≠" must fail.
    control: {
      description: 'the NLL (scale 1) in place of the generic losses',
      measure: (c: Case) => relativeDifference(p, scaledNll(1), c.theta),
    },
  });

verifyClaim(import.meta.url, {
  parts: AS_WRITTEN,
  checks: (p: Parts) => [nllIdentity(p), genericDiffer(p)],
  mutants: [
    // Kills both: for 2·NLL, E[∇²ℓ] = 2J and E[∇ℓ∇ℓᵀ] = 4J, so the mutated identity holds for a "generic" loss.
    { name: 'E[∇²ℓ] = E[∇ℓ∇ℓᵀ] → ½E[∇ℓ∇ℓᵀ] (coefficient 1 → ½)', parts: { outerCoefficient: 0.5 } },
    { name: 'E[∇²ℓ] = −E[∇ℓ∇ℓᵀ] (flipped sign)', parts: { hessianSign: -1 } },
    { name: 'E[∇ℓ∇ℓᵀ] → E[∇ℓ]E[∇ℓ]ᵀ (expectation inside the outer product)', parts: { outerOfMean: true } },
    { name: 'ℓ = −log p → −2 log p (NLL scale 1 → 2)', parts: { nllScale: 2 } },
    { name: 'ℓ = −log p → +log p (flipped sign of the loss)', parts: { lossSign: -1 } },
  ],
  steps: [
    step(
      'numeric',
      forAll({
        name: 'E_{x~p(θ)}[∇_θ log p(x;θ)] = 0',
        backend: 'ml-matrix-f64',
        arbitrary: thetas,
        numRuns: 100,
        size: (t: number[]) => [t.length, 1],
        show: (t: number[]) => ({ theta: t }),
        measure: (t: number[]) => ({ value: frobeniusNorm(moments(scaledNll(1), t).mean), tolerance: EXACT_SUMS }),
      }),
    ),
    step(
      'numeric',
      forAll({
        name: 'generic losses (2·NLL, 3·NLL, Brier): E[∇ℓ] ≠ 0',
        backend: 'ml-matrix-f64',
        arbitrary: genericCases,
        numRuns: 100,
        size: (c: Case) => [c.theta.length, 1],
        show,
        measure: (c: Case) => ({
          value: frobeniusNorm(moments(generic[c.loss], c.theta).mean),
          tolerance: NONZERO_MEAN,
          relation: '>=' as const,
        }),
      }),
    ),
  ],
});
