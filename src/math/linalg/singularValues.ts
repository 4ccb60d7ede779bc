import { Matrix } from 'ml-matrix';
import { U64 } from '../roundoff.js';

/**
 * Singular values only (descending) of a dense real m×n matrix in f64, fast enough for n ≤ 1024
 * (ml-matrix's SVD, which also forms U and V through `get`/`set` when asked to, takes seconds at
 * n = 512). Measured on the shared 2-core machine (process CPU time, square Gaussian-like G):
 * n = 256 ≈ 0.05 s, 512 ≈ 0.22 s, 1024 ≈ 1.6 s; ml-matrix's SVD without vectors ≈ 0.08 / 0.76 /
 * 6.2 s, with U and V (thinSvd) ≈ 0.58 / 2.5 s at 256 / 512. The bidiagonalization is scalar JS at
 * ≈ 2 GFlop/s; its dot products use four partial sums and the bisection counts four shifts per pass,
 * because both are latency-bound chains (a fused one-sweep-per-column variant of the reduction was
 * not faster: the loops are compute-bound, not memory-bound).
 *
 * Algorithm (Golub & Van Loan, Matrix Computations, 4th ed., §5.4.8 and §8.6; LAPACK dgebd2 and
 * dstebz):
 *  1. Scale by a power of two so the largest |entry| is in [1, 2) (exact; keeps squares in range;
 *     non-finite entries are refused, since bisection would not terminate on NaN).
 *  2. If m < n, work on Aᵀ (same singular values). If m ≥ 1.6·n (LAPACK's crossover for values
 *     only), first reduce A to the n×n triangular R of a Householder QR (A = QR: same σ), which
 *     halves the work for tall matrices.
 *  3. Householder (Golub–Kahan) bidiagonalization B = Q₁ᵀ A Q₂ on a flat row-major Float64Array:
 *     every reflector is applied by sweeping contiguous rows (w ← vᵀA as a sum of rows, then a rank-1
 *     update row by row), so the inner loops are stride-1.
 *  4. Singular values of the upper bidiagonal B (diagonal d, superdiagonal e) by bisection on the
 *     Golub–Kahan tridiagonal T_GK (2n×2n, zero diagonal, off-diagonal d₁, e₁, d₂, …, d_n), whose
 *     eigenvalues are ±σᵢ: the Sturm count of T_GK − xI (pivots of its LDLᵀ) is
 *     n + #{σᵢ < x} for x > 0. Bisection splits intervals recursively so clusters share the work,
 *     and halves geometrically once the lower end is positive (a σ of any magnitude is found in
 *     a few dozen counts).
 *
 * Why it is accurate:
 *  - Step 3 is normwise backward stable: the computed B is the exact bidiagonal of A + ΔA with
 *    ‖ΔA‖₂ ≤ c(m, n)·u·‖A‖₂, c a low-degree polynomial, ≈ n in practice (Higham, Accuracy and
 *    Stability of Numerical Algorithms, 2nd ed., §19.3, Thm 19.4; the same holds for the QR in
 *    step 2). By Weyl's inequality each |σᵢ(A + ΔA) − σᵢ(A)| ≤ ‖ΔA‖₂.
 *  - Step 4 has high RELATIVE accuracy: in IEEE arithmetic the computed Sturm count of the
 *    zero-diagonal T_GK is the exact count for a T_GK whose off-diagonals carry relative
 *    perturbations of a few u (the rounding of each pivot −x − z²/d is absorbed by a diagonal
 *    congruence, which preserves inertia), and a relative perturbation η of every entry of a
 *    bidiagonal moves every σ by a relative ≤ (2n − 1)·η (Demmel & Kahan, "Accurate singular values
 *    of bidiagonal matrices", SIAM J. Sci. Stat. Comput. 11 (1990); K. V. Fernando, "Accurately
 *    counting singular values of bidiagonal matrices and eigenvalues of skew-symmetric tridiagonal
 *    matrices", SIAM J. Matrix Anal. Appl. 20 (1998); Demmel, Applied Numerical Linear Algebra,
 *    §5.4). Bisection stops at a relative width of 4u, so σ(B) are computed to a relative O(n·u).
 *  Together: |σ̂ᵢ − σᵢ(A)| ≲ c·n·u·σ₁(A) for every i, the same guarantee as LAPACK's dgesvd; a
 *  bidiagonal input passes step 3 unchanged (every reflector is the identity) and keeps relative
 *  accuracy even for its tiny singular values.
 *  Limits: singular values below ~2^-1000·max|aᵢⱼ| (near the underflow threshold of the scaled
 *  problem) are accurate only absolutely, and exact zero singular values of a bidiagonal come back
 *  as ≤ 2^-1000·max|aᵢⱼ| rather than 0 (both far below u·σ₁).
 *
 * Cost: 4mn² − 4n³/3 flops for the bidiagonalization (8n³/3 for square), O(n²·60) for bisection.
 */
