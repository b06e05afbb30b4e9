/**
 * In-place iterative radix-2 complex FFT (Cooley–Tukey, decimation in time after a bit-reversal
 * permutation), used for autocorrelation functions by the Wiener–Khinchin theorem.
 *   forward: X_k = Σ_j x_j e^{−2πi jk/n};  inverse: x_j = Σ_k X_k e^{+2πi jk/n} (unscaled).
 * re, im: f64[n], n a power of two ≥ 1. Twiddles come precomputed (fft_twiddles_f64) so that
 * repeated transforms pay for cos/sin once; they are AssemblyScript's own (musl) cos/sin, so the
 * same bits on every engine.
 */

/** cos[k] = cos(2πk/n), sin[k] = sin(2πk/n) for k < n/2. */
export function fft_twiddles_f64(n: i32, cosPtr: usize, sinPtr: usize): void {
  const step = 2.0 * Math.PI / <f64>n;
  for (let k = 0; k < n / 2; k++) {
    store<f64>(cosPtr + (<usize>k << 3), Math.cos(step * <f64>k));
    store<f64>(sinPtr + (<usize>k << 3), Math.sin(step * <f64>k));
  }
}

/** Transforms (re, im) in place; sign = −1 forward, +1 inverse (unscaled). */
export function fft_radix2_f64(n: i32, rePtr: usize, imPtr: usize, cosPtr: usize, sinPtr: usize, sign: f64): void {
  // bit-reversal permutation
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const oi = <usize>i << 3, oj = <usize>j << 3;
      const tr = load<f64>(rePtr + oi), ti = load<f64>(imPtr + oi);
      store<f64>(rePtr + oi, load<f64>(rePtr + oj));
      store<f64>(imPtr + oi, load<f64>(imPtr + oj));
      store<f64>(rePtr + oj, tr);
      store<f64>(imPtr + oj, ti);
    }
  }
  // butterflies: twiddle for stage length len is e^{sign·2πi k/len} = table[k·n/len]
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let start = 0; start < n; start += len) {
      for (let k = 0; k < half; k++) {
        const t = <usize>(k * stride) << 3;
        const wr = load<f64>(cosPtr + t);
        const wi = sign * load<f64>(sinPtr + t);
        const a = <usize>(start + k) << 3;
        const b = <usize>(start + k + half) << 3;
        const br = load<f64>(rePtr + b), bi = load<f64>(imPtr + b);
        const xr = br * wr - bi * wi;
        const xi = br * wi + bi * wr;
        const ar = load<f64>(rePtr + a), ai = load<f64>(imPtr + a);
        store<f64>(rePtr + a, ar + xr);
        store<f64>(imPtr + a, ai + xi);
        store<f64>(rePtr + b, ar - xr);
        store<f64>(imPtr + b, ai - xi);
      }
    }
  }
}
