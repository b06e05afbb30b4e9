/**
 * Krylov-basis kernels shared by the Arnoldi (Krylov–Schur) and thick-restart Lanczos drivers
 * (src/linalg/eigen/krylov.ts). The basis V holds its vectors as rows: v_i = V[i·n … i·n + n), so
 * every inner loop runs over contiguous memory: four rows at a time in SIMD builds (rowDots,
 * subtractRows, combineFourOutputs), summed in the order of blas1.ts's dot/axpy, which take the rest.
 *
 * - arnoldi_orthogonalize_f64: classical Gram–Schmidt with the DGKS correction (Daniel, Gragg,
 *   Kaufman & Stewart, Math. Comp. 30, 1976): h = Vⱼᵀw, w ← w − Vⱼh, and a second pass when
 *   ‖w‖ fell below ‖w_before‖/√2 (cancellation lost orthogonality); "twice is enough"
 *   (Giraud, Langou, Rozložník 2005) keeps ‖VᵀV − I‖ at O(u). Lehoucq & Sorensen (ARPACK's
 *   dgetv0/dnaitr) use the same test.
 * - arnoldi_combine_f64: out = Yᵀ·V, i.e. row c of out is Σ_i Y[i, c]·v_i — the restart
 *   V_k ← V_m·Y (Stewart's Krylov–Schur; Wu & Simon's thick restart) and Ritz vectors x = V·y.
 *
 * Memory: V f64[j·n] (rows), w f64[n], h and scratch f64[j], Y f64[m·k] row-major, out f64[k·n]
 * not overlapping V. 16-byte aligned (the arena), nothing allocated.
 */
import { blas1_axpy_f64, blas1_dot_f64, blas1_nrm2_f64 } from "./blas1";
import { f64Addr, f64At, setF64 } from "./inline/memory";

// @ts-ignore: decorator
@inline const DGKS_ETA: f64 = 0.7071067811865476; // 1/√2

// Rows of V per pass over w in the SIMD Gram–Schmidt: each 16-byte load of w serves four rows (the
// dot products) and each store of w four axpys, instead of one; V streams once either way.
// @ts-ignore: decorator
@inline const GS_ROWS: i32 = 4;

/**
 * The tail of blas1_dot_f64 after its SIMD loop: its two accumulators folded as it folds them,
 * then the elements from `from` on added one by one, so a blocked dot gives its bits.
 */
// @ts-ignore: decorator
@inline
function finishDot(a0: v128, a1: v128, xPtr: usize, yPtr: usize, from: i32, n: i32): f64 {
  const a = f64x2.add(a0, a1);
  let s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  for (let i = from; i < n; i++) s += load<f64>(xPtr + (<usize>i << 3)) * load<f64>(yPtr + (<usize>i << 3));
  return s;
}

/**
 * c[i] = v_iᵀw for i < j. SIMD: four rows at a time, each row summed exactly as blas1_dot_f64 sums
 * it (two f64x2 accumulators over groups of four elements, folded, scalar tail), so the
 * coefficients are those of j separate dots, bit for bit.
 */
function rowDots(vPtr: usize, rowBytes: usize, n: i32, j: i32, wPtr: usize, cPtr: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const body = <usize>(n & ~3) << 3;
    for (; i + GS_ROWS <= j; i += GS_ROWS) {
      const r0 = vPtr + <usize>i * rowBytes;
      const r1 = r0 + rowBytes;
      const r2 = r1 + rowBytes;
      const r3 = r2 + rowBytes;
      let a00 = f64x2.splat(0.0), a01 = f64x2.splat(0.0), a10 = f64x2.splat(0.0), a11 = f64x2.splat(0.0);
      let a20 = f64x2.splat(0.0), a21 = f64x2.splat(0.0), a30 = f64x2.splat(0.0), a31 = f64x2.splat(0.0);
      for (let o: usize = 0; o < body; o += 32) {
        const w0 = v128.load(wPtr + o);
        const w1 = v128.load(wPtr + o, 16);
        a00 = f64x2.add(a00, f64x2.mul(v128.load(r0 + o), w0));
        a01 = f64x2.add(a01, f64x2.mul(v128.load(r0 + o, 16), w1));
        a10 = f64x2.add(a10, f64x2.mul(v128.load(r1 + o), w0));
        a11 = f64x2.add(a11, f64x2.mul(v128.load(r1 + o, 16), w1));
        a20 = f64x2.add(a20, f64x2.mul(v128.load(r2 + o), w0));
        a21 = f64x2.add(a21, f64x2.mul(v128.load(r2 + o, 16), w1));
        a30 = f64x2.add(a30, f64x2.mul(v128.load(r3 + o), w0));
        a31 = f64x2.add(a31, f64x2.mul(v128.load(r3 + o, 16), w1));
      }
      const from = n & ~3;
      setF64(cPtr, i, finishDot(a00, a01, r0, wPtr, from, n));
      setF64(cPtr, i + 1, finishDot(a10, a11, r1, wPtr, from, n));
      setF64(cPtr, i + 2, finishDot(a20, a21, r2, wPtr, from, n));
      setF64(cPtr, i + 3, finishDot(a30, a31, r3, wPtr, from, n));
    }
  }
  for (; i < j; i++) setF64(cPtr, i, blas1_dot_f64(vPtr + <usize>i * rowBytes, wPtr, n));
}

