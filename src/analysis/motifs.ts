/**
 * Weighted second-order motif statistics (Zhao, Beverlin, Netoff & Nykamp 2011, with weights in
 * place of edges) of a square matrix W, row i = postsynaptic, column j = presynaptic:
 *   A = W − μ, μ = mean of the n(n−1) off-diagonal entries (absent CSR entries count as 0),
 *   σ² = mean of A² over the off-diagonal entries,
 *   reciprocal = ⟨A_ij A_ji⟩/σ²,   convergent = ⟨A_ij A_ik⟩/σ² (same target i),
 *   divergent  = ⟨A_ij A_kj⟩/σ² (same source j),   chain = ⟨A_ij A_jk⟩/σ²,
 * each average over distinct indices. With rowSum R_i = Σ_{j≠i} A_ij, colSum C_j, Q = Σ A² and
 * X = Σ_{i≠j} A_ij A_ji (assembly/kernels/motifs.ts, O(n²) dense, O(nnz) CSR):
 *   reciprocal = X/Q,  convergent = (Σ R_i² − Q)/((n−2)Q),  divergent = (Σ C_j² − Q)/((n−2)Q),
 *   chain = (Σ_j R_j C_j − X)/((n−2)Q),
 * since e.g. Σ_i Σ_{j≠k; j,k≠i} A_ij A_ik = Σ_i (R_i² − Σ_j A_ij²) and the pairs (i, k) with
 * i ≠ j ≠ k counted by C_j R_j include i = k exactly through X.
 * For i.i.d. entries each statistic is 0 with standard deviation ≈ √2/n.
 */
import { CsrMatrix } from '../linalg/csr.js';
import { DenseMatrix } from '../linalg/dense.js';
import { csrFromTriplets, hasCanonicalRows, tripletsOfCsr } from '../linalg/triplets.js';
import type { Runtime } from '../runtime.js';
import { csrPartners } from '../connectivity/stats.js';
import { type NetworkMatrix, requireF64Matrix } from '../connectivity/network.js';

export interface MotifStatistics {
  n: number;
  /** μ, the mean off-diagonal entry. */
  mean: number;
  /** σ², the variance of the off-diagonal entries. */
  variance: number;
  reciprocal: number;
  convergent: number;
  divergent: number;
  chain: number;
}

/** The sums of A = W − μ (see the file comment): row sums, column sums, Q and X. */
interface ShiftedSums {
  mean: number;
  rowSum: Float64Array;
  colSum: Float64Array;
  squares: number;
  reciprocal: number;
}

function denseSums(rt: Runtime, W: DenseMatrix): ShiftedSums {
  const n = W.nRows;
  using rowSum = rt.f64(n);
  using colSum = rt.f64(n);
  using out = rt.f64(3);
  rt.core.motif_dense_sums_f64(W.data.ptr, n, 0, rowSum.ptr, colSum.ptr, out.ptr);
  const mean = out.view()[0] / (n * (n - 1));
  // Second pass on A = W − μ itself: no cancellation between moments of W and powers of μ.
  rt.core.motif_dense_sums_f64(W.data.ptr, n, mean, rowSum.ptr, colSum.ptr, out.ptr);
  const [, squares, reciprocal] = out.toArray();
  return { mean, rowSum: rowSum.toArray(), colSum: colSum.toArray(), squares, reciprocal };
}

function csrSums(rt: Runtime, W: CsrMatrix): ShiftedSums {
  const n = W.nRows;
  using partner = csrPartners(rt, n, W.rowPtr, W.colIdx).partner;
  using rowBuffer = rt.f64(n);
  using colBuffer = rt.f64(n);
  using out = rt.f64(3);
  rt.core.motif_csr_sums_f64(n, W.rowPtr.ptr, W.colIdx.ptr, W.values.ptr, partner.ptr, rowBuffer.ptr, colBuffer.ptr, out.ptr);
  const [total, squaresW, reciprocalW] = out.toArray();
  const pairs = n * (n - 1);
  const mean = total / pairs;
  // Shift by μ over all n(n−1) off-diagonal entries, stored or not:
  //   R_i = Σ_j W_ij − (n−1)μ,  Q = Σ W² − μ Σ W,  X = Σ W_ij W_ji − μ Σ W.
  const rowSum = rowBuffer.toArray().map((s) => s - (n - 1) * mean);
  const colSum = colBuffer.toArray().map((s) => s - (n - 1) * mean);
  return { mean, rowSum, colSum, squares: squaresW - mean * total, reciprocal: reciprocalW - mean * total };
}

/**
 * Motif statistics of a dense or CSR matrix (n ≥ 3; CSR rows need not be sorted). Throws when
 * the off-diagonal entries are all equal (σ² = 0).
 * @example connectivityMotifs(rt, network.matrix).reciprocal
 */
export function connectivityMotifs(rt: Runtime, weights: NetworkMatrix): MotifStatistics {
  const where = 'connectivityMotifs';
  const matrix = requireF64Matrix(where, weights);
  if (matrix.nRows !== matrix.nCols) throw new RangeError(`${where}: matrix must be square (got ${matrix.nRows}×${matrix.nCols})`);
  const n = matrix.nRows;
  if (n < 3) throw new RangeError(`${where}: n must be ≥ 3 for triple motifs (got ${n})`);
  if (matrix instanceof CsrMatrix && !hasCanonicalRows(matrix.rowPtr.toArray(), matrix.colIdx.toArray())) {
    using canonical = rt.csr(csrFromTriplets(tripletsOfCsr(matrix.toArrays())));
    return connectivityMotifs(rt, canonical);
  }
  const { mean, rowSum, colSum, squares, reciprocal } = matrix instanceof DenseMatrix ? denseSums(rt, matrix) : csrSums(rt, matrix);
  if (!(squares > 0)) throw new RangeError(`${where}: the off-diagonal entries are all equal (σ² = 0), so the statistics are undefined`);
  let rowSquares = 0;
  let colSquares = 0;
  let rowCol = 0;
  for (let i = 0; i < n; i++) {
    rowSquares += rowSum[i] * rowSum[i];
    colSquares += colSum[i] * colSum[i];
    rowCol += rowSum[i] * colSum[i];
  }
  const triples = (n - 2) * squares;
  return {
    n,
    mean,
    variance: squares / (n * (n - 1)),
    reciprocal: reciprocal / squares,
    convergent: (rowSquares - squares) / triples,
    divergent: (colSquares - squares) / triples,
    chain: (rowCol - reciprocal) / triples,
  };
}