export function singularValues(A: Matrix | Float64Array, m?: number, n?: number): Float64Array {
  let rows: number, cols: number, data: Float64Array;
  if (A instanceof Float64Array) {
    if (m === undefined || n === undefined || !Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 0) {
      throw new RangeError('singularValues(Float64Array, m, n) needs the integer shape m × n');
    }
    if (A.length !== m * n)
      throw new RangeError(`singularValues: data has ${A.length} entries, expected m·n = ${m}·${n} = ${m * n}`);
    rows = m;
    cols = n;
    data = A;
  } else {
    rows = A.rows;
    cols = A.columns;
    data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const r = A.getRow(i);
      for (let j = 0; j < cols; j++) data[i * cols + j] = r[j];
    }
  }
  const p = Math.min(rows, cols);
  if (p === 0) return new Float64Array(0);

  // 1. exact power-of-two scaling; reject non-finite input (bisection would not terminate on NaN).
  let amax = 0;
  for (let k = 0; k < data.length; k++) {
    const a = Math.abs(data[k]);
    if (!(a <= Number.MAX_VALUE)) throw new RangeError(`singularValues: non-finite entry ${data[k]} at index ${k}`);
    if (a > amax) amax = a;
  }
  if (amax === 0) return new Float64Array(p);
  let e2 = Math.floor(Math.log2(amax)); // Math.log2 may round across a power of two: fix it
  if (scaleBy(amax, -e2) >= 2) e2++;
  else if (scaleBy(amax, -e2) < 1) e2--;

  const f1 = 2 ** Math.trunc(-e2 / 2),
    f2 = 2 ** (-e2 - Math.trunc(-e2 / 2)); // scaleBy(·, −e2)

  // 2. a working copy, tall (M ≥ N), scaled
  let M = rows,
    N = cols;
  let W = new Float64Array(rows * cols);
  if (rows >= cols) {
    for (let k = 0; k < W.length; k++) W[k] = data[k] * f1 * f2;
  } else {
    M = cols;
    N = rows;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) W[j * rows + i] = data[i * cols + j] * f1 * f2;
  }
  if (M >= 1.6 * N && N > 1) {
    householderQrInPlace(W, M, N);
    const R = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = i; j < N; j++) R[i * N + j] = W[i * N + j];
    W = R;
    M = N;
  }

  // 3. bidiagonalize
  const d = new Float64Array(N),
    e = new Float64Array(Math.max(N - 1, 0));
  bidiagonalizeInPlace(W, M, N, d, e);

  // 4. bidiagonal singular values by bisection
  const s = bidiagonalSingularValues(d, e);
  for (let k = 0; k < s.length; k++) s[k] = scaleBy(s[k], e2);
  return s;
}

/** x·2^k for |k| ≤ 2100, in two exact power-of-two steps so no factor overflows or underflows. */
function scaleBy(x: number, k: number): number {
  const h = Math.trunc(k / 2);
  return x * 2 ** h * 2 ** (k - h);
}

/**
 * LAPACK dlarfg on a gathered vector x[0..len): returns (beta, tau) and overwrites x[1..] with
 * v[1..] (v[0] = 1) so that (I − τvvᵀ)x = beta·e₁. τ = 0 (H = I) when x[1..] = 0.
 */
