/**
 * Streaming second moments of activity for the participation ratio PR = (tr C)² / tr(C²).
 *
 * Welford's update for a covariance matrix (Welford 1962; Chan, Golub & LeVeque 1983): after the
 * k-th sample x,
 *   δ = x − m_{k−1},  m_k = m_{k−1} + δ/k,  M_k = M_{k−1} + δ (x − m_k)ᵀ,
 * and C = M_k/(k − 1). Only the upper triangle of the row-major n×n matrix M is kept up to date.
 * PR needs tr M and ‖M‖_F² only (the 1/(k−1) factors cancel), so no eigen-decomposition is made.
 *
 * When there are fewer samples T than units N, the T×T Gram matrix G = X Xᵀ of the centred
 * samples has the same nonzero spectrum as XᵀX, so tr C ∝ tr G and tr C² ∝ ‖G‖_F².
 */
import { blas1_dot_f64 } from "./blas1";
import { fft_radix2_f64 } from "./fft";

/** Adds sample x (f64[n]) to (k, mean, M); k is the count including this sample. scratch: f64[n]. */
export function stats_cov_push_f64(n: i32, xPtr: usize, k: f64, meanPtr: usize, mPtr: usize, scratchPtr: usize): void {
  // scratch ← δ = x − m_{k−1}; m ← m + δ/k
  const invK = 1.0 / k;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const delta = load<f64>(xPtr + o) - load<f64>(meanPtr + o);
    store<f64>(scratchPtr + o, delta);
    store<f64>(meanPtr + o, load<f64>(meanPtr + o) + delta * invK);
  }
  // M[i, j] += δ_i (x_j − m_j) for j ≥ i
  const rowBytes = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    addDeviationRow(mPtr + <usize>i * rowBytes, load<f64>(scratchPtr + (<usize>i << 3)), xPtr, meanPtr, i, n);
  }
}

/** row[j] += d·(x_j − c_j) for i ≤ j < n: one row of the upper triangle of a rank-one update. */
// @ts-ignore: decorator
@inline
function addDeviationRow(row: usize, d: f64, xPtr: usize, centrePtr: usize, i: i32, n: i32): void {
  let j = i;
  if (ASC_FEATURE_SIMD) {
    const vd = f64x2.splat(d);
    for (; j + 2 <= n; j += 2) {
      const o = <usize>j << 3;
      const e = f64x2.sub(v128.load(xPtr + o), v128.load(centrePtr + o));
      v128.store(row + o, f64x2.add(v128.load(row + o), f64x2.mul(vd, e)));
    }
  }
  for (; j < n; j++) {
    const o = <usize>j << 3;
    store<f64>(row + o, load<f64>(row + o) + d * (load<f64>(xPtr + o) - load<f64>(centrePtr + o)));
  }
}

/**
 * M[i, j] += (x_i − c_i)(x_j − c_j) for j ≥ i: one sample's outer product about a fixed centre c
 * (the recording's mean), for per-block covariances that all share one mean. x, c: f64[n];
 * M: n×n row-major, upper triangle.
 */
export function stats_cov_accumulate_f64(n: i32, xPtr: usize, centrePtr: usize, mPtr: usize): void {
  const rowBytes = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    const oi = <usize>i << 3;
    addDeviationRow(mPtr + <usize>i * rowBytes, load<f64>(xPtr + oi) - load<f64>(centrePtr + oi), xPtr, centrePtr, i, n);
  }
}

/**
 * tr(A B) = Σ_ij A_ij B_ij for symmetric A, B whose upper triangles (n×n row-major) are stored:
 * Σ_i A_ii B_ii + 2 Σ_{i<j} A_ij B_ij. The lower triangles are not read.
 */
export function stats_sym_trace_product_f64(n: i32, aPtr: usize, bPtr: usize): f64 {
  const rowBytes = <usize>n << 3;
  let diag = 0.0;
  let off = 0.0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i * rowBytes + (<usize>i << 3);
    diag += load<f64>(aPtr + o) * load<f64>(bPtr + o);
    off += blas1_dot_f64(aPtr + o + 8, bPtr + o + 8, n - i - 1);
  }
  return diag + 2.0 * off;
}

