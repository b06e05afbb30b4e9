/**
 * Excitatory/inhibitory block network obeying Dale's law (van Vreeswijk & Sompolinsky 1996;
 * Brunel 2000): neurons 0…N_E−1 are excitatory, the rest inhibitory. Each neuron receives
 * K_E = round(f_E K) excitatory and K_I = round(K) − K_E inhibitory inputs (fixed in-degree), or
 * each possible input independently with probability p = K/(N−1). Weights are J/√K from E and
 * −γJ/√K from I, optionally times a lognormal jitter with mean 1 and CV `jitter` (positive, so
 * signs never flip). Stored as CSR with sorted columns; no self-loops.
 */
import { CsrMatrix } from '../linalg/csr.js';
import { lognormalLogParams, type Rng } from '../random/rng.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { RNG_STATE_BYTES } from '../wasm/abi.js';
import type { I32Buffer } from '../wasm/arena.js';
import { requireFinite, requireOneOf, requireOptions } from '../validate.js';
import { eiSpectralLaw, type InputBlock } from '../theory/spectral-laws.js';
import { Network, requireEdgeCount, requireMeanDegree, requireSize } from './network.js';
import { DEFAULT_SEED } from './options.js';

export type InDegreeMode = 'fixed' | 'probability';

export interface EiOptions {
  n: number;
  /** Mean in-degree K (0 < K < n). */
  k: number;
  /** Fraction of excitatory neurons f_E (default 0.8). */
  fracExc?: number;
  /** 'fixed' in-degree per block (default) or independent connections with 'probability' K/(N−1). */
  inDegree?: InDegreeMode;
  /** Excitatory weight J before the 1/√K scaling (default 1). */
  j?: number;
  /** Relative inhibition γ (default 4: balanced mean input for f_E = 0.8). */
  gamma?: number;
  /** CV of a multiplicative lognormal weight jitter with mean 1 (default 0: none). */
  jitter?: number;
  seed?: Seed;
}

const KEYS = ['n', 'k', 'fracExc', 'inDegree', 'j', 'gamma', 'jitter', 'seed'];

/**
 * The adjacency of a two-block network (the first nExc neurons excitatory): fixed in-degrees kExc
 * and kInh from each block, or independent connections with probability p (geometric skips in
 * WASM: conn_ei_count_i32 sizes the rows, conn_ei_fill_i32 draws the columns). Call inside
 * rt.scope; the scratch it allocates is freed with the scope.
 */
export function blockStructure(
  rt: Runtime, rng: Rng, where: string, spec: { n: number; nExc: number; fixed: boolean; kExc: number; kInh: number; p: number },
): { rowPtr: I32Buffer; colIdx: I32Buffer; nnz: number } {
  const { core } = rt;
  const { n, nExc, fixed, kExc, kInh, p } = spec;
  const scratchState = rt.f64(RNG_STATE_BYTES / 8);
  const mark = rt.i32(n);
  const rowPtr = rt.i32(n + 1);
  const args = [n, nExc, fixed ? 1 : 0, kExc, kInh, p, p, mark.ptr] as const;
  const nnz = core.conn_ei_count_i32(rng.statePtr, scratchState.ptr, ...args, rowPtr.ptr);
  requireEdgeCount(where, nnz);
  const colIdx = rt.i32(nnz);
  core.conn_ei_fill_i32(rng.statePtr, ...args, colIdx.ptr);
  return { rowPtr, colIdx, nnz };
}

/**
 * A sparse E/I network obeying Dale's law, weights J/√K (E) and −γJ/√K (I).
 * @example using net = eiNetwork(rt, { n: 5000, k: 200, fracExc: 0.8, gamma: 5, seed: 3 });
 */
export function eiNetwork(rt: Runtime, options: EiOptions): Network {
  const where = 'eiNetwork';
  requireOptions(where, options, KEYS);
  const n = requireSize(where, options.n);
  const k = requireMeanDegree(where, options.k, n);
  const fracExc = requireFinite(where, 'fracExc', options.fracExc ?? 0.8, 0, 1);
  const mode = requireOneOf(where, 'inDegree', options.inDegree ?? 'fixed', ['fixed', 'probability'] as const);
  const j = requireFinite(where, 'j', options.j ?? 1);
  const gamma = requireFinite(where, 'gamma', options.gamma ?? 4, 0);
  const jitter = requireFinite(where, 'jitter', options.jitter ?? 0, 0);
  const seed = options.seed ?? DEFAULT_SEED;
  const nExc = Math.round(fracExc * n);
  const nInh = n - nExc;
  const kExc = Math.round(fracExc * k);
  const kInh = Math.round(k) - kExc;
  const fixed = mode === 'fixed';
  if (fixed && (kExc > Math.max(nExc - 1, 0) || kInh > Math.max(nInh - 1, 0))) {
    throw new RangeError(
      `${where}: k = ${k} needs ${kExc} excitatory and ${kInh} inhibitory inputs per neuron, ` +
        `but there are only ${nExc} excitatory and ${nInh} inhibitory neurons (one of them may be the neuron itself)`,
    );
  }
  requireEdgeCount(where, Math.ceil(n * k));
  const p = k / (n - 1);
  const wExc = j / Math.sqrt(k);
  const wInh = (-gamma * j) / Math.sqrt(k);
  const { mu, sigma } = lognormalLogParams({ mean: 1, cv: jitter }, where);
  const { core } = rt;
  const arrays = rt.scope(() => {
    const rng = rt.rng(seed);
    const { rowPtr, colIdx, nnz } = blockStructure(rt, rng, where, { n, nExc, fixed, kExc, kInh, p });
    const values = rt.f64(nnz);
    core.conn_ei_weights_f64(rng.statePtr, nnz, colIdx.ptr, nExc, wExc, wInh, mu, sigma, values.ptr);
    return { rowPtr, colIdx, values };
  });
  const matrix = new CsrMatrix(core, rt.arena, n, n, arrays.rowPtr, arrays.colIdx, arrays.values);
  const blocks: InputBlock[] = fixed
    ? [{ inputs: kExc, p: kExc / Math.max(nExc - 1, 1), weight: wExc }, { inputs: kInh, p: kInh / Math.max(nInh - 1, 1), weight: wInh }]
    : [{ inputs: p * nExc, p, weight: wExc }, { inputs: p * nInh, p, weight: wInh }];
  return new Network({
    rt, model: 'ei', n, seed, matrix, theory: eiSpectralLaw(blocks, jitter),
    params: { n, k, fracExc, inDegree: mode, j, gamma, jitter, nExc, kExc: fixed ? kExc : null, kInh: fixed ? kInh : null },
  });
}
