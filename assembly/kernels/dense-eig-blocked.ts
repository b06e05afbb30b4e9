/**
 * Blocked dense nonsymmetric eigensolver kernels on row-major n×n f64 matrices (A_ij at i·n + j).
 *
 * eig_hessenberg_blocked_f64: Householder reduction A = Q H Qᵀ in panels of nb columns, after
 * LAPACK's dgehrd/dlahr2 design (Quintana-Ortí & van de Geijn, "Improving the performance of
 * reduction to Hessenberg form", ACM TOMS 32, 2006). Reflectors H_j = I − τ_j v_j v_jᵀ (v_j zero
 * above row j + 1, v_j[j + 1] = 1) are gathered per panel into the compact WY form
 * Q_panel = H_k⋯H_{k+b−1} = I − V T Vᵀ (T upper triangular, built as in dlarft). While the panel is
 * factorised only its own columns are updated (from Y = A·V·T, formed column by column: the one
 * matrix–vector product per column that stays level 2); then the rest of A gets the level-3 updates
 *     A[0:k+1, k+1:]  ← A[0:k+1, k+1:] − (A[0:k+1, k+1:]·V·T)·Vᵀ      (top rows, right side)
 *     A[k+1:, k+b:]   ← A[k+1:, k+b:] − Y·Vᵀ                           (trailing block, right side)
 *     A[k+1:, k+b:]   ← (I − V·Tᵀ·Vᵀ)·A[k+1:, k+b:]                    (trailing block, left side)
 * through assembly/kernels/dense-blocks.ts. With wantZ, z receives Qᵀ (row i = column i of Q, the
 * layout of eig_hessenberg_f64), accumulated backwards panel by panel (dorghr), ≈ 4n³/3 flops.
 * On return a is exactly Hessenberg (entries below the subdiagonal are zero).
 * nb ≥ 1; nb = 1 is the unblocked algorithm with LAPACK's reflector convention (dgehd2).
 * work: f64[eig_hessenberg_blocked_work(n, nb)] scratch. Pointers 16-byte aligned, buffers distinct.
 */
import { blas1_axpy_f64, blas1_scal_f64 } from "./blas1";
import { blockRowDots, blockSubtractProduct, blockTransposedProduct } from "./dense-blocks";
import { francisDoubleShift } from "./dense-eig";
import { f64Addr as at, f64At as ld, setF64 as st } from "./inline/memory";

/** Scratch length (f64 entries) eig_hessenberg_blocked_f64 needs: τ, Vᵀ, Y, T, W, two nb-vectors, two n-vectors and a packed nb×8 strip. */
export function eig_hessenberg_blocked_work(n: i32, nb: i32): i32 {
  return 3 * n + 3 * nb * n + nb * nb + 10 * nb;
}

/**
 * Householder reflector (LAPACK dlarfg) annihilating A[j+2:n, j] against A[j+1, j]: writes β to
 * A[j+1, j], v[j+2:] to A[j+2:, j] and the whole v (zeros, 1, v[j+2:]) to the row vt (length n).
 * Returns τ (0 when the column is already reduced: H = I). ‖x‖ is taken with scaling by max|x_i|
 * so that neither overflow nor underflow spoils it.
 */
function makeReflector(aPtr: usize, n: i32, j: i32, vt: usize): f64 {
  memory.fill(vt, 0, <usize>n << 3);
  st(vt, j + 1, 1.0);
  const alpha = ld(aPtr, (j + 1) * n + j);
  let scale = 0.0;
  for (let i = j + 2; i < n; i++) scale = Math.max(scale, Math.abs(ld(aPtr, i * n + j)));
  if (scale == 0.0) return 0.0;
  let sum = 0.0;
  for (let i = j + 2; i < n; i++) {
    const x = ld(aPtr, i * n + j) / scale;
    sum += x * x;
  }
  const xnorm = scale * Math.sqrt(sum);
  const beta = -copysign<f64>(Math.hypot(alpha, xnorm), alpha);
  const f = 1.0 / (alpha - beta);
  for (let i = j + 2; i < n; i++) {
    const v = ld(aPtr, i * n + j) * f;
    st(aPtr, i * n + j, v);
    st(vt, i, v);
  }
  st(aPtr, (j + 1) * n + j, beta);
  return (beta - alpha) / beta;
}

/**
 * Appends reflector p (τ, row p of vt) to the compact WY factor T (nb×nb, upper triangular):
 * T[0:p, p] = −τ·T[0:p, 0:p]·(V[:, 0:p]ᵀ v_p), T[p, p] = τ (dlarft, forward, columnwise).
 * tv (f64[p]) receives V[:, 0:p]ᵀ v_p; v_p is zero before index from.
 */
function appendToT(vt: usize, n: i32, tPtr: usize, nb: i32, p: i32, tau: f64, from: i32, tv: usize): void {
  const vp = at(vt, p * n);
  for (let q = 0; q < p; q++) {
    const vq = at(vt, q * n);
    let s = 0.0;
    for (let i = from; i < n; i++) s += ld(vq, i) * ld(vp, i);
    st(tv, q, s);
  }
  for (let q = 0; q < p; q++) {
    let s = 0.0;
    for (let r = q; r < p; r++) s += ld(tPtr, q * nb + r) * ld(tv, r);
    st(tPtr, q * nb + p, -tau * s);
  }
  for (let r = 0; r < p; r++) st(tPtr, p * nb + r, 0.0);
  st(tPtr, p * nb + p, tau);
}

/** W ← W·T in place (W m×b, leading dimension ldw; T b×b upper triangular, leading dimension nb). */
function multiplyByT(wPtr: usize, ldw: i32, m: i32, tPtr: usize, nb: i32, b: i32): void {
  for (let i = 0; i < m; i++) {
    const row = at(wPtr, i * ldw);
    for (let q = b - 1; q >= 0; q--) {
      let s = 0.0;
      for (let r = 0; r <= q; r++) s += ld(row, r) * ld(tPtr, r * nb + q);
      st(row, q, s);
    }
  }
}

/** W ← W·Tᵀ in place (W m×b, leading dimension ldw; T b×b upper triangular). */
function multiplyByTTransposed(wPtr: usize, ldw: i32, m: i32, tPtr: usize, nb: i32, b: i32): void {
  for (let i = 0; i < m; i++) {
    const row = at(wPtr, i * ldw);
    for (let q = 0; q < b; q++) {
      let s = 0.0;
      for (let r = q; r < b; r++) s += ld(row, r) * ld(tPtr, q * nb + r);
      st(row, q, s);
    }
  }
}

/** W ← Tᵀ·W in place (W b×cols, leading dimension ldw): row q becomes Σ_{r≤q} T[r, q]·W[r, :]. */
function transposedTTimes(wPtr: usize, ldw: i32, cols: i32, tPtr: usize, nb: i32, b: i32): void {
  for (let q = b - 1; q >= 0; q--) {
    const rq = at(wPtr, q * ldw);
    const tqq = ld(tPtr, q * nb + q);
    for (let c = 0; c < cols; c++) st(rq, c, tqq * ld(rq, c));
    for (let r = 0; r < q; r++) {
      const trq = ld(tPtr, r * nb + q);
      if (trq == 0.0) continue;
      const rr = at(wPtr, r * ldw);
      for (let c = 0; c < cols; c++) st(rq, c, ld(rq, c) + trq * ld(rr, c));
    }
  }
}

/**
 * Factorises the panel of columns k..k+b−1: reduces them (their final Hessenberg entries in rows
 * k+1.., reflectors below), fills vt (b×n), T and rows k+1..n−1 of Y = A₀·V·T (n×nb), A₀ being A
 * at the start of the panel (dlahr2; Y's rows 0..k are left to the caller's level-3 update).
 */
