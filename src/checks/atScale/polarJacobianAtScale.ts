import { getGpu, matmul, matmulF64, toF32, U32, type F32Matrix, type F64Matrix } from '../../gpu/index.js';
import { dot } from '../../random/integerVectors.js';
import { mulberry32 } from '../../random/prng.js';
import type { Measurement } from '../../engine/verify/checks/measurement.js';
import { centralDifferenceError, type Tolerance } from '../../engine/verify/tolerance.js';
import { crossCheckRatioTolerance, sampledProductCheck } from './sampledCrossCheck.js';
import { randomUnitVector } from './householder.js';
import { syntheticSvd, geometricSigma } from './syntheticSvd.js';

/** The worst sampled cross-check ratio so far, and why it is ∞ when it is. */
interface CrossTally {
  seed: number;
  /** products checked so far (each gets its own sample of entries) */
  products: number;
  worst: number;
  infinite?: string;
}

type Vec = Float64Array;

const column = (v: ArrayLike<number>): F32Matrix => toF32({ rows: v.length, cols: 1, data: Float64Array.from(v) });
const row = (v: ArrayLike<number>): F32Matrix => toF32({ rows: 1, cols: v.length, data: Float64Array.from(v) });

/** f32 product on the gpu.js tier, cross-checked against f64 on sampled entries when asked. */
async function product(A: F32Matrix, B: F32Matrix, cross?: CrossTally): Promise<F32Matrix> {
  const C = await matmul(A, B);
  if (cross) {
    const c = sampledProductCheck(C, A, B, cross.seed + cross.products++);
    if (c.worstRatio > cross.worst) cross.worst = c.worstRatio;
    cross.infinite ??= c.infinite;
  }
  return C;
}

/**
 * ⟨l rᵀ, N(X)⟩ = lᵀ N(X) r for the cubic Newton–Schulz step N(X) = 1.5X − 0.5·XXᵀX, without forming
 * N(X): three f32 matrix–vector products w₁ = Xr, w₂ = Xᵀw₁ (as the row w₁ᵀX), w₃ = Xw₂, then
 * lᵀN(X)r = 1.5·lᵀw₁ − 0.5·lᵀw₃ contracted in f64. O(n²) per evaluation instead of the O(n³) of the
 * two dense products XXᵀ and (XXᵀ)X: the costliest heavy check went from 13 min at n = 4096 to seconds,
 * with the same f32 arithmetic per entry (each wᵢ entry is a length-n f32 dot product, as in the dense
 * product) and so the same noise model.
 */
async function contractedNewtonSchulz(X: F32Matrix, l: Vec, r: Vec, cross?: CrossTally): Promise<number> {
  const w1 = await product(X, column(r), cross);
  const w2 = await product(row(w1.data), X, cross);
  const w3 = await product(X, column(w2.data), cross);
  return 1.5 * dot(l, w1.data) - 0.5 * dot(l, w3.data);
}

/**
 * At an orthogonal P, N fixes P and its derivative is the projection onto the tangent space, which
 * equals DOrtho(P); so ⟨l rᵀ, (N(P + hE) − N(P − hE)) / 2h⟩ = ⟨l rᵀ, DOrtho(P)[E]⟩ + O(h²), for a
 * rank-one direction E = a bᵀ.
 */
async function contractedDerivative(
  P: F64Matrix,
  a: Vec,
  b: Vec,
  l: Vec,
  r: Vec,
  h: number,
  cross?: CrossTally,
): Promise<number> {
  const n = P.cols;
  const shifted = (sign: number) =>
    toF32({ rows: P.rows, cols: n, data: P.data.map((p, k) => p + sign * h * a[Math.floor(k / n)] * b[k % n]) });
  const plus = await contractedNewtonSchulz(shifted(+1), l, r, cross);
  const minus = await contractedNewtonSchulz(shifted(-1), l, r);
  return (plus - minus) / (2 * h);
}

/**
 * Jacobian (a)symmetry of Ortho at a dense n×n orthogonal P on gpu.js in f32:
 * a = ⟨E₂, DOrtho[E₁]⟩ − ⟨E₁, DOrtho[E₂]⟩, relative to |⟨E₂,DF E₁⟩| + |⟨E₁,DF E₂⟩|.
 * Directions: E₁ = u vᵀ (u, v random unit vectors) is the document's e_a e_bᵀ in a random basis, and
 * E₂ = P E₁ᵀ P = (Pv)(Pᵀu)ᵀ is its transposed partner transported to P (at G = I: e_b e_aᵀ). Both are
 * rank one with ‖E‖₂ = ‖E‖_F = 1, so every contraction is a matrix–vector product (see
 * contractedNewtonSchulz). The document's ±½ predicts |a| / scale ≈ 1 here (DOrtho(P)[E₁] = ½(E₁ − E₂), so
 * ⟨E₂, DF E₁⟩ = ½(⟨E₂,E₁⟩ − 1) ≈ −½: scale ≈ 1).
 * Noise level: worst-case normwise f32 bounds (γ_n·n^{3/2}/h) exceed 1 here and decide nothing, so the
 * level is the probabilistic rounding model of Higham & Mary (2019), error ≈ λ·√n·u per length-n dot
 * product, λ = 4: relative asymmetry noise ≈ 4·u32·√n / h / scale. Truncation: N is cubic, so the central
 * difference errs by exactly −½h²·EEᵀE, and |⟨E₂, E₁E₁ᵀE₁⟩| ≤ ‖E₂‖_*‖E₁‖₂³ = 1 (likewise swapped):
 * at most h² on the difference, h²/scale relative.
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
  const u = randomUnitVector(mulberry32(seed + 1), n),
    v = randomUnitVector(mulberry32(seed + 2), n);
  // E₂ = p qᵀ with p = Pv, q = Pᵀu, in f64 (O(n²)): the directions are the question, exact to f64.
  const p = matmulF64(P, { rows: n, cols: 1, data: v }).data,
    q = matmulF64({ rows: 1, cols: n, data: u }, P).data;
  const h = 2 ** -7;
  const cross: CrossTally = { seed, products: 0, worst: 0 };
  const a12 = await contractedDerivative(P, u, v, p, q, h, cross); // ⟨E₂, DF[E₁]⟩
  const a21 = await contractedDerivative(P, p, q, u, v, h); // ⟨E₁, DF[E₂]⟩
  const scale = Math.abs(a12) + Math.abs(a21);
  const noise = centralDifferenceError({
    h,
    truncation: (h * h) / scale,
    roundoff: (4 * U32 * Math.sqrt(n)) / h / scale,
    safety: 1,
    how: 'relative to |⟨E₂,DF E₁⟩| + |⟨E₁,DF E₂⟩|: truncation ½h²(|⟨E₂,E₁E₁ᵀE₁⟩| + |⟨E₁,E₂E₂ᵀE₂⟩|) ≤ h² for rank-one unit directions; cancellation λ√n·u32/h with λ = 4, the probabilistic rounding model of Higham & Mary (2019) for length-n f32 dot products (worst-case bounds γ_n·n^{3/2}/h exceed 1 here and decide nothing)',
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
      what: 'f32 Xr, (Xr)ᵀX and X(XᵀXr) vs f64 on 3×256 sampled entries: worst |error| / γ_{n+2}(|A||B|)_ij',
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
