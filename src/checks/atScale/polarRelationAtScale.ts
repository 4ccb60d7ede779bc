import { acrossSizes, atScaleShapes } from './heavySizes.js';
import { gamma, gramAAt, getGpu, matmul, toF32, U64, type F64Matrix } from '../../gpu/index.js';
import { compute } from '../../engine/verify/checks/compute.js';
import { withControl } from '../../engine/verify/checks/control.js';
import { f32Kernel, tolerance, type Tolerance } from '../../engine/verify/tolerance.js';
import { boundOf, type Measurement } from '../../engine/verify/checks/measurement.js';
import type { Check, Series } from '../../engine/verify/types.js';
import { distanceToIdentity, frobenius, frobeniusDiff, frobeniusInnerFlat, transposeF64 } from './flat.js';
import { crossCheckRatioTolerance, sampledProductCheck } from './sampledCrossCheck.js';
import { geometricSigma, syntheticSvd } from './syntheticSvd.js';
import { REFLECTOR_CONSTRUCTION_FACTOR, REFLECTOR_CONSTRUCTION_WHY } from './householder.js';

/**
 * ‖X − Xᵀ‖_F/(‖G‖_F‖P‖_F) for an n×n f32 product X (H = GPᵀ or K = PᵀG) whose exact value is symmetric:
 * fl(X) is within γ_{n+2}‖G‖_F‖P‖_F of it (Higham Lemma 3.1), and so is its transpose.
 */
export function symmetryTolerance(n: number, X: string): Tolerance {
  return f32Kernel({
    k: n + 2,
    magnitude: 1,
    safety: 2,
    magnitudeName: `1, the normalisation by ‖G‖_F‖P‖_F (fl(${X}) and its transpose are each within γ‖G‖_F‖P‖_F of the exact, symmetric ${X})`,
  });
}

/**
 * ‖X² − Gram‖_F/(‖G‖_F‖P‖_F)² for three f32 products (X, X·X and the Gram matrix): ‖fl(X)² − X²‖ ≤ (2γ + γ²)a²,
 * the product X·X adds γ(1 + γ)²a², the Gram matrix γa² (a = ‖G‖_F‖P‖_F ≥ ‖X‖_F, ‖G‖_F): 4γ(1 + γ) ≤ 4.04γ.
 */
export function squareRootTolerance(n: number, X: string, gram: string): Tolerance {
  return f32Kernel({
    k: n + 2,
    magnitude: 1,
    safety: 4.04,
    magnitudeName: `1, the normalisation by (‖G‖_F‖P‖_F)² (three f32 products ${X}, ${X}·${X} and ${gram}: (2γ + γ²) + γ(1 + γ)² + γ ≤ 4γ(1 + γ) ≤ 4.04γ)`,
  });
}

/**
 * |tr X − Σσ| < 2σ_min proves X ⪰ 0: X symmetric with X² = the Gram matrix has eigenvalues ±σᵢ, and one
 * sign −σᵢ would move tr X by 2σᵢ ≥ 2σ_min. The trace is taken in f64 from the f64 construction.
 */
export function psdMargin(sigmaMin: number, X: string): Tolerance {
  return tolerance(
    2 * sigmaMin,
    `2σ_min: ${X} symmetric with ${X}² = the Gram matrix has eigenvalues ±σᵢ, and a sign −σᵢ would move tr ${X} by 2σᵢ ≥ 2σ_min; tr ${X} = ⟨G, P⟩_F is computed in f64, whose errors (≲ ${REFLECTOR_CONSTRUCTION_FACTOR}·n·u64·‖G‖_F‖P‖_F) are far below σ_min`,
  );
}

/**
 * What both polar relations (this one and rightPolarRelationAtScale) start from: G = UΣVᵀ with
 * geometric σ (condition κ), the candidate factor P; G and Pᵀ in f32; |tr(GᵀP) − Σσ| in f64 (the trace
 * of H = GPᵀ and of K = PᵀG alike); and where it ran, for each measurement's detail.
 */