function factorPanel(
  aPtr: usize, n: i32, k: i32, b: i32, nb: i32, tauPtr: usize, vt: usize, yPtr: usize, tPtr: usize, vec: usize, tv: usize, col: usize, sums: usize,
): void {
  for (let p = 0; p < b; p++) {
    const j = k + p;
    if (p > 0) {
      // Column j of Q_pᵀ·A₀·Q_p: right side A₀[:, j] − Y·V[j, :]ᵀ, then left side (I − V·Tᵀ·Vᵀ).
      // The column is worked on in col (contiguous; rows k+1.. at col[k+1..]) and stored back.
      for (let i = k + 1; i < n; i++) {
        let s = 0.0;
        for (let q = 0; q < p; q++) s += ld(yPtr, i * nb + q) * ld(vt, q * n + j);
        st(col, i, ld(aPtr, i * n + j) - s);
      }
      for (let q = 0; q < p; q++) {
        let s = 0.0;
        for (let i = k + q + 1; i < n; i++) s += ld(vt, q * n + i) * ld(col, i);
        st(vec, q, s);
      }
      for (let q = p - 1; q >= 0; q--) {
        let s = 0.0;
        for (let r = 0; r <= q; r++) s += ld(tPtr, r * nb + q) * ld(vec, r);
        st(vec, q, s);
      }
      // V·vec by rows of Vᵀ (q ascending per entry, as a per-row sum), subtracted entry by entry.
      memory.fill(at(sums, k + 1), 0, <usize>(n - k - 1) << 3);
      for (let q = 0; q < p; q++) blas1_axpy_f64(ld(vec, q), at(vt, q * n + k + 1), at(sums, k + 1), n - k - 1);
      for (let i = k + 1; i < n; i++) st(aPtr, i * n + j, ld(col, i) - ld(sums, i));
    }
    const tau = makeReflector(aPtr, n, j, at(vt, p * n));
    st(tauPtr, j, tau);
    // Y[k+1:, p] = τ·(A₀[k+1:, j+1:]·v − Y[k+1:, 0:p]·(Vᵀv)); A₀'s columns > j are still untouched.
    const m = n - k - 1;
    blockRowDots(at(yPtr, (k + 1) * nb + p), nb, at(aPtr, (k + 1) * n + j + 1), n, m, at(vt, p * n + j + 1), n, 1, n - j - 1);
    appendToT(vt, n, tPtr, nb, p, tau, j + 1, tv);
    for (let i = k + 1; i < n; i++) {
      const yi = at(yPtr, i * nb);
      let s = ld(yi, p);
      for (let q = 0; q < p; q++) s -= ld(yi, q) * ld(tv, q);
      st(yi, p, tau * s);
    }
  }
}

/** Rebuilds a finished panel's vt and T from the reflectors stored below A's subdiagonal and τ. */
function reloadPanel(aPtr: usize, n: i32, k: i32, b: i32, nb: i32, tauPtr: usize, vt: usize, tPtr: usize, tv: usize): void {
  for (let p = 0; p < b; p++) {
    const j = k + p;
    const row = at(vt, p * n);
    memory.fill(row, 0, <usize>n << 3);
    st(row, j + 1, 1.0);
    for (let i = j + 2; i < n; i++) st(row, i, ld(aPtr, i * n + j));
    appendToT(vt, n, tPtr, nb, p, ld(tauPtr, j), j + 1, tv);
  }
}

export function eig_hessenberg_blocked_f64(aPtr: usize, n: i32, zPtr: usize, wantZ: bool, workPtr: usize, nb: i32): void {
  const tauPtr = workPtr;
  const vt = at(tauPtr, n);
  const yPtr = at(vt, nb * n);
  const tPtr = at(yPtr, n * nb);
  const wPtr = at(tPtr, nb * nb);
  const vec = at(wPtr, nb * n);
  const tv = at(vec, nb);
  const col = at(tv, nb);
  const sums = at(col, n);
  const pack = at(sums, n);
  for (let k = 0; k < n - 2; k += nb) {
    const b = min(nb, n - 2 - k);
    factorPanel(aPtr, n, k, b, nb, tauPtr, vt, yPtr, tPtr, vec, tv, col, sums);
    const m = n - k - 1; // rows k+1..n−1
    // Top rows, right side: A[0:k+1, k+1:] −= (A[0:k+1, k+1:]·V·T)·Vᵀ.
    blockRowDots(wPtr, nb, at(aPtr, k + 1), n, k + 1, at(vt, k + 1), n, b, m);
    multiplyByT(wPtr, nb, k + 1, tPtr, nb, b);
    blockSubtractProduct(at(aPtr, k + 1), n, k + 1, m, wPtr, nb, 1, at(vt, k + 1), n, b, pack);
    const cols = n - k - b; // trailing columns k+b..n−1
    if (cols <= 0) continue;
    const trailing = at(aPtr, (k + 1) * n + k + b);
    // Trailing block, right side: −Y·Vᵀ; then left side: −V·(Tᵀ·(Vᵀ·B)).
    blockSubtractProduct(trailing, n, m, cols, at(yPtr, (k + 1) * nb), nb, 1, at(vt, k + b), n, b, pack);
    blockTransposedProduct(wPtr, cols, b, cols, at(vt, k + 1), 1, n, trailing, n, m);
    transposedTTimes(wPtr, cols, cols, tPtr, nb, b);
    // V packed row-major over Y's rows (Y is done with): read as Vᵀ's columns, its b entries per
    // row lie a row of vt (8n bytes) apart and the product's tiles would touch b pages at a time.
    const packedV = at(yPtr, (k + 1) * nb);
    for (let p = 0; p < b; p++) for (let i = 0; i < m; i++) st(packedV, i * nb + p, ld(vt, p * n + k + 1 + i));
    blockSubtractProduct(trailing, n, m, cols, packedV, nb, 1, wPtr, cols, b, pack);
  }
  if (wantZ) {
    memory.fill(zPtr, 0, (<usize>n * <usize>n) << 3);
    for (let i = 0; i < n; i++) st(zPtr, i * n + i, 1.0);
    // Qᵀ = (Q₁⋯Q_last)ᵀ built from the last panel back: Qᵀ ← Qᵀ·(I − V·Tᵀ·Vᵀ) on rows/columns k+1.. .
    const last = n > 2 ? ((n - 3) / nb) * nb : -1;
    for (let k = last; k >= 0; k -= nb) {
      const b = min(nb, n - 2 - k);
      reloadPanel(aPtr, n, k, b, nb, tauPtr, vt, tPtr, tv);
      const m = n - k - 1;
      const block = at(zPtr, (k + 1) * n + k + 1);
      blockRowDots(wPtr, nb, block, n, m, at(vt, k + 1), n, b, m);
      multiplyByTTransposed(wPtr, nb, m, tPtr, nb, b);
      blockSubtractProduct(block, n, m, m, wPtr, nb, 1, at(vt, k + 1), n, b, pack);
    }
  }
  for (let i = 2; i < n; i++) memory.fill(at(aPtr, i * n), 0, <usize>(i - 1) << 3);
}

// ---------------------------------------------------------------------------------------------
// Small-bulge multishift QR with aggressive early deflation (LAPACK dhseqr/dlaqr0 design:
// Braman, Byers & Mathias, SIAM J. Matrix Anal. Appl. 23, 2002, parts I and II).
// ---------------------------------------------------------------------------------------------

/** Active blocks smaller than this go to the double-shift QR (iparmq's NMIN). */
const MULTISHIFT_FROM = 75;
/** Skip the sweep when the deflation window deflated more than this percentage of itself (NIBBLE). */
const NIBBLE = 14;
/** Exceptional shifts after this many iterations without a deflation (dlaqr0's KEXSH). */
const EXCEPTIONAL_EVERY = 6;
const ULP = f64.EPSILON;
const SAFE_MIN = 2.2250738585072014e-308;

/** Shifts per sweep for an active block of order nh (LAPACK iparmq ISPEC = 15), even, ≥ 2. */
function shiftCount(nh: i32): i32 {
  let ns = 2;
  if (nh >= 30) ns = 4;
  if (nh >= 60) ns = 10;
  if (nh >= 150) ns = max(10, <i32>(<f64>nh / Math.round(Math.log2(<f64>nh))));
  if (nh >= 590) ns = 64;
  if (nh >= 3000) ns = 128;
  if (nh >= 6000) ns = 256;
  return max(2, ns - (ns & 1));
}

/** Deflation window for an active block of order nh (iparmq ISPEC = 13: ns, or 3ns/2 above 500). */
function windowSize(nh: i32): i32 {
  const ns = shiftCount(nh);
  return nh <= 500 ? ns : (3 * ns) / 2;
}

