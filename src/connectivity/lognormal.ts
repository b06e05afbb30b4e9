/**
 * Degree-heterogeneous sparse network: each neuron draws an in- and an out-degree propensity from
 * a lognormal with mean K and coefficient of variation CV (log-degrees correlated with ρ), edges
 * follow a directed configuration model (conn_config_fill_i32: sequential stub matching without
 * self-loops or repeated edges), weights are N(J0/K, g²/K) with corr(J_ij, J_ji) = η on
 * reciprocated pairs. Stored as CSR with sorted columns.
 *
 * Configuration model rather than Chung–Lu: realised in-degrees equal the draws rounded along
 * their cumulative sum (so the total, and a fractional K, are kept) and out-degrees their rescaled
 * draws rounded the same way, except for degrees capped at n − 1 and inputs the matcher cannot place
 * (the last stubs may only offer self-loops or repeats). Such losses are counted in `info`, and
 * beyond LOST_EDGES_WARNING of the drawn edges they are a warning in `warnings`. Chung–Lu would
 * add Poisson noise of size √k to every degree, so CV = 0 would not give fixed degrees.
 *
 * Memory: generation streams into the final CSR arrays (12 bytes per edge, 8 with dtype 'f32') and
 * holds nothing else edge-sized: the stub pool lives in the values buffer until the weights
 * overwrite it, and the weights find reverse edges with a cursor per row instead of a partner array.
 * Only when some inputs stayed unplaced are the columns and values reallocated at the placed size
 * (one compacted copy of the columns beside the original while copying).
 */
import { lognormalSpectralLaw } from '../theory/spectral-laws.js';
import { lognormalLogParams } from '../random/rng.js';
import type { Seed } from '../random/seed.js';
import type { Runtime } from '../runtime.js';
import { requireFinite, requireOptions } from '../validate.js';
import { degreeTargets, rowPointers } from './degrees.js';
import {
  csrOfValues, fillPairNormalValues, Network, requireCorrelation, requireDtype, requireEdgeCount, requireMeanDegree, requireSize,
  valuesBuffer,
} from './network.js';
import type { Dtype } from '../linalg/f32.js';
import { DEFAULT_SEED } from './options.js';
import { degreesOf } from './stats.js';
import { undirectedLognormalNetwork } from './undirected.js';

export interface LognormalOptions {
  n: number;
  /** Mean degree K (0 < K < n). */
  k: number;
  /** Coefficient of variation of the degrees (default 0: every degree K). */
  cv?: number;
  /** Correlation ρ ∈ [−1, 1] of a neuron's log in- and log out-degree (default 0). */
  degreeCorrelation?: number;
  /** Gain g (default 1): weight variance g²/K. */
  g?: number;
  /** Mean coupling J0 (default 0): weight mean J0/K. */
  j0?: number;
  /** corr(J_ij, J_ji) on reciprocated pairs (default 0). */
  eta?: number;
  /**
   * A symmetric adjacency (k_in = k_out, every edge reciprocated, η on every edge) from an erased
   * configuration model (undirected.ts); degreeCorrelation does not apply. Default false.
   */
  undirected?: boolean;
  /** Value type of the CSR weights: 'f64' (default) or 'f32' (8 instead of 12 bytes per edge; same draws, rounded). */
  dtype?: Dtype;
  seed?: Seed;
}

const KEYS = ['n', 'k', 'cv', 'degreeCorrelation', 'g', 'j0', 'eta', 'seed', 'undirected', 'dtype'];

/**
 * Fraction of the drawn edges that may be lost (degree cap n − 1, unplaceable stubs) before the
 * network carries a warning: rounding loses none, and a few unplaceable last stubs stay far below 1%;
 * more means the request (K, CV at this n) cannot be realised as asked.
 */
export const LOST_EDGES_WARNING = 0.01;

/** Draws a stub up to this many times before giving an input up (rejections are rare until the pool runs low). */
export const MAX_STUB_TRIES = 64;

/**
 * A sparse CSR network with lognormal in/out degrees (mean K, CV, log-degree correlation ρ) by a
 * directed configuration model; weights N(J0/K, g²/K), corr η on reciprocated pairs. `info` reports
 * requested vs placed edges and how far realised degrees lie from the lognormal draws.
 * @example using net = lognormalNetwork(rt, { n: 10_000, k: 100, cv: 1, degreeCorrelation: 0.5, seed: 1 });
 */
