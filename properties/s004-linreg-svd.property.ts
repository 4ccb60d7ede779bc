import fc from 'fast-check';
import { Matrix, inverse } from 'ml-matrix';
import { forAll, frobeniusNorm, notation, orthogonalMatrices, relative, step, verifyClaim } from '../src/claim.js';
import type { Measurement } from '../src/claim.js';

/**
 * X = UΣVᵀ built from its full SVD: U (N×N) and V (d×d) orthogonal (signed permutations, which shrink to
 * the identity and can be multiplied by hand, or Haar), Σ (N×d) with positive integer singular values, so
 * the decomposition the formulas refer to is known exactly. W (d×D), Y (N×D) small integers.
 */
interface SvdProblem {
  N: number;
  d: number;
  U: Matrix;
  V: Matrix;
  sigma: number[];
  W: number[][];
  Y: number[][];
}
const intMatrix = (r: number, c: number) =>
  fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
/** Signed permutations only: integer X, so a counterexample can be multiplied out by hand. */
function signedPermutations(n: number): fc.Arbitrary<Matrix> {
  return fc
    .record({
      perm: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
      flips: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    })
    .map(({ perm, flips }) => {
      const Q = new Matrix(n, n);
      perm.forEach((j, i) => Q.set(i, j, flips[i] ? -1 : 1));
      return Q;
    });
}
function svdProblems(tall: boolean, factors: 'signed' | 'any' = 'any'): fc.Arbitrary<SvdProblem> {
  const orth = factors === 'signed' ? signedPermutations : orthogonalMatrices;
  return fc
    .record({ N: fc.integer({ min: 1, max: 3 }), d: fc.integer({ min: 1, max: 3 }), D: fc.integer({ min: 1, max: 2 }) })
    .filter(({ N, d }) => !tall || N >= d)
    .chain(({ N, d, D }) =>
      fc.record({
        N: fc.constant(N),
        d: fc.constant(d),
        U: orth(N),
        V: orth(d),
        sigma: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: Math.min(N, d), maxLength: Math.min(N, d) }),
        W: intMatrix(d, D),
        Y: intMatrix(N, D),
      }),
    );
}
const round = (M: Matrix) => M.to2DArray().map((r) => r.map((x) => +x.toPrecision(6)));
const show = (p: SvdProblem) => ({ U: round(p.U), sigma: p.sigma, V: round(p.V), X: round(X(p)), W: p.W, Y: p.Y });
const size = (p: SvdProblem): [number, number] => [p.N, p.d];

const Sigma = (p: SvdProblem) => {
  const S = new Matrix(p.N, p.d);
  p.sigma.forEach((s, i) => S.set(i, i, s));
  return S;
};
/** Σ⁺ (d×N): the pseudo-inverse, the only meaning Σ^{-1} can have for non-square Σ. */
const SigmaPinv = (p: SvdProblem) => {
  const S = new Matrix(p.d, p.N);
  p.sigma.forEach((s, i) => S.set(i, i, 1 / s));
  return S;
};
/** Σ^{-2} read as (ΣᵀΣ)^{-1} (d×d), invertible when N ≥ d. */
const SigmaInv2 = (p: SvdProblem) => {
  const S = new Matrix(p.d, p.d);
  p.sigma.forEach((s, i) => S.set(i, i, 1 / (s * s)));
  return S;
};
const X = (p: SvdProblem) => p.U.mmul(Sigma(p)).mmul(p.V.transpose());
const t = (M: Matrix) => M.transpose();

/** Left-to-right product; a shape mismatch is reported, never thrown. */
function chain(...ms: [string, Matrix][]): Matrix | string {
  let acc = ms[0][1];
  for (let i = 1; i < ms.length; i++) {
    if (acc.columns !== ms[i][1].rows)
      return `${ms
        .slice(0, i)
        .map(([n]) => n)
        .join('')} is ${acc.rows}×${acc.columns} but ${ms[i][0]} is ${ms[i][1].rows}×${ms[i][1].columns}`;
    acc = acc.mmul(ms[i][1]);
  }
  return acc;
}

/**
 * Orthogonal factors and integer σ ≤ 3: every product is backward stable, error ≤ n·u64·(size of the terms), so
 * 30 × (N+d) × u64 × (‖X‖²‖W‖ + ‖X‖‖Y‖ + ‖X⁺‖‖Y‖ + 1) with ‖X‖₂ = σ_max, ‖X⁺‖₂ = 1/σ_min.
 */