/** Scratch (f64 entries) of eig_hqr_multishift_f64 for order n. */
export function eig_hqr_multishift_work(n: i32): i32 {
  const nw = windowSize(n) + 1;
  const kdu = 3 * shiftCount(n);
  const wide = max(nw, kdu);
  return 3 * nw * nw + 2 * kdu * kdu + n * wide + 6 * nw + 100 + kdu + 8 * wide; // T, Zw, Vw, U, Uᵀ, tmp, awr, awi, sr, si, vec, sums + swap scratch and info + U's band + a packed k×8 strip
}

// Outputs of the 3-element reflector (dlarfg on (α, x₁, x₂)): H = I − τ·w·wᵀ, w = (1, v₁, v₂).
let refTau = 0.0;
let refV1 = 0.0;
let refV2 = 0.0;
let refBeta = 0.0;

function reflector3(alpha: f64, x1: f64, x2: f64): void {
  const xnorm = Math.hypot(x1, x2);
  if (xnorm == 0.0) {
    refTau = 0.0;
    refV1 = 0.0;
    refV2 = 0.0;
    refBeta = alpha;
    return;
  }
  const beta = -copysign<f64>(Math.hypot(alpha, xnorm), alpha);
  const f = 1.0 / (alpha - beta);
  refTau = (beta - alpha) / beta;
  refV1 = x1 * f;
  refV2 = x2 * f;
  refBeta = beta;
}

/** Rows r, r+1 (, r+2 when three) of the row-major m (leading dimension ldm), columns c0..c1: (I − τwwᵀ)·M. */
function reflectRowsLeft(m: usize, ldm: i32, r: i32, three: bool, c0: i32, c1: i32, tau: f64, v1: f64, v2: f64): void {
  const p0 = at(m, r * ldm), p1 = at(m, (r + 1) * ldm), p2 = at(m, (r + 2) * ldm);
  let c = c0;
  if (ASC_FEATURE_SIMD) {
    const vt = f64x2.splat(tau), vv1 = f64x2.splat(v1), vv2 = f64x2.splat(v2);
    for (; c + 2 <= c1 + 1; c += 2) {
      const o = <usize>c << 3;
      const a = v128.load(p0 + o), b = v128.load(p1 + o);
      let s = f64x2.add(a, f64x2.mul(vv1, b));
      if (three) {
        const d = v128.load(p2 + o);
        s = f64x2.mul(vt, f64x2.add(s, f64x2.mul(vv2, d)));
        v128.store(p2 + o, f64x2.sub(d, f64x2.mul(s, vv2)));
      } else {
        s = f64x2.mul(vt, s);
      }
      v128.store(p0 + o, f64x2.sub(a, s));
      v128.store(p1 + o, f64x2.sub(b, f64x2.mul(s, vv1)));
    }
  }
  for (; c <= c1; c++) {
    const o = <usize>c << 3;
    const a = load<f64>(p0 + o), b = load<f64>(p1 + o);
    let s = a + v1 * b;
    if (three) {
      const d = load<f64>(p2 + o);
      s = tau * (s + v2 * d);
      store<f64>(p2 + o, d - s * v2);
    } else {
      s = tau * s;
    }
    store<f64>(p0 + o, a - s);
    store<f64>(p1 + o, b - s * v1);
  }
}

/** Columns c, c+1 (, c+2) of m, rows r0..r1: M·(I − τwwᵀ). */
function reflectColumnsRight(m: usize, ldm: i32, c: i32, three: bool, r0: i32, r1: i32, tau: f64, v1: f64, v2: f64): void {
  for (let r = r0; r <= r1; r++) {
    const p = at(m, r * ldm + c);
    const a = load<f64>(p), b = load<f64>(p, 8);
    let s = a + v1 * b;
    if (three) {
      const d = load<f64>(p, 16);
      s = tau * (s + v2 * d);
      store<f64>(p, d - s * v2, 16);
    } else {
      s = tau * s;
    }
    store<f64>(p, a - s);
    store<f64>(p, b - s * v1, 8);
  }
}

/** Rows of a tall X per pass of productInto: 64 rows (97 kB at k = 190) stay in L2 while W's column tiles stream by. */
// @ts-ignore: decorator
@inline const PRODUCT_ROW_CHUNK: i32 = 64;

/**
 * out ← X·W for the row block X (rows × k, row stride xRow, column stride xCol) and W (k × cols,
 * leading dimension ldw), written back over the rows × cols block dst (leading dimension ldd):
 * products go through tmp (rows × cols) so that dst may be X or W's storage. Banded factors
 * (i32 pairs [lo, hi) of nonzero inner indices, see reflectSlabRows): xRanges per row of X, or
 * wRanges per column of W (then the product runs per 8-column tile over the tile's union range).
 * Tall X (rows > cols: the rows above a window, up to n of them) is taken PRODUCT_ROW_CHUNK rows
 * at a time, so that every column tile reads it from L2 rather than L3 at the price of reading the
 * small W once per chunk; wide products (Uᵀ·Zᵀ) read their long W once. No entry's sum changes.
 */
function productInto(
  dst: usize, ldd: i32, rows: i32, cols: i32, xPtr: usize, xRow: i32, xCol: i32, wPtr: usize, ldw: i32, k: i32, tmp: usize, pack: usize,
  xRanges: usize = 0, wRanges: usize = 0,
): void {
  if (rows <= 0 || cols <= 0) return;
  memory.fill(tmp, 0, (<usize>rows * <usize>cols) << 3);
  const step = rows > cols ? PRODUCT_ROW_CHUNK : rows;
  for (let r0 = 0; r0 < rows; r0 += step) {
    const chunk = min(step, rows - r0);
    const x = at(xPtr, r0 * xRow);
    const out = at(tmp, r0 * cols);
    if (wRanges) {
      for (let c0 = 0; c0 < cols; c0 += 8) {
        const c1 = min(c0 + 8, cols);
        let lo = k, hi = 0;
        for (let c = c0; c < c1; c++) {
          lo = min(lo, load<i32>(wRanges + (<usize>c << 3)));
          hi = max(hi, load<i32>(wRanges + (<usize>c << 3), 4));
        }
        if (hi > lo) blockSubtractProduct(at(out, c0), cols, chunk, c1 - c0, at(x, lo * xCol), xRow, xCol, at(wPtr, lo * ldw + c0), ldw, hi - lo, pack);
      }
    } else {
      blockSubtractProduct(out, cols, chunk, cols, x, xRow, xCol, wPtr, ldw, k, pack, xRanges ? xRanges + (<usize>r0 << 3) : 0); // tmp = −X·W
    }
  }
  for (let i = 0; i < rows; i++) {
    const d = at(dst, i * ldd);
    const t = at(tmp, i * cols);
    let c = 0;
    if (ASC_FEATURE_SIMD) for (; c + 2 <= cols; c += 2) v128.store(at(d, c), f64x2.neg(v128.load(at(t, c))));
    for (; c < cols; c++) st(d, c, -ld(t, c));
  }
}

/**
 * Rows r, r+1 (, r+2) of the slab's Uᵀ (leading dimension ldu) ← P·Uᵀ for the reflector P, over
 * the union of the rows' nonzero column ranges (i32 pairs [lo, hi) at ranges, one per row), which
 * the mixed rows then share. U = P₁P₂⋯ starts as I and each reflector mixes three adjacent
 * columns of U (rows of Uᵀ), so row j of Uᵀ fills only from the first column of the earliest bulge
 * that reached it to j + 2: U is banded (upper Hessenberg-like with its top-right corner zero,
 * about 3/8 of its entries nonzero for a full slab; dlaqr5 uses the same structure through
 * triangular blocks). Outside the ranges the entries are exact zeros, which the update would leave
 * +0 and the products may skip: no sum changes.
 */
function reflectSlabRows(ut: usize, ldu: i32, r: i32, three: bool, tau: f64, v1: f64, v2: f64, ranges: usize): void {
  const last = three ? r + 2 : r + 1;
  let lo = load<i32>(ranges + (<usize>r << 3)), hi = load<i32>(ranges + (<usize>r << 3), 4);
  for (let j = r + 1; j <= last; j++) {
    lo = min(lo, load<i32>(ranges + (<usize>j << 3)));
    hi = max(hi, load<i32>(ranges + (<usize>j << 3), 4));
  }
  reflectRowsLeft(ut, ldu, r, three, lo, hi - 1, tau, v1, v2);
  for (let j = r; j <= last; j++) {
    store<i32>(ranges + (<usize>j << 3), lo);
    store<i32>(ranges + (<usize>j << 3), hi, 4);
  }
}

