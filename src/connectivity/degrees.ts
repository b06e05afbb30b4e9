/**
 * Integer degree sequences from real-valued degree draws (pure TS; shared by the WASM generator
 * and the pure-JS reference generator).
 */

export interface DegreeTargets {
  /** Requested in-degree of each neuron: round(k_in), clamped to [0, n − 1]. */
  inDegree: Int32Array;
  /** Requested out-degree: k_out rescaled to the same total, then rounded along the cumulative sum. */
  outDegree: Int32Array;
  /** Σ inDegree = Σ outDegree (unless the n − 1 cap bites on out-degrees). */
  total: number;
}

/**
 * In-degrees are rounded draws. Out-degrees must have the same total (every edge has one end of
 * each kind), so the draws are rescaled by Σ k_in / Σ k_out and rounded along the cumulative
 * sum: out_j = round(C_j) − round(C_{j−1}) with C_j = Σ_{l ≤ j} x_l. Each out_j is within 1 of its
 * rescaled draw and the totals agree exactly; with CV = 0 every degree is exactly K.
 */
export function degreeTargets(kIn: ArrayLike<number>, kOut: ArrayLike<number>, n: number): DegreeTargets {
  const inDegree = new Int32Array(n);
  let total = 0;
  let outSum = 0;
  for (let i = 0; i < n; i++) {
    inDegree[i] = Math.min(Math.max(Math.round(kIn[i]), 0), n - 1);
    total += inDegree[i];
    outSum += kOut[i];
  }
  const outDegree = new Int32Array(n);
  const factor = outSum > 0 ? total / outSum : 0;
  let cumulative = 0;
  let previous = 0;
  for (let j = 0; j < n; j++) {
    cumulative += kOut[j] * factor;
    const rounded = Math.round(cumulative);
    outDegree[j] = Math.min(rounded - previous, n - 1);
    previous = rounded;
  }
  return { inDegree, outDegree, total };
}

/** rowPtr of a CSR structure with the given row lengths. */
export function rowPointers(lengths: Int32Array): Int32Array {
  const rowPtr = new Int32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) rowPtr[i + 1] = rowPtr[i] + lengths[i];
  return rowPtr;
}