function householderVector(x: Float64Array, len: number): { beta: number; tau: number } {
  const alpha = x[0];
  let scale = 0;
  for (let i = 1; i < len; i++) {
    const a = Math.abs(x[i]);
    if (a > scale) scale = a;
  }
  if (scale === 0) return { beta: alpha, tau: 0 };
  let ss = 0;
  for (let i = 1; i < len; i++) {
    const t = x[i] / scale;
    ss += t * t;
  }
  const xnorm = scale * Math.sqrt(ss);
  const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, xnorm);
  const tau = (beta - alpha) / beta;
  const f = 1 / (alpha - beta);
  for (let i = 1; i < len; i++) x[i] *= f;
  x[0] = 1;
  return { beta, tau };
}

/**
 * Apply H = I − τvvᵀ (v of length M − r, acting on rows r..M−1) from the left to columns c0..N−1
 * of the row-major M×N matrix W, row-wise: w = Σᵢ vᵢ·W[r+i, c0:], then W[r+i, c0:] −= τvᵢ·w.
 */
function applyLeft(
  W: Float64Array,
  M: number,
  N: number,
  r: number,
  c0: number,
  v: Float64Array,
  tau: number,
  w: Float64Array,
): void {
  const len = N - c0;
  if (len <= 0 || tau === 0) return;
  w.fill(0, 0, len);
  for (let i = r; i < M; i++) {
    const vi = v[i - r];
    if (vi === 0) continue;
    const base = i * N + c0;
    for (let j = 0; j < len; j++) w[j] += vi * W[base + j];
  }
  for (let i = r; i < M; i++) {
    const c = tau * v[i - r];
    if (c === 0) continue;
    const base = i * N + c0;
    for (let j = 0; j < len; j++) W[base + j] -= c * w[j];
  }
}

/** Householder QR, R left in the upper triangle of W (M ≥ N); Q is not formed. */
function householderQrInPlace(W: Float64Array, M: number, N: number): void {
  const v = new Float64Array(M),
    w = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    const len = M - k;
    for (let i = 0; i < len; i++) v[i] = W[(k + i) * N + k];
    const { beta, tau } = householderVector(v, len);
    W[k * N + k] = beta;
    for (let i = k + 1; i < M; i++) W[i * N + k] = 0;
    applyLeft(W, M, N, k, k + 1, v, tau, w);
  }
}

/**
 * Golub–Kahan bidiagonalization (LAPACK dgebd2 for M ≥ N): B has diagonal d and superdiagonal e.
 * Step k makes two sweeps over the trailing rows: (1) w = vᵀ·W for the left reflector; then row k
 * is updated alone, which fixes the right reflector; (2) each trailing row gets the left rank-1
 * update and, while it is in cache, the right reflector (a dot product and an axpy).
 */
