/**
 * Sparse Gaussian Erdős–Rényi network, the connectivity of the mixed LIF/QIF study: each of the
 * N − 1 possible inputs of a neuron is present independently with probability p (no self-loops),
 * with weight w_ij = g ξ_ij/√(pN), ξ_ij ~ N(0, 1). Entries then have mean 0 and variance g²/N, so
 * the spectrum fills the disc of radius g (circular law). CSR with sorted columns; the structure
 * uses the E/I sampler's geometric skips (one block, all neurons "excitatory").
 */
import type { Dtype } from '../linalg/f32.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { sparseGaussianSpectralLaw } from '../theory/spectral-laws.js';
import { requireFinite, requireOptions } from '../validate.js';
import { csrOfValues, Network, normalValues, requireDtype, requireEdgeCount, requireSize } from './network.js';
import { blockStructure } from './ei.js';
import { DEFAULT_SEED } from './options.js';

export interface SparseGaussianOptions {
  n: number;
  /** Connection probability p ∈ (0, 1] (default 0.1). */
  p?: number;
  /** Coupling g (J_c of the spiking study; default 1): w_ij = g ξ_ij/√(pN). */
  g?: number;
  /** Value type of the CSR weights: 'f64' (default) or 'f32' (8 instead of 12 bytes per edge; same draws, rounded). */
  dtype?: Dtype;
  seed?: Seed;
}

const KEYS = ['n', 'p', 'g', 'dtype', 'seed'];

/** The weight scale g/√(pN) (the Brian2 parity fixture computes ξ·scale with the same doubles). */
export function sparseGaussianScale(g: number, p: number, n: number): number {
  return g / Math.sqrt(p * n);
}

/**
 * A sparse Gaussian Erdős–Rényi network, w_ij = g ξ_ij/√(pN) on the edges.
 * @example using net = sparseGaussianNetwork(rt, { n: 1000, p: 0.1, g: 10, seed: 1 });
 */
export function sparseGaussianNetwork(rt: Runtime, options: SparseGaussianOptions): Network {
  const where = 'sparseGaussianNetwork';
  requireOptions(where, options, KEYS);
  const n = requireSize(where, options.n);
  const p = requireFinite(where, 'p', options.p ?? 0.1, 0, 1);
  if (p === 0) throw new RangeError(`${where}: p must be > 0 (got 0)`);
  const g = requireFinite(where, 'g', options.g ?? 1, 0);
  const seed = options.seed ?? DEFAULT_SEED;
  const dtype = requireDtype(where, options.dtype);
  requireEdgeCount(where, Math.ceil(p * n * (n - 1)), dtype);
  const arrays = rt.scope(() => {
    const rng = rt.rng(seed);
    // One excitatory block holding every neuron, connections with probability p.
    const { rowPtr, colIdx, nnz } = blockStructure(rt, rng, where, { n, nExc: n, fixed: false, kExc: 0, kInh: 0, p });
    const values = normalValues(rt, dtype, rng, nnz, 0, sparseGaussianScale(g, p, n));
    return { rowPtr, colIdx, values };
  });
  const matrix = csrOfValues(rt, n, arrays.rowPtr, arrays.colIdx, arrays.values);
  return new Network({
    rt, model: 'sparse-gaussian', n, seed, matrix, params: { n, p, g, dtype },
    theory: sparseGaussianSpectralLaw(g),
  });
}