function productTolerance(p: SvdProblem, W: Matrix, Y: Matrix) {
  const s = Math.max(...p.sigma),
    sMin = Math.min(...p.sigma);
  return relative({
    n: p.N + p.d,
    scale: s * s * frobeniusNorm(W) + s * frobeniusNorm(Y) + frobeniusNorm(Y) / sMin + 1,
    scaleName: '(‖X‖²‖W‖ + ‖X‖‖Y‖ + ‖X⁺‖‖Y‖ + 1) (products of orthogonal and small diagonal factors)',
  });
}
type Side = (p: SvdProblem) => Matrix | string;
function identity(
  name: string,
  tall: boolean,
  lhs: Side,
  rhs: Side,
  factors: 'signed' | 'any' = 'any',
  control?: { description: string; rhs: Side },
) {
  return forAll({
    name,
    backend: 'ml-matrix-f64',
    arbitrary: svdProblems(tall, factors),
    numRuns: 150,
    size,
    show,
    measure: residual(lhs, rhs),
    ...(control ? { control: { description: control.description, measure: residual(lhs, control.rhs) } } : {}),
  });
}

/** ‖lhs − rhs‖_F against the rounding bound; an undefined product or a shape mismatch refutes (a documented ∞). */
function residual(lhs: Side, rhs: Side) {
  return (p: SvdProblem): Measurement => {
    const W = new Matrix(p.W),
      Y = new Matrix(p.Y);
    const tolerance = productTolerance(p, W, Y);
    const L = lhs(p),
      R = rhs(p);
    if (typeof L === 'string' || typeof R === 'string') {
      const reason = `undefined product: ${typeof L === 'string' ? L : R}`;
      return { value: Infinity, tolerance, infinite: reason, detail: { reason } };
    }
    if (L.rows !== R.rows || L.columns !== R.columns) {
      const reason = `shapes differ: ${L.rows}×${L.columns} vs ${R.rows}×${R.columns}`;
      return { value: Infinity, tolerance, infinite: reason, detail: { reason } };
    }
    return { value: frobeniusNorm(L.clone().sub(R)), tolerance, detail: { lhs: round(L), rhs: round(R) } };
  };
}
const M = (p: SvdProblem) => ({ U: p.U, V: p.V, S: Sigma(p), W: new Matrix(p.W), Y: new Matrix(p.Y), X: X(p) });
const gradient = (p: SvdProblem) => {
  const { X: x, W, Y } = M(p);
  return t(x).mmul(x.mmul(W).sub(Y));
};
/** VΣᵀΣVᵀW − VΣᵀUᵀY: the gradient's last expression with the transposes of the middle one. */
const correctedGradient = (p: SvdProblem) => {
  const { U, V, S, W, Y } = M(p);
  return V.mmul(t(S))
    .mmul(S)
    .mmul(t(V))
    .mmul(W)
    .sub(V.mmul(t(S)).mmul(t(U)).mmul(Y));
};
const normalSolution = (p: SvdProblem) => {
  const { X: x, Y } = M(p);
  return inverse(t(x).mmul(x)).mmul(t(x)).mmul(Y);
};

