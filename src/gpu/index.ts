/**
 * The gpu.js tier: binary32 kernels with binary64 references and stated
 * error bounds. See README ("gpu.js backends") for what each backend means.
 */
export type { F32Matrix, F64Matrix, AnyMatrix } from './f32Matrix.js';
export { toF32, toF64, f32Matrix, f64Matrix } from './f32Matrix.js';
export type { BackendName, GpuContext, ContextOptions } from './backend.js';
export { getGpu, gpuBackendName, disposeGpu, createGpuContext, destroyGpuContext, BackendMismatchError } from './backend.js';
export { matmul, gramAtA } from './matmul.js';
export { transpose, gramAAt } from './transpose.js';
export { scaledAdd } from './scaledAdd.js';
export { frobeniusNorm, maxAbs, sumOfSquares } from './reductions.js';
export { crossCheck, formatCrossCheck, type CrossCheckResult } from './crossCheck.js';
export {
  matmulErrorBound,
  gramAtAErrorBound,
  gramAAtErrorBound,
  transposeErrorBound,
  scaledAddErrorBound,
  frobeniusNormErrorBound,
  maxAbsErrorBound,
  type ErrorBound,
  type BoundOptions,
  type MatmulBoundOptions,
} from './errorBounds.js';
export { U32, U64, gamma } from './roundoff.js';
