/**
 * Generic elementwise vector operations, named by what they do (not by their first user).
 * All vectors f64[n] (indices i32[m]); outputs may alias inputs unless stated. No reductions, so
 * SIMD and scalar builds perform the same IEEE operations per element: results are bit-identical.
 */
import { f64At, i32At, setF64 } from "./inline/memory";

/** out = a ⊙ b (elementwise product). */
export function vec_mul_f64(n: i32, aPtr: usize, bPtr: usize, outPtr: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(outPtr + o, f64x2.mul(v128.load(aPtr + o), v128.load(bPtr + o)));
    }
  }
  for (; i < n; i++) setF64(outPtr, i, f64At(aPtr, i) * f64At(bPtr, i));
}

/** out = a − b. */
export function vec_sub_f64(n: i32, aPtr: usize, bPtr: usize, outPtr: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(outPtr + o, f64x2.sub(v128.load(aPtr + o), v128.load(bPtr + o)));
    }
  }
  for (; i < n; i++) setF64(outPtr, i, f64At(aPtr, i) - f64At(bPtr, i));
}

/** out = x (out must not partially overlap x; out = x is a no-op). */
export function vec_copy_f64(n: i32, xPtr: usize, outPtr: usize): void {
  if (outPtr != xPtr) memory.copy(outPtr, xPtr, <usize>n << 3);
}

/**
 * Index of the first entry whose magnitude is not below `limit` (|x_i| ≥ limit, ±∞ or NaN), or −1.
 * With limit = +∞ it finds the first non-finite entry; a finite limit also catches runaway states.
 */
export function vec_first_beyond_f64(n: i32, xPtr: usize, limit: f64): i32 {
  for (let i = 0; i < n; i++) {
    if (!(abs<f64>(f64At(xPtr, i)) < limit)) return i;
  }
  return -1;
}

/** dst[a] = src[idx[a]] for a < m. */
export function vec_gather_f64(m: i32, idxPtr: usize, srcPtr: usize, dstPtr: usize): void {
  for (let a = 0; a < m; a++) setF64(dstPtr, a, f64At(srcPtr, i32At(idxPtr, a)));
}

/** dst[idx[a]] ← src[a] (accumulate = 0) or dst[idx[a]] + src[a] (accumulate ≠ 0), a < m; idx distinct. */
export function vec_scatter_f64(m: i32, idxPtr: usize, srcPtr: usize, dstPtr: usize, accumulate: i32): void {
  for (let a = 0; a < m; a++) {
    const i = i32At(idxPtr, a);
    const v = f64At(srcPtr, a);
    setF64(dstPtr, i, accumulate != 0 ? f64At(dstPtr, i) + v : v);
  }
}
