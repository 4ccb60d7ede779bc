import { gramAAt, getGpu, matmul, toF32, toF64, U32, type F32Matrix, type F64Matrix } from '../../gpu/index.js';
import { gaussianArray, mulberry32 } from '../../random/prng.js';
import type { Measurement } from '../../engine/verify/checks/measurement.js';
import { centralDifferenceError, type Tolerance } from '../../engine/verify/tolerance.js';
import { frobeniusInnerFlat, transposeF64 } from './flat.js';
import { crossCheckRatioTolerance, sampledProductCheck } from './sampledCrossCheck.js';
import { syntheticSvd, geometricSigma } from './syntheticSvd.js';

/** The worst sampled cross-check ratio so far, and why it is ∞ when it is. */
interface CrossTally {
  seed: number;
  worst: number;
  infinite?: string;
}

/**
 * One cubic Newton–Schulz step N(X) = 1.5X − 0.5·XXᵀX. At an orthogonal P, N fixes P and its
 * derivative is the projection onto the tangent space, which equals DOrtho(P); so
 * (N(P + hE) − N(P − hE)) / 2h = DOrtho(P)[E] + O(h²). Two f32 products per evaluation.
 */
async function newtonSchulzStep(X: F32Matrix, crossCheck?: CrossTally): Promise<F32Matrix> {
  const XXt = await gramAAt(X);
  const XXtX = await matmul(XXt, X);
  if (crossCheck) {
    // Both products against f64 on sampled entries (Higham's bound per entry).
    const Xt = { rows: X.cols, cols: X.rows, data: transposeF64(X).data };
    for (const c of [
      sampledProductCheck(XXt, X, Xt, crossCheck.seed),
      sampledProductCheck(XXtX, XXt, X, crossCheck.seed + 1),
    ]) {
      if (c.worstRatio > crossCheck.worst) crossCheck.worst = c.worstRatio;
      crossCheck.infinite ??= c.infinite;
    }
  }
  const out = new Float32Array(X.data.length);
  for (let i = 0; i < out.length; i++) out[i] = 1.5 * X.data[i] - 0.5 * XXtX.data[i];
  return { rows: X.rows, cols: X.cols, data: out };
}

function randomDirection(n: number, seed: number): F64Matrix {
  const d = gaussianArray(mulberry32(seed), n * n);
  const s = Math.sqrt(d.reduce((a, x) => a + x * x, 0));
  for (let i = 0; i < d.length; i++) d[i] /= s; // ‖E‖_F = 1, so ‖E‖₂ ≈ 2/√n
  return { rows: n, cols: n, data: d };
}

async function directionalDerivative(
  P: F64Matrix,
  E: F64Matrix,
  h: number,
  crossCheck?: CrossTally,
): Promise<Float64Array> {
  const shifted = (sign: number) =>
    toF32({ rows: P.rows, cols: P.cols, data: P.data.map((p, i) => p + sign * h * E.data[i]) });
  const plus = await newtonSchulzStep(shifted(+1), crossCheck);
  const minus = await newtonSchulzStep(shifted(-1));
  const D = new Float64Array(P.data.length);
  for (let i = 0; i < D.length; i++) D[i] = (plus.data[i] - minus.data[i]) / (2 * h);
  return D;
}

/**
 * Jacobian (a)symmetry of Ortho at a dense n×n orthogonal P on gpu.js in f32:
 * a = ⟨E₂, DOrtho[E₁]⟩ − ⟨E₁, DOrtho[E₂]⟩ for random unit directions, relative to |⟨E₂,DF E₁⟩| + |⟨E₁,DF E₂⟩|.
 * Noise level: worst-case normwise f32 bounds (γ_n·n^{3/2}/h) exceed 1 here and decide nothing,
 * so the level is the probabilistic rounding model of Higham & Mary (2019), error ≈ λ·√n·u per
 * length-n dot product, λ = 4: relative asymmetry noise ≈ 4·u32·√n / h, plus the O(h²)
 * truncation of the central difference (‖E‖₂² h² ≤ 9h²/n). The document's ±½ computation predicts
 * an asymmetry of order 1, three orders of magnitude above this level at n = 1024.
 */
