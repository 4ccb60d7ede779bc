import { Matrix, QrDecomposition } from 'ml-matrix';
import { gaussianArray, mulberry32 } from './prng.js';

/**
 * A Haar-distributed n×k matrix with orthonormal columns: QR of a Gaussian matrix with the signs of
 * R's diagonal moved into Q (Mezzadri, "How to generate random matrices from the classical compact groups").
 */
export function haarOrthonormal(n: number, k: number, seed: number): Matrix {
  const g = gaussianArray(mulberry32(seed), n * k);
  const A = new Matrix(n, k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) A.set(i, j, g[i * k + j]);
  const qr = new QrDecomposition(A);
  const Q = qr.orthogonalMatrix.subMatrix(0, n - 1, 0, k - 1);
  const R = qr.upperTriangularMatrix;
  for (let j = 0; j < k; j++) if (R.get(j, j) < 0) for (let i = 0; i < n; i++) Q.set(i, j, -Q.get(i, j));
  return Q;
}

/**
 * Q = H₁H₂⋯H_k, a product of k random Householder reflectors H = I − 2vvᵀ. Dense and exactly
 * orthogonal up to roundoff, and costs O(k n²) instead of QR's O(n³): the way large test matrices
 * (n ≥ 1024) get known singular vectors on a 2-core machine.
 */
export function householderOrthogonal(n: number, reflectors: number, seed: number): Float64Array {
  const rng = mulberry32(seed);
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let r = 0; r < reflectors; r++) {
    gaussianArray(rng, n, v);
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) v[i] /= norm;
    // Q ← Q H = Q − 2 (Q v) vᵀ
    w.fill(0);
    for (let i = 0; i < n; i++) { let s = 0; const row = i * n; for (let j = 0; j < n; j++) s += Q[row + j] * v[j]; w[i] = s; }
    for (let i = 0; i < n; i++) { const c = 2 * w[i]; const row = i * n; for (let j = 0; j < n; j++) Q[row + j] -= c * v[j]; }
  }
  return Q;
}