export function lognormalNetwork(rt: Runtime, options: LognormalOptions): Network {
  const where = 'lognormalNetwork';
  requireOptions(where, options, KEYS);
  const n = requireSize(where, options.n);
  const k = requireMeanDegree(where, options.k, n);
  const cv = requireFinite(where, 'cv', options.cv ?? 0, 0);
  const rho = requireCorrelation(where, 'degreeCorrelation', options.degreeCorrelation ?? 0);
  const g = requireFinite(where, 'g', options.g ?? 1, 0);
  const j0 = requireFinite(where, 'j0', options.j0 ?? 0);
  const eta = requireCorrelation(where, 'eta', options.eta ?? 0);
  const seed = options.seed ?? DEFAULT_SEED;
  const dtype = requireDtype(where, options.dtype);
  requireEdgeCount(where, Math.ceil(n * k), dtype);
  if (options.undirected !== undefined && typeof options.undirected !== 'boolean') {
    throw new TypeError(`${where}: undirected must be a boolean (got ${typeof options.undirected})`);
  }
  if (options.undirected) {
    if (options.degreeCorrelation !== undefined && options.degreeCorrelation !== 1) {
      throw new RangeError(`${where}: degreeCorrelation does not apply to an undirected network (k_in = k_out); omit it`);
    }
    return undirectedLognormalNetwork(rt, { n, k, cv, g, j0, eta, seed, dtype }, where);
  }
  const { mu, sigma } = lognormalLogParams({ mean: k, cv }, where);
  const { core } = rt;
  const built = rt.scope(() => {
    const rng = rt.rng(seed);
    const kIn = rt.f64(n);
    const kOut = rt.f64(n);
    core.conn_degree_pairs_f64(rng.statePtr, n, mu, sigma, rho, kIn.ptr, kOut.ptr);
    const draws = { kIn: kIn.toArray(), kOut: kOut.toArray() };
    const targets = degreeTargets(draws.kIn, draws.kOut, n);
    requireEdgeCount(where, targets.total, dtype);
    const rowPtr = rt.i32From(rowPointers(targets.inDegree));
    const outDegree = rt.i32From(targets.outDegree);
    const mark = rt.i32(n);
    let colIdx = rt.i32(targets.total);
    // The values buffer is the stub pool while matching: Σ outDegree ≤ total i32 stubs fit in its
    // 4 (f32) or 8 (f64) bytes per edge, and the weights overwrite them only after the pool is spent.
    let values = valuesBuffer(rt, dtype, targets.total, where);
    const placed = core.conn_config_fill_i32(
      rng.statePtr, n, rowPtr.ptr, outDegree.ptr, values.ptr, mark.ptr, colIdx.ptr, MAX_STUB_TRIES,
    );
    if (placed < targets.total) {
      values.dispose();
      const exact = rt.i32(placed);
      exact.view().set(colIdx.view().subarray(0, placed));
      colIdx.dispose();
      colIdx = exact;
      values = valuesBuffer(rt, dtype, placed, where);
    }
    const reciprocated = fillPairNormalValues(rt, rng, n, rowPtr, colIdx, values, j0 / k, g / Math.sqrt(k), eta);
    return { rowPtr, colIdx, values, targets, draws, reciprocated };
  });
  const matrix = csrOfValues(rt, n, built.rowPtr, built.colIdx, built.values);
  const { inDegree, outDegree } = degreesOf(rt, matrix);
  const { targets, draws } = built;
  let inShort = 0;
  let outShort = 0;
  let inDeviation = 0;
  let outDeviation = 0;
  for (let i = 0; i < n; i++) {
    inShort = Math.max(inShort, targets.inDegree[i] - inDegree[i]);
    outShort = Math.max(outShort, targets.outDegree[i] - outDegree[i]);
    inDeviation += Math.abs(inDegree[i] - draws.kIn[i]) / n;
    outDeviation += Math.abs(outDegree[i] - draws.kOut[i]) / n;
  }
  const reciprocity = matrix.nnz > 0 ? built.reciprocated / matrix.nnz : 0;
  const lost = targets.drawnTotal - matrix.nnz;
  const warnings = lost > LOST_EDGES_WARNING * targets.drawnTotal
    ? [`${where}: placed ${matrix.nnz} of the ${targets.drawnTotal} edges drawn (${((100 * lost) / targets.drawnTotal).toFixed(1)}% lost: ` +
        `${targets.cappedIn} to the in-degree cap n − 1 = ${n - 1}, ${targets.total - matrix.nnz} inputs left unmatched ` +
        `(${targets.cappedOut} of them by the out-degree cap)), so the mean degree is ${(matrix.nnz / n).toFixed(3)}, not k = ${k}: ` +
        `lower cv (${cv}) or raise n`]
    : [];
  return new Network({
    rt, model: 'lognormal', n, seed, matrix,
    params: { n, k, cv, degreeCorrelation: rho, g, j0, eta, dtype },
    theory: lognormalSpectralLaw({ inDegrees: inDegree, outDegrees: outDegree, k, g, j0, eta, reciprocity }),
    warnings,
    info: {
      drawnEdges: targets.drawnTotal,
      requestedEdges: targets.total,
      placedEdges: matrix.nnz,
      maxInDegreeShortfall: inShort,
      maxOutDegreeShortfall: outShort,
      // Realised vs the real-valued lognormal draws: rounding (≤ 0.5) and, for out-degrees, the
      // rescaling by Σ k_in / Σ k_out that makes both totals equal.
      meanAbsInDegreeDeviation: inDeviation,
      meanAbsOutDegreeDeviation: outDeviation,
      outDegreeRescale: targets.total / draws.kOut.reduce((sum, d) => sum + d, 0),
    },
  });
}
