import { U32 } from '../roundoff.js';
/**
 * Newton's polar iteration X ← ½(X + X^{-T}) in emulated binary32: every arithmetic result is rounded
 * with Math.fround, and the inverse is Gauss–Jordan with partial pivoting in the same arithmetic.
 * This is the f32 tier for an iteration that needs an inverse, which the gpu.js kernels do not offer;
 * it reproduces f32 rounding exactly (IEEE round-to-nearest on each operation, no fused multiply-add).
 */
const f = Math.fround;

/** X^{-1} of a square row-major n×n matrix in f32 arithmetic; null when a pivot is exactly 0. */
export function inverseF32(X: Float32Array, n: number): Float32Array | null {
  const A = Float32Array.from(X);
  const I = new Float32Array(n * n);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]) > Math.abs(A[p * n + c])) p = r;
    if (A[p * n + c] === 0) return null;
    if (p !== c)
      for (let j = 0; j < n; j++) {
        [A[c * n + j], A[p * n + j]] = [A[p * n + j], A[c * n + j]];
        [I[c * n + j], I[p * n + j]] = [I[p * n + j], I[c * n + j]];
      }
    const piv = A[c * n + c];
    for (let j = 0; j < n; j++) {
      A[c * n + j] = f(A[c * n + j] / piv);
      I[c * n + j] = f(I[c * n + j] / piv);
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const m = A[r * n + c];
      if (m === 0) continue;
      for (let j = 0; j < n; j++) {
        A[r * n + j] = f(A[r * n + j] - f(m * A[c * n + j]));
        I[r * n + j] = f(I[r * n + j] - f(m * I[c * n + j]));
      }
    }
  }
  return I;
}

export interface NewtonF32Run {
  /** Iterates (f32), X_0 = fl32(G/‖G‖_F). */
  iterates: Float32Array[];
  steps: number;
  converged: boolean;
}

/**
 * From X_0 = G/‖G‖_F (computed in f64, rounded once to f32) until successive iterates agree to
 * 4·n^{3/2}·u32 in Frobenius norm (the f32 analogue of the f64 run's stopping rule) or maxSteps.
 */
export function newtonPolarF32(G: Float64Array, n: number, maxSteps = 100): NewtonF32Run {
  let norm = 0;
  for (const g of G) norm += g * g;
  norm = Math.sqrt(norm);
  const iterates = [Float32Array.from(G, (g) => g / norm)];
  const stopTol = 4 * n * Math.sqrt(n) * U32;
  for (let k = 0; k < maxSteps; k++) {
    const X = iterates[iterates.length - 1];
    const inv = inverseF32(X, n);
    if (!inv) return { iterates, steps: k, converged: false };
    const next = new Float32Array(n * n);
    let d = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        next[i * n + j] = f(f(X[i * n + j] + inv[j * n + i]) * 0.5);
        d += (next[i * n + j] - X[i * n + j]) ** 2;
      }
    iterates.push(next);
    if (Math.sqrt(d) <= stopTol) return { iterates, steps: k + 1, converged: true };
  }
  return { iterates, steps: maxSteps, converged: false };
}
