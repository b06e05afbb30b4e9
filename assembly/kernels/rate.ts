/**
 * Rate-network integration kernels for τ dx/dt = −x + J φ(x) + d(t), d = bias + input.
 * The product J·φ(x) is done by the operator (gemv / spmv / low-rank) between these calls; the
 * kernels here are the O(N) parts of Euler and classical RK4 steps and of the tangent dynamics
 *   τ dv/dt = −v + J (φ′(x) ⊙ v)
 * used for Lyapunov exponents (φ′ comes from activation.ts, the product from vec.ts). All vectors f64[n]; outputs may alias inputs unless stated.
 * SIMD and scalar builds perform the same IEEE operations per element (no reductions here), so
 * trajectories are bit-identical across builds.
 */

/** out = (−x + h + d)·invTau; d is skipped when dPtr = 0 (tangent dynamics have no drive). */
export function rate_deriv_f64(n: i32, xPtr: usize, hPtr: usize, dPtr: usize, invTau: f64, outPtr: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const it = f64x2.splat(invTau);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      let s = f64x2.sub(v128.load(hPtr + o), v128.load(xPtr + o));
      if (dPtr != 0) s = f64x2.add(s, v128.load(dPtr + o));
      v128.store(outPtr + o, f64x2.mul(s, it));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    let s = load<f64>(hPtr + o) - load<f64>(xPtr + o);
    if (dPtr != 0) s += load<f64>(dPtr + o);
    store<f64>(outPtr + o, s * invTau);
  }
}

/** out = x + c·k (an RK stage point, or an Euler step when out = x). */
export function rate_stage_f64(n: i32, xPtr: usize, kPtr: usize, c: f64, outPtr: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vc = f64x2.splat(c);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      v128.store(outPtr + o, f64x2.add(v128.load(xPtr + o), f64x2.mul(vc, v128.load(kPtr + o))));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(outPtr + o, load<f64>(xPtr + o) + c * load<f64>(kPtr + o));
  }
}

/** x ← x + (dt/6)·(k1 + 2·k2 + 2·k3 + k4) (classical RK4 combination). */
export function rate_rk4_combine_f64(n: i32, xPtr: usize, k1: usize, k2: usize, k3: usize, k4: usize, dt: f64): void {
  const w = dt / 6.0;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const vw = f64x2.splat(w);
    const two = f64x2.splat(2.0);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const mid = f64x2.mul(two, f64x2.add(v128.load(k2 + o), v128.load(k3 + o)));
      const s = f64x2.add(f64x2.add(v128.load(k1 + o), mid), v128.load(k4 + o));
      v128.store(xPtr + o, f64x2.add(v128.load(xPtr + o), f64x2.mul(vw, s)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const s = (load<f64>(k1 + o) + 2.0 * (load<f64>(k2 + o) + load<f64>(k3 + o))) + load<f64>(k4 + o);
    store<f64>(xPtr + o, load<f64>(xPtr + o) + w * s);
  }
}