/**
 * One small-bulge multishift QR sweep on the active block ktop..kbot (dlaqr5's design): nShifts/2
 * double-shift bulges (3×3), introduced one after another at the top and chased down as a tight
 * chain three columns apart. The chain advances in slabs of 3·nb − 2 columns; inside a slab the
 * reflectors touch only a (6·nb − 3)-wide diagonal window, which they update directly, while
 * their product U is accumulated (as Uᵀ in ut, by rows, with each row's nonzero range in ranges:
 * i32[2·kdu]) and applied afterwards to the rest of the rows (H·U, U in u), columns (Uᵀ·H) and
 * to zᵀ (Uᵀ·zᵀ) as matrix products over U's band (u, ut: kdu×kdu scratch; tmp and pack: productInto's).
 * Bulges are processed bottom first, so each reflector is computed from entries no later
 * reflector of the step changes.
 */
function multishiftSweep(
  h: usize, n: i32, z: usize, schur: bool, wantZ: bool, ktop: i32, kbot: i32, nShifts: i32, sr: usize, si: usize, u: usize, ut: usize, ldu: i32,
  tmp: usize, ranges: usize, pack: usize,
): void {
  const bulges = nShifts >> 1;
  const jstart = schur ? 0 : ktop;
  const jend = schur ? n - 1 : kbot;
  const kdu = 6 * bulges - 3;
  const steps = 3 * bulges - 2;
  for (let incol = ktop - 1 - 3 * (bulges - 1); incol <= kbot - 2; incol += steps) {
    const w0 = max(incol + 1, ktop);
    const w1 = min(incol + kdu, kbot);
    const kw = w1 - w0 + 1;
    for (let i = 0; i < kw; i++) {
      memory.fill(at(ut, i * ldu), 0, <usize>kw << 3);
      st(ut, i * ldu + i, 1.0);
      store<i32>(ranges + (<usize>i << 3), i);
      store<i32>(ranges + (<usize>i << 3), i + 1, 4);
    }
    const lastCol = min(incol + steps - 1, kbot - 2);
    for (let krcol = incol; krcol <= lastCol; krcol++) {
      for (let m = bulges - 1; m >= 0; m--) {
        const k = krcol + 3 * m;
        if (k < ktop - 1 || k > kbot - 2) continue;
        const three = k + 3 <= kbot;
        if (k == ktop - 1) {
          // First column of (H − s₁)(H − s₂)·e₁ (dlaqr1), scaled against over/underflow.
          const sr1 = ld(sr, 2 * m), si1 = ld(si, 2 * m), sr2 = ld(sr, 2 * m + 1), si2 = ld(si, 2 * m + 1);
          const h11 = ld(h, ktop * n + ktop), h12 = ld(h, ktop * n + ktop + 1);
          const h21 = ld(h, (ktop + 1) * n + ktop), h22 = ld(h, (ktop + 1) * n + ktop + 1);
          const h32 = three ? ld(h, (ktop + 2) * n + ktop + 1) : 0.0;
          const sc = Math.abs(h11 - sr2) + Math.abs(si2) + Math.abs(h21);
          if (sc == 0.0) continue;
          const h21s = h21 / sc;
          const x0 = h21s * h12 + (h11 - sr1) * ((h11 - sr2) / sc) - si1 * (si2 / sc);
          const x1 = h21s * (h11 + h22 - sr1 - sr2);
          const x2 = h21s * h32;
          reflector3(x0, x1, x2);
        } else {
          reflector3(ld(h, (k + 1) * n + k), ld(h, (k + 2) * n + k), three ? ld(h, (k + 3) * n + k) : 0.0);
          if (refTau == 0.0) continue;
          st(h, (k + 1) * n + k, refBeta);
          st(h, (k + 2) * n + k, 0.0);
          if (three) st(h, (k + 3) * n + k, 0.0);
        }
        const tau = refTau, v1 = refV1, v2 = three ? refV2 : 0.0;
        if (tau == 0.0) continue;
        reflectRowsLeft(h, n, k + 1, three, k + 1, w1, tau, v1, v2);
        reflectColumnsRight(h, n, k + 1, three, w0, min(k + 4, kbot), tau, v1, v2);
        reflectSlabRows(ut, ldu, k + 1 - w0, three, tau, v1, v2, ranges);
      }
    }
    // Off-window parts: rows above (H·U), columns to the right (Uᵀ·H), and zᵀ (Uᵀ·zᵀ), over U's band.
    // Uᵀ was accumulated (rows contiguous for the left products); U for the right product.
    for (let i = 0; i < kw; i++) for (let j = 0; j < kw; j++) st(u, i * ldu + j, ld(ut, j * ldu + i));
    const above = w0 - jstart;
    if (above > 0) productInto(at(h, jstart * n + w0), n, above, kw, at(h, jstart * n + w0), n, 1, u, ldu, kw, tmp, pack, 0, ranges);
    const right = jend - w1;
    if (right > 0) productInto(at(h, w0 * n + w1 + 1), n, kw, right, ut, ldu, 1, at(h, w0 * n + w1 + 1), n, kw, tmp, pack, ranges);
    if (wantZ) productInto(at(z, w0 * n), n, kw, n, ut, ldu, 1, at(z, w0 * n), n, kw, tmp, pack, ranges);
  }
}

/**
 * Rotates the 2×2 block at rows/columns i, i+1 of the window t (order w, rows of zw = Vᵀ alongside)
 * to upper triangular form when its eigenvalues are real (the rotation of hqr's "two roots").
 * Returns true when it split.
 */
function splitIfReal(t: usize, w: i32, zw: usize, i: i32): bool {
  const a = ld(t, i * w + i), b = ld(t, i * w + i + 1), c = ld(t, (i + 1) * w + i), d = ld(t, (i + 1) * w + i + 1);
  const p = 0.5 * (a - d);
  const q = p * p + b * c;
  if (q < 0.0) return false;
  let zz = Math.sqrt(q);
  zz = p >= 0.0 ? p + zz : p - zz;
  const sc = Math.abs(c) + Math.abs(zz);
  if (sc == 0.0) {
    st(t, (i + 1) * w + i, 0.0);
    return true;
  }
  let cs = zz / sc, sn = c / sc;
  const r = Math.hypot(cs, sn);
  cs /= r;
  sn /= r;
  rotateAdjacent(t, w, zw, i, cs, sn);
  st(t, (i + 1) * w + i, 0.0);
  return true;
}

/**
 * The plane rotation G = [cs sn; −sn cs] on rows/columns i, i+1 of the window t (order w):
 * t ← G·t on rows i, i+1 (columns i..w−1), t ← t·Gᵀ on columns i, i+1 (rows 0..i+1), and
 * zw ← G·zw on rows i, i+1. Every entry pair (x, y) becomes (cs·x + sn·y, cs·y − sn·x).
 */
function rotateAdjacent(t: usize, w: i32, zw: usize, i: i32, cs: f64, sn: f64): void {
  rotateRowPair(at(t, i * w), w, i, w, cs, sn);
  rotateColumnPair(at(t, i), w, i + 2, cs, sn);
  rotateRowPair(zw + (<usize>(i * w) << 3), w, 0, w, cs, sn);
}

/** Rows p and p + ldp (columns c0..c1−1) ← (cs·x + sn·y, cs·y − sn·x), two columns per f64x2 step. */
function rotateRowPair(p: usize, ldp: i32, c0: i32, c1: i32, cs: f64, sn: f64): void {
  const q = at(p, ldp);
  let c = c0;
  if (ASC_FEATURE_SIMD) {
    const vc = f64x2.splat(cs), vs = f64x2.splat(sn);
    for (; c + 2 <= c1; c += 2) {
      const o = <usize>c << 3;
      const x = v128.load(p + o), y = v128.load(q + o);
      v128.store(p + o, f64x2.add(f64x2.mul(vc, x), f64x2.mul(vs, y)));
      v128.store(q + o, f64x2.sub(f64x2.mul(vc, y), f64x2.mul(vs, x)));
    }
  }
  for (; c < c1; c++) {
    const x = ld(p, c), y = ld(q, c);
    st(p, c, cs * x + sn * y);
    st(q, c, cs * y - sn * x);
  }
}

