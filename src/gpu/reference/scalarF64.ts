/** Scalar loops against which the batched kernels are checked. */
import type { F32Batch } from '../batchMatmul.js';
import type { NoisySignInput } from '../noisySign.js';
import { matmulF64 } from './linearF64.js';

/** C_z = A_z B_z one matrix at a time with matmulF64. */
export function batchMatmulF64(A: F32Batch, B: F32Batch): Float64Array {
  const out = new Float64Array(A.count * A.rows * B.cols);
  const sa = A.rows * A.cols;
  const sb = B.rows * B.cols;
  for (let z = 0; z < A.count; z++) {
    const c = matmulF64(
      { rows: A.rows, cols: A.cols, data: A.data.subarray(z * sa, (z + 1) * sa) },
      { rows: B.rows, cols: B.cols, data: B.data.subarray(z * sb, (z + 1) * sb) },
    );
    out.set(c.data, z * A.rows * B.cols);
  }
  return out;
}

/**
 * The recursion path by path. `arithmetic: 'f32'` rounds every operation with
 * Math.fround in the kernel's order (a binary32 machine such as webasm must
 * then agree bit for bit); 'f64' is the exact-arithmetic stand-in. sign() is
 * discontinuous, so f32 and f64 trajectories may legitimately part ways by
 * 2α after a near-zero state: only the f32 emulation is a pointwise reference.
 */
export function noisySignF64(input: NoisySignInput, arithmetic: 'f32' | 'f64'): Float64Array {
  const P = input.s0.length;
  const r = arithmetic === 'f32' ? Math.fround : (x: number) => x;
  const alpha = r(input.alpha);
  const sigma = r(input.sigma);
  const out = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    let s = input.s0[p]!;
    for (let t = 0; t < input.steps; t++) {
      const sg = s > 0 ? 1 : s < 0 ? -1 : 0;
      s = r(s - r(alpha * r(sg + r(sigma * input.xi[t * P + p]!))));
    }
    out[p] = s;
  }
  return out;
}
