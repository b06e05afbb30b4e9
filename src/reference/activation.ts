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