/**
 * Adjacent entries (x, y) at p + r·ldp, rows r < rows ← (cs·x + sn·y, cs·y − sn·x). SIMD: one
 * f64x2 holds (x, y); (cs·x + sn·y, cs·y + (−sn)·x) from it and its swap, the same roundings.
 */
function rotateColumnPair(p: usize, ldp: i32, rows: i32, cs: f64, sn: f64): void {
  if (ASC_FEATURE_SIMD) {
    const vc = f64x2.splat(cs), vs = f64x2.replace_lane(f64x2.splat(sn), 1, -sn);
    for (let r = 0; r < rows; r++) {
      const o = at(p, r * ldp);
      const xy = v128.load(o);
      v128.store(o, f64x2.add(f64x2.mul(vc, xy), f64x2.mul(vs, v128.shuffle<f64>(xy, xy, 1, 0))));
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    const o = at(p, r * ldp);
    const x = ld(o, 0), y = ld(o, 1);
    st(o, 0, cs * x + sn * y);
    st(o, 1, cs * y - sn * x);
  }
}

/**
 * Rows r0..r0+nd−1 of m (columns c0..c1−1) ← Qᵀ·(those rows) for the 4×4 q (nd ≤ 4 used; the
 * rest of q is the identity): new row i = Σ_{a<nd} q[a, i]·row a, a ascending.
 */
function leftMultiplyQt(m: usize, ldm: i32, r0: i32, nd: i32, c0: i32, c1: i32, q: usize): void {
  const row0 = at(m, r0 * ldm);
  let c = c0;
  if (ASC_FEATURE_SIMD) {
    for (; c + 2 <= c1; c += 2) {
      let s0 = f64x2.splat(0.0), s1 = f64x2.splat(0.0), s2 = f64x2.splat(0.0), s3 = f64x2.splat(0.0);
      for (let a = 0; a < nd; a++) {
        const x = v128.load(at(row0, a * ldm + c));
        s0 = f64x2.add(s0, f64x2.mul(f64x2.splat(ld(q, a * 4)), x));
        s1 = f64x2.add(s1, f64x2.mul(f64x2.splat(ld(q, a * 4 + 1)), x));
        s2 = f64x2.add(s2, f64x2.mul(f64x2.splat(ld(q, a * 4 + 2)), x));
        s3 = f64x2.add(s3, f64x2.mul(f64x2.splat(ld(q, a * 4 + 3)), x));
      }
      v128.store(at(row0, c), s0);
      v128.store(at(row0, ldm + c), s1);
      if (nd > 2) v128.store(at(row0, 2 * ldm + c), s2);
      if (nd > 3) v128.store(at(row0, 3 * ldm + c), s3);
    }
  }
  for (; c < c1; c++) {
    let s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    for (let a = 0; a < nd; a++) {
      const x = ld(row0, a * ldm + c);
      s0 += ld(q, a * 4) * x;
      s1 += ld(q, a * 4 + 1) * x;
      s2 += ld(q, a * 4 + 2) * x;
      s3 += ld(q, a * 4 + 3) * x;
    }
    st(row0, c, s0);
    st(row0, ldm + c, s1);
    if (nd > 2) st(row0, 2 * ldm + c, s2);
    if (nd > 3) st(row0, 3 * ldm + c, s3);
  }
}

/**
 * Columns c0..c0+nd−1 of m (rows 0..rows−1) ← (those columns)·Q for the 4×4 q (nd ∈ {3, 4}):
 * new entry j = Σ_{b<nd} m[r, c0+b]·q[b, j], b ascending; SIMD forms columns (0, 1) and (2, 3) as pairs.
 */
function rightMultiplyQ(m: usize, ldm: i32, c0: i32, nd: i32, rows: i32, q: usize): void {
  for (let r = 0; r < rows; r++) {
    const p = at(m, r * ldm + c0);
    if (ASC_FEATURE_SIMD) {
      let s01 = f64x2.splat(0.0), s23 = f64x2.splat(0.0);
      for (let b = 0; b < nd; b++) {
        const x = v128.load64_splat(at(p, b));
        s01 = f64x2.add(s01, f64x2.mul(x, v128.load(at(q, b * 4))));
        s23 = f64x2.add(s23, f64x2.mul(x, v128.load(at(q, b * 4 + 2))));
      }
      v128.store(p, s01);
      if (nd > 3) v128.store(at(p, 2), s23);
      else st(p, 2, f64x2.extract_lane(s23, 0));
    } else {
      let s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
      for (let b = 0; b < nd; b++) {
        const x = ld(p, b);
        s0 += x * ld(q, b * 4);
        s1 += x * ld(q, b * 4 + 1);
        s2 += x * ld(q, b * 4 + 2);
        s3 += x * ld(q, b * 4 + 3);
      }
      st(p, 0, s0);
      st(p, 1, s1);
      st(p, 2, s2);
      if (nd > 3) st(p, 3, s3);
    }
  }
}

/** Set by swapBlocks: the block that moved up split into two real eigenvalues. */
let movedBlockSplit: bool = false;

/**
 * Swaps the adjacent diagonal blocks of sizes n1 and n2 at j1 of the quasi-triangular window t
 * (order w; zw = Vᵀ updated alongside), as LAPACK's dlaexc: a Givens rotation for two 1×1 blocks;
 * otherwise X from T₁₁X − XT₂₂ = T₁₂ (Kronecker system, complete pivoting), Q from the QR of
 * [−X; I] and T ← QᵀTQ. The swap is rejected (false, t unchanged) when QᵀDQ of the 4×4 block
 * is not block upper triangular to 10·ε·max|D|, as dlaexc's stability test.
 */
function swapBlocks(t: usize, w: i32, zw: usize, j1: i32, n1: i32, n2: i32, scratch: usize): bool {
  movedBlockSplit = false;
  const j2 = j1 + 1;
  if (n1 == 1 && n2 == 1) {
    const a = ld(t, j1 * w + j1), b = ld(t, j2 * w + j2), c = ld(t, j1 * w + j2);
    const r = Math.hypot(c, b - a);
    if (r == 0.0) return true;
    rotateAdjacent(t, w, zw, j1, c / r, (b - a) / r);
    st(t, j1 * w + j1, b);
    st(t, j2 * w + j2, a);
    st(t, j2 * w + j1, 0.0);
    return true;
  }
  const nd = n1 + n2;
  // scratch layout: D 4×4 | M 4×4 | rhs 4 | X 4 | Q 4×4 | E 4×4 | perm 4+4
  const dm = scratch, km = at(scratch, 16), rhs = at(scratch, 32), xs = at(scratch, 36), qm = at(scratch, 40), em = at(scratch, 56);
  let dnorm = 0.0;
  for (let i = 0; i < nd; i++) {
    for (let j = 0; j < nd; j++) {
      const v = ld(t, (j1 + i) * w + j1 + j);
      st(dm, i * 4 + j, v);
      dnorm = Math.max(dnorm, Math.abs(v));
    }
  }
  // Kronecker system for X (n1×n2), unknown x_{ij} at index i + n1·j: Σ_k A_ik x_kj − Σ_l x_il B_lj = C_ij.
  const nk = n1 * n2;
  for (let r = 0; r < nk; r++) for (let c = 0; c < nk; c++) st(km, r * 4 + c, 0.0);
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n2; j++) {
      const row = i + n1 * j;
      for (let k = 0; k < n1; k++) st(km, row * 4 + k + n1 * j, ld(km, row * 4 + k + n1 * j) + ld(dm, i * 4 + k));
      for (let l = 0; l < n2; l++) st(km, row * 4 + i + n1 * l, ld(km, row * 4 + i + n1 * l) - ld(dm, (n1 + l) * 4 + n1 + j));
      st(rhs, row, ld(dm, i * 4 + n1 + j));
    }
  }
  // Gaussian elimination with complete pivoting; tiny pivots are raised to smin (dlasy2).
  const smin = Math.max(ULP * dnorm, SAFE_MIN);
  const colPerm = changetype<usize>(at(scratch, 72));
  for (let c = 0; c < nk; c++) store<i32>(colPerm + (<usize>c << 2), c);
  for (let p = 0; p < nk; p++) {
    let best = -1.0, br = p, bc = p;
    for (let r = p; r < nk; r++) {
      for (let c = p; c < nk; c++) {
        const v = Math.abs(ld(km, r * 4 + c));
        if (v > best) { best = v; br = r; bc = c; }
      }
    }
    if (br != p) {
      for (let c = 0; c < nk; c++) { const x = ld(km, p * 4 + c); st(km, p * 4 + c, ld(km, br * 4 + c)); st(km, br * 4 + c, x); }
      const x = ld(rhs, p); st(rhs, p, ld(rhs, br)); st(rhs, br, x);
    }
    if (bc != p) {
      for (let r = 0; r < nk; r++) { const x = ld(km, r * 4 + p); st(km, r * 4 + p, ld(km, r * 4 + bc)); st(km, r * 4 + bc, x); }
      const cp = load<i32>(colPerm + (<usize>p << 2));
      store<i32>(colPerm + (<usize>p << 2), load<i32>(colPerm + (<usize>bc << 2)));
      store<i32>(colPerm + (<usize>bc << 2), cp);
    }
    if (Math.abs(ld(km, p * 4 + p)) < smin) st(km, p * 4 + p, smin);
    const piv = ld(km, p * 4 + p);
    for (let r = p + 1; r < nk; r++) {
      const f = ld(km, r * 4 + p) / piv;
      if (f == 0.0) continue;
      for (let c = p; c < nk; c++) st(km, r * 4 + c, ld(km, r * 4 + c) - f * ld(km, p * 4 + c));
      st(rhs, r, ld(rhs, r) - f * ld(rhs, p));
    }
  }
  for (let p = nk - 1; p >= 0; p--) {
    let s = ld(rhs, p);
    for (let c = p + 1; c < nk; c++) s -= ld(km, p * 4 + c) * ld(rhs, c);
    st(rhs, p, s / ld(km, p * 4 + p));
  }
  for (let p = 0; p < nk; p++) st(xs, load<i32>(colPerm + (<usize>p << 2)), ld(rhs, p));
  // Q from Householder QR of [−X; I] (nd×n2): Q = H₁H₂, formed explicitly in qm (4×4).
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) st(qm, i * 4 + j, i == j ? 1.0 : 0.0);
  // em holds [−X; I] columnwise (column j at em[j·4 ..]).
  for (let j = 0; j < n2; j++) {
    for (let i = 0; i < n1; i++) st(em, j * 4 + i, -ld(xs, i + n1 * j));
    for (let i = 0; i < n2; i++) st(em, j * 4 + n1 + i, i == j ? 1.0 : 0.0);
  }
  for (let j = 0; j < n2; j++) {
    // Reflector on rows j..nd−1 of column j: v = x − β·e_j normalised so that v_j = 1.
    const alpha = ld(em, j * 4 + j);
    let sum = 0.0;
    for (let i = j + 1; i < nd; i++) sum += ld(em, j * 4 + i) * ld(em, j * 4 + i);
    if (sum == 0.0) continue;
    const beta = -copysign<f64>(Math.sqrt(alpha * alpha + sum), alpha);
    const tau = (beta - alpha) / beta;
    const f = 1.0 / (alpha - beta);
    st(em, j * 4 + j, 1.0);
    for (let i = j + 1; i < nd; i++) st(em, j * 4 + i, ld(em, j * 4 + i) * f);
    // Apply to the later columns of em and accumulate Q ← Q·H_j.
    for (let c = j + 1; c < n2; c++) {
      let s = 0.0;
      for (let i = j; i < nd; i++) s += ld(em, j * 4 + i) * ld(em, c * 4 + i);
      s *= tau;
      for (let i = j; i < nd; i++) st(em, c * 4 + i, ld(em, c * 4 + i) - s * ld(em, j * 4 + i));
    }
    for (let r = 0; r < nd; r++) {
      let s = 0.0;
      for (let i = j; i < nd; i++) s += ld(qm, r * 4 + i) * ld(em, j * 4 + i);
      s *= tau;
      for (let i = j; i < nd; i++) st(qm, r * 4 + i, ld(qm, r * 4 + i) - s * ld(em, j * 4 + i));
    }
  }
  // Stability test on E = QᵀDQ: the block below the new leading n2 rows must vanish.
  for (let i = 0; i < nd; i++) {
    for (let j = 0; j < nd; j++) {
      let s = 0.0;
      for (let a = 0; a < nd; a++) {
        let dq = 0.0;
        for (let b = 0; b < nd; b++) dq += ld(dm, a * 4 + b) * ld(qm, b * 4 + j);
        s += ld(qm, a * 4 + i) * dq;
      }
      st(em, i * 4 + j, s);
    }
  }
  let lower = 0.0;
  for (let i = n2; i < nd; i++) for (let j = 0; j < n2; j++) lower = Math.max(lower, Math.abs(ld(em, i * 4 + j)));
  if (lower > Math.max(10.0 * ULP * dnorm, SAFE_MIN)) return false;
  // Accept: T ← QᵀTQ on rows/columns j1..j1+nd−1, zw ← Qᵀ·zw; the (2,1) block is set to zero.
  leftMultiplyQt(t, w, j1, nd, j1, w, qm);
  rightMultiplyQ(t, w, j1, nd, j1 + nd, qm);
  leftMultiplyQt(zw, w, j1, nd, 0, w, qm);
  for (let i = n2; i < nd; i++) for (let j = 0; j < n2; j++) st(t, (j1 + i) * w + j1 + j, 0.0);
  if (n2 == 1) for (let i = 1; i < nd; i++) st(t, (j1 + i) * w + j1, 0.0);
  if (n1 == 1) for (let j = 0; j < nd - 1; j++) st(t, (j1 + nd - 1) * w + j1 + j, 0.0);
  // New blocks: n2 on top, n1 below; a 2×2 whose eigenvalues came out real is split.
  if (n2 == 2) movedBlockSplit = splitIfReal(t, w, zw, j1);
  if (n1 == 2) splitIfReal(t, w, zw, j1 + n2);
  return true;
}

