/**
 * Dense matrix–vector products, A row-major f64[nRows·nCols] (A_ij at i·nCols + j). Outputs must
 * not alias inputs.
 *
 * Every row's dot product follows one recipe, in every build and whatever blocking is around it:
 * two running sums, s_even over j = 0, 2, 4, … and s_odd over j = 1, 3, 5, …, each added left to
 * right (the two lanes of one f64x2 accumulator in SIMD builds, two scalars in scalar builds), then
 * s_even + s_odd, then the last column when nCols is odd. SIMD and scalar builds therefore give
 * the same bits, and so do gemv_f64 and gemm_rows_f64 for each of its vectors: a trajectory
 * simulated in an ensemble equals the same trajectory simulated alone. Blocking only decides which
 * rows and vectors share loads. Each y_i agrees with a plain loop within 2·γ_n·Σ_j|A_ij x_j|.
 *
 * One accumulator per row (not two) leaves registers for 4 rows × 2 vectors in gemm_rows_f64: V8
 * keeps all eight accumulators and the loads of one column pair in the 15 usable xmm registers,
 * where 4 rows × 2 accumulators already spilled in gemv (measured: 0.16 ns per multiply-add for
 * 8 vectors at n = 1000 against 0.47 for 8 calls of the former gemv).
 */

/** The last column of an odd-width row, added to the row's sum s. */
// @ts-ignore: decorator
@inline
function tailColumn(s: f64, rowPtr: usize, xPtr: usize, nCols: i32): f64 {
  if ((nCols & 1) == 0) return s;
  const o = <usize>(nCols - 1) << 3;
  return s + load<f64>(rowPtr + o) * load<f64>(xPtr + o);
}

/** Σ_j A[row, j]·x[j] for one row, by the recipe. */
// @ts-ignore: decorator
@inline
function rowDot(rowPtr: usize, xPtr: usize, nCols: i32): f64 {
  const end = <usize>(nCols & ~1) << 3;
  let s: f64;
  if (ASC_FEATURE_SIMD) {
    let a = f64x2.splat(0.0);
    for (let o: usize = 0; o < end; o += 16) a = f64x2.add(a, f64x2.mul(v128.load(rowPtr + o), v128.load(xPtr + o)));
    s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  } else {
    let even = 0.0, odd = 0.0;
    for (let o: usize = 0; o < end; o += 16) {
      even += load<f64>(rowPtr + o) * load<f64>(xPtr + o);
      odd += load<f64>(rowPtr + o, 8) * load<f64>(xPtr + o, 8);
    }
    s = even + odd;
  }
  return tailColumn(s, rowPtr, xPtr, nCols);
}

/** Stores the four rows' sums from accumulators (SIMD: f64x2 at acc + 16r; scalar: even, odd at acc + 16r). */
// @ts-ignore: decorator
@inline
function finishFourRows(r0: usize, rowBytes: usize, xPtr: usize, nCols: i32, acc: usize, yPtr: usize): void {
  for (let r = 0; r < 4; r++) {
    const a = acc + (<usize>r << 4);
    let s: f64;
    if (ASC_FEATURE_SIMD) {
      const v = v128.load(a);
      s = f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
    } else {
      s = load<f64>(a) + load<f64>(a, 8);
    }
    store<f64>(yPtr + (<usize>r << 3), tailColumn(s, r0 + <usize>r * rowBytes, xPtr, nCols));
  }
}

/**
 * Adds column pairs [from, to) (byte offsets, multiples of 16) of rows r0…r0 + 3 times x to the
 * accumulators at acc (4 × 16 bytes, see finishFourRows), in the recipe's order.
 */