/**
 * w ← w − Σ_{i<j} c[i]·v_i. SIMD: four rows per pass over w; each element still receives
 * w + (−c_i)·v_i for i = 0, 1, 2, … in turn, as j separate blas1_axpy_f64 calls give it.
 */
function subtractRows(vPtr: usize, rowBytes: usize, n: i32, j: i32, wPtr: usize, cPtr: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const body = <usize>(n & ~1) << 3;
    for (; i + GS_ROWS <= j; i += GS_ROWS) {
      const r0 = vPtr + <usize>i * rowBytes;
      const r1 = r0 + rowBytes;
      const r2 = r1 + rowBytes;
      const r3 = r2 + rowBytes;
      const c0 = -f64At(cPtr, i), c1 = -f64At(cPtr, i + 1), c2 = -f64At(cPtr, i + 2), c3 = -f64At(cPtr, i + 3);
      const s0 = f64x2.splat(c0), s1 = f64x2.splat(c1), s2 = f64x2.splat(c2), s3 = f64x2.splat(c3);
      for (let o: usize = 0; o < body; o += 16) {
        let w = v128.load(wPtr + o);
        w = f64x2.add(w, f64x2.mul(s0, v128.load(r0 + o)));
        w = f64x2.add(w, f64x2.mul(s1, v128.load(r1 + o)));
        w = f64x2.add(w, f64x2.mul(s2, v128.load(r2 + o)));
        v128.store(wPtr + o, f64x2.add(w, f64x2.mul(s3, v128.load(r3 + o))));
      }
      if (n & 1) {
        const o = body;
        let w = load<f64>(wPtr + o);
        w += c0 * load<f64>(r0 + o);
        w += c1 * load<f64>(r1 + o);
        w += c2 * load<f64>(r2 + o);
        store<f64>(wPtr + o, w + c3 * load<f64>(r3 + o));
      }
    }
  }
  for (; i < j; i++) blas1_axpy_f64(-f64At(cPtr, i), vPtr + <usize>i * rowBytes, wPtr, n);
}

/** One classical Gram–Schmidt pass: c = Vⱼᵀw, then w ← w − Vⱼc. */
function gramSchmidtPass(vPtr: usize, n: i32, j: i32, wPtr: usize, cPtr: usize): void {
  const rowBytes = <usize>n << 3;
  rowDots(vPtr, rowBytes, n, j, wPtr, cPtr);
  subtractRows(vPtr, rowBytes, n, j, wPtr, cPtr);
}

/**
 * Orthogonalises w against the j rows of V in place; h[0..j) receives the coefficients Vⱼᵀw_original
 * (sum of both passes), scratch f64[j]. Returns ‖w‖₂ after orthogonalisation.
 */
export function arnoldi_orthogonalize_f64(vPtr: usize, n: i32, j: i32, wPtr: usize, hPtr: usize, scratchPtr: usize): f64 {
  const before = blas1_nrm2_f64(wPtr, n);
  gramSchmidtPass(vPtr, n, j, wPtr, hPtr);
  const after = blas1_nrm2_f64(wPtr, n);
  if (after >= DGKS_ETA * before) return after;
  gramSchmidtPass(vPtr, n, j, wPtr, scratchPtr);
  blas1_axpy_f64(1.0, scratchPtr, hPtr, j);
  return blas1_nrm2_f64(wPtr, n);
}

