/**
 * The ABI of rnnkit's WASM core: every export takes pointers (usize), lengths (i32) and scalars.
 * Names read <family>_<op>_<dtype>. Kernels never allocate; only arena_* does.
 */
export { arena_alloc, arena_alloc_large, arena_free, arena_zero } from "./mem/arena";
export { core_features } from "./mem/info";
export {
  blas1_amax_f64, blas1_axpy_f64, blas1_dot_f64, blas1_nrm2_f64, blas1_scal_f64,
} from "./kernels/blas1";
export { gemm_rows_f32, gemm_rows_f64, gemv_f32, gemv_f64, gemv_set_scratch, gemv_t_f64 } from "./kernels/gemv";
export { csr_col_counts_i32, spmv_csr16_f32, spmv_csr16_f64, spmv_csr_f32, spmv_csr_f64, spmv_csr_t_f64 } from "./kernels/spmv";
export {
  act_erf_deriv_f64, act_erf_f64, act_linear_deriv_f64, act_relu_deriv_f64, act_relu_f64, act_sigmoid_deriv_f64, act_sigmoid_f64, act_tanh_deriv_f64, act_tanh_f64,
} from "./kernels/activation";
export {
  eig_hessenberg_f64, eig_hqr_f64, eig_schur_condition_f64, eig_schur_vectors_f64, eig_schur_vectors_work, eig_sym_tridiagonal_ql_f64,
  eig_sym_tridiagonalize_f64,
} from "./kernels/dense-eig";
export {
  eig_hessenberg_blocked_f64, eig_hessenberg_blocked_work, eig_hqr_multishift_f64, eig_hqr_multishift_work,
} from "./kernels/dense-eig-blocked";
export { arnoldi_combine_f64, arnoldi_orthogonalize_f64 } from "./kernels/arnoldi";
export {
  rng_lognormal_f64, rng_normal_f32, rng_normal_f64, rng_raw_u32x2, rng_seed_xoshiro, rng_uniform_f64,
} from "./kernels/rng";
export { rate_deriv_f64, rate_rk4_combine_f64, rate_stage_f64 } from "./kernels/rate";
export {
  vec_copy_f64, vec_first_beyond_f64, vec_gather_f64, vec_mul_f64, vec_scatter_f64, vec_sub_f64,
} from "./kernels/vec";
export { orth_qr_rows_f64 } from "./kernels/orthogonalize";
export { factored_add_dense_f64 } from "./kernels/factored";
export {
  stats_autocov_f64, stats_autocov_raw_f64, stats_cov_accumulate_f64, stats_cov_push_f64, stats_gram_f64,
  stats_sym_trace_moments_f64, stats_sym_trace_product_f64,
} from "./kernels/stats";
export { fft_radix2_f64, fft_twiddles_f64 } from "./kernels/fft";
export {
  conn_config_fill_i32, conn_csr_moments_f64, conn_csr_partners_i32, conn_degree_pairs_f64, conn_dense_moments_f64,
  conn_ei_count_i32, conn_ei_fill_i32, conn_ei_weights_f64, conn_gaussian_dense_f32, conn_gaussian_dense_f64, conn_pair_normal_f32,
  conn_pair_normal_f64,
} from "./kernels/connectivity";
export { rls_gain_rows_f64, rls_init_f64, rls_rank1_rows_f64, rls_update_f64, rls_weights_f64 } from "./kernels/rls";
export { motif_csr_sums_f64, motif_dense_sums_f64 } from "./kernels/motifs";
export { spiking_filter_f64, spiking_presynaptic_csr, spiking_run_f64 } from "./kernels/spiking";