// @ts-ignore: decorator
@inline
function fourRowsOneVector(r0: usize, rowBytes: usize, xPtr: usize, from: usize, to: usize, acc: usize): void {
  const q2 = rowBytes << 1, q3 = rowBytes * 3;
  const d = xPtr - r0;
  let p = r0 + from;
  const stop = r0 + to;
  const stop2 = r0 + from + ((to - from) & ~<usize>31);
  if (ASC_FEATURE_SIMD) {
    let a0 = v128.load(acc), a1 = v128.load(acc, 16), a2 = v128.load(acc, 32), a3 = v128.load(acc, 48);
    // Two column pairs per iteration (halves the loop overhead; each accumulator still adds in column order).
    for (; p < stop2; p += 32) {
      const x0 = v128.load(p + d), x1 = v128.load(p + d, 16);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(p), x0));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(p + rowBytes), x0));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(p + q2), x0));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(p + q3), x0));
      a0 = f64x2.add(a0, f64x2.mul(v128.load(p, 16), x1));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(p + rowBytes, 16), x1));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(p + q2, 16), x1));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(p + q3, 16), x1));
    }
    if (p < stop) {
      const x0 = v128.load(p + d);
      a0 = f64x2.add(a0, f64x2.mul(v128.load(p), x0));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(p + rowBytes), x0));
      a2 = f64x2.add(a2, f64x2.mul(v128.load(p + q2), x0));
      a3 = f64x2.add(a3, f64x2.mul(v128.load(p + q3), x0));
    }
    v128.store(acc, a0); v128.store(acc, a1, 16); v128.store(acc, a2, 32); v128.store(acc, a3, 48);
    return;
  }
  let e0 = load<f64>(acc), o0 = load<f64>(acc, 8), e1 = load<f64>(acc, 16), o1 = load<f64>(acc, 24);
  let e2 = load<f64>(acc, 32), o2 = load<f64>(acc, 40), e3 = load<f64>(acc, 48), o3 = load<f64>(acc, 56);
  for (; p < stop; p += 16) {
    const x0 = load<f64>(p + d), x1 = load<f64>(p + d, 8);
    e0 += load<f64>(p) * x0; o0 += load<f64>(p, 8) * x1;
    e1 += load<f64>(p + rowBytes) * x0; o1 += load<f64>(p + rowBytes, 8) * x1;
    e2 += load<f64>(p + q2) * x0; o2 += load<f64>(p + q2, 8) * x1;
    e3 += load<f64>(p + q3) * x0; o3 += load<f64>(p + q3, 8) * x1;
  }
  store<f64>(acc, e0); store<f64>(acc, o0, 8); store<f64>(acc, e1, 16); store<f64>(acc, o1, 24);
  store<f64>(acc, e2, 32); store<f64>(acc, o2, 40); store<f64>(acc, e3, 48); store<f64>(acc, o3, 56);
}

/**
 * The same for two vectors x (accumulators at acc) and x + xBytes (at acc + 64): each load of A
 * serves both, so a 4-row panel block in L1 costs one load per two multiply-adds. SIMD only (the
 * scalar build calls fourRowsOneVector twice: sixteen scalar accumulators would spill).
 */
// @ts-ignore: decorator
@inline
function fourRowsTwoVectors(r0: usize, rowBytes: usize, xPtr: usize, xBytes: usize, from: usize, to: usize, acc: usize): void {
  if (!ASC_FEATURE_SIMD) {
    fourRowsOneVector(r0, rowBytes, xPtr, from, to, acc);
    fourRowsOneVector(r0, rowBytes, xPtr + xBytes, from, to, acc + 64);
    return;
  }
  const q2 = rowBytes << 1, q3 = rowBytes * 3;
  const d = xPtr - r0;
  const d2 = d + xBytes;
  let a0 = v128.load(acc), a1 = v128.load(acc, 16), a2 = v128.load(acc, 32), a3 = v128.load(acc, 48);
  let b0 = v128.load(acc, 64), b1 = v128.load(acc, 80), b2 = v128.load(acc, 96), b3 = v128.load(acc, 112);
  const stop = r0 + to;
  for (let p = r0 + from; p < stop; p += 16) {
    const x = v128.load(p + d), y = v128.load(p + d2);
    const w0 = v128.load(p);
    a0 = f64x2.add(a0, f64x2.mul(w0, x)); b0 = f64x2.add(b0, f64x2.mul(w0, y));
    const w1 = v128.load(p + rowBytes);
    a1 = f64x2.add(a1, f64x2.mul(w1, x)); b1 = f64x2.add(b1, f64x2.mul(w1, y));
    const w2 = v128.load(p + q2);
    a2 = f64x2.add(a2, f64x2.mul(w2, x)); b2 = f64x2.add(b2, f64x2.mul(w2, y));
    const w3 = v128.load(p + q3);
    a3 = f64x2.add(a3, f64x2.mul(w3, x)); b3 = f64x2.add(b3, f64x2.mul(w3, y));
  }
  v128.store(acc, a0); v128.store(acc, a1, 16); v128.store(acc, a2, 32); v128.store(acc, a3, 48);
  v128.store(acc, b0, 64); v128.store(acc, b1, 80); v128.store(acc, b2, 96); v128.store(acc, b3, 112);
}

/** Vectors per pass over A in gemm_rows_f64; GEMM_ACC holds their accumulators. */
// @ts-ignore: decorator
@inline const GEMM_GROUP: i32 = 16;
/** Accumulator bytes per vector: four rows × 16 bytes. */
// @ts-ignore: decorator
@inline const ACC_BYTES: usize = 64;
/** Static scratch (kernels never allocate): the accumulators of one group (one thread). */
const GEMM_ACC: usize = memory.data(<i32>ACC_BYTES * GEMM_GROUP, 16);
/** Bytes of the m vector segments of one column block: half of the 32 KiB L1 (the panel block takes 8 KiB at most). */
// @ts-ignore: decorator
@inline const X_BLOCK_BYTES: usize = 16384;