export async function polarJacobianAsymmetryAtScale(
  n: number,
  seed: number,
): Promise<{
  asymmetry: number;
  scale: number;
  noise: Tolerance;
  crossCheckRatio: number;
  crossCheckInfinite?: string;
  detail: Record<string, unknown>;
}> {
  const { label } = await getGpu();
  const P = syntheticSvd(n, geometricSigma(n, 1), seed).P;
  // E₂ = P E₁ᵀ P is the document's transposed direction pair (e_a e_bᵀ, e_b e_aᵀ at G = I)
  // transported to P: random directions would be nearly orthogonal and hide any skew part.
  const E1 = randomDirection(n, seed + 1);
  const P32 = toF32(P);
  const E1t = toF32(transposeF64(E1) as F64Matrix);
  const E2 = toF64(await matmul(await matmul(P32, E1t), P32));
  const h = 2 ** -7;
  const cross: CrossTally = { seed, worst: 0 };
  const D1 = await directionalDerivative(P, E1, h, cross);
  const D2 = await directionalDerivative(P, E2, h);
  const wrap = (d: Float64Array): F64Matrix => ({ rows: n, cols: n, data: d });
  const a12 = frobeniusInnerFlat(E2, wrap(D1));
  const a21 = frobeniusInnerFlat(E1, wrap(D2));
  const scale = Math.abs(a12) + Math.abs(a21);
  const noise = centralDifferenceError({
    h,
    truncation: (h * h * 9) / n,
    roundoff: (4 * U32 * Math.sqrt(n)) / h,
    safety: 1,
    how: 'relative to |⟨E₂,DF E₁⟩| + |⟨E₁,DF E₂⟩|: truncation ‖E‖₂²h² ≤ 9h²/n; cancellation λ√n·u32/h with λ = 4, the probabilistic rounding model of Higham & Mary (2019) for length-n f32 dot products (worst-case bounds γ_n·n^{3/2}/h exceed 1 here and decide nothing)',
  });
  return {
    asymmetry: Math.abs(a12 - a21),
    scale,
    noise,
    crossCheckRatio: cross.worst,
    crossCheckInfinite: cross.infinite,
    detail: { n, h, backend: label, 'E2·D1': a12, 'E1·D2': a21 },
  };
}

/** The document's claim: a skew part exists, i.e. the asymmetry exceeds the f32 noise level. */
export async function skewPartAtScale(
  n: number,
  seed: number,
  mustExist: boolean,
  memo?: Map<number, ReturnType<typeof polarJacobianAsymmetryAtScale>>,
): Promise<Measurement[]> {
  let pending = memo?.get(n);
  if (!pending) {
    pending = polarJacobianAsymmetryAtScale(n, seed);
    memo?.set(n, pending);
  }
  const r = await pending;
  const value = r.asymmetry / r.scale;
  const kernels: Measurement = {
    value: r.crossCheckRatio,
    tolerance: crossCheckRatioTolerance(),
    infinite: r.crossCheckInfinite,
    detail: {
      ...r.detail,
      what: 'f32 XXᵀ and (XXᵀ)X vs f64 on 2×256 sampled entries: worst |error| / γ_{n+2}(|A||B|)_ij',
    },
  };
  return [
    kernels,
    mustExist
      ? {
          value,
          tolerance: r.noise,
          relation: '>=',
          detail: {
            ...r.detail,
            what: 'skew part |⟨E₂,DF E₁⟩ − ⟨E₁,DF E₂⟩| / (|⟨E₂,DF E₁⟩| + |⟨E₁,DF E₂⟩|) must exceed the f32 difference-quotient noise',
          },
        }
      : { value, tolerance: r.noise, detail: { ...r.detail, what: 'asymmetry within f32 difference-quotient noise' } },
  ];
}
