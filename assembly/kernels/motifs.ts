/**
 * Sums behind the weighted second-order motif statistics of a square connectivity matrix W
 * (Zhao, Beverlin, Netoff & Nykamp 2011, with weights in place of edges). Over off-diagonal
 * entries only (i ≠ j), for a shifted matrix A = W − shift:
 *   rowSum_i = Σ_{j≠i} A_ij,  colSum_j = Σ_{i≠j} A_ij,
 *   out[0] = Σ_{i≠j} A_ij,  out[1] = Σ_{i≠j} A_ij²,  out[2] = Σ_{i≠j} A_ij A_ji.
 * The host combines them in O(n) into the reciprocal, convergent, divergent and chain moments
 * (src/analysis/motifs.ts): every triple sum over distinct indices follows from the row and column
 * sums, e.g. Σ_i Σ_{j≠k} A_ij A_ik = Σ_i rowSum_i² − out[1], so nothing is O(n³).
 * rowSum and colSum: f64[n], overwritten; out: f64[3]. Inputs are not modified.
 */

/** Dense row-major W (n×n), A = W − shift. SIMD builds sum rows with two f64x2 accumulators. */
export function motif_dense_sums_f64(aPtr: usize, n: i32, shift: f64, rowSumPtr: usize, colSumPtr: usize, outPtr: usize): void {
  memory.fill(colSumPtr, 0, <usize>n << 3);
  const rowBytes = <usize>n << 3;
  let total = 0.0, squares = 0.0, reciprocal = 0.0;
  for (let i = 0; i < n; i++) {
    const row = aPtr + <usize>i * rowBytes;
    let s = 0.0, q = 0.0;
    // The two off-diagonal segments [0, i) and (i, n).
    for (let segment = 0; segment < 2; segment++) {
      let j = segment == 0 ? 0 : i + 1;
      const end = segment == 0 ? i : n;
      if (ASC_FEATURE_SIMD) {
        const vShift = f64x2.splat(shift);
        let s0 = f64x2.splat(0.0), s1 = f64x2.splat(0.0), q0 = f64x2.splat(0.0), q1 = f64x2.splat(0.0);
        for (; j + 4 <= end; j += 4) {
          const o = <usize>j << 3;
          const a0 = f64x2.sub(v128.load(row + o), vShift);
          const a1 = f64x2.sub(v128.load(row + o, 16), vShift);
          s0 = f64x2.add(s0, a0);
          s1 = f64x2.add(s1, a1);
          q0 = f64x2.add(q0, f64x2.mul(a0, a0));
          q1 = f64x2.add(q1, f64x2.mul(a1, a1));
          v128.store(colSumPtr + o, f64x2.add(v128.load(colSumPtr + o), a0));
          v128.store(colSumPtr + o, f64x2.add(v128.load(colSumPtr + o, 16), a1), 16);
        }
        const sv = f64x2.add(s0, s1);
        const qv = f64x2.add(q0, q1);
        s += f64x2.extract_lane(sv, 0) + f64x2.extract_lane(sv, 1);
        q += f64x2.extract_lane(qv, 0) + f64x2.extract_lane(qv, 1);
      }
      for (; j < end; j++) {
        const o = <usize>j << 3;
        const a = load<f64>(row + o) - shift;
        s += a;
        q += a * a;
        store<f64>(colSumPtr + o, load<f64>(colSumPtr + o) + a);
      }
    }
    store<f64>(rowSumPtr + (<usize>i << 3), s);
    total += s;
    squares += q;
    // Σ_{j>i} A_ij A_ji (the column walk is strided; each pair counted once, doubled below).
    for (let j = i + 1; j < n; j++) {
      const aij = load<f64>(row + (<usize>j << 3)) - shift;
      const aji = load<f64>(aPtr + <usize>j * rowBytes + (<usize>i << 3)) - shift;
      reciprocal += aij * aji;
    }
  }
  store<f64>(outPtr, total);
  store<f64>(outPtr, squares, 8);
  store<f64>(outPtr, 2.0 * reciprocal, 16);
}

/**
 * CSR W (rowPtr i32[n+1], colIdx i32[nnz], vals f64[nnz]) with shift 0: sums over the stored
 * off-diagonal entries (the absent ones are zeros and add nothing). partner: i32[nnz], the reverse
 * edge of each edge or −1 (conn_csr_partners_i32), so the reciprocal sum is O(nnz).
 */
export function motif_csr_sums_f64(n: i32, rowPtr: usize, colIdx: usize, vals: usize, partnerPtr: usize,
                                   rowSumPtr: usize, colSumPtr: usize, outPtr: usize): void {
  memory.fill(colSumPtr, 0, <usize>n << 3);
  let total = 0.0, squares = 0.0, reciprocal = 0.0;
  for (let i = 0; i < n; i++) {
    let s = 0.0;
    const end = load<i32>(rowPtr + (<usize>(i + 1) << 2));
    for (let e = load<i32>(rowPtr + (<usize>i << 2)); e < end; e++) {
      const j = load<i32>(colIdx + (<usize>e << 2));
      if (j == i) continue;
      const w = load<f64>(vals + (<usize>e << 3));
      s += w;
      squares += w * w;
      const oj = <usize>j << 3;
      store<f64>(colSumPtr + oj, load<f64>(colSumPtr + oj) + w);
      const p = load<i32>(partnerPtr + (<usize>e << 2));
      if (p >= 0) reciprocal += w * load<f64>(vals + (<usize>p << 3));
    }
    store<f64>(rowSumPtr + (<usize>i << 3), s);
    total += s;
  }
  store<f64>(outPtr, total);
  store<f64>(outPtr, squares, 8);
  store<f64>(outPtr, reciprocal, 16);
}
