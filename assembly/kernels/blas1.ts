/**
 * BLAS level 1 on contiguous f64 vectors (stride 1). Pointers are 16-byte aligned (arena);
 * `n` ≥ 0. SIMD builds use f64x2 with two independent accumulators and a scalar tail, so
 * reductions sum in a different order than the scalar build: results agree within the
 * forward-error bound 2·γ_n·Σ|x_i y_i| (Higham, Accuracy and Stability, §3.1).
 */

/** s = Σ_{i<n} x[i]·y[i]. x and y may alias. */
export function blas1_dot_f64(xPtr: usize, yPtr: usize, n: i32): f64 {
  let i = 0;
  let s = 0.0;
  if (ASC_FEATURE_SIMD) {
    let a0 = f64x2.splat(0.0);
    let a1 = f64x2.splat(0.0);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 3;
      a0 = f64x2.add(a0, f64x2.mul(v128.load(xPtr + o), v128.load(yPtr + o)));
      a1 = f64x2.add(a1, f64x2.mul(v128.load(xPtr + o, 16), v128.load(yPtr + o, 16)));
    }
    const a = f64x2.add(a0, a1);
    s = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    s += load<f64>(xPtr + o) * load<f64>(yPtr + o);
  }
  return s;
}

/** y ← y + α·x. x and y may be the same buffer (then y ← (1+α)·y). */
export function blas1_axpy_f64(alpha: f64, xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(yPtr + o, f64x2.add(v128.load(yPtr + o), f64x2.mul(va, v128.load(xPtr + o))));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(yPtr + o, load<f64>(yPtr + o) + alpha * load<f64>(xPtr + o));
  }
}

/** x ← α·x. */
export function blas1_scal_f64(alpha: f64, xPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(alpha);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(xPtr + o, f64x2.mul(va, v128.load(xPtr + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(xPtr + o, alpha * load<f64>(xPtr + o));
  }
}

/** max_i |x[i]| (NaN if any entry is NaN; 0 for n = 0). */
export function blas1_amax_f64(xPtr: usize, n: i32): f64 {
  let m = 0.0;
  for (let i = 0; i < n; i++) {
    const a = abs<f64>(load<f64>(xPtr + (<usize>i << 3)));
    if (a != a) return a;
    if (a > m) m = a;
  }
  return m;
}

/**
 * ‖x‖₂ without spurious overflow or underflow: when max|x_i| lies outside [2⁻⁵⁰⁰, 2⁵⁰⁰] the
 * squares are summed after scaling by 1/max|x_i| (LAPACK dnrm2's concern, two passes here).
 */
export function blas1_nrm2_f64(xPtr: usize, n: i32): f64 {
  const m = blas1_amax_f64(xPtr, n);
  if (m == 0.0 || m != m || m == Infinity) return m;
  if (m > 3.054936363499605e-151 && m < 3.273390607896142e+150) return Math.sqrt(blas1_dot_f64(xPtr, xPtr, n));
  const inv = 1.0 / m;
  let s = 0.0;
  for (let i = 0; i < n; i++) {
    const v = load<f64>(xPtr + (<usize>i << 3)) * inv;
    s += v * v;
  }
  return m * Math.sqrt(s);
}