function bidiagonalizeInPlace(W: Float64Array, M: number, N: number, d: Float64Array, e: Float64Array): void {
  const v = new Float64Array(M),
    w = new Float64Array(N),
    vr = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    // left reflector: annihilate W[k+1:M, k]
    const len = M - k;
    for (let i = 0; i < len; i++) v[i] = W[(k + i) * N + k];
    const L = householderVector(v, len);
    d[k] = L.beta;
    if (k === N - 1) break;
    const rlen = N - k - 1,
      c0 = k + 1,
      tauL = L.tau;
    // sweep 1: w = Σᵢ vᵢ·W[k+i, k+1:]
    w.fill(0, 0, rlen);
    if (tauL !== 0) {
      let i = 0;
      for (; i + 3 < len; i += 4) {
        // four rows at a time: a quarter of the traffic on w
        const v0 = v[i],
          v1 = v[i + 1],
          v2 = v[i + 2],
          v3 = v[i + 3];
        const b0 = (k + i) * N + c0,
          b1 = b0 + N,
          b2 = b1 + N,
          b3 = b2 + N;
        for (let j = 0; j < rlen; j++) w[j] += v0 * W[b0 + j] + v1 * W[b1 + j] + v2 * W[b2 + j] + v3 * W[b3 + j];
      }
      for (; i < len; i++) {
        const vi = v[i],
          base = (k + i) * N + c0;
        for (let j = 0; j < rlen; j++) w[j] += vi * W[base + j];
      }
    }
    // row k after the left reflector (v₀ = 1), then the right reflector annihilating W[k, k+2:N]
    const rowk = k * N + c0;
    for (let j = 0; j < rlen; j++) vr[j] = W[rowk + j] - tauL * w[j];
    const R = householderVector(vr, rlen);
    e[k] = R.beta;
    const tauR = R.tau;
    // sweep 2: rows k+1..M−1 get the left update, then the right reflector
    for (let i = 1; i < len; i++) {
      const base = (k + i) * N + c0;
      const c = tauL * v[i];
      // four partial sums: a single accumulator would make the loop wait on the add latency
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0,
        j = 0;
      if (c !== 0) {
        for (; j + 3 < rlen; j += 4) {
          const b = base + j;
          const x0 = W[b] - c * w[j],
            x1 = W[b + 1] - c * w[j + 1],
            x2 = W[b + 2] - c * w[j + 2],
            x3 = W[b + 3] - c * w[j + 3];
          W[b] = x0;
          W[b + 1] = x1;
          W[b + 2] = x2;
          W[b + 3] = x3;
          s0 += x0 * vr[j];
          s1 += x1 * vr[j + 1];
          s2 += x2 * vr[j + 2];
          s3 += x3 * vr[j + 3];
        }
        for (; j < rlen; j++) {
          const x = W[base + j] - c * w[j];
          W[base + j] = x;
          s0 += x * vr[j];
        }
      } else {
        for (; j + 3 < rlen; j += 4) {
          const b = base + j;
          s0 += W[b] * vr[j];
          s1 += W[b + 1] * vr[j + 1];
          s2 += W[b + 2] * vr[j + 2];
          s3 += W[b + 3] * vr[j + 3];
        }
        for (; j < rlen; j++) s0 += W[base + j] * vr[j];
      }
      let s = s0 + s1 + (s2 + s3);
      s *= tauR;
      if (s !== 0) for (let j = 0; j < rlen; j++) W[base + j] -= s * vr[j];
    }
  }
}

/**
 * Singular values (descending) of the upper bidiagonal with diagonal d and superdiagonal e, by
 * bisection with the Sturm count of the Golub–Kahan tridiagonal (see the header for the accuracy
 * argument). Entries are assumed scaled to max |·| ≲ 2 by the caller.
 */