/** Size (1 or 2) of the diagonal block of t (order w) that ends at row last. */
// @ts-ignore: decorator
@inline function blockEndingAt(t: usize, w: i32, last: i32): i32 {
  return last >= 1 && ld(t, last * w + last - 1) != 0.0 ? 2 : 1;
}

/** Writes the eigenvalue(s) of the block of t starting at i (size 1 or 2) to (re, im)[at]. */
function blockEigenvalues(t: usize, w: i32, i: i32, size: i32, re: usize, im: usize, to: i32): void {
  if (size == 1) {
    st(re, to, ld(t, i * w + i));
    st(im, to, 0.0);
    return;
  }
  const a = ld(t, i * w + i), b = ld(t, i * w + i + 1), c = ld(t, (i + 1) * w + i), d = ld(t, (i + 1) * w + i + 1);
  const p = 0.5 * (a - d);
  const q = p * p + b * c;
  const mid = d + p;
  const wi = Math.sqrt(Math.abs(q));
  st(re, to, mid);
  st(re, to + 1, mid);
  st(im, to, wi);
  st(im, to + 1, -wi);
}

/** Undeflated eigenvalues left by the last deflation window (window indices 0..aedUndeflated−1). */
let aedUndeflated = 0;

/**
 * Aggressive early deflation on the bottom window of the active block ktop..kbot (dlaqr2): the
 * window's Schur form T = Vᵀ·H_w·V (double-shift QR), then the spike s·V[0, :] (s = H[kwtop, kwtop−1])
 * decides, from the bottom, which eigenvalues are converged (|s·v| ≤ ε·|λ|-sized); an undeflatable
 * block is moved to the top of the unchecked part by block swaps and the next one is tried. On any
 * deflation the spike is folded back by a reflector, T's undeflated part is re-reduced to Hessenberg
 * and V is applied to the rest of H and to zᵀ. Returns the number deflated; their eigenvalues go to
 * (wr, wi)[kbot−nd+1..kbot]; the undeflated ones (the next shifts) to (awr, awi)[0..aedUndeflated).
 */
