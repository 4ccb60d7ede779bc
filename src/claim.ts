/**
 * The authoring API: everything a property file uses, from one module.
 *
 *   import fc from 'fast-check';
 *   import { Matrix } from 'ml-matrix';
 *   import { verifyClaim, forAll, matrices, polarFactor, f64Bound } from '../src/claim.js';
 *
 * Layers (arrows point one way): engine → checks → math, random, gpu. The symbolic step checker
 * (src/checks/scalarIdentity.ts) is imported on its own: it loads mathjs (≈ 1–3 s), which
 * most claims do not need.
 */

// The engine: registering a claim, check builders, controls, tolerances
export { compute, step } from './engine/verify/checks/compute.js';
export { withControl } from './engine/verify/checks/control.js';
export { forAll, pre } from './engine/verify/checks/forAll.js';
export { matrixResidual } from './engine/verify/checks/matrixIdentity.js';
export type { Measurement } from './engine/verify/checks/measurement.js';
export { statistic } from './engine/verify/checks/statistic.js';
export type { StatisticDecision } from './engine/verify/checks/statistic.js';
export {
  centralDifferenceError,
  claimed,
  exact,
  f32Bound,
  f32Kernel,
  f64Bound,
  monteCarlo,
  relative,
  RESIDUAL_RATIO_THRESHOLD,
  strictlyPositive,
  tolerance,
  U32,
  U64,
  UNIT_ROUNDOFF_F32,
  UNIT_ROUNDOFF_F64,
} from './engine/verify/tolerance.js';
export type { Tolerance } from './engine/verify/tolerance.js';
export type { Check, CheckContext, ClaimSpec, Mutant, Series, StatisticRule } from './engine/verify/types.js';
export { verifyClaim } from './engine/verify/verifyClaim.js';
// How a claim that fails as written fails: each kind backed by checks (src/engine/verify/failure/)
export { hypothesis, notation, substance, wording } from './engine/verify/failure/declare.js';

// Claim-family builders (polar identities, at-scale gpu.js checks, exponent decisions)
export { acrossSizes, atScaleShapes } from './checks/atScale/heavySizes.js';
export { blockPerturbedSvd } from './checks/atScale/blockPerturbedSvd.js';
export { geometricSigma } from './checks/atScale/syntheticSvd.js';
export { linearisationAtScaleCheck } from './checks/atScale/linearisationAtScale.js';
export { muonOptimalityAtScale, muonOptimalityAtScaleCheck } from './checks/atScale/muonOptimalityAtScale.js';
export { newtonStartAtScale } from './checks/atScale/newtonStartAtScale.js';
export { skewPartAtScale } from './checks/atScale/polarJacobianAtScale.js';
export { polarRelationAtScaleCheck } from './checks/atScale/polarRelationAtScale.js';
export { rightPolarRelationAtScaleCheck } from './checks/atScale/rightPolarRelationAtScale.js';
export { spectralNormAtScale, spectralNormAtScaleCheck } from './checks/atScale/spectralNormAtScale.js';
export { exponentDecision } from './checks/exponentDecision.js';
export { polarIdentityCheck, svdStepCheck } from './checks/polarIdentity.js';

// Randomness: one PRNG, fast-check arbitraries, matrices with known spectra
export { linearGrid, logUniform } from './random/evenly.js';
export { memoBySeed } from './random/memoBySeed.js';
export { fixedSpectrumMatrix } from './random/fixedSpectrumMatrix.js';
export { dot, integerVectors, norm2 } from './random/integerVectors.js';
export { asMatrices, problemSize, regressionProblems, showProblem } from './random/linearRegressionProblems.js';
export type { RegressionProblem } from './random/linearRegressionProblems.js';
export { directionFromSeed, matrices } from './random/matrices.js';
export type { MatrixOptions } from './random/matrices.js';
export { showMatrixCase, sizeOf, toMatrix } from './random/matrixCase.js';
export type { MatrixCase } from './random/matrixCase.js';
export { haarOrthonormal } from './random/orthogonal.js';
export { orthogonalMatrices } from './random/orthogonalMatrices.js';
export { gaussianArray, mulberry32 } from './random/prng.js';
export { geometricSpectrum } from './random/spectrum.js';
export { vectorResidual, weightDecayCases } from './random/weightDecaySchedules.js';
export type { WeightDecayCase } from './random/weightDecaySchedules.js';

