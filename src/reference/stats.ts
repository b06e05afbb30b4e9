/** Plain-TS statistics with the same argument order as assembly/kernels/{stats,fft}.ts (two-pass, direct sums). */

/** Sample covariance (n×n, full) of T samples (rows of X, row-major T×n), two-pass. */
export function covarianceRef(x: Float64Array, t: number, n: number): Float64Array {
  const mean = new Float64Array(n);
  for (let s = 0; s < t; s++) for (let j = 0; j < n; j++) mean[j] += x[s * n + j] / t;
  const c = new Float64Array(n * n);
  for (let s = 0; s < t; s++) {
    for (let i = 0; i < n; i++) {
      const di = x[s * n + i] - mean[i];
      for (let j = 0; j < n; j++) c[i * n + j] += (di * (x[s * n + j] - mean[j])) / (t - 1);
    }
  }
  return c;
}

/** M += (x − c)(x − c)ᵀ, full matrix (the kernel keeps the upper triangle). */
export function covAccumulateRef(n: number, x: Float64Array, centre: Float64Array, m: Float64Array): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m[i * n + j] += (x[i] - centre[i]) * (x[j] - centre[j]);
}

/** tr(A B) = Σ_ij A_ij B_ij of full symmetric matrices. */
export function symTraceProductRef(n: number, a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < n * n; k++) s += a[k] * b[k];
  return s;
}

/** G = X Xᵀ (full T×T). */
export function gramRef(t: number, n: number, x: Float64Array, g: Float64Array): void {
  for (let a = 0; a < t; a++) {
    for (let b = 0; b < t; b++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += x[a * n + j] * x[b * n + j];
      g[a * t + b] = s;
    }
  }
}

/** Biased autocovariance by direct summation: out[lag] = Σ_s (x_s − m)(x_{s+lag} − m) / t. */
export function autocovRef(t: number, x: Float64Array, maxLag: number, out: Float64Array): void {
  let m = 0;
  for (let s = 0; s < t; s++) m += x[s] / t;
  autocovAboutRef(t, x, m, maxLag, out);
}

/** The same without removing the mean (stats_autocov_raw_f64): out[lag] = Σ_s x_s x_{s+lag} / t. */
export function autocovRawRef(t: number, x: Float64Array, maxLag: number, out: Float64Array): void {
  autocovAboutRef(t, x, 0, maxLag, out);
}

function autocovAboutRef(t: number, x: Float64Array, m: number, maxLag: number, out: Float64Array): void {
  for (let lag = 0; lag < maxLag; lag++) {
    let sum = 0;
    for (let s = 0; s + lag < t; s++) sum += (x[s] - m) * (x[s + lag] - m);
    out[lag] = sum / t;
  }
}

/** Discrete Fourier transform by definition (O(n²)); sign −1 forward, +1 inverse (unscaled). */
export function dftRef(re: Float64Array, im: Float64Array, sign: number): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const a = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      outRe[k] += re[j] * Math.cos(a) - im[j] * Math.sin(a);
      outIm[k] += re[j] * Math.sin(a) + im[j] * Math.cos(a);
    }
  }
  return [outRe, outIm];
}
