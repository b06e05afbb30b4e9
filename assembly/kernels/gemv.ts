/**
 * Dense matrix–vector products, A row-major (A_ij at i·nCols + j) with f64 entries (`_f64`
 * kernels) or f32 entries (`_f32`: half the bytes of A; x, y and every sum stay f64). Outputs must
 * not alias inputs.
 *
 * Every row's dot product follows one recipe, in every build and whatever blocking is around it:
 * two running sums, s_even over j = 0, 2, 4, … and s_odd over j = 1, 3, 5, …, each added left to
 * right (the two lanes of one f64x2 accumulator in SIMD builds, two scalars in scalar builds), then
 * s_even + s_odd, then the last column when nCols is odd. SIMD and scalar builds therefore give
 * the same bits, and so do gemv and gemm_rows for each of its vectors: a trajectory simulated in an
 * ensemble equals the same trajectory simulated alone. The opt-in relaxed-SIMD build fuses each
 * multiply-add (`madd`), so its sums differ from those two builds' in the last bits, but its gemv
 * and gemm_rows still agree with each other bit for bit. Blocking only decides which rows and vectors
 * share loads. Each y_i agrees with a plain loop within 2·γ_n·Σ_j|A_ij x_j|. An f32 entry is
 * widened to f64 exactly before its product, so an `_f32` kernel equals the `_f64` kernel on the
 * widened matrix bit for bit; against the f64 matrix it was rounded from, y_i differs by at most
 * (u₃₂ + 2·γ_n)·Σ_j|A_ij x_j| (u₃₂ = 2⁻²⁴, the rounding of each entry).
 *
 * One accumulator per row (not two) leaves registers for 4 rows × 2 vectors in gemm_rows: V8 keeps
 * all eight accumulators and the loads of one column pair in the 15 usable xmm registers, where
 * 4 rows × 2 accumulators already spilled in gemv (measured: 0.16 ns per multiply-add for 8
 * vectors at n = 1000 against 0.47 for 8 calls of the former gemv).
 *
 * T is the entry type (f64 or f32): pointers into A step by sizeof<T>() per column, pointers into
 * x by 8; `sizeof<T>() == 8` is a compile-time constant, so each instance keeps only its branch.
 */

/** Entries j, j + 1 of a row at p, as f64x2 (f32 pairs are widened exactly). */
// @ts-ignore: decorator
@inline
function pairAt<T>(p: usize): v128 {
  if (sizeof<T>() == 8) return v128.load(p);
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** The next pair after the one at p (immediate offsets: no address arithmetic). */
// @ts-ignore: decorator
@inline
function nextPairAt<T>(p: usize): v128 {
  if (sizeof<T>() == 8) return v128.load(p, 16);
  return f64x2.promote_low_f32x4(v128.load64_zero(p, 8));
}

/**
 * c + a·b per lane. The relaxed-SIMD build (opt-in, see the header) uses f64x2.relaxed_madd, which
 * engines lower to a fused multiply-add where the CPU has one (one rounding instead of two), so
 * its sums differ from the other builds' in the last bits; every other build rounds a·b, then the sum.
 */
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f64x2.relaxed_madd(a, b, c);
  return f64x2.add(c, f64x2.mul(a, b));
}

/** Entry at p as f64. */
// @ts-ignore: decorator
@inline
function entryAt<T>(p: usize): f64 {
  return <f64>load<T>(p);
}

/** Entry after the one at p as f64. */
// @ts-ignore: decorator
@inline
function nextEntryAt<T>(p: usize): f64 {
  if (sizeof<T>() == 8) return load<f64>(p, 8);
  return <f64>load<f32>(p, 4);
}

/** Where x's element lies for the A pointer p in the row starting at r0 (d = xPtr − r0 for f64). */
// @ts-ignore: decorator
@inline
function xFor<T>(p: usize, r0: usize, d: usize, xPtr: usize): usize {
  if (sizeof<T>() == 8) return p + d;
  return xPtr + ((p - r0) << 1);
}

/** The last column of an odd-width row, added to the row's sum s. */
// @ts-ignore: decorator
@inline
function tailColumn<T>(s: f64, rowPtr: usize, xPtr: usize, nCols: i32): f64 {
  if ((nCols & 1) == 0) return s;
  return s + entryAt<T>(rowPtr + (<usize>(nCols - 1) << alignof<T>())) * load<f64>(xPtr + (<usize>(nCols - 1) << 3));
}