export function bidiagonalSingularValues(d: Float64Array, e: Float64Array): Float64Array {
  const n = d.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (n === 1) {
    out[0] = Math.abs(d[0]);
    return out;
  }
  // off-diagonals of T_GK: |d₁|, |e₁|, |d₂|, …, |d_n|
  const z = new Float64Array(2 * n - 1);
  let zmax = 0,
    upper = 0;
  for (let i = 0; i < n; i++) {
    z[2 * i] = Math.abs(d[i]);
    if (i < n - 1) z[2 * i + 1] = Math.abs(e[i]);
    zmax = Math.max(zmax, Math.abs(d[i]), i < n - 1 ? Math.abs(e[i]) : 0);
    // Gershgorin on T_GK: row sums |e_{i-1}| + |d_i| and |d_i| + |e_i|
    const left = i > 0 ? Math.abs(e[i - 1]) : 0,
      right = i < n - 1 ? Math.abs(e[i]) : 0;
    upper = Math.max(upper, Math.abs(d[i]) + Math.max(left, right));
  }
  if (zmax === 0) return out;
  upper *= 1 + 8 * 2 ** -52;
  const pivmin = 2 ** -1022 * Math.max(1, zmax * zmax); // LAPACK dstebz's pivot floor
  const absTol = 2 ** -1000 * zmax; // below this an interval is not split further (exact zeros)
  const relTol = 4 * U64;

  // count of σ < x (x > 0): negative pivots of T_GK − xI minus n. The pivot update is written
  // −x − z·(z/piv), not −x − z²/piv: z² would underflow for z < 1e-154 and lose those σ's relative
  // accuracy, while z/piv stays in range wherever the term matters next to x (an overflow to −∞
  // is harmless: the next quotient is −0). Both roundings are relative perturbations of z².
  // Four shifts are counted in one pass: each count is a chain of dependent divisions (latency-
  // bound), so interleaving independent chains runs them in parallel on the FPU.
  const m2 = 2 * n - 1;
  const counts = new Int32Array(4);
  const countBelow4 = (x0: number, x1: number, x2: number, x3: number): void => {
    let p0 = -x0,
      p1 = -x1,
      p2 = -x2,
      p3 = -x3;
    if (Math.abs(p0) < pivmin) p0 = -pivmin;
    if (Math.abs(p1) < pivmin) p1 = -pivmin;
    if (Math.abs(p2) < pivmin) p2 = -pivmin;
    if (Math.abs(p3) < pivmin) p3 = -pivmin;
    let n0 = p0 < 0 ? 1 : 0,
      n1 = p1 < 0 ? 1 : 0,
      n2 = p2 < 0 ? 1 : 0,
      n3 = p3 < 0 ? 1 : 0;
    for (let k = 0; k < m2; k++) {
      const zk = z[k];
      p0 = -x0 - zk * (zk / p0);
      p1 = -x1 - zk * (zk / p1);
      p2 = -x2 - zk * (zk / p2);
      p3 = -x3 - zk * (zk / p3);
      if (Math.abs(p0) < pivmin) p0 = -pivmin;
      if (Math.abs(p1) < pivmin) p1 = -pivmin;
      if (Math.abs(p2) < pivmin) p2 = -pivmin;
      if (Math.abs(p3) < pivmin) p3 = -pivmin;
      if (p0 < 0) n0++;
      if (p1 < 0) n1++;
      if (p2 < 0) n2++;
      if (p3 < 0) n3++;
    }
    counts[0] = n0 - n;
    counts[1] = n1 - n;
    counts[2] = n2 - n;
    counts[3] = n3 - n;
  };

  // recursive interval splitting: [lo, hi) holds σ's with ranks (ascending) nlo .. nhi−1; up to
  // four intervals are split per pass
  let filled = 0;
  const asc = new Float64Array(n);
  const stack: number[] = [0, upper, 0, n];
  const bLo = new Float64Array(4),
    bHi = new Float64Array(4),
    bMid = new Float64Array(4);
  const bNlo = new Int32Array(4),
    bNhi = new Int32Array(4);
  while (stack.length) {
    let b = 0;
    while (b < 4 && stack.length) {
      const nhi = stack.pop()!,
        nlo = stack.pop()!,
        hi = stack.pop()!,
        lo = stack.pop()!;
      if (nhi <= nlo) continue;
      const width = hi - lo;
      const mid = lo > 0 && hi > 4 * lo ? Math.sqrt(lo) * Math.sqrt(hi) : lo + width / 2;
      if (width <= relTol * hi || hi <= absTol || mid <= lo || mid >= hi) {
        const val = lo + width / 2;
        for (let r = nlo; r < nhi; r++) asc[r] = val;
        filled += nhi - nlo;
        continue;
      }
      bLo[b] = lo;
      bHi[b] = hi;
      bMid[b] = mid;
      bNlo[b] = nlo;
      bNhi[b] = nhi;
      b++;
    }
    if (b === 0) continue;
    for (let t = b; t < 4; t++) bMid[t] = bMid[0]; // pad the batch (results unused)
    countBelow4(bMid[0], bMid[1], bMid[2], bMid[3]);
    for (let t = 0; t < b; t++) {
      const c = Math.min(Math.max(counts[t], bNlo[t]), bNhi[t]);
      stack.push(bMid[t], bHi[t], c, bNhi[t]);
      stack.push(bLo[t], bMid[t], bNlo[t], c);
    }
  }
  if (filled !== n) throw new Error(`bidiagonalSingularValues: internal error, ${filled} of ${n} values found`);
  for (let i = 0; i < n; i++) out[i] = asc[n - 1 - i];
  return out;
}