verifyClaim(import.meta.url, {
  checks: [
    identity(
      'G = Xᵀ(XW − Y) = VᵀΣᵀΣVW − VΣᵀUY',
      false,
      gradient,
      (p) => {
        const { U, V, S, W, Y } = M(p);
        const a = chain(['Vᵀ', t(V)], ['Σᵀ', t(S)], ['Σ', S], ['V', V], ['W', W]),
          b = chain(['V', V], ['Σᵀ', t(S)], ['U', U], ['Y', Y]);
        return typeof a === 'string' ? a : typeof b === 'string' ? b : a.sub(b);
      },
      'signed',
    ),
    // Control: the transpose on U dropped (VΣ⁺UY), the very slip of the first formula's −VΣᵀUY; it fails
    // whenever U is not symmetric (a Haar or non-involutive signed-permutation U, from N = 2 on).
    identity(
      '(XᵀX)^{-1}XᵀY = VΣ^{-1}UᵀY (full column rank, Σ^{-1} := Σ⁺)',
      true,
      normalSolution,
      (p) => chain(['V', p.V], ['Σ⁺', SigmaPinv(p)], ['Uᵀ', t(p.U)], ['Y', M(p).Y]),
      'any',
      {
        description: 'VΣ⁺UᵀY → VΣ⁺UY (dropped transpose on U)',
        rhs: (p) => chain(['V', p.V], ['Σ⁺', SigmaPinv(p)], ['U', p.U], ['Y', M(p).Y]),
      },
    ),
  ],
  // A notation slip: the transposes of the chain's middle expression VΣᵀUᵀ(UΣVᵀW − Y), multiplied out.
  failure: notation({
    checks: {
      'G = Xᵀ(XW − Y) = VᵀΣᵀΣVW − VΣᵀUY': identity(
        'G = Xᵀ(XW − Y) = VΣᵀΣVᵀW − VΣᵀUᵀY (transposes as in VΣᵀUᵀ(UΣVᵀW − Y))',
        false,
        gradient,
        correctedGradient,
        'signed',
      ),
    },
  }),
  steps: [
    step(
      'numeric',
      identity('Xᵀ(XW − Y) = VΣᵀUᵀ(UΣVᵀW − Y)', false, gradient, (p) => {
        const { U, V, S, W, Y } = M(p);
        return V.mmul(t(S))
          .mmul(t(U))
          .mmul(U.mmul(S).mmul(t(V)).mmul(W).sub(Y));
      }),
    ),
    step(
      'numeric',
      identity(
        'VΣᵀUᵀ(UΣVᵀW − Y) = VᵀΣᵀΣVW − VΣᵀUY',
        false,
        (p) => {
          const { U, V, S, W, Y } = M(p);
          return V.mmul(t(S))
            .mmul(t(U))
            .mmul(U.mmul(S).mmul(t(V)).mmul(W).sub(Y));
        },
        (p) => {
          const { U, V, S, W, Y } = M(p);
          return t(V)
            .mmul(t(S))
            .mmul(S)
            .mmul(V)
            .mmul(W)
            .sub(V.mmul(t(S)).mmul(U).mmul(Y));
        },
        'signed',
      ),
    ),
    step(
      'numeric',
      identity('(XᵀX)^{-1}XᵀY = VΣ^{-2}VᵀVΣUᵀY (Σ^{-2} := (ΣᵀΣ)^{-1})', true, normalSolution, (p) =>
        chain(
          ['V', p.V],
          ['Σ^{-2}', SigmaInv2(p)],
          ['Vᵀ', t(p.V)],
          ['V', p.V],
          ['Σ', Sigma(p)],
          ['Uᵀ', t(p.U)],
          ['Y', M(p).Y],
        ),
      ),
    ),
    step(
      'numeric',
      identity(
        'VΣ^{-2}VᵀVΣUᵀY = VΣ^{-1}UᵀY',
        true,
        (p) =>
          chain(
            ['V', p.V],
            ['Σ^{-2}', SigmaInv2(p)],
            ['Vᵀ', t(p.V)],
            ['V', p.V],
            ['Σ', Sigma(p)],
            ['Uᵀ', t(p.U)],
            ['Y', M(p).Y],
          ),
        (p) => chain(['V', p.V], ['Σ⁺', SigmaPinv(p)], ['Uᵀ', t(p.U)], ['Y', M(p).Y]),
      ),
    ),
  ],
  corrected: [
    identity('G = Xᵀ(XW − Y) = VΣᵀΣVᵀW − VΣᵀUᵀY', false, gradient, correctedGradient),
    identity('(XᵀX)^{-1}XᵀY = V(ΣᵀΣ)^{-1}VᵀVΣᵀUᵀY', true, normalSolution, (p) =>
      chain(
        ['V', p.V],
        ['(ΣᵀΣ)^{-1}', SigmaInv2(p)],
        ['Vᵀ', t(p.V)],
        ['V', p.V],
        ['Σᵀ', t(Sigma(p))],
        ['Uᵀ', t(p.U)],
        ['Y', M(p).Y],
      ),
    ),
    identity('(XᵀX)^{-1}XᵀY = VΣ⁺UᵀY', true, normalSolution, (p) =>
      chain(['V', p.V], ['Σ⁺', SigmaPinv(p)], ['Uᵀ', t(p.U)], ['Y', M(p).Y]),
    ),
  ],
});
