/**
 * Seeded pseudo-random matrices for cross-checks and the benchmark, so every
 * number this tier reports is reproducible (Math.random is never used, and
 * kernels never draw their own noise).
 */
import { f64Matrix, type F64Matrix } from './f32Matrix.js';

// One PRNG for the whole project (src/random/prng.ts); re-exported for the kernels' callers.
import { mulberry32 } from '../random/prng.js';
export { mulberry32 };

/** Standard normal sampler (Box–Muller; u1 kept away from 0 so log is finite). */
export function gaussianSampler(seed: number): () => number {
  const uniform = mulberry32(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u1 = 1 - uniform();
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  };
}

export function gaussianArray(length: number, seed: number): Float64Array {
  const g = gaussianSampler(seed);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = g();
  return out;
}

export function gaussianMatrix(rows: number, cols: number, seed: number, scale = 1): F64Matrix {
  const m = f64Matrix(rows, cols, gaussianArray(rows * cols, seed));
  if (scale !== 1) for (let i = 0; i < m.data.length; i++) m.data[i]! *= scale;
  return m;
}

/** Uniform entries in [lo, hi). */
export function uniformMatrix(rows: number, cols: number, seed: number, lo = -1, hi = 1): F64Matrix {
  const u = mulberry32(seed);
  const m = f64Matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = lo + (hi - lo) * u();
  return m;
}