/** Σ_j A[row, j]·x[j] for one row, by the recipe. */
// @ts-ignore: decorator
@inline
function rowDot<T>(rowPtr: usize, xPtr: usize, nCols: i32): f64 {
  const stop = rowPtr + (<usize>(nCols & ~1) << alignof<T>());
  const d = xPtr - rowPtr;
  let s: f64;
  if (ASC_FEATURE_SIMD) {
    let a = f64x2.splat(0.0);
    for (let p = rowPtr; p < stop; p += 2 * sizeof<T>()) a = madd(pairAt<T>(p), v128.load(xFor<T>(p, rowPtr, d, xPtr)), a);
    s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  } else {
    let even = 0.0, odd = 0.0;
    for (let p = rowPtr; p < stop; p += 2 * sizeof<T>()) {
      const px = xFor<T>(p, rowPtr, d, xPtr);
      even += entryAt<T>(p) * load<f64>(px);
      odd += nextEntryAt<T>(p) * load<f64>(px, 8);
    }
    s = even + odd;
  }
  return tailColumn<T>(s, rowPtr, xPtr, nCols);
}

/** Stores the four rows' sums from accumulators (SIMD: f64x2 at acc + 16r; scalar: even, odd at acc + 16r). */
// @ts-ignore: decorator
@inline
function finishFourRows<T>(r0: usize, rowBytes: usize, xPtr: usize, nCols: i32, acc: usize, yPtr: usize): void {
  for (let r = 0; r < 4; r++) {
    const a = acc + (<usize>r << 4);
    let s: f64;
    if (ASC_FEATURE_SIMD) {
      const v = v128.load(a);
      s = f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
    } else {
      s = load<f64>(a) + load<f64>(a, 8);
    }
    store<f64>(yPtr + (<usize>r << 3), tailColumn<T>(s, r0 + <usize>r * rowBytes, xPtr, nCols));
  }
}

/**
 * Adds columns [from, to) (A byte offsets, whole column pairs) of rows r0…r0 + 3 (rowBytes apart)
 * times x to the accumulators at acc (4 × 16 bytes, see finishFourRows), in the recipe's order.
 */
