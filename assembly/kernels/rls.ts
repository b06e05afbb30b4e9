/**
 * Recursive least squares (RLS) with one inverse-correlation matrix P shared by m outputs, as in
 * FORCE learning (Sussillo & Abbott 2009; Haykin, Adaptive Filter Theory, ch. 10):
 *   k = P r,   c = 1 / (1 + rᵀ k),   P ← P − c k kᵀ,   W ← W − c e kᵀ,
 * for a presynaptic rate vector r (f64[n]), a priori errors e = W r − f (f64[m], computed by the
 * caller before the update) and weights W (row-major m×n, one row per output).
 * Starting from P = I/α, W = 0, after samples r_1…r_t the rows of W equal the ridge solutions
 * w = (RᵀR + αI)⁻¹ Rᵀ f.
 *
 * Memory contract: P is row-major n×n and only its upper triangle (j ≥ i) is read or written; the
 * lower triangle is scratch that the host fills by `rls_mirror_f64` when it reads P out. Storing one
 * triangle keeps P exactly symmetric and halves the memory traffic of both O(n²) passes. k is
 * f64[n] scratch that holds P r on return. Buffers are 16-byte aligned (arena) and must not alias.
 *
 * k = P r is a symmetric product over the upper triangle: row i adds Σ_{j>i} P_ij r_j to k_i and
 * P_ij r_i to each k_j. SIMD builds sum the row part with two f64x2 accumulators, so k differs from
 * the scalar build's left-to-right sums within 2·γ_n·Σ_j|P_ij r_j|. Given k and c, the P and W
 * updates are the same IEEE operations per element in both builds; the element c·(k_i·k_j) is
 * formed the same way wherever it is used, so mirrored entries stay equal.
 */
import { blas1_axpy_f64, blas1_dot_f64 } from "./blas1";

/** k = P r from the upper triangle of P (n×n, row-major). */
// @ts-ignore: decorator
@inline
function symmetricProduct(n: i32, pPtr: usize, rPtr: usize, kPtr: usize): void {
  memory.fill(kPtr, 0, <usize>n << 3);
  const rowBytes = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    const row = pPtr + <usize>i * rowBytes;
    const oi = <usize>i << 3;
    const ri = load<f64>(rPtr + oi);
    let s = load<f64>(kPtr + oi) + load<f64>(row + oi) * ri;
    let j = i + 1;
    if (ASC_FEATURE_SIMD) {
      const vr = f64x2.splat(ri);
      let a0 = f64x2.splat(0.0), a1 = f64x2.splat(0.0);
      for (; j + 4 <= n; j += 4) {
        const o = <usize>j << 3;
        const p0 = v128.load(row + o);
        const p1 = v128.load(row + o, 16);
        a0 = f64x2.add(a0, f64x2.mul(p0, v128.load(rPtr + o)));
        a1 = f64x2.add(a1, f64x2.mul(p1, v128.load(rPtr + o, 16)));
        v128.store(kPtr + o, f64x2.add(v128.load(kPtr + o), f64x2.mul(p0, vr)));
        v128.store(kPtr + o, f64x2.add(v128.load(kPtr + o, 16), f64x2.mul(p1, vr)), 16);
      }
      const a = f64x2.add(a0, a1);
      s += f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
    }
    for (; j < n; j++) {
      const o = <usize>j << 3;
      const p = load<f64>(row + o);
      s += p * load<f64>(rPtr + o);
      store<f64>(kPtr + o, load<f64>(kPtr + o) + p * ri);
    }
    store<f64>(kPtr + oi, s);
  }
}

/**
 * One RLS step (see the file comment): P (upper triangle) and W (m×n) in place, k ← P r (the
 * gain before scaling by c). Returns c = 1/(1 + rᵀPr); c ∉ (0, 1] or non-finite means P has lost
 * positive definiteness (the host stops training).
 */
export function rls_update_f64(n: i32, m: i32, pPtr: usize, rPtr: usize, wPtr: usize, ePtr: usize, kPtr: usize): f64 {
  symmetricProduct(n, pPtr, rPtr, kPtr);
  const c = 1.0 / (1.0 + blas1_dot_f64(rPtr, kPtr, n));
  // P_ij ← P_ij − c·(k_i·k_j), j ≥ i.
  const rowBytes = <usize>n << 3;
  for (let i = 0; i < n; i++) {
    const row = pPtr + <usize>i * rowBytes;
    const ki = load<f64>(kPtr + (<usize>i << 3));
    let j = i;
    if (ASC_FEATURE_SIMD) {
      const vk = f64x2.splat(ki);
      const vc = f64x2.splat(c);
      for (; j + 4 <= n; j += 4) {
        const o = <usize>j << 3;
        v128.store(row + o, f64x2.sub(v128.load(row + o), f64x2.mul(vc, f64x2.mul(vk, v128.load(kPtr + o)))));
        v128.store(row + o, f64x2.sub(v128.load(row + o, 16), f64x2.mul(vc, f64x2.mul(vk, v128.load(kPtr + o, 16)))), 16);
      }
    }
    for (; j < n; j++) {
      const o = <usize>j << 3;
      store<f64>(row + o, load<f64>(row + o) - c * (ki * load<f64>(kPtr + o)));
    }
  }
  // W_a ← W_a − (c·e_a) k: an axpy with −c·e_a, the same IEEE operations as a subtraction.
  for (let a = 0; a < m; a++) {
    blas1_axpy_f64(-(c * load<f64>(ePtr + (<usize>a << 3))), kPtr, wPtr + <usize>a * rowBytes, n);
  }
  return c;
}

/** P ← I/α on the upper triangle (P(0) of RLS with regularisation α > 0); the lower triangle is zeroed. */
export function rls_init_f64(n: i32, pPtr: usize, alpha: f64): void {
  memory.fill(pPtr, 0, (<usize>n * <usize>n) << 3);
  const inv = 1.0 / alpha;
  for (let i = 0; i < n; i++) store<f64>(pPtr + ((<usize>i * <usize>n + <usize>i) << 3), inv);
}

/** P_ji ← P_ij for j > i: copies the upper triangle to the lower one (for reading P out). */
export function rls_mirror_f64(n: i32, pPtr: usize): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      store<f64>(pPtr + ((<usize>j * <usize>n + <usize>i) << 3), load<f64>(pPtr + ((<usize>i * <usize>n + <usize>j) << 3)));
    }
  }
}
