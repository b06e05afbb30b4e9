/**
 * Plain-TS Krylov-basis kernels, same argument order as assembly/kernels/arnoldi.ts: the basis V
 * holds its vectors as rows (v_i = V[i·n … i·n + n)).
 */

const DGKS_ETA = Math.SQRT1_2;

function norm2(w: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i] * w[i];
  return Math.sqrt(s);
}

function gramSchmidtPass(v: Float64Array, n: number, j: number, w: Float64Array, c: Float64Array): void {
  for (let i = 0; i < j; i++) {
    let s = 0;
    for (let t = 0; t < n; t++) s += v[i * n + t] * w[t];
    c[i] = s;
  }
  for (let i = 0; i < j; i++) for (let t = 0; t < n; t++) w[t] -= c[i] * v[i * n + t];
}

/** Classical Gram–Schmidt with the DGKS second pass; h ← Vⱼᵀw, w ← (I − VⱼVⱼᵀ)w; returns ‖w‖. */
export function orthogonalizeRef(
  v: Float64Array, n: number, j: number, w: Float64Array, h: Float64Array, scratch: Float64Array,
): number {
  const before = norm2(w, n);
  gramSchmidtPass(v, n, j, w, h);
  const after = norm2(w, n);
  if (after >= DGKS_ETA * before) return after;
  gramSchmidtPass(v, n, j, w, scratch);
  for (let i = 0; i < j; i++) h[i] += scratch[i];
  return norm2(w, n);
}

/** out (k×n, rows) = Yᵀ·V for V with m rows of length n and Y m×k row-major. */
export function combineRef(v: Float64Array, n: number, m: number, y: Float64Array, k: number, out: Float64Array): void {
  out.fill(0, 0, k * n);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < m; i++) for (let t = 0; t < n; t++) out[c * n + t] += y[i * k + c] * v[i * n + t];
  }
}
