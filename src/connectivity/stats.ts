/**
 * Structure statistics of a connectivity matrix (row i = postsynaptic, column j = presynaptic):
 * the edges are the stored entries (CSR) or the nonzero entries (dense). The O(nnz) passes —
 * out-degree counts, reverse-edge search, weight and pair moments — run in WASM.
 */
import { CsrMatrix } from '../linalg/csr.js';
import { DenseMatrix } from '../linalg/dense.js';
import { csrFromTriplets, hasCanonicalRows, tripletsOfCsr } from '../linalg/triplets.js';
import type { Runtime } from '../runtime.js';
import type { I32Buffer } from '../wasm/arena.js';
import { NO_THEORY, type SpectralTheory } from '../theory/spectral-laws.js';
import type { AnyCsrMatrix, Network, NetworkMatrix } from './network.js';
import { MAX_DENSE_N, requireF64Matrix } from './network.js';

export interface DegreeStats {
  mean: number;
  std: number;
  /** std / mean (null when the mean is 0). */
  cv: number | null;
  min: number;
  max: number;
}

export interface ConnectivityStats {
  n: number;
  /** Number of edges (stored CSR entries, nonzero dense entries). */
  nnz: number;
  /** nnz / n². */
  density: number;
  /** Over the edges: mean, population std, and N·var (dense) or K·var (sparse, K = nnz/n). */
  weights: { mean: number; std: number; scaledVar: number };
  /** Inputs per neuron (entries per row). */
  inDegree: DegreeStats;
  /** Outputs per neuron (entries per column). */
  outDegree: DegreeStats;
  /** Pearson correlation of (in-degree, out-degree) over neurons (null if either is constant). */
  degreeCorrelation: number | null;
  /** Fraction of edges j → i (i ≠ j) whose reverse i → j exists. */
  reciprocity: number;
  /** Whether the adjacency is symmetric (every edge reciprocated; undirected networks). */
  symmetricAdjacency: boolean;
  /** corr(J_ij, J_ji) over reciprocated pairs (null with fewer than two pairs or constant weights). */
  eta: number | null;
  /** (Σ s²)² / Σ s⁴ for random-mode networks. */
  effectiveRank?: number;
  theory: SpectralTheory;
}

/** In-degrees (entries per row) and out-degrees (entries per column) of a CSR matrix. */
/** In-degrees (entries per row: row i receives) of a sparse network; null when it is dense or matrix-free. */
export function networkInDegrees(net: Network): Int32Array | null {
  return net.matrix instanceof CsrMatrix ? degreesOf(net.rt, net.matrix).inDegree : null;
}

/** In-degrees (entries per row) and out-degrees (entries per column) of a CSR matrix. */
export function degreesOf(rt: Runtime, matrix: AnyCsrMatrix): { inDegree: Int32Array; outDegree: Int32Array } {
  const rowPtr = matrix.rowPtr.toArray();
  const inDegree = new Int32Array(matrix.nRows);
  for (let i = 0; i < matrix.nRows; i++) inDegree[i] = rowPtr[i + 1] - rowPtr[i];
  using counts = rt.i32(matrix.nCols);
  rt.core.csr_col_counts_i32(matrix.nnz, matrix.colIdx.ptr, matrix.nCols, counts.ptr);
  return { inDegree, outDegree: counts.toArray() };
}

/**
 * The reverse edge of every edge (conn_csr_partners_i32; columns strictly increasing per row) in a
 * new buffer, and how many edges have one. The search cursors (4 bytes per node) live only during the call.
 */
export function csrPartners(rt: Runtime, n: number, rowPtr: I32Buffer, colIdx: I32Buffer): { partner: I32Buffer; count: number } {
  const partner = rt.i32(colIdx.length);
  using cursor = rt.i32(n);
  const count = rt.core.conn_csr_partners_i32(n, rowPtr.ptr, colIdx.ptr, cursor.ptr, partner.ptr);
  return { partner, count };
}

