/**
 * Dense form of a factored (random-mode / low-rank) operator J = Σ_a s_a u_a v_aᵀ
 * (src/linalg/factored.ts applies it matrix-free; this materialises it).
 */
import { blas1_axpy_f64 } from "./blas1";
import { f64At } from "./inline/memory";

/**
 * out ← out + Σ_a s_a u_a v_aᵀ for factors stored as rows: u, v f64[rank·n] (row a = u_a, v_a),
 * s f64[rank], out f64[n·n]. Row i gains s_a u_a[i]·v_a for a = 0, 1, … in order (one axpy each;
 * no fused multiply–add, so SIMD and scalar builds agree bit for bit).
 */
export function factored_add_dense_f64(uPtr: usize, sPtr: usize, vPtr: usize, rank: i32, n: i32, outPtr: usize): void {
  for (let i = 0; i < n; i++) {
    const row = outPtr + (<usize>i * <usize>n << 3);
    for (let a = 0; a < rank; a++) {
      const coef = f64At(sPtr, a) * f64At(uPtr, a * n + i);
      blas1_axpy_f64(coef, vPtr + (<usize>a * <usize>n << 3), row, n);
    }
  }
}