// @ts-ignore: decorator
@inline
function fourRowsOneVector<T>(r0: usize, rowBytes: usize, xPtr: usize, from: usize, to: usize, acc: usize): void {
  const q2 = rowBytes << 1, q3 = rowBytes * 3;
  const d = xPtr - r0;
  let p = r0 + from;
  const stop = r0 + to;
  if (ASC_FEATURE_SIMD) {
    let a0 = v128.load(acc), a1 = v128.load(acc, 16), a2 = v128.load(acc, 32), a3 = v128.load(acc, 48);
    // Two column pairs per iteration (halves the loop overhead; each accumulator still adds in column order).
    const stop2 = p + ((to - from) & ~(4 * sizeof<T>() - 1));
    for (; p < stop2; p += 4 * sizeof<T>()) {
      const px = xFor<T>(p, r0, d, xPtr);
      const x0 = v128.load(px), x1 = v128.load(px, 16);
      a0 = madd(pairAt<T>(p), x0, a0);
      a1 = madd(pairAt<T>(p + rowBytes), x0, a1);
      a2 = madd(pairAt<T>(p + q2), x0, a2);
      a3 = madd(pairAt<T>(p + q3), x0, a3);
      a0 = madd(nextPairAt<T>(p), x1, a0);
      a1 = madd(nextPairAt<T>(p + rowBytes), x1, a1);
      a2 = madd(nextPairAt<T>(p + q2), x1, a2);
      a3 = madd(nextPairAt<T>(p + q3), x1, a3);
    }
    if (p < stop) {
      const x0 = v128.load(xFor<T>(p, r0, d, xPtr));
      a0 = madd(pairAt<T>(p), x0, a0);
      a1 = madd(pairAt<T>(p + rowBytes), x0, a1);
      a2 = madd(pairAt<T>(p + q2), x0, a2);
      a3 = madd(pairAt<T>(p + q3), x0, a3);
    }
    v128.store(acc, a0); v128.store(acc, a1, 16); v128.store(acc, a2, 32); v128.store(acc, a3, 48);
    return;
  }
  let e0 = load<f64>(acc), o0 = load<f64>(acc, 8), e1 = load<f64>(acc, 16), o1 = load<f64>(acc, 24);
  let e2 = load<f64>(acc, 32), o2 = load<f64>(acc, 40), e3 = load<f64>(acc, 48), o3 = load<f64>(acc, 56);
  for (; p < stop; p += 2 * sizeof<T>()) {
    const px = xFor<T>(p, r0, d, xPtr);
    const x0 = load<f64>(px), x1 = load<f64>(px, 8);
    e0 += entryAt<T>(p) * x0; o0 += nextEntryAt<T>(p) * x1;
    e1 += entryAt<T>(p + rowBytes) * x0; o1 += nextEntryAt<T>(p + rowBytes) * x1;
    e2 += entryAt<T>(p + q2) * x0; o2 += nextEntryAt<T>(p + q2) * x1;
    e3 += entryAt<T>(p + q3) * x0; o3 += nextEntryAt<T>(p + q3) * x1;
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
function fourRowsTwoVectors<T>(r0: usize, rowBytes: usize, xPtr: usize, xBytes: usize, from: usize, to: usize, acc: usize): void {
  if (!ASC_FEATURE_SIMD) {
    fourRowsOneVector<T>(r0, rowBytes, xPtr, from, to, acc);
    fourRowsOneVector<T>(r0, rowBytes, xPtr + xBytes, from, to, acc + 64);
    return;
  }
  const q2 = rowBytes << 1, q3 = rowBytes * 3;
  const d = xPtr - r0;
  let a0 = v128.load(acc), a1 = v128.load(acc, 16), a2 = v128.load(acc, 32), a3 = v128.load(acc, 48);
  let b0 = v128.load(acc, 64), b1 = v128.load(acc, 80), b2 = v128.load(acc, 96), b3 = v128.load(acc, 112);
  const stop = r0 + to;
  for (let p = r0 + from; p < stop; p += 2 * sizeof<T>()) {
    const px = xFor<T>(p, r0, d, xPtr);
    const x = v128.load(px), y = v128.load(px + xBytes);
    const w0 = pairAt<T>(p);
    a0 = madd(w0, x, a0); b0 = madd(w0, y, b0);
    const w1 = pairAt<T>(p + rowBytes);
    a1 = madd(w1, x, a1); b1 = madd(w1, y, b1);
    const w2 = pairAt<T>(p + q2);
    a2 = madd(w2, x, a2); b2 = madd(w2, y, b2);
    const w3 = pairAt<T>(p + q3);
    a3 = madd(w3, x, a3); b3 = madd(w3, y, b3);
  }
  v128.store(acc, a0); v128.store(acc, a1, 16); v128.store(acc, a2, 32); v128.store(acc, a3, 48);
  v128.store(acc, b0, 64); v128.store(acc, b1, 80); v128.store(acc, b2, 96); v128.store(acc, b3, 112);
}

/** Vectors per pass over A in gemm_rows; GEMM_ACC holds their accumulators. */
// @ts-ignore: decorator
@inline const GEMM_GROUP: i32 = 16;
/** Accumulator bytes per vector: four rows × 16 bytes. */
// @ts-ignore: decorator
@inline const ACC_BYTES: usize = 64;
/** Bytes of the accumulators of one group: what each thread's scratch must hold. */
// @ts-ignore: decorator
@inline const GEMM_ACC_BYTES: usize = ACC_BYTES * <usize>GEMM_GROUP;
/**
 * The accumulators of one group (kernels never allocate): static scratch for the instance that owns
 * memory. It is a per-instance global, because instances on one shared memory (threaded build,
 * src/wasm/threads.ts) each need their own block: a worker's instance points it at a block the
 * owner allocated for it (gemv_set_scratch).
 */
let GEMM_ACC: usize = memory.data(<i32>GEMM_ACC_BYTES, 16);

/** Points this instance's gemv/gemm_rows accumulators at `ptr` (GEMM_ACC_BYTES = 1024 bytes, 16-byte aligned). */
export function gemv_set_scratch(ptr: usize): void {
  GEMM_ACC = ptr;
}
/** Bytes of the m vector segments of one column block: half of the 32 KiB L1 (the panel block takes 8 KiB at most). */
// @ts-ignore: decorator
@inline const X_BLOCK_BYTES: usize = 16384;

/** y = A·x: A is nRows×nCols (entries T), x f64[nCols], y f64[nRows]. */
// @ts-ignore: decorator
@inline
function gemv<T>(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, yPtr: usize): void {
  const rowBytes = <usize>nCols << alignof<T>();
  const end = <usize>(nCols & ~1) << alignof<T>();
  let i = 0;
  for (; i + 4 <= nRows; i += 4) {
    const panel = aPtr + <usize>i * rowBytes;
    memory.fill(GEMM_ACC, 0, ACC_BYTES);
    fourRowsOneVector<T>(panel, rowBytes, xPtr, 0, end, GEMM_ACC);
    finishFourRows<T>(panel, rowBytes, xPtr, nCols, GEMM_ACC, yPtr + (<usize>i << 3));
  }
  for (; i < nRows; i++) store<f64>(yPtr + (<usize>i << 3), rowDot<T>(aPtr + <usize>i * rowBytes, xPtr, nCols));
}

/** y = A·x: A f64[nRows·nCols], x f64[nCols], y f64[nRows]. */
export function gemv_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, yPtr: usize): void {
  gemv<f64>(aPtr, nRows, nCols, xPtr, yPtr);
}

/** y = A·x: A f32[nRows·nCols] (widened exactly; f64 sums), x f64[nCols], y f64[nRows]. */
export function gemv_f32(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, yPtr: usize): void {
  gemv<f32>(aPtr, nRows, nCols, xPtr, yPtr);
}

/**
 * Y = A·Xᵀ for m vectors at once: row a of X (m×nCols f64, row-major) is x_a, row a of Y (m×nRows
 * f64) is A·x_a, in one pass over A. Each panel of four rows is cut into column blocks; a block of
 * the panel (4×B entries, ≤ 16 KiB) and the vectors' segments
 * (m×B, ≤ 16 KiB) stay in L1 while the block is applied to every vector, two vectors at a time, so A
 * streams once from memory or L3 and the products run from L1. Each (row, vector) accumulator is
 * carried from block to block in GEMM_ACC, so every row is summed in the recipe's order: row for
 * row the result equals gemv's, bit for bit. More than GEMM_GROUP vectors are taken GEMM_GROUP at
 * a time (one pass over A per group).
 */
export function gemm_rows_f64(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, m: i32, yPtr: usize): void {
  gemmRows<f64>(aPtr, nRows, nCols, xPtr, m, yPtr);
}

/** gemm_rows_f64 with f32 entries of A (widened exactly; f64 sums). */
export function gemm_rows_f32(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, m: i32, yPtr: usize): void {
  gemmRows<f32>(aPtr, nRows, nCols, xPtr, m, yPtr);
}

// @ts-ignore: decorator
@inline
function gemmRows<T>(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, m: i32, yPtr: usize): void {
  const xRowBytes = <usize>nCols << 3;
  const yRowBytes = <usize>nRows << 3;
  for (let g = 0; g < m; g += GEMM_GROUP) {
    gemmGroup<T>(aPtr, nRows, nCols, xPtr + <usize>g * xRowBytes, min<i32>(GEMM_GROUP, m - g), yPtr + <usize>g * yRowBytes);
  }
}

function gemmGroup<T>(aPtr: usize, nRows: i32, nCols: i32, xPtr: usize, m: i32, yPtr: usize): void {
  const rowBytes = <usize>nCols << alignof<T>();
  const xRowBytes = <usize>nCols << 3;
  const yRowBytes = <usize>nRows << 3;
  const end = <usize>(nCols & ~1) << alignof<T>();
  // Block width: 128…512 columns (a multiple of two column pairs) so that m segments of x fit X_BLOCK_BYTES.
  const columns = max<usize>(128, min<usize>(512, (X_BLOCK_BYTES >> 3) / <usize>m)) & ~<usize>3;
  const block = columns << alignof<T>();
  let i = 0;
  for (; i + 4 <= nRows; i += 4) {
    const panel = aPtr + <usize>i * rowBytes;
    memory.fill(GEMM_ACC, 0, <usize>m * ACC_BYTES);
    for (let from: usize = 0; from < end; from += block) {
      const to = min<usize>(from + block, end);
      let a = 0;
      for (; a + 2 <= m; a += 2) {
        fourRowsTwoVectors<T>(panel, rowBytes, xPtr + <usize>a * xRowBytes, xRowBytes, from, to, GEMM_ACC + <usize>a * ACC_BYTES);
      }
      if (a < m) fourRowsOneVector<T>(panel, rowBytes, xPtr + <usize>a * xRowBytes, from, to, GEMM_ACC + <usize>a * ACC_BYTES);
    }
    for (let a = 0; a < m; a++) {
      finishFourRows<T>(panel, rowBytes, xPtr + <usize>a * xRowBytes, nCols, GEMM_ACC + <usize>a * ACC_BYTES,
        yPtr + <usize>a * yRowBytes + (<usize>i << 3));
    }
  }
  for (; i < nRows; i++) {
    const row = aPtr + <usize>i * rowBytes;
    for (let a = 0; a < m; a++) {
      store<f64>(yPtr + <usize>a * yRowBytes + (<usize>i << 3), rowDot<T>(row, xPtr + <usize>a * xRowBytes, nCols));
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