/** out[0] = tr M, out[1] = ‖M‖_F² of the symmetric matrix whose upper triangle M holds. */
export function stats_sym_trace_moments_f64(n: i32, mPtr: usize, outPtr: usize): void {
  let trace = 0.0;
  let diag2 = 0.0;
  let off2 = 0.0;
  const rowBytes = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    const row = mPtr + <usize>i * rowBytes;
    const d = load<f64>(row + (<usize>i << 3));
    trace += d;
    diag2 += d * d;
    for (let j = i + 1; j < n; j++) {
      const v = load<f64>(row + (<usize>j << 3));
      off2 += v * v;
    }
  }
  store<f64>(outPtr, trace);
  store<f64>(outPtr, diag2 + 2.0 * off2, 8);
}

/** G = X Xᵀ, upper triangle, for X row-major T×N (rows are samples, already centred). */
export function stats_gram_f64(t: i32, n: i32, xPtr: usize, gPtr: usize): void {
  const rowBytes = <usize>n << 3;
  for (let a = 0; a < t; a++) {
    const ra = xPtr + <usize>a * rowBytes;
    for (let b = a; b < t; b++) {
      const rb = xPtr + <usize>b * rowBytes;
      store<f64>(gPtr + ((<usize>a * <usize>t + <usize>b) << 3), blas1_dot_f64(ra, rb, n));
    }
  }
}

/**
 * Autocovariance of a real series by Wiener–Khinchin: x (f64[t]) minus its mean, zero-padded to
 * n ≥ 2t (no circular wrap), |FFT|², inverse FFT; out[lag] = Σ_s x_s x_{s+lag} / t for lag < maxLag
 * (the biased estimator, which keeps the sequence positive semidefinite).
 */
export function stats_autocov_f64(t: i32, xPtr: usize, n: i32, rePtr: usize, imPtr: usize,
                                  cosPtr: usize, sinPtr: usize, maxLag: i32, outPtr: usize): void {
  let mean = 0.0;
  for (let s = 0; s < t; s++) mean += load<f64>(xPtr + (<usize>s << 3));
  autocovAbout(t, xPtr, mean / <f64>t, n, rePtr, imPtr, cosPtr, sinPtr, maxLag, outPtr);
}

/**
 * The same without removing the mean: out[lag] = Σ_s x_s x_{s+lag} / t, the estimator of the
 * mean-field Δ(τ) = ⟨x(t)x(t+τ)⟩, whose static part a per-series mean removal would drop.
 */
export function stats_autocov_raw_f64(t: i32, xPtr: usize, n: i32, rePtr: usize, imPtr: usize,
                                      cosPtr: usize, sinPtr: usize, maxLag: i32, outPtr: usize): void {
  autocovAbout(t, xPtr, 0.0, n, rePtr, imPtr, cosPtr, sinPtr, maxLag, outPtr);
}

/** out[lag] = Σ_s (x_s − m)(x_{s+lag} − m) / t by FFT (re, im: f64[n] scratch, n ≥ 2t a power of two). */
// @ts-ignore: decorator
@inline
function autocovAbout(t: i32, xPtr: usize, m: f64, n: i32, rePtr: usize, imPtr: usize,
                      cosPtr: usize, sinPtr: usize, maxLag: i32, outPtr: usize): void {
  for (let s = 0; s < n; s++) {
    const o = <usize>s << 3;
    store<f64>(rePtr + o, s < t ? load<f64>(xPtr + o) - m : 0.0);
    store<f64>(imPtr + o, 0.0);
  }
  fft_radix2_f64(n, rePtr, imPtr, cosPtr, sinPtr, -1.0);
  for (let s = 0; s < n; s++) {
    const o = <usize>s << 3;
    const r = load<f64>(rePtr + o), i = load<f64>(imPtr + o);
    store<f64>(rePtr + o, r * r + i * i);
    store<f64>(imPtr + o, 0.0);
  }
  fft_radix2_f64(n, rePtr, imPtr, cosPtr, sinPtr, 1.0);
  const scale = 1.0 / (<f64>n * <f64>t);
  for (let lag = 0; lag < maxLag; lag++) {
    store<f64>(outPtr + (<usize>lag << 3), load<f64>(rePtr + (<usize>lag << 3)) * scale);
  }
}