function deflationWindow(
  h: usize, n: i32, z: usize, schur: bool, wantZ: bool, ktop: i32, kbot: i32, nw: i32, wr: usize, wi: usize,
  t: usize, zw: usize, vw: usize, awr: usize, awi: usize, vec: usize, sums: usize, scratch: usize, infoPtr: usize, tmp: usize, pack: usize,
): i32 {
  const jw = min(nw, kbot - ktop + 1);
  const kwtop = kbot - jw + 1;
  const s = kwtop == ktop ? 0.0 : ld(h, kwtop * n + kwtop - 1);
  if (jw == 1) {
    const tkk = ld(h, kwtop * n + kwtop);
    st(awr, 0, tkk);
    st(awi, 0, 0.0);
    if (Math.abs(s) <= Math.max(SAFE_MIN, ULP * Math.abs(tkk))) {
      st(wr, kwtop, tkk);
      st(wi, kwtop, 0.0);
      if (kwtop > ktop) st(h, kwtop * n + kwtop - 1, 0.0);
      aedUndeflated = 0;
      return 1;
    }
    aedUndeflated = 1;
    return 0;
  }
  for (let i = 0; i < jw; i++) {
    for (let j = 0; j < jw; j++) st(t, i * jw + j, j >= i - 1 ? ld(h, (kwtop + i) * n + kwtop + j) : 0.0);
    memory.fill(at(zw, i * jw), 0, <usize>jw << 3);
    st(zw, i * jw + i, 1.0);
  }
  francisDoubleShift(t, jw, zw, 1, awr, awi, 0, jw - 1, 30 * max(jw, 10), infoPtr);
  const infqr = load<i32>(infoPtr, 4);
  // Clean T to its block structure: subdiagonal entries survive only inside 2×2 blocks and the unconverged top.
  for (let i = 0; i + 1 < jw; i++) {
    for (let r = i + 2; r < jw; r++) st(t, r * jw + i, 0.0);
    const keep = i + 1 < infqr || (i >= infqr && ld(awi, i) > 0.0);
    if (!keep) st(t, (i + 1) * jw + i, 0.0);
  }
  let ns = jw;
  let ilst = infqr;
  while (ilst < ns) {
    const size = blockEndingAt(t, jw, ns - 1);
    const top = ns - size;
    if (top < ilst) break; // a 2×2 block straddling the unconverged part
    let foo = Math.abs(ld(t, (ns - 1) * jw + ns - 1));
    if (size == 2) foo += Math.sqrt(Math.abs(ld(t, (ns - 1) * jw + ns - 2))) * Math.sqrt(Math.abs(ld(t, (ns - 2) * jw + ns - 1)));
    if (foo == 0.0) foo = Math.abs(s);
    let spike = Math.abs(s * ld(zw, (ns - 1) * jw));
    if (size == 2) spike = Math.max(spike, Math.abs(s * ld(zw, (ns - 2) * jw)));
    if (spike <= Math.max(SAFE_MIN, ULP * foo)) {
      ns -= size; // deflatable
      continue;
    }
    // Undeflatable: move it up to ilst (dtrexc), swapping with the blocks above one at a time.
    let here = top;
    let moved = true;
    while (here > ilst) {
      const above = blockEndingAt(t, jw, here - 1);
      if (here - above < ilst) { moved = false; break; }
      if (!swapBlocks(t, jw, zw, here - above, above, size, scratch) || movedBlockSplit) { moved = false; break; }
      here -= above;
    }
    if (!moved) break;
    ilst += size;
  }
  const nd = jw - ns;
  const sEff = ns == 0 ? 0.0 : s;
  // Eigenvalues of the window from T's blocks (unconverged top: its diagonal).
  for (let i = 0; i < jw;) {
    const size = i < infqr ? 1 : (i + 1 < jw && ld(t, (i + 1) * jw + i) != 0.0 ? 2 : 1);
    blockEigenvalues(t, jw, i, i < infqr ? 1 : size, awr, awi, i);
    i += size;
  }
  for (let i = ns; i < jw; i++) {
    st(wr, kwtop + i, ld(awr, i));
    st(wi, kwtop + i, ld(awi, i));
  }
  aedUndeflated = ns;
  if (nd == 0 && sEff != 0.0) return 0; // nothing deflated: leave H as it was
  if (ns > 1 && sEff != 0.0) {
    // Fold the spike back: a reflector maps s·V[0, 0:ns] to β·e₁, then T[0:ns, 0:ns] is re-reduced.
    for (let j = 0; j < ns; j++) st(vec, j, sEff * ld(zw, j * jw));
    reflectVector(vec, ns);
    const tau = vecTau;
    applyLeft(t, jw, vec, tau, 0, ns, 0, jw - 1, sums);
    applyRight(t, jw, vec, tau, 0, ns, 0, ns - 1);
    applyLeft(zw, jw, vec, tau, 0, ns, 0, jw - 1, sums);
    for (let j = 0; j + 2 < ns; j++) {
      for (let i = j + 1; i < ns; i++) st(vec, i - j - 1, ld(t, i * jw + j));
      reflectVector(vec, ns - j - 1);
      const tj = vecTau;
      st(t, (j + 1) * jw + j, vecBeta);
      for (let i = j + 2; i < ns; i++) st(t, i * jw + j, 0.0);
      applyLeft(t, jw, vec, tj, j + 1, ns - j - 1, j + 1, jw - 1, sums);
      applyRight(t, jw, vec, tj, j + 1, ns - j - 1, 0, ns - 1);
      applyLeft(zw, jw, vec, tj, j + 1, ns - j - 1, 0, jw - 1, sums);
    }
  }
  if (kwtop > ktop) st(h, kwtop * n + kwtop - 1, sEff * ld(zw, 0));
  for (let i = 0; i < jw; i++) {
    for (let j = 0; j < jw; j++) st(h, (kwtop + i) * n + kwtop + j, j >= i - 1 ? ld(t, i * jw + j) : 0.0);
    for (let j = 0; j < jw; j++) st(vw, i * jw + j, ld(zw, j * jw + i)); // V = zwᵀ
  }
  const ltop = schur ? 0 : ktop;
  if (kwtop > ltop) productInto(at(h, ltop * n + kwtop), n, kwtop - ltop, jw, at(h, ltop * n + kwtop), n, 1, vw, jw, jw, tmp, pack);
  if (schur && kbot + 1 < n) productInto(at(h, kwtop * n + kbot + 1), n, jw, n - kbot - 1, zw, jw, 1, at(h, kwtop * n + kbot + 1), n, jw, tmp, pack);
  if (wantZ) productInto(at(z, kwtop * n), n, jw, n, zw, jw, 1, at(z, kwtop * n), n, jw, tmp, pack);
  return nd;
}

let vecTau = 0.0;
let vecBeta = 0.0;

/** dlarfg on the contiguous x[0..len): x ← v (v₀ = 1), sets vecTau and vecBeta (β = ∓‖x‖). */
function reflectVector(x: usize, len: i32): void {
  const alpha = ld(x, 0);
  let scale = 0.0;
  for (let i = 1; i < len; i++) scale = Math.max(scale, Math.abs(ld(x, i)));
  st(x, 0, 1.0);
  if (scale == 0.0) {
    vecTau = 0.0;
    vecBeta = alpha;
    return;
  }
  let sum = 0.0;
  for (let i = 1; i < len; i++) {
    const y = ld(x, i) / scale;
    sum += y * y;
  }
  const beta = -copysign<f64>(Math.hypot(alpha, scale * Math.sqrt(sum)), alpha);
  const f = 1.0 / (alpha - beta);
  for (let i = 1; i < len; i++) st(x, i, ld(x, i) * f);
  vecTau = (beta - alpha) / beta;
  vecBeta = beta;
}

/**
 * Rows r0..r0+len−1 of m (columns c0..c1) ← (I − τvvᵀ)·M, along rows: s = τ·(vᵀM) is summed
 * row by row into sums (f64[c1 − c0 + 1]; i ascending, as per column), then M[r0+i, :] −= v_i·s.
 */
