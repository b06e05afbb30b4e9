/** Plain-TS generic elementwise operations, same argument order as assembly/kernels/vec.ts. */

export function vecMulRef(n: number, a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
}

export function vecSubRef(n: number, a: Float64Array, b: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
}

export function vecFirstBeyondRef(n: number, x: Float64Array, limit: number): number {
  for (let i = 0; i < n; i++) if (!(Math.abs(x[i]) < limit)) return i;
  return -1;
}

export function vecGatherRef(m: number, idx: Int32Array, src: Float64Array, dst: Float64Array): void {
  for (let a = 0; a < m; a++) dst[a] = src[idx[a]];
}

export function vecScatterRef(m: number, idx: Int32Array, src: Float64Array, dst: Float64Array, accumulate: number): void {
  for (let a = 0; a < m; a++) dst[idx[a]] = accumulate !== 0 ? dst[idx[a]] + src[a] : src[a];
}
