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
