/**
 * Plain-TS readout FORCE loop, the same steps as src/learning/force.ts (readout mode, no warm-up)
 * with the reference kernels and Math.tanh: timed by the benchmarks as "pure JS".
 */
import { gemvRef } from './gemv.js';
import { rlsInitRef, rlsUpdateRef } from './rls.js';
import { spmvCsrRef } from './spmv.js';

export interface ReadoutForceRefInput {
  n: number;
  m: number;
  /** CSR J. */
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
  /** W_fb, n×m row-major. */
  feedback: Float64Array;
  x0: Float64Array;
  /** Target samples × m (periodic). */
  target: Float64Array;
  dt: number;
  alpha: number;
  learnEvery: number;
  steps: number;
}

/** Runs `steps` steps (learning on every learnEvery-th); returns W (m×n) and Σ_a (z_a − f_a)²/m per step. */
export function readoutForceRef(input: ReadoutForceRefInput): { weights: Float64Array; meanSquaredError: Float64Array } {
  const { n, m, rowPtr, colIdx, values, feedback, target, dt, alpha, learnEvery, steps } = input;
  const nSamples = target.length / m;
  const x = Float64Array.from(input.x0);
  const r = x.map(Math.tanh);
  const h = new Float64Array(n);
  const fb = new Float64Array(n);
  const z = new Float64Array(m);
  const e = new Float64Array(m);
  const k = new Float64Array(n);
  const w = new Float64Array(m * n);
  const p = new Float64Array(n * n);
  rlsInitRef(n, p, alpha);
  const meanSquaredError = new Float64Array(steps);
  for (let s = 0; s < steps; s++) {
    const row = (s % nSamples) * m;
    gemvRef(w, m, n, r, z);
    spmvCsrRef(rowPtr, colIdx, values, n, r, h);
    let se = 0;
    for (let a = 0; a < m; a++) {
      e[a] = z[a] - target[row + a];
      se += e[a] * e[a];
    }
    meanSquaredError[s] = se / m;
    if (s % learnEvery === 0) rlsUpdateRef(n, m, p, r, w, e, k);
    gemvRef(feedback, n, m, z, fb);
    for (let i = 0; i < n; i++) {
      x[i] += dt * (h[i] + fb[i] - x[i]);
      r[i] = Math.tanh(x[i]);
    }
  }
  return { weights: w, meanSquaredError };
}
