/**
 * Integer degree sequences from real-valued degree draws (pure TS; shared by the WASM generator
 * and the pure-JS reference generator).
 */

export interface DegreeTargets {
  /** Requested in-degree of each neuron: the draws rounded along their cumulative sum, capped at n − 1. */
  inDegree: Int32Array;
  /** Requested out-degree: k_out rescaled to the same total, then rounded along the cumulative sum. */
  outDegree: Int32Array;
  /** Σ inDegree = Σ outDegree (unless the n − 1 cap bites on out-degrees). */
  total: number;
  /** round(Σ k_in): the edges the draws ask for before the n − 1 cap. */
  drawnTotal: number;
  /** Edges removed by capping in-degrees, and out-degrees, at n − 1 (no self-loops, no repeats). */
  cappedIn: number;
  cappedOut: number;
}

/**
 * x_j·factor rounded along the cumulative sum: out_j = round(C_j) − round(C_{j−1}) with
 * C_j = Σ_{l ≤ j} x_l·factor, then capped at `cap`. Each value is within 1 of x_j·factor and the
 * uncapped total is round(C_n) exactly (rounding each value alone would turn K = 0.5 into 1).
 */
function roundAlongCumulativeSum(x: ArrayLike<number>, factor: number, cap: number): { rounded: Int32Array; capped: number } {
  const rounded = new Int32Array(x.length);
  let capped = 0;
  let cumulative = 0;
  let previous = 0;
  for (let j = 0; j < x.length; j++) {
    cumulative += x[j] * factor;
    const next = Math.round(cumulative);
    rounded[j] = Math.min(next - previous, cap);
    capped += next - previous - rounded[j];
    previous = next;
  }
  return { rounded, capped };
}

/**
 * In- and out-degrees must have the same total (every edge has one end of each kind): in-degrees
 * are the draws rounded along their cumulative sum, out-degrees the draws rescaled by
 * Σ k_in / Σ k_out and rounded the same way. Every degree is within 1 of its (rescaled) draw, the
 * totals agree exactly, and with CV = 0 and integer K every degree is exactly K.
 */
export function degreeTargets(kIn: ArrayLike<number>, kOut: ArrayLike<number>, n: number): DegreeTargets {
  const { rounded: inDegree, capped: cappedIn } = roundAlongCumulativeSum(kIn, 1, n - 1);
  let total = 0;
  let outSum = 0;
  for (let i = 0; i < n; i++) {
    total += inDegree[i];
    outSum += kOut[i];
  }
  const { rounded: outDegree, capped: cappedOut } = roundAlongCumulativeSum(kOut, outSum > 0 ? total / outSum : 0, n - 1);
  return { inDegree, outDegree, total, drawnTotal: total + cappedIn, cappedIn, cappedOut };
}

/** rowPtr of a CSR structure with the given row lengths. */
export function rowPointers(lengths: Int32Array): Int32Array {
  const rowPtr = new Int32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) rowPtr[i + 1] = rowPtr[i] + lengths[i];
  return rowPtr;
}
