/**
 * Elementwise nonlinearities φ for rate networks: y[i] = φ(x[i]), f64[n]; y may be x (in place).
 * SIMD and scalar builds run the same IEEE operations (see inline/exp.ts), so they agree bit for
 * bit. NaN propagates; ±∞ map to the limits.
 */
import { erfScalar } from "./inline/erf";
import { expCore, expCore2, expm1Core, expm1Core2 } from "./inline/exp";

// tanh(x) rounds to ±1 for |x| > 19.06; clamping at 20 keeps 2^k in range.
// @ts-ignore: decorator
@inline const TANH_CLAMP: f64 = 20.0;
// e^−708 is still a normal number; for x < −708 sigmoid returns ≈ 3.3e-308 instead of e^x.
// @ts-ignore: decorator
@inline const SIGMOID_CLAMP: f64 = 708.0;
// @ts-ignore: decorator
@inline const SIGN_MASK: i64 = 0x8000000000000000;

/**
 * tanh(|x|) = u/(u + 2) with u = e^{2|x|} − 1, sign restored. For large |x| the relative errors
 * of u and u + 2 cancel in the quotient (t = 1/(1 + 2/u)); with e^{−2|x|} − 1 instead, u sits near
 * −1 and loses ulps to cancellation. Within 2 ulp of Math.tanh (tested).
 */
// @ts-ignore: decorator
@inline
function tanhScalar(x: f64): f64 {
  const a = min<f64>(abs<f64>(x), TANH_CLAMP);
  const u = expm1Core(2.0 * a);
  return copysign<f64>(u / (u + 2.0), x);
}

export function act_tanh_f64(xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const sign = i64x2.splat(SIGN_MASK);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const x = v128.load(xPtr + o);
      const a = f64x2.min(f64x2.abs(x), f64x2.splat(TANH_CLAMP));
      const u = expm1Core2(f64x2.mul(f64x2.splat(2.0), a));
      const t = f64x2.div(u, f64x2.add(u, f64x2.splat(2.0)));
      v128.store(yPtr + o, v128.bitselect(x, t, sign));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(yPtr + o, tanhScalar(load<f64>(xPtr + o)));
  }
}

/** σ(x) = 1/(1 + e^{−x}) from w = e^{−|x|}: 1/(1+w) for x ≥ 0, w/(1+w) for x < 0 (no cancellation). */
// @ts-ignore: decorator
@inline
function sigmoidScalar(x: f64): f64 {
  const w = expCore(-min<f64>(abs<f64>(x), SIGMOID_CLAMP));
  const d = 1.0 + w;
  return x < 0.0 ? w / d : 1.0 / d;
}

export function act_sigmoid_f64(xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const x = v128.load(xPtr + o);
      const w = expCore2(f64x2.neg(f64x2.min(f64x2.abs(x), f64x2.splat(SIGMOID_CLAMP))));
      const d = f64x2.add(f64x2.splat(1.0), w);
      const negative = f64x2.lt(x, f64x2.splat(0.0));
      v128.store(yPtr + o, v128.bitselect(f64x2.div(w, d), f64x2.div(f64x2.splat(1.0), d), negative));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(yPtr + o, sigmoidScalar(load<f64>(xPtr + o)));
  }
}

/** relu(x) = max(x, 0) (f64.max: NaN propagates, relu(−0) = +0). */
export function act_relu_f64(xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const zero = f64x2.splat(0.0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(yPtr + o, f64x2.max(v128.load(xPtr + o), zero));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(yPtr + o, max<f64>(load<f64>(xPtr + o), 0.0));
  }
}

/*
 * Derivatives φ′ for Jacobians of rate networks (−I + J·diag(φ′(x))): y[i] = φ′(x[i]), y may be x.
 * Each is written from w = e^{−c·|x|} so no 1 − t² cancellation: relative accuracy holds in the
 * tails. SIMD and scalar twins run the same IEEE operations (bit-identical). NaN propagates.
 */

