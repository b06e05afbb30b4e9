/** Plain-TS nonlinearities, same argument order as assembly/kernels/activation.ts (y may be x). */

export function tanhRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
}

export function sigmoidRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i]));
}

export function reluRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] = Math.max(x[i], 0);
}

/** tanh′(x) = 1 − tanh²(x), written as 1/cosh²(x) (no cancellation for large |x|). */
export function tanhDerivRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] = 1 / Math.cosh(x[i]) ** 2;
}

/** σ′(x) = σ(x)(1 − σ(x)), with 1 − σ(x) = σ(−x). */
export function sigmoidDerivRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i])) / (1 + Math.exp(x[i]));
}

/** relu′(x) = 1 for x > 0, else 0 (NaN stays NaN). */
export function reluDerivRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] = Number.isNaN(x[i]) ? x[i] : x[i] > 0 ? 1 : 0;
}

/** linear′(x) = 1 (NaN stays NaN). */
export function linearDerivRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] = Number.isNaN(x[i]) ? x[i] : 1;
}

/** erf by the same split as the kernel: Maclaurin series below 1.5, 1 − erfc by continued fraction above, ±1 from 6. */
export function erfRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) {
    const a = Math.abs(x[i]);
    let v: number;
    if (a < 1.5) {
      let power = a;
      let sum = a;
      for (let k = 1; k < 60; k++) {
        power *= -(a * a) / k;
        const term = power / (2 * k + 1);
        sum += term;
        if (Math.abs(term) <= Math.abs(sum) * 1e-17) break;
      }
      v = (2 / Math.sqrt(Math.PI)) * sum;
    } else if (a >= 6) {
      v = 1;
    } else {
      let t = a;
      for (let k = 80; k > 0; k--) t = a + k / 2 / t;
      v = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / t;
    }
    y[i] = x[i] > 0 ? v : x[i] < 0 ? -v : x[i]; // ±0 and NaN pass through
  }
}

/** erf′(x) = (2/√π) e^{−x²}. */
export function erfDerivRef(x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] = (2 / Math.sqrt(Math.PI)) * Math.exp(-x[i] * x[i]);
}
