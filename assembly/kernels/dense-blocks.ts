/**
 * Level-3 building blocks of the blocked dense eigensolver (assembly/kernels/dense-eig-blocked.ts):
 * small-k matrix products on row-major f64 blocks addressed by pointer and leading dimension.
 *
 * - blockSubtractProduct:   C ← C − X·W      (C m×c, X m×k with strides, W k×c, ldw; X's rows optionally banded)
 * - blockTransposedProduct: W ← Xᵀ·B         (W k×c, X m×k with strides, B m×c, ldb)
 * - blockRowDots:           W ← A·Vᵀ         (W m×k, A m×len, V k×len: dot products of rows; k = 1 by 4-row tiles)
 *
 * k is a block width (≤ 64 in practice) and the long dimensions run over matrix rows/columns, so
 * each is a sequence of register tiles: SIMD builds keep a 2×8 tile of C (8 f64x2 accumulators)
 * and stream W's rows through it; scalar builds run the same sums as row axpys. The two builds sum
 * in different orders: results agree within the usual γ_k·Σ|x||w| product bounds (Higham §3.5).
 * The tiles' multiply-adds go through madd (./gemv), which the opt-in relaxed-SIMD build fuses
 * (one rounding per term: the same bound holds, the last bits differ from the SIMD build's).
 * Memory: 16-byte alignment is not required (unaligned v128 loads are legal); C must not overlap
 * X or W (B and W may not overlap in blockTransposedProduct).
 */

import { madd } from "./gemv";

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/**
 * C[i, c] −= Σ_{p<k} X[i·xRow + p·xCol] · W[p·ldw + c] for i < m, c < cols; C has leading dimension ldc.
 * X's strides let one routine take Y (row-major, xRow = ldY, xCol = 1) and a reflector block stored
 * by reflector (Vt: X[i, p] = Vt[p·n + i], so xRow = 1, xCol = n).
 * rangesPtr (optional, i32 pairs): row i of X is zero outside p ∈ [lo_i, hi_i), so its sum runs
 * over that range only (a banded X, e.g. the accumulated reflectors of a multishift slab); a row
 * pair runs over the union of its two ranges. Skipped terms are exact zeros: the sums are unchanged.
 * packPtr: f64[8·k] scratch (SIMD builds) for one k×8 strip of W.
 */
