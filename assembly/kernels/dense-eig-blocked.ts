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
import { blockRowDots, blockSubtractProduct, blockTransposedProduct } from "./dense-blocks";

// @ts-ignore: decorator
@inline function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

// @ts-ignore: decorator
@inline function at(p: usize, i: i32): usize {
  return p + (<usize>i << 3);
}

/** Scratch length (f64 entries) eig_hessenberg_blocked_f64 needs: τ, Vᵀ, Y, T, W and two nb-vectors. */
export function eig_hessenberg_blocked_work(n: i32, nb: i32): i32 {
  return n + 3 * nb * n + nb * nb + 2 * nb;
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
function factorPanel(aPtr: usize, n: i32, k: i32, b: i32, nb: i32, tauPtr: usize, vt: usize, yPtr: usize, tPtr: usize, vec: usize, tv: usize): void {
  for (let p = 0; p < b; p++) {
    const j = k + p;
    if (p > 0) {
      // Column j of Q_pᵀ·A₀·Q_p: right side A₀[:, j] − Y·V[j, :]ᵀ, then left side (I − V·Tᵀ·Vᵀ).
      for (let i = k + 1; i < n; i++) {
        let s = 0.0;
        for (let q = 0; q < p; q++) s += ld(yPtr, i * nb + q) * ld(vt, q * n + j);
        st(aPtr, i * n + j, ld(aPtr, i * n + j) - s);
      }
      for (let q = 0; q < p; q++) {
        let s = 0.0;
        for (let i = k + q + 1; i < n; i++) s += ld(vt, q * n + i) * ld(aPtr, i * n + j);
        st(vec, q, s);
      }
      for (let q = p - 1; q >= 0; q--) {
        let s = 0.0;
        for (let r = 0; r <= q; r++) s += ld(tPtr, r * nb + q) * ld(vec, r);
        st(vec, q, s);
      }
      for (let i = k + 1; i < n; i++) {
        let s = 0.0;
        for (let q = 0; q < p; q++) s += ld(vt, q * n + i) * ld(vec, q);
        st(aPtr, i * n + j, ld(aPtr, i * n + j) - s);
      }
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
  for (let k = 0; k < n - 2; k += nb) {
    const b = min(nb, n - 2 - k);
    factorPanel(aPtr, n, k, b, nb, tauPtr, vt, yPtr, tPtr, vec, tv);
    const m = n - k - 1; // rows k+1..n−1
    // Top rows, right side: A[0:k+1, k+1:] −= (A[0:k+1, k+1:]·V·T)·Vᵀ.
    blockRowDots(wPtr, nb, at(aPtr, k + 1), n, k + 1, at(vt, k + 1), n, b, m);
    multiplyByT(wPtr, nb, k + 1, tPtr, nb, b);
    blockSubtractProduct(at(aPtr, k + 1), n, k + 1, m, wPtr, nb, 1, at(vt, k + 1), n, b);
    const cols = n - k - b; // trailing columns k+b..n−1
    if (cols <= 0) continue;
    const trailing = at(aPtr, (k + 1) * n + k + b);
    // Trailing block, right side: −Y·Vᵀ; then left side: −V·(Tᵀ·(Vᵀ·B)).
    blockSubtractProduct(trailing, n, m, cols, at(yPtr, (k + 1) * nb), nb, 1, at(vt, k + b), n, b);
    blockTransposedProduct(wPtr, cols, b, cols, at(vt, k + 1), 1, n, trailing, n, m);
    transposedTTimes(wPtr, cols, cols, tPtr, nb, b);
    blockSubtractProduct(trailing, n, m, cols, at(vt, k + 1), 1, n, wPtr, cols, b);
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
      blockSubtractProduct(block, n, m, m, wPtr, nb, 1, at(vt, k + 1), n, b);
    }
  }
  for (let i = 2; i < n; i++) memory.fill(at(aPtr, i * n), 0, <usize>(i - 1) << 3);
}
