/**
 * Restarted GMRES(m) for A·x = b with any square LinearOperator (Saad & Schultz, SIAM J. Sci. Stat.
 * Comput. 7, 1986; Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §6.5).
 *
 * Each cycle builds the Arnoldi relation A·V_j = V_{j+1}·H̄_j from v_0 = r/‖r‖ (r = b − A·x), with
 * the basis as rows of one WASM buffer and the project's one Gram–Schmidt (DGKS-corrected classical
 * Gram–Schmidt, arnoldi_orthogonalize_f64). Givens rotations reduce H̄_j to upper-triangular R_j
 * while the rotated right-hand side ‖r‖·Q_jᵀe_1 carries the residual norm of the least-squares
 * solution y = argmin ‖‖r‖e_1 − H̄_j y‖ in its last entry, so the residual is known at every step
 * without forming x. The update x ← x + V_j·y (arnoldi_combine_f64) ends the cycle; the cycle
 * restarts from the true residual, which guards against the estimate drifting from it.
 *
 * Stops when ‖b − A·x‖ ≤ tol·‖b‖ ('converged'), after maxRestarts cycles ('maxIter'), or when a
 * cycle cannot reduce the residual (a singular A, 'breakdown'); the iterate is kept in every case.
 */
import type { Runtime } from '../runtime.js';
import { F64Buffer, requireBuffer } from '../wasm/arena.js';
import { requireFinite, requireInt } from '../validate.js';
import type { SolverStatus } from './eigen/types.js';
import type { LinearOperator } from './operator.js';
import { requireSquare } from './operators.js';

export interface GmresOptions {
  /** Relative residual asked for, ‖b − A·x‖ ≤ tol·‖b‖ (default 1e-10). */
  tol?: number;
  /** Krylov vectors per cycle m (default min(n, 100)). */
  restart?: number;
  /** Cycles at most (default 20). */
  maxRestarts?: number;
}

export interface GmresResult {
  status: SolverStatus;
  /** ‖b − A·x‖/‖b‖ of the returned x (0 when b = 0), recomputed from the true residual. */
  relativeResidual: number;
  /** Krylov steps taken in all cycles, and products with A. */
  iterations: number;
  matvecs: number;
}

/**
 * Solves A·x = b in place of x (its entries are the initial guess: zero it for x₀ = 0). The basis
 * takes (m + 1)·n doubles of WASM memory for the call.
 */
export function gmres(rt: Runtime, op: LinearOperator, b: F64Buffer, x: F64Buffer, options: GmresOptions = {}): GmresResult {
  const where = 'gmres';
  const n = requireSquare(where, 'operator', op);
  const bPtr = requireBuffer(F64Buffer, b, rt.arena, where, 'b');
  const xPtr = requireBuffer(F64Buffer, x, rt.arena, where, 'x');
  if (b.length !== n || x.length !== n) throw new RangeError(`${where}: b and x must have length n = ${n} (got ${b.length} and ${x.length})`);
  const tol = requireFinite(where, 'tol', options.tol ?? 1e-10, 0);
  const m = requireInt(where, 'restart', options.restart ?? Math.min(n, 100), 1, n);
  const maxRestarts = requireInt(where, 'maxRestarts', options.maxRestarts ?? 20, 1);
  const { core } = rt;
  return rt.scope(() => {
    const basis = rt.f64((m + 1) * n);
    const w = rt.f64(n);
    const h = rt.f64(m + 1);
    const scratch = rt.f64(m + 1);
    const y = rt.f64(m);
    const update = rt.f64(n);
    const bNorm = core.blas1_nrm2_f64(bPtr, n);
    let iterations = 0;
    let matvecs = 0;
    // r = b − A·x into w; returns ‖r‖.
    const residual = (): number => {
      op.multiply(x, w);
      matvecs++;
      core.blas1_scal_f64(-1, w.ptr, n);
      core.blas1_axpy_f64(1, bPtr, w.ptr, n);
      return core.blas1_nrm2_f64(w.ptr, n);
    };
    const target = tol * bNorm;
    let rNorm = residual();
    const finish = (status: SolverStatus): GmresResult => ({
      status, relativeResidual: bNorm === 0 ? rNorm : rNorm / bNorm, iterations, matvecs,
    });
    if (rNorm <= target) return finish('converged');
    // R (upper triangle, column-major by Krylov step), Givens (c, s) and the rotated rhs.
    const r = new Float64Array(m * m);
    const cs = new Float64Array(m);
    const sn = new Float64Array(m);
    const rhs = new Float64Array(m + 1);
    for (let cycle = 0; cycle < maxRestarts; cycle++) {
      const start = rNorm;
      const view = basis.view();
      view.set(w.view().subarray(0, n));
      core.blas1_scal_f64(1 / rNorm, basis.ptr, n);
      rhs.fill(0);
      rhs[0] = rNorm;
      let k = 0;
      let estimate = rNorm;
      while (k < m) {
        const next = basis.ptr + 8 * (k + 1) * n;
        // w = A·v_k, orthogonalised against v_0 … v_k: h[0..k] and h[k+1] = ‖w‖.
        core.vec_copy_f64(n, basis.ptr + 8 * k * n, update.ptr);
        op.multiply(update, w);
        matvecs++;
        iterations++;
        const hNext = core.arnoldi_orthogonalize_f64(basis.ptr, n, k + 1, w.ptr, h.ptr, scratch.ptr);
        const hv = h.view();
        const column = Float64Array.from(hv.subarray(0, k + 1));
        for (let i = 0; i < k; i++) {
          const t = cs[i] * column[i] + sn[i] * column[i + 1];
          column[i + 1] = -sn[i] * column[i] + cs[i] * column[i + 1];
          column[i] = t;
        }
        const denom = Math.hypot(column[k], hNext);
        cs[k] = denom === 0 ? 1 : column[k] / denom;
        sn[k] = denom === 0 ? 0 : hNext / denom;
        column[k] = denom;
        rhs[k + 1] = -sn[k] * rhs[k];
        rhs[k] = cs[k] * rhs[k];
        for (let i = 0; i <= k; i++) r[k * m + i] = column[i];
        k++;
        estimate = Math.abs(rhs[k]);
        if (estimate <= target || hNext <= 1e-14 * denom || k === m) break;
        core.vec_copy_f64(n, w.ptr, next);
        core.blas1_scal_f64(1 / hNext, next, n);
      }
      // y = R⁻¹·rhs (back substitution), x ← x + V_k·y.
      const yv = y.view();
      for (let i = k - 1; i >= 0; i--) {
        let s = rhs[i];
        for (let j = i + 1; j < k; j++) s -= r[j * m + i] * yv[j];
        yv[i] = r[i * m + i] === 0 ? 0 : s / r[i * m + i];
      }
      core.arnoldi_combine_f64(basis.ptr, n, k, y.ptr, 1, update.ptr);
      core.blas1_axpy_f64(1, update.ptr, xPtr, n);
      rNorm = residual();
      if (rNorm <= target) return finish('converged');
      if (!(rNorm < start * (1 - 1e-12)) || !(estimate < start)) return finish('breakdown');
    }
    return finish('maxIter');
  });
}
