/**
 * The gpu.js tier: binary32 kernels with binary64 references and stated
 * error bounds. See README ("gpu.js backends") for what each backend means.
 */
export type { F32Matrix, F64Matrix, AnyMatrix } from './f32Matrix.js';
export { toF32, toF64, f32Matrix, f64Matrix } from './f32Matrix.js';
export type { BackendName, GpuContext, ContextOptions } from './backend.js';
export {
  getGpu,
  gpuBackendName,
  disposeGpu,
  createGpuContext,
  destroyGpuContext,
  BackendMismatchError,
} from './backend.js';
export { matmul, gramAtA, matmulOneCell, usesQuadKernel } from './matmul.js';
export { quadProduct, panelWidth, blockedKernelSource } from './blockedMatmul.js';
export { packRowQuads, packColPanels, packTransposedRowQuads, unpackQuadOutput } from './quadPacking.js';
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
export { newtonSchulz, polarStep, type NewtonSchulzOptions, type PolarStepTrace } from './newtonSchulz.js';
export {
  CUBIC_NEWTON_SCHULZ,
  MUON_QUINTIC,
  POLAR_EXPRESS_STYLE,
  polarScalarMap,
  polarScalarDerivative,
  type PolarCoefficients,
  type PolarSchedule,
} from './polarCoefficients.js';
export {
  polarStepRoundingBound,
  propagatePolarBound,
  startRoundingBound,
  type PolarBound,
  type PolarBoundInput,
} from './polarBounds.js';
export { spectralNormPower, spectralNormPowerDetailed, type PowerIterationResult } from './spectralNorm.js';
export { batchMatmul, type F32Batch } from './batchMatmul.js';
export { noisySignStep, type NoisySignInput } from './noisySign.js';
export { arithmeticOf } from './backend.js';
export {
  matmulF64,
  transposeF64,
  gramAtAF64,
  gramAAtF64,
  scaledAddF64,
  frobeniusNormF64,
  maxAbsF64,
} from './reference/linearF64.js';
export { newtonSchulzF64 } from './reference/newtonSchulzF64.js';
export { spectralNormPowerF64 } from './reference/spectralNormF64.js';
export { batchMatmulF64, noisySignF64 } from './reference/scalarF64.js';
