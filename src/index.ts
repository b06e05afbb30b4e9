/// <reference lib="esnext.disposable" preserve="true" />
// ^ The declarations use Disposable and Symbol.dispose (for `using`); this brings their typings
//   (TypeScript ≥ 5.2's lib) into any app's compilation, so a browser tsconfig needs no extra lib.
/**
 * rnnkit: random recurrent neural networks on a WebAssembly core.
 *
 *   import { load } from 'rnnkit';
 *   const rt = await load();
 *   using x = rt.rng(42).normal(1000);
 */
export { load, type LoadOptions } from './load.js';
export { Runtime } from './runtime.js';
export type { BuildName, LoadedCore, LoadOptions as CoreLoadOptions, WasmSource } from './wasm/loader.js';
export type { ThreadWorker } from './wasm/thread-protocol.js';
export type { CoreExports } from './wasm/abi.js';
export type { ThreadPool } from './wasm/threads.js';
export { Arena, disposeAll, type ElementKind, F32Buffer, F64Buffer, Handle, I32Buffer, U16Buffer } from './wasm/arena.js';
export { Rng, lognormalLogParams, type LognormalParams } from './random/rng.js';
export { deriveSeed, type Seed } from './random/seed.js';
export { DenseMatrix } from './linalg/dense.js';
export { CsrMatrix, inversePermutation, validateCsr, type CsrArrays } from './linalg/csr.js';
export {
  localityOrder, REORDER_METHODS, type ReorderedNetwork, type ReorderMethod, reorderNetwork,
} from './linalg/reorder.js';
export { CsrMatrixF32, DenseMatrixF32, DTYPES, type Dtype } from './linalg/f32.js';
export { type Csr16Arrays, CsrMatrix16, ESCAPE16 } from './linalg/csr16.js';
export type { LinearOperator } from './linalg/operator.js';
export { axpy, dot, norm, scale } from './linalg/blas1.js';
export { applyNonlinearity, applyNonlinearityDerivative } from './dynamics/apply-nonlinearity.js';
export {
  type ElementwiseKernel, erf, type Nonlinearity, NONLINEARITIES, NONLINEARITY_TABLE, type NonlinearityName, nonlinearity,
} from './dynamics/nonlinearity.js';
export { type Advanceable, BlowUpError, drive, type DriveOptions, type TimeGrid, timeGrid } from './dynamics/driver.js';
export {
  DEFAULT_STATE_LIMIT, INTEGRATORS, type InputSpec, type Integrator, LockstepStepper, RateNetwork, type RateNetworkParams,
} from './dynamics/rate.js';
export {
  type RateRecording, type RateRun, type RateRunSummary, type RecordedVariable, type RecordSpec, type RunOptions,
  RECORDED_VARIABLES, runNetwork, type SampleMatrix, simulateRate, type RecordedRateRun, type RecordingRunOptions, type UnrecordedRateRun,
  type EnsembleOptions, type RateEnsemble, simulateRateEnsemble,
} from './dynamics/run.js';
export {
  type SpikeTrains, SpikingNetwork, type SpikingNetworkParams, type SpikingRun, type SpikingRunOptions, type StateRecording,
  WEIGHT_PRECISIONS, type WeightPrecision,
} from './dynamics/spiking.js';
export {
  NEURON_KINDS, type NeuronKind, type NeuronTypeParams, type PoissonDrive, type ResolvedTypeParams, SPIKING_INTEGRATOR_NAMES, type SpikingIntegrator,
  TYPE_DEFAULTS,
} from './dynamics/spiking-params.js';
export {
  gaussHermiteRule, gaussianExpectation, gaussianPairExpectation, midpointGaussianExpectation, nestedGaussianExpectation,
} from './theory/quadrature.js';
export {
  lagGrid, scsAutocorrelation, type ScsAutocorrelation, scsMeanField, type ScsMeanField, type ScsOptions, scsPotential, scsVariance,
} from './theory/dmft/scs.js';
export { type DmftLyapunov, scsLyapunov } from './theory/dmft/lyapunov.js';
export {
  type MemoryClassPrediction, type MemoryMeanField, memoryMeanField, type MemoryMeanFieldOptions, reciprocalBulkEdge,
  reciprocalCriticalGain, undirectedDegreeClasses,
} from './theory/dmft/memory.js';
export { type PairCorrelation, pairCorrelation } from './theory/dmft/pair-series.js';
export { type MeanFieldPhi, meanFieldPhi, type PhiSpec } from './theory/dmft/phi.js';
export { type CorrelationTimescales, correlationTimescales, crossingTime } from './theory/dmft/timescales.js';
export {
  type DegreeClasses, type FourierSolution, type FourierStatus, type MeanFieldStatus, type MeanFieldTrajectory, type MeanFieldVariance,
  meanFieldVariance, requireDegreeClasses, SINGLE_CLASS,
} from './theory/dmft/mean-field.js';
export {
  degreeCriticalGain, type DegreeClassPrediction, degreeMeanField, type DegreeMeanField, type DegreeMeanFieldOptions, type DegreeMeanFieldWithFourier,
  lognormalDegreeClasses, networkDegreeClasses,
} from './theory/dmft/degree.js';
export { type LyapunovOptions, type LyapunovResult, lyapunovExponents } from './analysis/lyapunov.js';
export { ensembleAutocorrelation, type EnsembleAutocorrelation, unitAverage } from './analysis/correlation-ensemble.js';
export {
  type ParticipationRatio, type ParticipationRatioOptions, participationRatio, type PrMethod, PLAIN_BIAS_WARNING, PR_ESTIMATORS, type PrEstimator,
  type PrStatus,
} from './analysis/participation-ratio.js';
export { type ModeStatistics, modeStatistics } from './analysis/mode-statistics.js';
export {
  DIMENSION_THEORY_PHIS, linearEqualTimeCovariance, linearLongWindowCovariance, linearLongWindowPrOverN, type LyapunovSolution,
  matrixParticipationRatio, modeEpsilon, type ScsCorrelations, scsCorrelations, type ScsDimension, scsDimension,
} from './theory/dimension.js';
export {
  FOURCAUD_BRUNEL_ALPHA, firingRate, gainRescaledDimension, type IfNeuron, neuronGain, type OperatingPoint, operatingPoints,
} from './theory/spiking-gain.js';
export {
  type ByType, DEFAULT_TRANSIENT_MS, MIN_SPIKES_FOR_CV, type SpikeCountCovariance, spikeCountCovariance, spikeCountMatrix, type SpikeStatistics,
  type SpikeStatisticsOptions, spikeStatistics, type SpikeWindowOptions,
} from './analysis/spikes.js';
export {
  type Autocorrelation, autocorrelation, type AutocorrelationOptions, intrinsicTimescales, type IntrinsicTimescales, type TimescaleSummary,
} from './analysis/timescales.js';
export { FactoredOperator } from './linalg/factored.js';
export { type CanonicalCsr, csrFromTriplets, type Triplets } from './linalg/triplets.js';
export * from './connectivity/index.js';
export * from './io/index.js';
export {
  mergeShards, parseShard, type PointContext, type PointJob, type PointTask, pointTask, runSweep, type Shard, type ShardResult, shardRange,
  SweepPointError, type SweepOptions, type SweepPool,
} from './parallel/sweep.js';
export { createWebWorkerPool, type WebWorkerPoolOptions } from './parallel/web-pool.js';
export { RecursiveLeastSquares, RLS_WEIGHT_STEPS, type RlsWeightStep } from './learning/rls.js';
export {
  arrayTarget, type ArrayTargetOptions, functionTarget, type FunctionTargetOptions, type OuOptions, ouTarget,
  type SequenceOptions, sequenceTarget, type SinesOptions, sinesTarget, type Target, TARGET_KINDS, type TargetKind,
  forceTarget, GENERATED_TARGETS, type TargetSpec,
} from './learning/targets.js';
export {
  FORCE_MODES, ForceDivergenceError, type ForceMode, type ForceVerdict, type ForceOptions, type ForceTraces, type ReadoutForceOptions,
  type ReadoutForceResult, type RecurrentForceOptions, type RecurrentForceResult, trainForce, trainReadoutForce,
  trainRecurrentForce,
} from './learning/force.js';
export {
  type OmegaArrays, DECODER_UPDATES, type DecoderUpdate, SYNAPTIC_FILTERS, type SynapticFilter, SPIKING_FORCE_LIF_READOUT, SPIKING_FORCE_NEURONS, SPIKING_FORCE_PERIODS, SPIKING_FORCE_PRESETS, type SpikingForceNeuron, type SpikingForceOptions, type SpikingForceResult,
  trainSpikingForce, type RecurrentSpikingForceOptions, type RecurrentSpikingForceResult, trainRecurrentSpikingForce,
} from './learning/spiking-force.js';
export {
  type Motif, SPIKING_SWEEP_PARAMS, type SpikingForceSweepOptions, type SpikingForceSweepResult, type SpikingSweepClaim, type SpikingSweepParam,
  type SpikingSweepPoint, type SpikingSweepRun, sweepSpikingForce,
} from './learning/spiking-force-sweep.js';
export { connectivityMotifs, type MotifStatistics } from './analysis/motifs.js';
export {
  denseEigenvalues, type Eigenvalue, type EigenvalueOutliers, eigenvalueOutliers, type EigenvalueSolver, krylovEigenvalues, type OutlierOptions,
} from './analysis/outliers.js';
export {
  analyseForceConnectivity, type BlockStrength, blockStrengths, type ForceConnectivityAnalysis, POPULATION_PAIRS, type PopulationPair,
  type PopulationStrengths,
} from './learning/analysis.js';
export {
  callbackOperator, denseFromOperator, symmetricPartOperator, CallbackOperator, SymmetricPartOperator, type TransposableOperator,
} from './linalg/operators.js';
export { jacobianOperator, JacobianOperator } from './dynamics/jacobian.js';
export type { VectorRef } from './dynamics/integrate.js';
export {
  eigDense, eigSymTridiagonal, spectralRadiusOf, type DenseEigOptions, type DenseInput, type TridiagonalOptions,
} from './linalg/eigen/dense.js';
export { eigs, eigsh, type EigsOptions, type EigshOptions, type KrylovOptions, type KrylovResult } from './linalg/eigen/krylov.js';
export {
  NONSYMMETRIC_WHICH, SYMMETRIC_WHICH, type Complex, type ComplexVector, type EigenResult, type NonsymmetricWhich,
  type SolverStatus, type SymmetricWhich, type Which,
} from './linalg/eigen/types.js';
export {
  circularLawRadius, degreeHeterogeneousRadius, eiMeanOutlier, eiSpectralLaw, ellipticLawSemiAxes, gaussianSpectralLaw, sparseGaussianSpectralLaw,
  type InputBlock, lognormalSpectralLaw, lowRankSpectralLaw, NO_THEORY, randomModeSpectralLaw, rankOneOutlier, type SpectralTheory,
} from './theory/spectral-laws.js';
export { eigenvectorDegreeCorrelation, inverseParticipationRatio } from './analysis/localisation.js';
export { pearson, quantile, spearman, type Spread, spread } from './analysis/statistics.js';
export { type GmresOptions, type GmresResult, gmres } from './linalg/gmres.js';
export { productRadius, type StaticShell, staticShell } from './theory/fixed-points.js';
export { type PopulationPrediction, populationPrediction } from './theory/population.js';
export {
  type GlmBlockResult, type GlmBlockTheory, type GlmBlockTheoryParams, glmBlockTheory, type GlmNeuron, glmNeuronAutocorrelation,
  glmNeuronTimescale, integratedTimescale,
} from './theory/spiking-timescales.js';
export {
  type Compared, correlationTimeMs, expectedAutocovariance, type GlmBlockComparison, type GlmBlockComparisonOptions, glmBlockComparison,
  type RateBinComparison,
} from './analysis/spiking-timescales.js';
export {
  type FixedPointOptions, type FixedPointSearch, findFixedPoints, type FoundPoint, type JacobianSpectrum, SPECTRUM_MODES, type SpectrumMode,
} from './analysis/fixed-points.js';
export {
  ACTIVITY_VARIABLES, type ActivityVariable, type PopulationCorrelationOptions, type PopulationCorrelations, populationCorrelations,
} from './analysis/population-correlations.js';
export { eulerTimeConstant, type NoisySpectrum, noisySpectrum, noisyVariance } from './theory/dmft/noisy.js';
export { type InferenceInput, type InferenceOptions, type InferenceResult, type InferenceStatus, inferParameters } from './analysis/inference.js';
export { equalTimeKernel, type KernelPair, type KernelRecursionParams, pairMoment, recurrentTwoTimeKernel } from './theory/kernels.js';
export {
  type EmpiricalKernel, type EmpiricalKernelOptions, empiricalKernels, KERNEL_ARCHITECTURES, type KernelAgreement, type KernelArchitecture, type KernelSeries,
  type KernelStudy, type KernelStudyOptions, kernelStudy,
} from './analysis/kernels.js';