function applyLeft(m: usize, ldm: i32, v: usize, tau: f64, r0: i32, len: i32, c0: i32, c1: i32, sums: usize): void {
  if (tau == 0.0) return;
  const cols = c1 - c0 + 1;
  memory.fill(sums, 0, <usize>cols << 3);
  for (let i = 0; i < len; i++) blas1_axpy_f64(ld(v, i), at(m, (r0 + i) * ldm + c0), sums, cols);
  blas1_scal_f64(tau, sums, cols);
  for (let i = 0; i < len; i++) blas1_axpy_f64(-ld(v, i), sums, at(m, (r0 + i) * ldm + c0), cols);
}

/** Columns c0..c0+len−1 of m (rows r0..r1) ← M·(I − τvvᵀ). */
function applyRight(m: usize, ldm: i32, v: usize, tau: f64, c0: i32, len: i32, r0: i32, r1: i32): void {
  if (tau == 0.0) return;
  for (let r = r0; r <= r1; r++) {
    const row = at(m, r * ldm + c0);
    let s = 0.0;
    for (let i = 0; i < len; i++) s += ld(v, i) * ld(row, i);
    s *= tau;
    for (let i = 0; i < len; i++) st(row, i, ld(row, i) - s * ld(v, i));
  }
}

/**
 * Eigenvalues (and Schur form, Schur vectors) of the upper Hessenberg h, same contract as
 * eig_hqr_f64 (job 0: values; 1: T and Zᵀ in z; 2: T alone; info[0] = iterations, info[1] =
 * leading eigenvalues not converged), by small-bulge multishift QR with aggressive early
 * deflation on active blocks of order ≥ 75 and Francis double-shift QR below. Entries of h below
 * the subdiagonal are ignored (set to zero). work: f64[eig_hqr_multishift_work(n)].
 * Iterations (deflation window + sweep) are capped by maxSweeps in all.
 */
export function eig_hqr_multishift_f64(
  h: usize, n: i32, z: usize, job: i32, wr: usize, wi: usize, maxSweeps: i32, infoPtr: usize, work: usize,
): void {
  const schur = job != 0;
  const wantZ = job == 1;
  for (let i = 2; i < n; i++) memory.fill(at(h, i * n), 0, <usize>(i - 1) << 3);
  const nwMax = windowSize(n) + 1;
  const nsMax = shiftCount(n);
  const kdu = 3 * nsMax;
  const t = work;
  const zw = at(t, nwMax * nwMax);
  const vw = at(zw, nwMax * nwMax);
  const u = at(vw, nwMax * nwMax);
  const ut = at(u, kdu * kdu);
  const tmp = at(ut, kdu * kdu);
  const awr = at(tmp, n * max(nwMax, kdu));
  const awi = at(awr, nwMax);
  const sr = at(awi, nwMax);
  const si = at(sr, nwMax);
  const vec = at(si, nwMax);
  const sums = at(vec, nwMax);
  const scratch = at(sums, nwMax); // 76 f64 for block swaps (swapBlocks)
  const blockInfo = at(scratch, 96);
  const ranges = at(blockInfo, 2); // i32[2·kdu]
  const pack = at(ranges, kdu); // f64[8·max(nwMax, kdu)]: blockSubtractProduct's strip of W
  // Shifts and window are chosen once from n (dlaqr0), capped as there by (n − 3)/6 and (n − 1)/3.
  const nsr = max(2, min(nsMax, (n - 3) / 6) & ~1);
  const nwr = max(2, min(nwMax - 1, (n - 1) / 3));
  let nw = nwr;
  let iterations = 0;
  let unconverged = 0;
  let kbot = n - 1;
  let sinceDeflation = 1;
  while (kbot >= 0) {
    // Split off at the lowest negligible subdiagonal entry (dlahqr's conservative criterion).
    let ktop = kbot;
    while (ktop > 0) {
      const sub = Math.abs(ld(h, ktop * n + ktop - 1));
      if (sub == 0.0) break;
      let tst = Math.abs(ld(h, (ktop - 1) * n + ktop - 1)) + Math.abs(ld(h, ktop * n + ktop));
      if (tst == 0.0) {
        if (ktop >= 2) tst += Math.abs(ld(h, (ktop - 1) * n + ktop - 2));
        if (ktop + 1 <= kbot) tst += Math.abs(ld(h, (ktop + 1) * n + ktop));
      }
      if (sub <= ULP * tst) {
        st(h, ktop * n + ktop - 1, 0.0);
        break;
      }
      ktop--;
    }
    const nh = kbot - ktop + 1;
    if (nh < MULTISHIFT_FROM) {
      francisDoubleShift(h, n, z, job, wr, wi, ktop, kbot, max(maxSweeps - iterations, 0), blockInfo);
      iterations += load<i32>(blockInfo);
      const left = load<i32>(blockInfo, 4);
      if (left > 0) {
        unconverged = ktop + left;
        break;
      }
      kbot = ktop - 1;
      sinceDeflation = 1;
      continue;
    }
    if (iterations >= maxSweeps) {
      unconverged = kbot + 1;
      break;
    }
    iterations++;
    // Window: nwr, doubled after KEXNW = 5 iterations without a deflation (dlaqr0), and at most nh.
    nw = sinceDeflation < 5 ? min(nh, nwr) : min(min(nh, nwMax - 1), 2 * nw);
    const nd = deflationWindow(h, n, z, schur, wantZ, ktop, kbot, nw, wr, wi, t, zw, vw, awr, awi, vec, sums, scratch, blockInfo, tmp, pack);
    kbot -= nd;
    sinceDeflation = nd > 0 ? 1 : sinceDeflation + 1;
    const active = kbot - ktop + 1;
    if (!(nd == 0 || (100 * nd <= nw * NIBBLE && active > min(MULTISHIFT_FROM, nw)))) continue;
    if (active < MULTISHIFT_FROM) continue;
    // Shifts: the window's undeflated eigenvalues from the bottom (pairs kept together), or
    // exceptional ones (dlaqr0: 0.75·s + H_ii ± 0.66i·s from the subdiagonal sizes s).
    const want = min(nsr, active - (active & 1));
    let count = 0;
    if (sinceDeflation % EXCEPTIONAL_EVERY == 0) {
      for (let i = kbot; i >= ktop + 2 && count + 2 <= want; i -= 2) {
        const ss = Math.abs(ld(h, i * n + i - 1)) + Math.abs(ld(h, (i - 1) * n + i - 2));
        const re = 0.75 * ss + ld(h, i * n + i);
        st(sr, count, re);
        st(si, count, 0.6614378277661477 * ss);
        st(sr, count + 1, re);
        st(si, count + 1, -0.6614378277661477 * ss);
        count += 2;
      }
    } else {
      let realPending = -1;
      for (let i = aedUndeflated - 1; i >= 0 && count + 2 <= want; i--) {
        const im = ld(awi, i);
        if (im < 0.0 && i >= 1) {
          st(sr, count, ld(awr, i - 1));
          st(si, count, ld(awi, i - 1));
          st(sr, count + 1, ld(awr, i));
          st(si, count + 1, im);
          count += 2;
          i--;
        } else if (im == 0.0) {
          if (realPending < 0) {
            realPending = i;
          } else {
            st(sr, count, ld(awr, realPending));
            st(si, count, 0.0);
            st(sr, count + 1, ld(awr, i));
            st(si, count + 1, 0.0);
            count += 2;
            realPending = -1;
          }
        }
      }
      if (count == 0) {
        // No usable pair: the eigenvalues of the trailing 2×2 (a Francis double shift).
        const a = ld(h, (kbot - 1) * n + kbot - 1), b = ld(h, (kbot - 1) * n + kbot), c = ld(h, kbot * n + kbot - 1), d = ld(h, kbot * n + kbot);
        const p = 0.5 * (a - d);
        const q = p * p + b * c;
        const r = Math.sqrt(Math.abs(q));
        st(sr, 0, q < 0.0 ? d + p : d + p + r);
        st(si, 0, q < 0.0 ? r : 0.0);
        st(sr, 1, q < 0.0 ? d + p : d + p - r);
        st(si, 1, q < 0.0 ? -r : 0.0);
        count = 2;
      }
    }
    multishiftSweep(h, n, z, schur, wantZ, ktop, kbot, count, sr, si, u, ut, kdu, tmp, ranges, pack);
  }
  store<i32>(infoPtr, iterations);
  store<i32>(infoPtr, unconverged, 4);
}