export function blockSubtractProduct(
  cPtr: usize, ldc: i32, m: i32, cols: i32, xPtr: usize, xRow: i32, xCol: i32, wPtr: usize, ldw: i32, k: i32, packPtr: usize, rangesPtr: usize = 0,
): void {
  if (m <= 0 || cols <= 0 || k <= 0) return;
  let c0 = 0;
  if (ASC_FEATURE_SIMD) {
    // Column tiles outside, row pairs inside: the k×8 strip of W, copied to packPtr so that its rows
    // are contiguous (one 64-byte line each, not one per row of W), stays in L1 while it serves every row.
    const tiles = cols & ~7;
    const xStep = <usize>xCol << 3, wStep = <usize>ldw << 3;
    for (let c = 0; c < tiles; c += 8) {
      let src = at(wPtr, c);
      for (let p = 0, dst = packPtr; p < k; p++, src += wStep, dst += 64) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        v128.store(dst, v128.load(src, 32), 32);
        v128.store(dst, v128.load(src, 48), 48);
      }
      let i = 0;
      for (; i + 2 <= m; i += 2) {
        const p0 = rangesPtr ? min<i32>(rangeLo(rangesPtr, i), rangeLo(rangesPtr, i + 1)) : 0;
        const p1 = rangesPtr ? max<i32>(rangeHi(rangesPtr, i), rangeHi(rangesPtr, i + 1)) : k;
        // Pointers advance by their strides (no index products in the loop) and x is read by
        // load64_splat, one instruction for the load and the broadcast: ~25% over indexed loads.
        let x0 = at(xPtr, i * xRow + p0 * xCol);
        let x1 = at(xPtr, (i + 1) * xRow + p0 * xCol);
        let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0), a2 = f64x2.splat(0.0), a3 = f64x2.splat(0.0);
        let b0 = f64x2.splat(0.0), b1 = f64x2.splat(0.0), b2 = f64x2.splat(0.0), b3 = f64x2.splat(0.0);
        let w = packPtr + (<usize>p0 << 6);
        for (let p = p0; p < p1; p++) {
          const u = v128.load64_splat(x0);
          const v = v128.load64_splat(x1);
          const w0 = v128.load(w), w1 = v128.load(w, 16), w2 = v128.load(w, 32), w3 = v128.load(w, 48);
          a0 = madd(u, w0, a0);
          a1 = madd(u, w1, a1);
          a2 = madd(u, w2, a2);
          a3 = madd(u, w3, a3);
          b0 = madd(v, w0, b0);
          b1 = madd(v, w1, b1);
          b2 = madd(v, w2, b2);
          b3 = madd(v, w3, b3);
          w += 64;
          x0 += xStep;
          x1 += xStep;
        }
        const o0 = at(cPtr, i * ldc + c), o1 = at(cPtr, (i + 1) * ldc + c);
        v128.store(o0, f64x2.sub(v128.load(o0), a0));
        v128.store(o0, f64x2.sub(v128.load(o0, 16), a1), 16);
        v128.store(o0, f64x2.sub(v128.load(o0, 32), a2), 32);
        v128.store(o0, f64x2.sub(v128.load(o0, 48), a3), 48);
        v128.store(o1, f64x2.sub(v128.load(o1), b0));
        v128.store(o1, f64x2.sub(v128.load(o1, 16), b1), 16);
        v128.store(o1, f64x2.sub(v128.load(o1, 32), b2), 32);
        v128.store(o1, f64x2.sub(v128.load(o1, 48), b3), 48);
      }
      if (i < m) {
        // Odd last row.
        const p0 = rangesPtr ? rangeLo(rangesPtr, i) : 0;
        const p1 = rangesPtr ? rangeHi(rangesPtr, i) : k;
        let x0 = at(xPtr, i * xRow + p0 * xCol);
        let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0), a2 = f64x2.splat(0.0), a3 = f64x2.splat(0.0);
        let w = packPtr + (<usize>p0 << 6);
        for (let p = p0; p < p1; p++) {
          const u = v128.load64_splat(x0);
          a0 = madd(u, v128.load(w), a0);
          a1 = madd(u, v128.load(w, 16), a1);
          a2 = madd(u, v128.load(w, 32), a2);
          a3 = madd(u, v128.load(w, 48), a3);
          w += 64;
          x0 += xStep;
        }
        const o0 = at(cPtr, i * ldc + c);
        v128.store(o0, f64x2.sub(v128.load(o0), a0));
        v128.store(o0, f64x2.sub(v128.load(o0, 16), a1), 16);
        v128.store(o0, f64x2.sub(v128.load(o0, 32), a2), 32);
        v128.store(o0, f64x2.sub(v128.load(o0, 48), a3), 48);
      }
    }
    c0 = tiles;
  }
  if (c0 >= cols) return;
  // Remaining columns (all of them in the scalar build): row axpys C[i, c0:] −= X[i, p]·W[p, c0:].
  for (let i = 0; i < m; i++) {
    const r = at(cPtr, i * ldc);
    const p1 = rangesPtr ? rangeHi(rangesPtr, i) : k;
    for (let p = rangesPtr ? rangeLo(rangesPtr, i) : 0; p < p1; p++) {
      const x = ld(xPtr, i * xRow + p * xCol);
      if (x == 0.0) continue;
      const w = at(wPtr, p * ldw);
      for (let c = c0; c < cols; c++) store<f64>(at(r, c), ld(r, c) - x * ld(w, c));
    }
  }
}

