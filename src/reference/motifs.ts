/**
 * Plain-TS motif sums with the same argument order as assembly/kernels/motifs.ts, and a brute-force
 * O(n³) evaluation of the motif statistics straight from their definitions (tests only).
 */

/** Dense W (n×n row-major), A = W − shift, off-diagonal: row and column sums; out = [Σ A, Σ A², Σ A_ij A_ji]. */
export function motifDenseSumsRef(a: Float64Array, n: number, shift: number, rowSum: Float64Array, colSum: Float64Array,
                                  out: Float64Array): void {
  rowSum.fill(0, 0, n);
  colSum.fill(0, 0, n);
  out.fill(0, 0, 3);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = a[i * n + j] - shift;
      rowSum[i] += v;
      colSum[j] += v;
      out[0] += v;
      out[1] += v * v;
      out[2] += v * (a[j * n + i] - shift);
    }
  }
}

/** CSR W (canonical rows), shift 0, stored off-diagonal entries; partner[e] = reverse edge or −1. Σ W adds row sums, as the kernel does. */
export function motifCsrSumsRef(n: number, rowPtr: Int32Array, colIdx: Int32Array, vals: Float64Array, partner: Int32Array,
                                rowSum: Float64Array, colSum: Float64Array, out: Float64Array): void {
  rowSum.fill(0, 0, n);
  colSum.fill(0, 0, n);
  out.fill(0, 0, 3);
  for (let i = 0; i < n; i++) {
    for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      const j = colIdx[e];
      if (j === i) continue;
      rowSum[i] += vals[e];
      colSum[j] += vals[e];
      out[1] += vals[e] * vals[e];
      if (partner[e] >= 0) out[2] += vals[e] * vals[partner[e]];
    }
    out[0] += rowSum[i];
  }
}

/** The four motif statistics by direct averages over distinct index tuples (O(n³)). */
export function motifsBruteForceRef(w: Float64Array, n: number) {
  let mean = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) mean += w[i * n + j] / (n * (n - 1));
  const a = (i: number, j: number) => w[i * n + j] - mean;
  let variance = 0;
  let reciprocal = 0;
  let convergent = 0;
  let divergent = 0;
  let chain = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      variance += a(i, j) ** 2;
      reciprocal += a(i, j) * a(j, i);
      for (let k = 0; k < n; k++) {
        if (k === i || k === j) continue;
        convergent += a(i, j) * a(i, k);
        divergent += a(i, j) * a(k, j);
        chain += a(i, j) * a(j, k);
      }
    }
  }
  const pairs = n * (n - 1);
  const triples = pairs * (n - 2);
  variance /= pairs;
  return {
    mean, variance,
    reciprocal: reciprocal / pairs / variance,
    convergent: convergent / triples / variance,
    divergent: divergent / triples / variance,
    chain: chain / triples / variance,
  };
}