function degreeStats(d: Int32Array): DegreeStats {
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of d) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / d.length;
  let m2 = 0;
  for (const v of d) m2 += (v - mean) ** 2;
  const std = Math.sqrt(m2 / d.length);
  return { mean, std, cv: mean > 0 ? std / mean : null, min, max };
}

function correlation(x: Int32Array, y: Int32Array): number | null {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

/** [nnz, mean, M2, reciprocated, mean_r, Sxx, Sxy] and the degrees of a square matrix. */
function moments(rt: Runtime, matrix: CsrMatrix | DenseMatrix) {
  using out = rt.f64(7);
  if (matrix instanceof DenseMatrix) {
    using inDeg = rt.i32(matrix.nRows);
    using outDeg = rt.i32(matrix.nRows);
    rt.core.conn_dense_moments_f64(matrix.data.ptr, matrix.nRows, inDeg.ptr, outDeg.ptr, out.ptr);
    return { m: out.toArray(), inDegree: inDeg.toArray(), outDegree: outDeg.toArray() };
  }
  using partner = csrPartners(rt, matrix.nRows, matrix.rowPtr, matrix.colIdx).partner;
  rt.core.conn_csr_moments_f64(matrix.nnz, matrix.values.ptr, partner.ptr, out.ptr);
  return { m: out.toArray(), ...degreesOf(rt, matrix) };
}

/** Statistics of a square dense or CSR matrix (CSR rows need not be sorted). */
export function matrixStats(rt: Runtime, weights: NetworkMatrix): ConnectivityStats {
  const matrix = requireF64Matrix('matrixStats', weights);
  if (matrix.nRows !== matrix.nCols) {
    throw new RangeError(`matrixStats: connectivity must be square (got ${matrix.nRows}×${matrix.nCols})`);
  }
  if (matrix instanceof CsrMatrix && !hasCanonicalRows(matrix.rowPtr.toArray(), matrix.colIdx.toArray())) {
    using canonical = rt.csr(csrFromTriplets(tripletsOfCsr(matrix.toArrays())));
    return matrixStats(rt, canonical);
  }
  const n = matrix.nRows;
  const { m, inDegree, outDegree } = moments(rt, matrix);
  const [nnz, mean, m2, reciprocated, , sxx, sxy] = m;
  const variance = nnz > 0 ? m2 / nnz : 0;
  const scale = matrix instanceof DenseMatrix ? n : nnz / n;
  return {
    n,
    nnz,
    density: nnz / (n * n),
    weights: { mean, std: Math.sqrt(variance), scaledVar: scale * variance },
    inDegree: degreeStats(inDegree),
    outDegree: degreeStats(outDegree),
    degreeCorrelation: correlation(inDegree, outDegree),
    reciprocity: nnz > 0 ? reciprocated / nnz : 0,
    symmetricAdjacency: nnz > 0 && reciprocated === nnz,
    eta: reciprocated >= 2 && sxx > 0 ? sxy / sxx : null,
    theory: NO_THEORY,
  };
}

/**
 * Statistics of a network, with its model's spectral theory and (random-mode) effective rank.
 * A random-mode network built with `dense: false` is materialised for the duration of the call.
 */
export function connectivityStats(net: Network): ConnectivityStats {
  const { rt } = net;
  if (net.matrix === null && net.n > MAX_DENSE_N) {
    throw new RangeError(`connectivityStats: the statistics need the dense J, but n = ${net.n} > ${MAX_DENSE_N} does not fit one WASM buffer`);
  }
  const stats = net.matrix !== null
    ? matrixStats(rt, net.matrix)
    : rt.scope(() => matrixStats(rt, (net.factors as NonNullable<Network['factors']>).toDense()));
  const effectiveRank = net.info.effectiveRank;
  return { ...stats, ...(effectiveRank === undefined ? {} : { effectiveRank }), theory: net.theory };
}
