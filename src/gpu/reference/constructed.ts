/**
 * Test matrices with prescribed singular values, built in f64:
 * G = U diag(s) Vᵀ with U, V from twice-orthogonalised Gaussian columns
 * (modified Gram–Schmidt applied twice: orthonormal to ~1e-15, Giraud et al.).
 */
import type { F64Matrix } from '../f32Matrix.js';
import { gaussianMatrix } from '../random.js';

/** m×n (m ≥ n) with orthonormal columns, stored row-major. */
export function randomOrthonormalColumns(m: number, n: number, seed: number): F64Matrix {
  if (n > m) throw new RangeError('randomOrthonormalColumns needs m ≥ n');
  const G = gaussianMatrix(m, n, seed);
  const q = G.data;
  for (let j = 0; j < n; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        let d = 0;
        for (let r = 0; r < m; r++) d += q[r * n + i]! * q[r * n + j]!;
        for (let r = 0; r < m; r++) q[r * n + j]! -= d * q[r * n + i]!;
      }
    }
    let s = 0;
    for (let r = 0; r < m; r++) s += q[r * n + j]! ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let r = 0; r < m; r++) q[r * n + j]! *= inv;
  }
  return G;
}

export interface ConstructedMatrix {
  G: F64Matrix;
  /** U (m×r) and V (n×r), r = min(m, n), orthonormal columns */
  U: F64Matrix;
  V: F64Matrix;
  /** prescribed singular values, in the order given */
  s: readonly number[];
  /** the polar factor U Vᵀ */
  polar: F64Matrix;
}

export function withSingularValues(m: number, n: number, s: readonly number[], seed: number): ConstructedMatrix {
  const r = Math.min(m, n);
  if (s.length !== r) throw new RangeError(`need ${r} singular values, got ${s.length}`);
  const U = randomOrthonormalColumns(m, r, seed);
  const V = randomOrthonormalColumns(n, r, seed + 7919);
  const G = new Float64Array(m * n);
  const P = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let g = 0;
      let p = 0;
      for (let k = 0; k < r; k++) {
        const uv = U.data[i * r + k]! * V.data[j * r + k]!;
        g += s[k]! * uv;
        p += uv;
      }
      G[i * n + j] = g;
      P[i * n + j] = p;
    }
  }
  return { G: { rows: m, cols: n, data: G }, U, V, s, polar: { rows: m, cols: n, data: P } };
}

/** r values spread geometrically over [lo, hi] (largest first). */
export function geometricSpectrum(r: number, hi: number, lo: number): number[] {
  if (r === 1) return [hi];
  return Array.from({ length: r }, (_, i) => hi * (lo / hi) ** (i / (r - 1)));
}
