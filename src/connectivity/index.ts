/**
 * Connectivity: one function per model, and `network(rt, {model, ...})` dispatching on the model
 * name. Every generator is reproducible from its seed (same seed → identical network).
 */
import type { Runtime } from '../runtime.js';
import { requireOneOf } from '../validate.js';
import { eiNetwork, type EiOptions } from './ei.js';
import { gaussianNetwork, type GaussianOptions } from './gaussian.js';
import { lognormalNetwork, type LognormalOptions } from './lognormal.js';
import { lowRankNetwork, type LowRankOptions } from './lowrank.js';
import { MODELS, type Network } from './network.js';
import { randomModeNetwork, type RandomModeOptions } from './random-mode.js';
import { sparseGaussianNetwork, type SparseGaussianOptions } from './sparse-gaussian.js';

export type NetworkOptions =
  | ({ model: 'gaussian' } & GaussianOptions)
  | ({ model: 'lognormal' } & LognormalOptions)
  | ({ model: 'random-mode' } & RandomModeOptions)
  | ({ model: 'ei' } & EiOptions)
  | ({ model: 'lowrank' } & LowRankOptions)
  | ({ model: 'sparse-gaussian' } & SparseGaussianOptions);

/** Builds a network of the named model; the other options are the model's (see its function). */
export function network(rt: Runtime, options: NetworkOptions): Network {
  const { model, ...rest } = (options ?? {}) as NetworkOptions;
  switch (requireOneOf('network', 'model', model, MODELS)) {
    case 'gaussian': return gaussianNetwork(rt, rest as GaussianOptions);
    case 'lognormal': return lognormalNetwork(rt, rest as LognormalOptions);
    case 'random-mode': return randomModeNetwork(rt, rest as RandomModeOptions);
    case 'ei': return eiNetwork(rt, rest as EiOptions);
    case 'lowrank': return lowRankNetwork(rt, rest as LowRankOptions);
    case 'sparse-gaussian': return sparseGaussianNetwork(rt, rest as SparseGaussianOptions);
  }
}

export { eiNetwork, gaussianNetwork, lognormalNetwork, lowRankNetwork, randomModeNetwork, sparseGaussianNetwork };
export type { EiOptions, GaussianOptions, LognormalOptions, LowRankOptions, RandomModeOptions, SparseGaussianOptions };
export { sparseGaussianScale } from './sparse-gaussian.js';
export type { InDegreeMode } from './ei.js';
export type { SpectrumShape } from './random-mode.js';
export { effectiveRank } from './random-mode.js';
export { MODELS, Network, type AnyCsrMatrix, type ModelName, type NetworkInit, type NetworkMatrix } from './network.js';
export { connectivityStats, degreesOf, matrixStats, type ConnectivityStats, type DegreeStats } from './stats.js';