// @ts-ignore: decorator
@inline function rangeLo(rangesPtr: usize, i: i32): i32 {
  return load<i32>(rangesPtr + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function rangeHi(rangesPtr: usize, i: i32): i32 {
  return load<i32>(rangesPtr + (<usize>i << 3), 4);
}

/**
 * W[p, c] = Σ_{i<m} X[i·xRow + p·xCol] · B[i·ldb + c] for p < k, c < cols (W overwritten, leading
 * dimension ldw): the product Xᵀ·B that a block reflector applied from the left needs (Vᵀ·B).
 */
export function blockTransposedProduct(
  wPtr: usize, ldw: i32, k: i32, cols: i32, xPtr: usize, xRow: i32, xCol: i32, bPtr: usize, ldb: i32, m: i32,
): void {
  if (k <= 0 || cols <= 0) return;
  let c0 = 0;
  if (ASC_FEATURE_SIMD) {
    const tiles = cols & ~7;
    for (let c = 0; c < tiles; c += 8) {
      let p = 0;
      const xStep = <usize>xRow << 3, bStep = <usize>ldb << 3;
      for (; p < k; p += 2) {
        const pair = p + 1 < k;
        let u0 = at(xPtr, p * xCol);
        let u1 = at(xPtr, (pair ? p + 1 : p) * xCol);
        let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0), a2 = f64x2.splat(0.0), a3 = f64x2.splat(0.0);
        let b0 = f64x2.splat(0.0), b1 = f64x2.splat(0.0), b2 = f64x2.splat(0.0), b3 = f64x2.splat(0.0);
        let row = at(bPtr, c);
        for (let i = 0; i < m; i++) {
          const u = v128.load64_splat(u0);
          const v = v128.load64_splat(u1);
          const w0 = v128.load(row), w1 = v128.load(row, 16), w2 = v128.load(row, 32), w3 = v128.load(row, 48);
          a0 = madd(u, w0, a0);
          a1 = madd(u, w1, a1);
          a2 = madd(u, w2, a2);
          a3 = madd(u, w3, a3);
          b0 = madd(v, w0, b0);
          b1 = madd(v, w1, b1);
          b2 = madd(v, w2, b2);
          b3 = madd(v, w3, b3);
          row += bStep;
          u0 += xStep;
          u1 += xStep;
        }
        const o0 = at(wPtr, p * ldw + c);
        v128.store(o0, a0);
        v128.store(o0, a1, 16);
        v128.store(o0, a2, 32);
        v128.store(o0, a3, 48);
        if (pair) {
          const o1 = at(wPtr, (p + 1) * ldw + c);
          v128.store(o1, b0);
          v128.store(o1, b1, 16);
          v128.store(o1, b2, 32);
          v128.store(o1, b3, 48);
        }
      }
    }
    c0 = tiles;
  }
  if (c0 >= cols) return;
  // Remaining columns (all in the scalar build): W[p, c0:] = Σ_i X[i, p]·B[i, c0:] as row axpys.
  for (let p = 0; p < k; p++) {
    const w = at(wPtr, p * ldw);
    for (let c = c0; c < cols; c++) store<f64>(at(w, c), 0.0);
  }
  for (let i = 0; i < m; i++) {
    const row = at(bPtr, i * ldb);
    for (let p = 0; p < k; p++) {
      const x = ld(xPtr, i * xRow + p * xCol);
      if (x == 0.0) continue;
      const w = at(wPtr, p * ldw);
      for (let c = c0; c < cols; c++) store<f64>(at(w, c), ld(w, c) + x * ld(row, c));
    }
  }
}

/**
 * W[i·ldw + p] = Σ_{c<len} A[i·lda + c] · V[p·ldv + c] for i < m, p < k: dot products of A's rows
 * with V's rows (A·Vᵀ). Every sum runs in one order, whichever tile computes it: column pairs
 * accumulated lane-wise, then the two lanes added, then the odd last column (SIMD builds), or
 * c = 0, 1, … (scalar builds). The tiles only choose how many sums share each loaded vector:
 * k = 1 (dlahr2's panel product A₀·v) takes four rows per load of v (eight measured no faster in
 * the reduction); otherwise two rows of A meet four rows of V (6 loads per 8 vector multiply-adds), then two.
 */
export function blockRowDots(
  wPtr: usize, ldw: i32, aPtr: usize, lda: i32, m: i32, vPtr: usize, ldv: i32, k: i32, len: i32,
): void {
  let i0 = 0;
  if (ASC_FEATURE_SIMD && k == 1) {
    const rowStep = <usize>lda << 3;
    for (; i0 + 4 <= m; i0 += 4) {
      const a0 = at(aPtr, i0 * lda);
      let q0 = f64x2.splat(0.0), q1 = f64x2.splat(0.0), q2 = f64x2.splat(0.0), q3 = f64x2.splat(0.0);
      let c = 0;
      for (; c + 2 <= len; c += 2) {
        const o = a0 + (<usize>c << 3);
        const y = v128.load(at(vPtr, c));
        q0 = madd(v128.load(o), y, q0);
        q1 = madd(v128.load(o + rowStep), y, q1);
        q2 = madd(v128.load(o + 2 * rowStep), y, q2);
        q3 = madd(v128.load(o + 3 * rowStep), y, q3);
      }
      storeLaneSum(at(wPtr, i0 * ldw), q0, a0, vPtr, c, len);
      storeLaneSum(at(wPtr, (i0 + 1) * ldw), q1, a0 + rowStep, vPtr, c, len);
      storeLaneSum(at(wPtr, (i0 + 2) * ldw), q2, a0 + 2 * rowStep, vPtr, c, len);
      storeLaneSum(at(wPtr, (i0 + 3) * ldw), q3, a0 + 3 * rowStep, vPtr, c, len);
    }
  }
  for (let i = i0; i < m; i += 2) {
    const rowPair = i + 1 < m;
    const a0 = at(aPtr, i * lda);
    const a1 = at(aPtr, (rowPair ? i + 1 : i) * lda);
    let p = 0;
    if (ASC_FEATURE_SIMD) {
      for (; p + 4 <= k; p += 4) {
        const v0 = at(vPtr, p * ldv), v1 = at(vPtr, (p + 1) * ldv), v2 = at(vPtr, (p + 2) * ldv), v3 = at(vPtr, (p + 3) * ldv);
        let q00 = f64x2.splat(0.0), q01 = f64x2.splat(0.0), q02 = f64x2.splat(0.0), q03 = f64x2.splat(0.0);
        let q10 = f64x2.splat(0.0), q11 = f64x2.splat(0.0), q12 = f64x2.splat(0.0), q13 = f64x2.splat(0.0);
        let c = 0;
        for (; c + 2 <= len; c += 2) {
          const o = <usize>c << 3;
          const x0 = v128.load(a0 + o), x1 = v128.load(a1 + o);
          const y0 = v128.load(v0 + o), y1 = v128.load(v1 + o), y2 = v128.load(v2 + o), y3 = v128.load(v3 + o);
          q00 = madd(x0, y0, q00);
          q01 = madd(x0, y1, q01);
          q02 = madd(x0, y2, q02);
          q03 = madd(x0, y3, q03);
          q10 = madd(x1, y0, q10);
          q11 = madd(x1, y1, q11);
          q12 = madd(x1, y2, q12);
          q13 = madd(x1, y3, q13);
        }
        const w0 = at(wPtr, i * ldw + p);
        storeLaneSum(w0, q00, a0, v0, c, len);
        storeLaneSum(w0 + 8, q01, a0, v1, c, len);
        storeLaneSum(w0 + 16, q02, a0, v2, c, len);
        storeLaneSum(w0 + 24, q03, a0, v3, c, len);
        if (rowPair) {
          const w1 = at(wPtr, (i + 1) * ldw + p);
          storeLaneSum(w1, q10, a1, v0, c, len);
          storeLaneSum(w1 + 8, q11, a1, v1, c, len);
          storeLaneSum(w1 + 16, q12, a1, v2, c, len);
          storeLaneSum(w1 + 24, q13, a1, v3, c, len);
        }
      }
    }
    for (; p < k; p += 2) {
      const vecPair = p + 1 < k;
      const v0 = at(vPtr, p * ldv);
      const v1 = at(vPtr, (vecPair ? p + 1 : p) * ldv);
      let s00 = 0.0, s01 = 0.0, s10 = 0.0, s11 = 0.0;
      let c = 0;
      if (ASC_FEATURE_SIMD) {
        let q00 = f64x2.splat(0.0), q01 = f64x2.splat(0.0), q10 = f64x2.splat(0.0), q11 = f64x2.splat(0.0);
        for (; c + 2 <= len; c += 2) {
          const o = <usize>c << 3;
          const x0 = v128.load(a0 + o), x1 = v128.load(a1 + o);
          const y0 = v128.load(v0 + o), y1 = v128.load(v1 + o);
          q00 = madd(x0, y0, q00);
          q01 = madd(x0, y1, q01);
          q10 = madd(x1, y0, q10);
          q11 = madd(x1, y1, q11);
        }
        s00 = f64x2.extract_lane(q00, 0) + f64x2.extract_lane(q00, 1);
        s01 = f64x2.extract_lane(q01, 0) + f64x2.extract_lane(q01, 1);
        s10 = f64x2.extract_lane(q10, 0) + f64x2.extract_lane(q10, 1);
        s11 = f64x2.extract_lane(q11, 0) + f64x2.extract_lane(q11, 1);
      }
      for (; c < len; c++) {
        const x0 = ld(a0, c), x1 = ld(a1, c), y0 = ld(v0, c), y1 = ld(v1, c);
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      store<f64>(at(wPtr, i * ldw + p), s00);
      if (vecPair) store<f64>(at(wPtr, i * ldw + p + 1), s01);
      if (rowPair) {
        store<f64>(at(wPtr, (i + 1) * ldw + p), s10);
        if (vecPair) store<f64>(at(wPtr, (i + 1) * ldw + p + 1), s11);
      }
    }
  }
}

/** *out = lanes of q added, plus the odd last column x[c]·y[c] when c < len (blockRowDots' SIMD tiles). */
// @ts-ignore: decorator
@inline function storeLaneSum(out: usize, q: v128, x: usize, y: usize, c: i32, len: i32): void {
  let s = f64x2.extract_lane(q, 0) + f64x2.extract_lane(q, 1);
  if (c < len) s += ld(x, c) * ld(y, c);
  store<f64>(out, s);
}
