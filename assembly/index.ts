/**
 * The ABI of rnnkit's WASM core: every export takes pointers (usize), lengths (i32) and scalars.
 * Names read <family>_<op>_<dtype>. Kernels never allocate; only arena_* does.
 */
export { arena_alloc, arena_free } from "./mem/arena";
export { core_features } from "./mem/info";
export {
  blas1_amax_f64, blas1_axpy_f64, blas1_dot_f64, blas1_mul_f64, blas1_nrm2_f64, blas1_scal_f64,
} from "./kernels/blas1";
export { gemv_f64, gemv_t_f64 } from "./kernels/gemv";
export { spmv_csr_f64, spmv_csr_t_f64 } from "./kernels/spmv";
export {
  act_linear_deriv_f64, act_relu_deriv_f64, act_relu_f64, act_sigmoid_deriv_f64, act_sigmoid_f64, act_tanh_deriv_f64,
  act_tanh_f64,
} from "./kernels/activation";
export {
  eig_hessenberg_f64, eig_hqr_f64, eig_schur_vectors_f64, eig_sym_tridiagonal_ql_f64, eig_sym_tridiagonalize_f64,
} from "./kernels/dense-eig";
export { arnoldi_combine_f64, arnoldi_orthogonalize_f64 } from "./kernels/arnoldi";
export {
  rng_lognormal_f64, rng_normal_f64, rng_raw_u32x2, rng_seed_xoshiro, rng_uniform_f64,
} from "./kernels/rng";
