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
  blas1_mul_f64(xPtr: number, yPtr: number, zPtr: number, n: number): void;

  gemv_f64(aPtr: number, nRows: number, nCols: number, xPtr: number, yPtr: number): void;
  gemv_t_f64(aPtr: number, nRows: number, nCols: number, xPtr: number, yPtr: number): void;

  spmv_csr_f64(rowPtr: number, colIdx: number, vals: number, nRows: number, xPtr: number, yPtr: number): void;
  spmv_csr_t_f64(
    rowPtr: number, colIdx: number, vals: number, nRows: number, nCols: number, xPtr: number, yPtr: number,
  ): void;

  act_tanh_f64(xPtr: number, yPtr: number, n: number): void;
  act_sigmoid_f64(xPtr: number, yPtr: number, n: number): void;
  act_relu_f64(xPtr: number, yPtr: number, n: number): void;
  act_tanh_deriv_f64(xPtr: number, yPtr: number, n: number): void;
  act_sigmoid_deriv_f64(xPtr: number, yPtr: number, n: number): void;
  act_relu_deriv_f64(xPtr: number, yPtr: number, n: number): void;
  act_linear_deriv_f64(xPtr: number, yPtr: number, n: number): void;

  eig_hessenberg_f64(aPtr: number, n: number, zPtr: number, wantZ: number, workPtr: number): void;
  eig_hqr_f64(
    hPtr: number, n: number, zPtr: number, wantZ: number, wrPtr: number, wiPtr: number, maxSweeps: number, infoPtr: number,
  ): void;
  eig_schur_vectors_f64(hPtr: number, n: number, zPtr: number, wrPtr: number, wiPtr: number, workPtr: number): void;
  eig_sym_tridiagonalize_f64(aPtr: number, n: number, dPtr: number, ePtr: number): void;
  eig_sym_tridiagonal_ql_f64(
    dPtr: number, ePtr: number, n: number, zPtr: number, wantZ: number, maxSweeps: number, infoPtr: number,
  ): void;

  arnoldi_orthogonalize_f64(vPtr: number, n: number, j: number, wPtr: number, hPtr: number, scratchPtr: number): number;
  arnoldi_combine_f64(vPtr: number, n: number, m: number, yPtr: number, k: number, outPtr: number): void;

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