/** y = A·x: A is nRows×nCols, x f64[nCols], y f64[nRows]. */
export function gemv_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, yPtr: usize): void {
  const rowBytes = <usize>nCols << 3;
  const end = <usize>(nCols & ~1) << 3;
  let i = 0;
  for (; i + 4 <= nRows; i += 4) {
    const panel = aPtr + <usize>i * rowBytes;
    memory.fill(GEMM_ACC, 0, ACC_BYTES);
    fourRowsOneVector(panel, rowBytes, xPtr, 0, end, GEMM_ACC);
    finishFourRows(panel, rowBytes, xPtr, nCols, GEMM_ACC, yPtr + (<usize>i << 3));
  }
  for (; i < nRows; i++) store<f64>(yPtr + (<usize>i << 3), rowDot(aPtr + <usize>i * rowBytes, xPtr, nCols));
}

/**
 * Y = A·Xᵀ for m vectors at once: row a of X (m×nCols, row-major) is x_a, row a of Y (m×nRows) is
 * A·x_a, in one pass over A. Each panel of four rows is cut into column blocks; a block of the
 * panel (4×B, ≤ 8 KiB) and the vectors' segments (m×B, ≤ 16 KiB) stay in L1 while the block is
 * applied to every vector, two vectors at a time, so A streams once from memory or L3 and the
 * products run from L1. Each (row, vector) accumulator is carried from block to block in GEMM_ACC,
 * so every row is summed in the recipe's order: row for row the result equals gemv_f64's, bit for
 * bit. More than GEMM_GROUP vectors are taken GEMM_GROUP at a time (one pass over A per group).
 */
export function gemm_rows_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, m: i32, yPtr: usize): void {
  const rowBytes = <usize>nCols << 3;
  const yRowBytes = <usize>nRows << 3;
  for (let g = 0; g < m; g += GEMM_GROUP) {
    gemmGroup(aPtr, nRows, nCols, xPtr + <usize>g * rowBytes, min<i32>(GEMM_GROUP, m - g), yPtr + <usize>g * yRowBytes);
  }
}

function gemmGroup(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, m: i32, yPtr: usize): void {
  const rowBytes = <usize>nCols << 3;
  const yRowBytes = <usize>nRows << 3;
  const end = <usize>(nCols & ~1) << 3;
  // Block width in bytes: a multiple of 32 (two column pairs) between 1 KiB and 4 KiB (128…512 columns).
  const block = max<usize>(1024, min<usize>(4096, X_BLOCK_BYTES / <usize>m)) & ~<usize>31;
  let i = 0;
  for (; i + 4 <= nRows; i += 4) {
    const panel = aPtr + <usize>i * rowBytes;
    memory.fill(GEMM_ACC, 0, <usize>m * ACC_BYTES);
    for (let from: usize = 0; from < end; from += block) {
      const to = min<usize>(from + block, end);
      let a = 0;
      for (; a + 2 <= m; a += 2) {
        fourRowsTwoVectors(panel, rowBytes, xPtr + <usize>a * rowBytes, rowBytes, from, to, GEMM_ACC + <usize>a * ACC_BYTES);
      }
      if (a < m) fourRowsOneVector(panel, rowBytes, xPtr + <usize>a * rowBytes, from, to, GEMM_ACC + <usize>a * ACC_BYTES);
    }
    for (let a = 0; a < m; a++) {
      finishFourRows(panel, rowBytes, xPtr + <usize>a * rowBytes, nCols, GEMM_ACC + <usize>a * ACC_BYTES,
        yPtr + <usize>a * yRowBytes + (<usize>i << 3));
    }
  }
  for (; i < nRows; i++) {
    const row = aPtr + <usize>i * rowBytes;
    for (let a = 0; a < m; a++) {
      store<f64>(yPtr + <usize>a * yRowBytes + (<usize>i << 3), rowDot(row, xPtr + <usize>a * rowBytes, nCols));
    }
  }
}

/** y = Aᵀ·x: A is nRows×nCols, x f64[nRows], y f64[nCols]; y ← Σ_i x_i·A_i (row axpys). */
export function gemv_t_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, yPtr: usize): void {
  memory.fill(yPtr, 0, <usize>nCols << 3);
  const rowBytes = <usize>nCols << 3;
  for (let i = 0; i < nRows; i++) {
    const xi = load<f64>(xPtr + (<usize>i << 3));
    const row = aPtr + <usize>i * rowBytes;
    let j = 0;
    if (ASC_FEATURE_SIMD) {
      const vx = f64x2.splat(xi);
      for (; j + 2 <= nCols; j += 2) {
        const o = <usize>j << 3;
        v128.store(yPtr + o, f64x2.add(v128.load(yPtr + o), f64x2.mul(v128.load(row + o), vx)));
      }
    }
    for (; j < nCols; j++) {
      const o = <usize>j << 3;
      store<f64>(yPtr + o, load<f64>(yPtr + o) + load<f64>(row + o) * xi);
    }
  }
}
