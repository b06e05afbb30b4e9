/**
 * erf(x) for scalar kernels (the activation table's erf and the spiking GLM rate function share it).
 */
import { expCore } from "./exp";

// 2/√π and 1/√π.
// @ts-ignore: decorator
@inline const TWO_OVER_SQRT_PI: f64 = 1.1283791670955126;
// @ts-ignore: decorator
@inline const INV_SQRT_PI: f64 = 0.5641895835477563;

// erf(x) rounds to ±1 for |x| > 5.87 (erfc < 2⁻⁵⁴).
// @ts-ignore: decorator
@inline const ERF_SATURATION: f64 = 6.0;
// Below this the Maclaurin series is accurate; above, the continued fraction for erfc converges fast.
// @ts-ignore: decorator
@inline const ERF_SERIES_LIMIT: f64 = 1.5;
// Depth of the backward-evaluated continued fraction: erfc relative error ≤ 4e-15 for x ≥ 1.5.
// @ts-ignore: decorator
@inline const ERFC_CF_DEPTH: i32 = 80;

/**
 * erf(x). |x| < 1.5: Maclaurin series (2/√π) Σ (−1)ⁿ x^{2n+1}/(n!(2n+1)) to relative term size
 * 1e-17 (≤ 31 terms); 1.5 ≤ |x| < 6: erf = 1 − erfc with the continued fraction
 * erfc(x) = e^{−x²}/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))) (Abramowitz & Stegun 7.1.14),
 * whose error in erf is below ½ ulp there; |x| ≥ 6: ±1. Within 6 ulp of the correctly rounded
 * value (tested against mpmath). Data-dependent loops: scalar in both builds.
 */
// @ts-ignore: decorator
@inline
export function erfScalar(x: f64): f64 {
  const a = abs<f64>(x);
  if (a < ERF_SERIES_LIMIT) {
    const x2 = a * a;
    let power = a;
    let sum = a;
    for (let n = 1; n < 60; n++) {
      power *= -x2 / <f64>n;
      const term = power / <f64>(2 * n + 1);
      sum += term;
      if (abs<f64>(term) <= abs<f64>(sum) * 1e-17) break;
    }
    return copysign<f64>(TWO_OVER_SQRT_PI * sum, x);
  }
  if (a >= ERF_SATURATION) return copysign<f64>(1.0, x);
  let t = a;
  for (let k = ERFC_CF_DEPTH; k > 0; k--) t = a + (<f64>k * 0.5) / t;
  return copysign<f64>(1.0 - (expCore(-a * a) * INV_SQRT_PI) / t, x);
}