// Columns per block of the combination: m rows of V and k rows of out, 256 entries each, stay in
// cache while every (i, c) pair is applied, instead of streaming V k times.
// @ts-ignore: decorator
@inline const COMBINE_BLOCK: i32 = 256;

/**
 * Four rows c … c+3 of out over the columns of one block: out[c+r, e] = Σ_i Y[i, c+r]·V[i, e],
 * summed over i in ascending order from 0, as the reference does. SIMD: the 4 × 4 outputs of four
 * columns stay in eight accumulators while i runs, so each V load serves four outputs and out is
 * stored once, where an axpy per (i, c) reloads and stores out m times.
 */
function combineFourOutputs(vBlock: usize, rowBytes: usize, m: i32, yPtr: usize, k: i32, c: i32, outBlock: usize, len: i32): void {
  const body = <usize>(len & ~3) << 3;
  for (let o: usize = 0; o < body; o += 32) {
    let a00 = f64x2.splat(0.0), a01 = f64x2.splat(0.0), a10 = f64x2.splat(0.0), a11 = f64x2.splat(0.0);
    let a20 = f64x2.splat(0.0), a21 = f64x2.splat(0.0), a30 = f64x2.splat(0.0), a31 = f64x2.splat(0.0);
    for (let i = 0; i < m; i++) {
      const v = vBlock + <usize>i * rowBytes + o;
      const v0 = v128.load(v);
      const v1 = v128.load(v, 16);
      const y = f64Addr(yPtr, i * k + c);
      const y0 = v128.load64_splat(y);
      const y1 = v128.load64_splat(y, 8);
      const y2 = v128.load64_splat(y, 16);
      const y3 = v128.load64_splat(y, 24);
      a00 = f64x2.add(a00, f64x2.mul(y0, v0));
      a01 = f64x2.add(a01, f64x2.mul(y0, v1));
      a10 = f64x2.add(a10, f64x2.mul(y1, v0));
      a11 = f64x2.add(a11, f64x2.mul(y1, v1));
      a20 = f64x2.add(a20, f64x2.mul(y2, v0));
      a21 = f64x2.add(a21, f64x2.mul(y2, v1));
      a30 = f64x2.add(a30, f64x2.mul(y3, v0));
      a31 = f64x2.add(a31, f64x2.mul(y3, v1));
    }
    v128.store(outBlock + o, a00);
    v128.store(outBlock + o, a01, 16);
    v128.store(outBlock + rowBytes + o, a10);
    v128.store(outBlock + rowBytes + o, a11, 16);
    v128.store(outBlock + 2 * rowBytes + o, a20);
    v128.store(outBlock + 2 * rowBytes + o, a21, 16);
    v128.store(outBlock + 3 * rowBytes + o, a30);
    v128.store(outBlock + 3 * rowBytes + o, a31, 16);
  }
  for (let e = len & ~3; e < len; e++) {
    for (let r = 0; r < 4; r++) {
      let s = 0.0;
      for (let i = 0; i < m; i++) s += f64At(yPtr, i * k + c + r) * f64At(vBlock + <usize>i * rowBytes, e);
      setF64(outBlock + <usize>r * rowBytes, e, s);
    }
  }
}

/**
 * out (k×n, rows) = Yᵀ·V for V with m rows of length n and Y m×k row-major. Blocked over columns;
 * every out entry still sums over i in ascending order (as the reference does).
 */
export function arnoldi_combine_f64(vPtr: usize, n: i32, m: i32, yPtr: usize, k: i32, outPtr: usize): void {
  const rowBytes = <usize>n << 3;
  for (let start = 0; start < n; start += COMBINE_BLOCK) {
    const len = min<i32>(COMBINE_BLOCK, n - start);
    const offset = <usize>start << 3;
    let c = 0;
    if (ASC_FEATURE_SIMD) {
      for (; c + 4 <= k; c += 4) combineFourOutputs(vPtr + offset, rowBytes, m, yPtr, k, c, outPtr + <usize>c * rowBytes + offset, len);
    }
    for (; c < k; c++) {
      const out = outPtr + <usize>c * rowBytes + offset;
      memory.fill(out, 0, <usize>len << 3);
      for (let i = 0; i < m; i++) blas1_axpy_f64(f64At(yPtr, i * k + c), vPtr + <usize>i * rowBytes + offset, out, len);
    }
  }
}
