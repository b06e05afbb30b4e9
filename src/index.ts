/**
 * rnnkit: random recurrent neural networks on a WebAssembly core.
 *
 *   import { load } from 'rnnkit';
 *   const rt = await load();
 *   using x = rt.rng(42).normal(1000);
 */
export { load, Runtime } from './runtime.js';
export type { BuildName, LoadOptions, WasmSource } from './wasm/loader.js';
export { disposeAll, F64Buffer, Handle, I32Buffer } from './wasm/arena.js';
export { Rng, lognormalLogParams, type LognormalParams } from './random/rng.js';
export type { Seed } from './random/seed.js';
export { DenseMatrix } from './linalg/dense.js';
export { CsrMatrix, validateCsr, type CsrArrays } from './linalg/csr.js';
export type { LinearOperator } from './linalg/operator.js';
export { axpy, dot, norm, scale } from './linalg/blas1.js';
export {
  applyNonlinearity, applyNonlinearityDerivative, NONLINEARITIES, type NonlinearityName,
} from './dynamics/nonlinearity.js';
export {
  BlowUpError, INTEGRATORS, type InputSpec, type Integrator, RateNetwork, type RateNetworkParams,
} from './dynamics/rate.js';
export {
  type RateRecording, type RateRun, type RateRunSummary, type RecordedVariable, type RecordSpec, type RunOptions,
  runNetwork, type SampleMatrix, simulateRate,
} from './dynamics/run.js';
export { gaussianExpectation, scsAutocorrelation, type ScsAutocorrelation, scsPotential, scsVariance } from './theory/dmft.js';
export { type LyapunovOptions, type LyapunovResult, lyapunovExponents } from './analysis/lyapunov.js';
export { type ParticipationRatio, participationRatio } from './analysis/participation-ratio.js';
export {
  type Autocorrelation, autocorrelation, intrinsicTimescales, type IntrinsicTimescales, spearman, type TimescaleSummary,
} from './analysis/timescales.js';
export { FactoredOperator } from './linalg/factored.js';
export { csrFromTriplets, type Triplets } from './linalg/triplets.js';
export * from './connectivity/index.js';
export * from './io/index.js';
export { RecursiveLeastSquares } from './learning/rls.js';
export {
  arrayTarget, type ArrayTargetOptions, functionTarget, type FunctionTargetOptions, type OuOptions, ouTarget,
  type SequenceOptions, sequenceTarget, type SinesOptions, sinesTarget, type Target, TARGET_KINDS, type TargetKind,
  forceTarget, GENERATED_TARGETS, type TargetSpec,
} from './learning/targets.js';
export {
  FORCE_MODES, ForceDivergenceError, type ForceMode, type ForceOptions, type ForceTraces, type ReadoutForceOptions,
  type ReadoutForceResult, type RecurrentForceOptions, type RecurrentForceResult, trainForce, trainReadoutForce,
  trainRecurrentForce,
} from './learning/force.js';
export { connectivityMotifs, type MotifStatistics } from './analysis/motifs.js';
export {
  denseEigenvalues, type Eigenvalue, type EigenvalueOutliers, eigenvalueOutliers, type EigenvalueSolver, type OutlierOptions,
} from './analysis/outliers.js';
export { analyseForceConnectivity, type ForceConnectivityAnalysis } from './learning/analysis.js';
export {
  callbackOperator, denseFromOperator, jacobianOperator, symmetricPartOperator, CallbackOperator, JacobianOperator,
  SymmetricPartOperator,
  type TransposableOperator,
} from './linalg/operators.js';
export {
  eigDense, eigSymTridiagonal, spectralRadiusOf, type DenseEigOptions, type DenseInput, type TridiagonalOptions,
} from './linalg/eigen/dense.js';
export { eigs, eigsh, type EigsOptions, type EigshOptions, type KrylovOptions, type KrylovResult } from './linalg/eigen/krylov.js';
export {
  NONSYMMETRIC_WHICH, SYMMETRIC_WHICH, type Complex, type ComplexVector, type EigenResult, type NonsymmetricWhich,
  type SolverStatus, type SymmetricWhich, type Which,
} from './linalg/eigen/types.js';
export {
  circularLawRadius, degreeHeterogeneousRadius, eiMeanOutlier, ellipticLawSemiAxes, rankOneOutlier,
} from './theory/spectral-laws.js';
export { eigenvectorDegreeCorrelation, inverseParticipationRatio } from './analysis/localisation.js';
