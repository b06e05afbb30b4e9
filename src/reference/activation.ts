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
