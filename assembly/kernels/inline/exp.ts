/**
 * e^y − 1 and e^y for |y| ≤ 708, in scalar and f64x2 twins that execute the same IEEE operations
 * in the same order, so the SIMD and scalar builds give bit-identical results.
 *
 * Reduction (Cody & Waite): k = round(y/ln2) via the 1.5·2⁵² shifter, r = y − k·ln2 with ln2 split
 * into a 32-bit head (k·LN2_HI exact for |k| < 2²⁰) and a tail, |r| ≤ ln2/2 (+ rounding).
 * Then q = e^r − 1 = r + r²·P(r), P the Taylor series to r¹¹ (truncation < r¹⁴/14! ≈ 4e-18·|r|
 * relative, below half an ulp), and with s = 2^k built from the shifter's low bits:
 *   e^y − 1 = s·q + (s − 1)   (exact for k = 0, no cancellation for k ≠ 0),
 *   e^y     = s + s·q.
 */

// @ts-ignore: decorator
@inline const INV_LN2: f64 = 1.44269504088896338700e+00;
// @ts-ignore: decorator
@inline const LN2_HI: f64 = 6.93147180369123816490e-01;
// @ts-ignore: decorator
@inline const LN2_LO: f64 = 1.90821492927058770002e-10;
// @ts-ignore: decorator
@inline const SHIFTER: f64 = 6755399441055744.0; // 1.5·2⁵²: adding it rounds to an integer
// @ts-ignore: decorator
@inline const EXP_BIAS_BITS: i64 = 1023 << 52;

// 1/n! for n = 2 … 13
// @ts-ignore: decorator
@inline const C2: f64 = 0.5;
// @ts-ignore: decorator
@inline const C3: f64 = 1.0 / 6.0;
// @ts-ignore: decorator
@inline const C4: f64 = 1.0 / 24.0;
// @ts-ignore: decorator
@inline const C5: f64 = 1.0 / 120.0;
// @ts-ignore: decorator
@inline const C6: f64 = 1.0 / 720.0;
// @ts-ignore: decorator
@inline const C7: f64 = 1.0 / 5040.0;
// @ts-ignore: decorator
@inline const C8: f64 = 1.0 / 40320.0;
// @ts-ignore: decorator
@inline const C9: f64 = 1.0 / 362880.0;
// @ts-ignore: decorator
@inline const C10: f64 = 1.0 / 3628800.0;
// @ts-ignore: decorator
@inline const C11: f64 = 1.0 / 39916800.0;
// @ts-ignore: decorator
@inline const C12: f64 = 1.0 / 479001600.0;
// @ts-ignore: decorator
@inline const C13: f64 = 1.0 / 6227020800.0;

/** Scalar: t = y/ln2 + SHIFTER; returns q = e^r − 1 and writes nothing else (see scaleOf). */
// @ts-ignore: decorator
@inline
function reducedExpm1(y: f64, t: f64): f64 {
  const kf = t - SHIFTER;
  const r = (y - kf * LN2_HI) - kf * LN2_LO;
  const p = C2 + r * (C3 + r * (C4 + r * (C5 + r * (C6 + r * (C7 + r * (C8 + r * (C9 +
    r * (C10 + r * (C11 + r * (C12 + r * C13))))))))));
  return r + (r * r) * p;
}

/** e^y − 1 for |y| ≤ 708. */
// @ts-ignore: decorator
@inline
export function expm1Core(y: f64): f64 {
  const t = y * INV_LN2 + SHIFTER;
  const q = reducedExpm1(y, t);
  const s = reinterpret<f64>((reinterpret<i64>(t) << 52) + EXP_BIAS_BITS);
  return s * q + (s - 1.0);
}

/** e^y for |y| ≤ 708. */
// @ts-ignore: decorator
@inline
export function expCore(y: f64): f64 {
  const t = y * INV_LN2 + SHIFTER;
  const q = reducedExpm1(y, t);
  const s = reinterpret<f64>((reinterpret<i64>(t) << 52) + EXP_BIAS_BITS);
  return s + s * q;
}

// @ts-ignore: decorator
@inline
function reducedExpm1x2(y: v128, t: v128): v128 {
  const kf = f64x2.sub(t, f64x2.splat(SHIFTER));
  const r = f64x2.sub(f64x2.sub(y, f64x2.mul(kf, f64x2.splat(LN2_HI))), f64x2.mul(kf, f64x2.splat(LN2_LO)));
  let p = f64x2.splat(C13);
  p = f64x2.add(f64x2.splat(C12), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C11), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C10), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C9), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C8), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C7), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C6), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C5), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C4), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C3), f64x2.mul(r, p));
  p = f64x2.add(f64x2.splat(C2), f64x2.mul(r, p));
  return f64x2.add(r, f64x2.mul(f64x2.mul(r, r), p));
}

// @ts-ignore: decorator
@inline
function shiftedQuotient(y: v128): v128 {
  return f64x2.add(f64x2.mul(y, f64x2.splat(INV_LN2)), f64x2.splat(SHIFTER));
}

// @ts-ignore: decorator
@inline
function scaleOf(t: v128): v128 {
  return i64x2.add(i64x2.shl(t, 52), i64x2.splat(EXP_BIAS_BITS));
}

/** Lane-wise e^y − 1 for |y| ≤ 708 (same operations as expm1Core). */
// @ts-ignore: decorator
@inline
export function expm1Core2(y: v128): v128 {
  const t = shiftedQuotient(y);
  const q = reducedExpm1x2(y, t);
  const s = scaleOf(t);
  return f64x2.add(f64x2.mul(s, q), f64x2.sub(s, f64x2.splat(1.0)));
}

/** Lane-wise e^y for |y| ≤ 708 (same operations as expCore). */
// @ts-ignore: decorator
@inline
export function expCore2(y: v128): v128 {
  const t = shiftedQuotient(y);
  const q = reducedExpm1x2(y, t);
  const s = scaleOf(t);
  return f64x2.add(s, f64x2.mul(s, q));
}
