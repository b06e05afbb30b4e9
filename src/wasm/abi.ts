/**
 * The WASM core's exports as TypeScript sees them: mirrors assembly/index.ts (the ABI).
 * Pointers are byte offsets into linear memory (`usize`, normalised with `>>> 0`), counts are i32.
 */
export interface CoreExports {
  readonly memory: WebAssembly.Memory;

  /** Bit 0: compiled with SIMD. */
  core_features(): number;
  arena_alloc(bytes: number): number;
  arena_free(ptr: number): void;

  blas1_dot_f64(xPtr: number, yPtr: number, n: number): number;
  blas1_axpy_f64(alpha: number, xPtr: number, yPtr: number, n: number): void;
  blas1_scal_f64(alpha: number, xPtr: number, n: number): void;
  blas1_amax_f64(xPtr: number, n: number): number;
  blas1_nrm2_f64(xPtr: number, n: number): number;

  gemv_f64(aPtr: number, nRows: number, nCols: number, xPtr: number, yPtr: number): void;
  gemv_t_f64(aPtr: number, nRows: number, nCols: number, xPtr: number, yPtr: number): void;

  spmv_csr_f64(rowPtr: number, colIdx: number, vals: number, nRows: number, xPtr: number, yPtr: number): void;
  spmv_csr_t_f64(
    rowPtr: number, colIdx: number, vals: number, nRows: number, nCols: number, xPtr: number, yPtr: number,
  ): void;

  act_tanh_f64(xPtr: number, yPtr: number, n: number): void;
  act_sigmoid_f64(xPtr: number, yPtr: number, n: number): void;
  act_relu_f64(xPtr: number, yPtr: number, n: number): void;

  rng_seed_xoshiro(
    state: number, w0: number, w1: number, w2: number, w3: number, w4: number, w5: number, w6: number, w7: number,
  ): void;
  rng_uniform_f64(state: number, outPtr: number, n: number): void;
  rng_normal_f64(state: number, outPtr: number, n: number, mean: number, std: number): void;
  rng_lognormal_f64(state: number, outPtr: number, n: number, mu: number, sigma: number): void;
  rng_raw_u32x2(state: number, outPtr: number, n: number): void;

  rate_deriv_f64(n: number, xPtr: number, hPtr: number, dPtr: number, invTau: number, outPtr: number): void;
  rate_stage_f64(n: number, xPtr: number, kPtr: number, c: number, outPtr: number): void;
  rate_rk4_combine_f64(n: number, xPtr: number, k1: number, k2: number, k3: number, k4: number, dt: number): void;
  rate_hadamard_f64(n: number, aPtr: number, bPtr: number, outPtr: number): void;
  rate_dphi_f64(kind: number, xPtr: number, outPtr: number, n: number): void;
  rate_first_nonfinite_f64(xPtr: number, n: number): number;

  stats_cov_push_f64(n: number, xPtr: number, k: number, meanPtr: number, mPtr: number, scratchPtr: number): void;
  stats_sym_trace_moments_f64(n: number, mPtr: number, outPtr: number): void;
  stats_gram_f64(t: number, n: number, xPtr: number, gPtr: number): void;

  fft_twiddles_f64(n: number, cosPtr: number, sinPtr: number): void;
  fft_radix2_f64(n: number, rePtr: number, imPtr: number, cosPtr: number, sinPtr: number, sign: number): void;
  stats_autocov_f64(
    t: number, xPtr: number, n: number, rePtr: number, imPtr: number, cosPtr: number, sinPtr: number,
    maxLag: number, outPtr: number,
  ): void;
}

/** Bytes of one xoshiro256** state block (assembly/kernels/inline/xoshiro.ts). */
export const RNG_STATE_BYTES = 48;