export async function polarRelationCase(n: number, kappa: number, seed: number, candidate: PolarCandidate) {
  const { backend, label } = await getGpu();
  const sigma = geometricSigma(n, kappa);
  const s = candidateOf(syntheticSvd(n, sigma, seed), candidate);
  return {
    sigma,
    s,
    G: toF32(s.G),
    Pt: toF32(transposeF64(s.P) as F64Matrix),
    traceGap: Math.abs(frobeniusInnerFlat(s.G, s.P) - sigma.reduce((x, y) => x + y, 0)),
    where: { n, kappa, backend: label, gpuBackend: backend },
  };
}

/**
 * (GGᵀ)^{-1/2}G = P for square full-rank G and orthogonal P ⇔ H := GPᵀ is symmetric positive
 * semi-definite with H² = GGᵀ (the PSD square root is unique). Checking that costs four f32
 * products on gpu.js, where a direct inverse square root at n = 1024 would need an O(n³)
 * eigensolver in JavaScript. H² = GGᵀ and symmetry leave H's eigenvalues ±σᵢ; tr H = Σσᵢ
 * (to within 2σ_min) rules out every minus sign, i.e. proves H ⪰ 0.
 *
 * `candidate` is the factor the relation is checked for: the claim's P = UVᵀ, or, for the check's
 * negative control, its transpose VUᵀ (a dropped transpose), which is just as orthogonal but makes
 * H = GP = USVᵀUVᵀ non-symmetric and moves tr H off Σσ.
 */
export async function polarRelationAtScale(
  n: number,
  kappa: number,
  seed: number,
  candidate: PolarCandidate = 'UVᵀ',
): Promise<Measurement[]> {
  const { sigma, s, G, Pt, traceGap, where } = await polarRelationCase(n, kappa, seed, candidate);
  const P = toF32(s.P);
  const H = await matmul(G, Pt);
  const HH = await matmul(H, H);
  const GGt = await gramAAt(G);
  const PPt = await gramAAt(P);
  const a = frobenius(G) * frobenius(P);
  const cross = sampledProductCheck(H, G, Pt, seed);
  const orthogonality = tolerance(
    gamma(n + 2) + REFLECTOR_CONSTRUCTION_FACTOR * n * U64,
    `γ_{n+2}(u32) + ${REFLECTOR_CONSTRUCTION_FACTOR}·n·u64: the f32 product PPᵀ errs by ≤ γ_{n+2}‖P‖_F² (Higham Lemma 3.1, u32 = 2^-24), and P = UVᵀ is orthogonal up to its construction: ${REFLECTOR_CONSTRUCTION_WHY}`,
  );
  return [
    {
      value: cross.worstRatio,
      tolerance: crossCheckRatioTolerance(),
      infinite: cross.infinite,
      detail: {
        ...where,
        what: 'f32 H = GPᵀ vs f64 on 256 sampled entries: worst |error|/γ_{n+2}(|G||Pᵀ|)_ij',
        worstError: cross.worstError,
      },
    },
    {
      value: frobeniusDiff(H, H, true) / a,
      tolerance: symmetryTolerance(n, 'H'),
      detail: { ...where, what: '‖H − Hᵀ‖_F / (‖G‖_F‖P‖_F) ≤ 2γ_{n+2}: H is symmetric' },
    },
    {
      value: frobeniusDiff(HH, GGt) / (a * a),
      tolerance: squareRootTolerance(n, 'H', 'GGᵀ'),
      detail: { ...where, what: SQUARE_ROOT_WHAT },
    },
    {
      value: distanceToIdentity(PPt) / frobenius(P) ** 2,
      tolerance: orthogonality,
      detail: {
        ...where,
        what: "‖PPᵀ − I‖_F / ‖P‖_F² ≤ γ_{n+2} + 10³·n·u64 (P orthogonal in f64 to 4 reflectors' roundoff)",
      },
    },
    {
      value: traceGap,
      tolerance: psdMargin(sigma[n - 1], 'H'),
      detail: { ...where, what: '|tr(GPᵀ) − Σσ| < 2σ_min (f64): no eigenvalue of H is −σᵢ, so H ⪰ 0' },
    },
  ];
}

