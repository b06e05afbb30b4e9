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
}

/** Bytes of one xoshiro256** state block (assembly/kernels/inline/xoshiro.ts). */
export const RNG_STATE_BYTES = 48;