// Linear algebra (f64, ml-matrix)
export { polarDerivative, polarDerivativeFD } from './math/linalg/frechetPolar.js';
export { fullSvd } from './math/linalg/fullSvd.js';
export { leftGramPolar, pinvLeftGramPolar, rightGramPolar } from './math/linalg/gramPolar.js';
export { centralDifference, jacobianMatrix, skewRatio, unitMatrix } from './math/linalg/jacobian.js';
export {
  affineInvariantDistance,
  karcherMean,
  karcherResidual,
  meanSquaredDistance,
} from './math/linalg/karcherMean.js';
export { kron, vec } from './math/linalg/kronecker.js';
export { linearisedPolarVariance } from './math/linalg/linearisedPolarVariance.js';
export { newtonPolar, newtonPolarStep } from './math/linalg/newtonPolar.js';
export { newtonPolarF32 } from './math/linalg/newtonPolarF32.js';
export { frobeniusInner, frobeniusNorm, nuclearNorm, spectralNorm } from './math/linalg/norms.js';
export { polarFactor } from './math/linalg/polarFactor.js';
export { PolarWorkspace, polarFlat } from './math/linalg/polarFlat.js';
export { PolarTaylor } from './math/linalg/polarTaylorFlat.js';
export { rmsOperatorNorm, rmsOperatorNormByDefinition, rmsVectorNorm } from './math/linalg/rmsNorm.js';
export { symmetricEigen } from './math/linalg/symmetricEigen.js';
export { invSqrtmSym, pinvSqrtmSym, symmetricFunction } from './math/linalg/symmetricFunction.js';
export { conditionNumber, numericalRank, singularValues, thinSvd } from './math/linalg/thinSvd.js';

// Statistics: intervals, fits, quadrature, families
export { chiMean } from './math/stats/chiMean.js';
export { clopperPearson } from './math/stats/clopperPearson.js';
export { componentZTest } from './math/stats/componentZTest.js';
export { exponentFit } from './math/stats/exponentFit.js';
export { fisherComparison, hessianFD, scoreFD } from './math/stats/fisherIdentity.js';
export type { FisherComparison } from './math/stats/fisherIdentity.js';
export { choleskyLower, gaussianLogDensity } from './math/stats/gaussianLogDensity.js';
export { meanInterval, zQuantile } from './math/stats/meanInterval.js';
export { normOfMeanInterval, totalVarianceInterval } from './math/stats/normOfMean.js';
export { regularFamilies, uniformScaleFamily } from './math/stats/parametricFamilies.js';
export type { ParametricFamily } from './math/stats/parametricFamilies.js';
export { medianInterval } from './math/stats/quantileInterval.js';
export type { QuantileInterval } from './math/stats/quantileInterval.js';

// Simulations
export { exponentialBatchNoise, gaussianBatchNoise, traceSigma } from './math/sim/batchMeanNoise.js';
export type { BatchMeanNoise } from './math/sim/batchMeanNoise.js';
export { biasTransition } from './math/sim/biasTransition.js';
export type { BiasTransition } from './math/sim/biasTransition.js';
export { SPECTRUM_SHAPES, controlledSpectrum } from './math/sim/controlledSpectra.js';
export { emaMoments } from './math/sim/emaMoments.js';
export { emaSquaredErrors } from './math/sim/emaMonteCarlo.js';
export type { NoiseLaw } from './math/sim/emaMonteCarlo.js';
export { exactLineSearch } from './math/sim/exactLineSearch.js';
export { logGrid, noisySignHittingTimes } from './math/sim/noisySignDynamics.js';
export { OrthoNoiseSampler } from './math/sim/orthoNoiseMonteCarlo.js';
export {
  gridDistance,
  gridLoss,
  gridSingularValue,
  polarHittingTime,
  polarStepFrobenius,
} from './math/sim/polarGridDynamics.js';
export { S001_SIGMA_MIN, noiseScales, squareG, tallG } from './math/sim/s001Setting.js';

// Optimizers
export { adamMoments } from './math/optim/adamMoments.js';
export type { AdamSwitches } from './math/optim/adamMoments.js';
export { biasCorrectionFactor } from './math/optim/biasCorrectionFactor.js';
export { decayProduct, decoupledWeightDecayTrajectory } from './math/optim/decoupledWeightDecay.js';
export { emaTrajectory } from './math/optim/exponentialMovingAverage.js';

// Models and losses
export { meanCrossEntropy, softmaxRows } from './math/ml/softmaxCrossEntropy.js';
