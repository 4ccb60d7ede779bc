/**
 * Ortho(A) = UVᵀ for a small tall-or-square A (m ≥ n), row-major on a flat Float64Array, with no
 * allocation per call: the Monte Carlo claims need 10⁵–10⁶ polar factors of 4×3 matrices, where
 * ml-matrix's SVD (object allocation per call) would dominate the run time.
 *
 * One-sided Jacobi (Hestenes): rotate column pairs of W = A·V until they are orthogonal; then
 * W = UΣ and Ortho(A) = Σ_j (w_j/‖w_j‖) v_jᵀ. Unlike the Gram route A(AᵀA)^{-1/2} its error is
 * u·κ(A), not u·κ(A)² (Demmel & Veselić 1992), which matters for noisy draws near rank loss.
 */
export class PolarWorkspace {
  readonly W: Float64Array;
  readonly V: Float64Array;
  constructor(
    readonly m: number,
    readonly n: number,
  ) {
    if (m < n) throw new Error(`polarFlat needs m ≥ n, got ${m}×${n} (use Ortho(Aᵀ)ᵀ)`);
    this.W = new Float64Array(m * n);
    this.V = new Float64Array(n * n);
  }
}

/** Rotations stop when |w_pᵀw_q| ≤ tol·‖w_p‖‖w_q‖ for all pairs; tol = a few ulps. */
const ORTHO_TOL = 4 * 2 ** -52;
const MAX_SWEEPS = 60;

export function polarFlat(A: Float64Array, ws: PolarWorkspace, out: Float64Array): Float64Array {
  const { m, n, W, V } = ws;
  W.set(A.subarray(0, m * n));
  V.fill(0);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let rotated = true;
  for (let sweep = 0; rotated && sweep < MAX_SWEEPS; sweep++) {
    rotated = false;
    for (let p = 0; p < n - 1; p++)
      for (let q = p + 1; q < n; q++) {
        let alpha = 0,
          beta = 0,
          gamma = 0;
        for (let i = 0; i < m; i++) {
          const wp = W[i * n + p],
            wq = W[i * n + q];
          alpha += wp * wp;
          beta += wq * wq;
          gamma += wp * wq;
        }
        if (Math.abs(gamma) <= ORTHO_TOL * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t),
          s = c * t;
        for (let i = 0; i < m; i++) {
          const wp = W[i * n + p],
            wq = W[i * n + q];
          W[i * n + p] = c * wp - s * wq;
          W[i * n + q] = s * wp + c * wq;
        }
        for (let i = 0; i < n; i++) {
          const vp = V[i * n + p],
            vq = V[i * n + q];
          V[i * n + p] = c * vp - s * vq;
          V[i * n + q] = s * vp + c * vq;
        }
      }
  }
  // Normalise the columns of W (= UΣ → U); a zero column means A is rank deficient and Ortho(A)
  // is not unique, which no caller's hypotheses allow: fail loudly rather than return a guess.
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += W[i * n + j] * W[i * n + j];
    if (!(s > 0)) throw new Error('polarFlat: rank-deficient input, Ortho is not unique');
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < m; i++) W[i * n + j] *= inv;
  }
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < n; l++) s += W[i * n + l] * V[j * n + l];
      out[i * n + j] = s;
    }
  return out;
}
