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
  arena_alloc_large(bytes: number, heapReserve: number): number;
  arena_zero(ptr: number, bytes: number): void;

  blas1_dot_f64(xPtr: number, yPtr: number, n: number): number;
  blas1_axpy_f64(alpha: number, xPtr: number, yPtr: number, n: number): void;
  blas1_scal_f64(alpha: number, xPtr: number, n: number): void;
  blas1_amax_f64(xPtr: number, n: number): number;
  blas1_nrm2_f64(xPtr: number, n: number): number;

  gemv_f64(aPtr: number, nRows: number, nCols: number, xPtr: number, yPtr: number): void;
  gemv_t_f64(aPtr: number, nRows: number, nCols: number, xPtr: number, yPtr: number): void;
  gemm_rows_f64(aPtr: number, nRows: number, nCols: number, xPtr: number, m: number, yPtr: number): void;
  gemv_f32(aPtr: number, nRows: number, nCols: number, xPtr: number, yPtr: number): void;
  gemm_rows_f32(aPtr: number, nRows: number, nCols: number, xPtr: number, m: number, yPtr: number): void;
  /** Points this instance's gemv/gemm_rows scratch (GEMV_SCRATCH_BYTES) at ptr: for worker instances on shared memory. */
  gemv_set_scratch(ptr: number): void;

  spmv_csr_f64(rowPtr: number, colIdx: number, vals: number, nRows: number, xPtr: number, yPtr: number): void;
  spmv_csr_f32(rowPtr: number, colIdx: number, vals: number, nRows: number, xPtr: number, yPtr: number): void;
  /** CSR16 (linalg/csr16.ts): u16 column deltas, the columns of ESCAPE16 deltas in `escapes` (row i's from escapeRowPtr[i]). */
  spmv_csr16_f64(rowPtr: number, deltas: number, escapeRowPtr: number, escapes: number, vals: number, nRows: number, xPtr: number, yPtr: number): void;
  spmv_csr16_f32(rowPtr: number, deltas: number, escapeRowPtr: number, escapes: number, vals: number, nRows: number, xPtr: number, yPtr: number): void;
  spmv_csr_t_f64(
    rowPtr: number, colIdx: number, vals: number, nRows: number, nCols: number, xPtr: number, yPtr: number,
  ): void;

  act_tanh_f64(xPtr: number, yPtr: number, n: number): void;
  act_sigmoid_f64(xPtr: number, yPtr: number, n: number): void;
  act_relu_f64(xPtr: number, yPtr: number, n: number): void;
  act_erf_f64(xPtr: number, yPtr: number, n: number): void;
  act_erf_deriv_f64(xPtr: number, yPtr: number, n: number): void;
  act_tanh_deriv_f64(xPtr: number, yPtr: number, n: number): void;
  act_sigmoid_deriv_f64(xPtr: number, yPtr: number, n: number): void;
  act_relu_deriv_f64(xPtr: number, yPtr: number, n: number): void;
  act_linear_deriv_f64(xPtr: number, yPtr: number, n: number): void;

  eig_hessenberg_f64(aPtr: number, n: number, zPtr: number, wantZ: number, workPtr: number): void;
  eig_hqr_f64(
    hPtr: number, n: number, zPtr: number, job: number, wrPtr: number, wiPtr: number, maxSweeps: number, infoPtr: number,
  ): void;
  eig_hessenberg_blocked_f64(aPtr: number, n: number, zPtr: number, wantZ: number, workPtr: number, nb: number): void;
  eig_hessenberg_blocked_work(n: number, nb: number): number;
  eig_hqr_multishift_f64(
    hPtr: number, n: number, zPtr: number, job: number, wrPtr: number, wiPtr: number, maxSweeps: number, infoPtr: number, workPtr: number,
  ): void;
  eig_hqr_multishift_work(n: number): number;
  /** f64 entries of eig_schur_vectors_f64's scratch. */
  eig_schur_vectors_work(n: number): number;
  eig_schur_vectors_f64(hPtr: number, n: number, zPtr: number, wrPtr: number, wiPtr: number, workPtr: number): void;
  eig_schur_condition_f64(tPtr: number, n: number, wrPtr: number, wiPtr: number, workPtr: number, sPtr: number): void;
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
  rng_normal_f32(state: number, outPtr: number, n: number, mean: number, std: number): void;
  rng_lognormal_f64(state: number, outPtr: number, n: number, mu: number, sigma: number): void;
  rng_raw_u32x2(state: number, outPtr: number, n: number): void;

  rate_deriv_f64(n: number, xPtr: number, hPtr: number, dPtr: number, invTau: number, outPtr: number): void;
  rate_stage_f64(n: number, xPtr: number, kPtr: number, c: number, outPtr: number): void;
  rate_rk4_combine_f64(n: number, xPtr: number, k1: number, k2: number, k3: number, k4: number, dt: number): void;

  vec_mul_f64(n: number, aPtr: number, bPtr: number, outPtr: number): void;
  vec_sub_f64(n: number, aPtr: number, bPtr: number, outPtr: number): void;
  vec_copy_f64(n: number, xPtr: number, outPtr: number): void;
  vec_first_beyond_f64(n: number, xPtr: number, limit: number): number;
  vec_gather_f64(m: number, idxPtr: number, srcPtr: number, dstPtr: number): void;
  vec_scatter_f64(m: number, idxPtr: number, srcPtr: number, dstPtr: number, accumulate: number): void;

  orth_qr_rows_f64(aPtr: number, nVec: number, len: number, rPtr: number, hPtr: number, scratchPtr: number): number;
  factored_add_dense_f64(uPtr: number, sPtr: number, vPtr: number, rank: number, n: number, outPtr: number): void;
  csr_col_counts_i32(nnz: number, colIdxPtr: number, nCols: number, countsPtr: number): void;

  stats_cov_push_f64(n: number, xPtr: number, k: number, meanPtr: number, mPtr: number, scratchPtr: number): void;
  stats_sym_trace_moments_f64(n: number, mPtr: number, outPtr: number): void;
  stats_cov_accumulate_f64(n: number, xPtr: number, centrePtr: number, mPtr: number): void;
  stats_sym_trace_product_f64(n: number, aPtr: number, bPtr: number): number;
  stats_gram_f64(t: number, n: number, xPtr: number, gPtr: number): void;

  fft_twiddles_f64(n: number, cosPtr: number, sinPtr: number): void;
  fft_radix2_f64(n: number, rePtr: number, imPtr: number, cosPtr: number, sinPtr: number, sign: number): void;
  stats_autocov_f64(
    t: number, xPtr: number, n: number, rePtr: number, imPtr: number, cosPtr: number, sinPtr: number,
    maxLag: number, outPtr: number,
  ): void;
  stats_autocov_raw_f64(
    t: number, xPtr: number, n: number, rePtr: number, imPtr: number, cosPtr: number, sinPtr: number,
    maxLag: number, outPtr: number,
  ): void;

  conn_gaussian_dense_f64(state: number, outPtr: number, n: number, mean: number, std: number, eta: number, selfCoupling: number): void;
  conn_gaussian_dense_f32(state: number, outPtr: number, n: number, mean: number, std: number, eta: number, selfCoupling: number): void;
  conn_degree_pairs_f64(state: number, n: number, mu: number, sigma: number, rho: number, kInPtr: number, kOutPtr: number): void;
  conn_config_fill_i32(
    state: number, n: number, rowPtr: number, kOutPtr: number, poolPtr: number, markPtr: number, colIdxPtr: number, maxTries: number,
  ): number;
  conn_csr_partners_i32(n: number, rowPtr: number, colIdxPtr: number, cursorPtr: number, partnerPtr: number): number;
  conn_pair_normal_f32(
    state: number, n: number, rowPtr: number, colIdxPtr: number, cursorPtr: number, valsPtr: number, mean: number, std: number, eta: number,
  ): number;
  conn_pair_normal_f64(
    state: number, n: number, rowPtr: number, colIdxPtr: number, cursorPtr: number, valsPtr: number, mean: number, std: number, eta: number,
  ): number;
  conn_ei_count_i32(
    state: number, scratchState: number, n: number, nExc: number, fixed: number, kExc: number, kInh: number,
    pExc: number, pInh: number, markPtr: number, rowPtr: number,
  ): number;
  conn_ei_fill_i32(
    state: number, n: number, nExc: number, fixed: number, kExc: number, kInh: number, pExc: number, pInh: number,
    markPtr: number, colIdxPtr: number,
  ): number;
  conn_ei_weights_f64(
    state: number, nnz: number, colIdxPtr: number, nExc: number, wExc: number, wInh: number,
    jitterMu: number, jitterSigma: number, valsPtr: number,
  ): void;
  conn_csr_moments_f64(nnz: number, valsPtr: number, partnerPtr: number, outPtr: number): void;
  conn_dense_moments_f64(aPtr: number, n: number, inDegPtr: number, outDegPtr: number, outPtr: number): void;

  rls_update_f64(
    n: number, m: number, pPtr: number, rPtr: number, wPtr: number, ePtr: number, kPtr: number, qPtr: number, cPending: number, normalised: number,
  ): number;
  rls_gain_rows_f64(n: number, rowStart: number, rowEnd: number, pPtr: number, rPtr: number, kPtr: number, qPtr: number, cPending: number): void;
  rls_rank1_rows_f64(n: number, rowStart: number, rowEnd: number, pPtr: number, kPtr: number, c: number): void;
  rls_weights_f64(n: number, m: number, wPtr: number, ePtr: number, kPtr: number, c: number): void;
  rls_init_f64(n: number, pPtr: number, alpha: number): void;

  motif_dense_sums_f64(aPtr: number, n: number, shift: number, rowSumPtr: number, colSumPtr: number, outPtr: number): void;
  motif_csr_sums_f64(
    n: number, rowPtr: number, colIdx: number, vals: number, partnerPtr: number, rowSumPtr: number, colSumPtr: number,
    outPtr: number,
  ): void;

  spiking_run_f64(
    n: number, nLif: number, glmFrom: number, permPtr: number, muPtr: number, table: number, integrator: number,
    vPtr: number, iPtr: number, refrPtr: number, rngPtr: number,
    preRowPtr: number, postIdxPtr: number, weightsPtr: number, weightsF32: number,
    delaySteps: number, ringPtr: number, ringCountsPtr: number,
    recIdxPtr: number, nRec: number, recPtr: number, fromStep: number, nSteps: number,
    spikesPtr: number, spikeCapacity: number, statusPtr: number, scratchPtr: number,
  ): number;
  spiking_presynaptic_csr(
    nRows: number, nCols: number, rowPtr: number, colIdxPtr: number, valsPtr: number, internalPtr: number,
    preRowPtr: number, cursorPtr: number, postIdxPtr: number, weightsPtr: number, weightsF32: number, valsF32: number,
  ): void;
  spiking_filter_f64(
    n: number, count: number, spikesPtr: number, preRowPtr: number, postIdxPtr: number, weightsPtr: number,
    riseFactor: number, decayFactor: number, dt: number, jump: number, sPtr: number, hPtr: number, rPtr: number, hrPtr: number,
  ): void;
}

/** Bytes of one xoshiro256** state block (assembly/kernels/inline/xoshiro.ts). */
export const RNG_STATE_BYTES = 48;

/**
 * The spiking kernels' per-type parameter table (assembly/kernels/spiking.ts): f64[3·SPIKING_STRIDE],
 * row 0 = LIF, row 1 = QIF, row 2 = GLM, one field per name at these offsets.
 */
export const SPIKING_FIELDS = {
  a: 0, b: 1, cM: 2, cS: 3, invDeltaV: 4, negVT: 5, theta: 6, vReset: 7, refractorySteps: 8, noise: 9,
  poissonLambda: 10, poissonExp: 11, poissonWeight: 12, p22: 13, p20: 14, p21: 15, p11: 16, glmRateDt: 17, glmInvWidth: 18,
} as const;
export const SPIKING_STRIDE = 19;
/** Integrator codes of spiking_run_f64. */
export const SPIKING_INTEGRATORS = { euler: 0, exact: 1 } as const;