const SQUARE_ROOT_WHAT = '‖H² − GGᵀ‖_F / (‖G‖_F‖P‖_F)² ≤ 4γ_{n+2}(1+γ): H is a square root of GGᵀ';

/**
 * The plot of the check: the f32 products' normwise error in H² = GGᵀ (three gpu.js products)
 * against its stated bound 4.04·γ_{n+2}, one point per size run (n = 1024; 2048 and 4096 too with
 * --heavy). Built from the measurements after they were judged.
 */
export function squareRootErrorSeries(ms: Measurement[]): Series[] {
  const rows = ms.flatMap((m) => {
    const d = m.detail as { n?: unknown; what?: unknown; backend?: unknown } | undefined;
    return d && typeof d === 'object' && d.what === SQUARE_ROOT_WHAT && typeof d.n === 'number'
      ? [{ n: d.n, m, backend: String(d.backend ?? 'gpu.js') }]
      : [];
  });
  if (rows.length === 0) return [];
  return [
    {
      name: 'f32 products on gpu.js: normwise error of H² = GGᵀ against the stated bound, per n',
      kind: 'points',
      x: 'n',
      y: '‖H² − GGᵀ‖_F / (‖G‖_F‖P‖_F)²',
      xScale: 'log',
      yScale: 'log',
      points: rows.map((r) => ({ x: r.n, y: r.m.value, group: `measured (f32, ${r.backend})` })),
      reference: rows.map((r) => ({ x: r.n, y: boundOf(r.m) })),
      referenceName: 'stated bound 4.04·γ_{n+2} (u = 2⁻²⁴)',
      referenceMark: rows.length > 1 ? 'line' : 'points',
    },
  ];
}

/** The orthogonal factor a polar relation is checked for: the true UVᵀ, or the control's transpose. */
export type PolarCandidate = 'UVᵀ' | 'VUᵀ';
export const TRANSPOSED_FACTOR_CONTROL = 'the claimed factor transposed: VUᵀ for UVᵀ (a dropped transpose)';

/** The synthetic SVD with P replaced by the candidate factor (G, σ unchanged). */
function candidateOf<S extends { P: F64Matrix }>(s: S, candidate: PolarCandidate): S {
  return candidate === 'UVᵀ' ? s : { ...s, P: transposeF64(s.P) as F64Matrix };
}

/**
 * A polar-relation check at n (and the heavy sizes with --heavy) with its negative control: the same
 * measurements for VUᵀ at n only — one size shows the measurements can fail; the heavy sizes would
 * only repeat it. Shared by the left (H = GPᵀ) and right (K = PᵀG) relations.
 */
export function polarRelationCheckWithControl(
  name: string,
  n: number,
  measure: (size: number, seed: number, candidate: PolarCandidate) => Promise<Measurement[]>,
  series?: (ms: Measurement[]) => Series[],
): Check {
  return withControl(
    compute({
      name,
      backend: 'gpu.js-f32',
      sizes: atScaleShapes(n, n),
      run: (ctx) => acrossSizes(ctx, n, (size) => measure(size, ctx.seed, 'UVᵀ')),
      ...(series ? { series } : {}),
    }),
    TRANSPOSED_FACTOR_CONTROL,
    compute({
      name: `${name} [control: VUᵀ]`,
      backend: 'gpu.js-f32',
      sizes: [[n, n]],
      run: (ctx) => measure(n, ctx.seed, 'VUᵀ'),
    }),
  );
}

export function polarRelationAtScaleCheck(name: string, n: number, kappa: number): Check {
  return polarRelationCheckWithControl(
    name,
    n,
    (size, seed, candidate) => polarRelationAtScale(size, kappa, seed, candidate),
    squareRootErrorSeries,
  );
}
