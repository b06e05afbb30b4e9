/**
 * Dense Gaussian network (Sompolinsky, Crisanti & Sommers 1988): J_ij ~ N(J0/N, g²/N), no
 * self-coupling by default, and partial symmetry corr(J_ij, J_ji) = η.
 */
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { requireBoolean, requireFinite, requireOptions } from '../validate.js';
import { gaussianSpectralLaw } from '../theory/spectral-laws.js';
import type { Dtype } from '../linalg/f32.js';
import { MAX_DENSE_N, MAX_DENSE_N_F32, Network, requireCorrelation, requireDtype, requireSize } from './network.js';
import { DEFAULT_SEED } from './options.js';

export interface GaussianOptions {
  n: number;
  /** Gain g (default 1): entry variance g²/N. */
  g?: number;
  /** Mean coupling J0 (default 0): entry mean J0/N. */
  j0?: number;
  /** Partial symmetry η ∈ [−1, 1] (default 0). */
  eta?: number;
  /** Draw J_ii too (default false: J_ii = 0). */
  selfCoupling?: boolean;
  /** Value type of the entries: 'f64' (default) or 'f32' (half the bytes, n up to 16383; same draws, rounded). */
  dtype?: Dtype;
  seed?: Seed;
}

const KEYS = ['n', 'g', 'j0', 'eta', 'selfCoupling', 'dtype', 'seed'];

/**
 * A dense Gaussian network, J_ij ~ N(J0/N, g²/N) with corr(J_ij, J_ji) = η.
 * @example using net = gaussianNetwork(rt, { n: 1000, g: 1.5, eta: 0.3, seed: 7 });
 */
export function gaussianNetwork(rt: Runtime, options: GaussianOptions): Network {
  const where = 'gaussianNetwork';
  requireOptions(where, options, KEYS);
  const dtype = requireDtype(where, options.dtype);
  const n = requireSize(where, options.n, dtype === 'f32' ? MAX_DENSE_N_F32 : MAX_DENSE_N);
  const g = requireFinite(where, 'g', options.g ?? 1, 0);
  const j0 = requireFinite(where, 'j0', options.j0 ?? 0);
  const eta = requireCorrelation(where, 'eta', options.eta ?? 0);
  const selfCoupling = requireBoolean(where, 'selfCoupling', options.selfCoupling ?? false);
  const seed = options.seed ?? DEFAULT_SEED;
  const matrix = rt.scope(() => {
    const rng = rt.rng(seed);
    const J = dtype === 'f32' ? rt.denseF32(n, n) : rt.dense(n, n);
    const kernel = dtype === 'f32' ? rt.core.conn_gaussian_dense_f32 : rt.core.conn_gaussian_dense_f64;
    kernel(rng.statePtr, J.data.ptr, n, j0 / n, g / Math.sqrt(n), eta, selfCoupling ? 1 : 0);
    return J;
  });
  return new Network({
    rt, model: 'gaussian', n, seed, params: { n, g, j0, eta, selfCoupling, dtype }, matrix, theory: gaussianSpectralLaw(g, j0, eta),
  });
}