// sech²(x) < 4e^{−708} for |x| > 354: clamping there keeps e^{−2|x|} normal (result ≈ 1.3e-307).
// @ts-ignore: decorator
@inline const SECH2_CLAMP: f64 = 354.0;

/** tanh′(x) = sech²(x) = 4w/(1 + w)², w = e^{−2|x|}. */
export function act_tanh_deriv_f64(xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const a = f64x2.min(f64x2.abs(v128.load(xPtr + o)), f64x2.splat(SECH2_CLAMP));
      const w = expCore2(f64x2.mul(f64x2.splat(-2.0), a));
      const d = f64x2.add(f64x2.splat(1.0), w);
      v128.store(yPtr + o, f64x2.div(f64x2.mul(f64x2.splat(4.0), w), f64x2.mul(d, d)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const w = expCore(-2.0 * min<f64>(abs<f64>(load<f64>(xPtr + o)), SECH2_CLAMP));
    const d = 1.0 + w;
    store<f64>(yPtr + o, (4.0 * w) / (d * d));
  }
}

/** σ′(x) = σ(x)(1 − σ(x)) = w/(1 + w)², w = e^{−|x|} (even in x). */
export function act_sigmoid_deriv_f64(xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const a = f64x2.min(f64x2.abs(v128.load(xPtr + o)), f64x2.splat(SIGMOID_CLAMP));
      const w = expCore2(f64x2.neg(a));
      const d = f64x2.add(f64x2.splat(1.0), w);
      v128.store(yPtr + o, f64x2.div(w, f64x2.mul(d, d)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const w = expCore(-min<f64>(abs<f64>(load<f64>(xPtr + o)), SIGMOID_CLAMP));
    const d = 1.0 + w;
    store<f64>(yPtr + o, w / (d * d));
  }
}

/** relu′(x) = 1 for x > 0, 0 for x ≤ 0 (the subgradient 0 at x = 0), NaN for NaN. */
export function act_relu_deriv_f64(xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const one = f64x2.splat(1.0);
    const zero = f64x2.splat(0.0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const x = v128.load(xPtr + o);
      const step = v128.bitselect(one, zero, f64x2.gt(x, zero));
      v128.store(yPtr + o, v128.bitselect(x, step, f64x2.ne(x, x)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(xPtr + o);
    store<f64>(yPtr + o, x != x ? x : x > 0.0 ? 1.0 : 0.0);
  }
}

/** linear′(x) = 1 (NaN for NaN, so bad states show up in Jacobians as with the other φ). */
export function act_linear_deriv_f64(xPtr: usize, yPtr: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const one = f64x2.splat(1.0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const x = v128.load(xPtr + o);
      v128.store(yPtr + o, v128.bitselect(x, one, f64x2.ne(x, x)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(xPtr + o);
    store<f64>(yPtr + o, x != x ? x : 1.0);
  }
}

// 2/√π.
// @ts-ignore: decorator
@inline const TWO_OVER_SQRT_PI: f64 = 1.1283791670955126;
// e^{−x²/2} is computed for x²/2 ≤ 708 (expCore's range); beyond, erf′ < e^{−1416} underflows to 0.
// @ts-ignore: decorator
@inline const ERF_DERIV_LIMIT: f64 = 1416.0;

export function act_erf_f64(xPtr: usize, yPtr: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(yPtr + o, erfScalar(load<f64>(xPtr + o)));
  }
}

/**
 * erf′(x) = (2/√π) e^{−x²}, as (2/√π)·(e^{−x²/2})² so that the result underflows gradually like
 * the true value (expCore needs its argument ≥ −708); 0 once x² > 1416.
 */
export function act_erf_deriv_f64(xPtr: usize, yPtr: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(xPtr + o);
    const x2 = x * x;
    const half = expCore(-0.5 * min<f64>(x2, ERF_DERIV_LIMIT));
    store<f64>(yPtr + o, x2 > ERF_DERIV_LIMIT ? 0.0 : TWO_OVER_SQRT_PI * (half * half));
  }
}
