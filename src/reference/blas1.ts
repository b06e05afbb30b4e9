/** Plain-TS BLAS-1, same argument order as assembly/kernels/blas1.ts; written for clarity. */

export function dotRef(x: Float64Array, y: Float64Array, n = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i] * y[i];
  return s;
}

export function axpyRef(alpha: number, x: Float64Array, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i] += alpha * x[i];
}

export function scalRef(alpha: number, x: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) x[i] *= alpha;
}

export function nrm2Ref(x: Float64Array, n = x.length): number {
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(x[i]));
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < n; i++) s += (x[i] / m) ** 2;
  return m * Math.sqrt(s);
}
