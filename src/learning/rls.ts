/**
 * Recursive least squares with one inverse-correlation matrix P shared by m outputs (the learning
 * rule of FORCE; kernel in assembly/kernels/rls.ts):
 *   k = P r,  c = 1/(1 + rᵀk),  P ← P − c k kᵀ,  W ← W − c e kᵀ,   P(0) = I/α, W(0) = 0,
 * where e = W r − f is the a priori error of the m outputs. After samples r_1…r_t each row of W is
 * the ridge solution (RᵀR + αI)⁻¹Rᵀf of those samples.
 * weightStep 'unnormalised' is Nicola & Clopath's decoder update (ModelDB 190565): W ← W − e kᵀ with
 * the same k = P r and P update, i.e. a step 1/c = 1 + rᵀPr times the RLS one (no longer the ridge
 * solution; the two agree once rᵀPr ≪ 1).
 * Each update leaves its own rank-one change of P pending and applies it in the next update's pass
 * over P (the kernel's deferred step: one read and one write of P per update instead of two reads
 * and a write); `covariance()` and `firstNonFinite()` apply it first, so every result is bit for bit
 * that of updating P at once.
 */
import type { Runtime } from '../runtime.js';
import { disposeAll, F64Buffer, requireBuffer } from '../wasm/arena.js';
import { requireInt, requireOneOf, requirePositive } from '../validate.js';

export const RLS_WEIGHT_STEPS = ['normalised', 'unnormalised'] as const;
export type RlsWeightStep = (typeof RLS_WEIGHT_STEPS)[number];

/** Recursive least squares with one P shared by all outputs (FORCE learning's learner), in WASM. */
export class RecursiveLeastSquares implements Disposable {
  /** Inputs per output (length of r). */
  readonly n: number;
  /** Outputs (rows of W). */
  readonly m: number;
  readonly alpha: number;
  /** 'normalised' (RLS, W ← W − c e kᵀ) or 'unnormalised' (W ← W − e kᵀ; file comment). */
  readonly weightStep: RlsWeightStep;
  /** Updates made so far. */
  updates = 0;
  readonly #rt: Runtime;
  /** Row-major n×n, kept exactly symmetric by the kernel. */
  readonly #p: F64Buffer;
  readonly #w: F64Buffer;
  /** The last update's k and c: P ← P − c k kᵀ is pending while #pendingC ≠ 0 (c = 0 only when rᵀPr = ∞, a divergence). */
  #pending: F64Buffer;
  #pendingC = 0;
  /** Where the next update writes its k (then the two buffers swap). */
  #spare: F64Buffer;

  /** P = I/α (α > 0), W = 0 (m×n); weightStep default 'normalised' (file comment). */
  constructor(rt: Runtime, options: { n: number; m: number; alpha: number; weightStep?: RlsWeightStep }) {
    const where = 'RecursiveLeastSquares';
    this.n = requireInt(where, 'n', options.n, 1);
    this.m = requireInt(where, 'm', options.m, 1);
    this.alpha = requirePositive(where, 'alpha', options.alpha);
    this.weightStep = requireOneOf(where, 'weightStep', options.weightStep ?? 'normalised', RLS_WEIGHT_STEPS);
    this.#rt = rt;
    this.#p = rt.f64(this.n * this.n);
    this.#w = rt.f64(this.m * this.n);
    this.#pending = rt.f64(this.n);
    this.#spare = rt.f64(this.n);
    rt.core.rls_init_f64(this.n, this.#p.ptr, this.alpha);
  }

  /**
   * One update with rates r (length n) and a priori errors e = W r − f (length m); returns
   * c = 1/(1 + rᵀPr), which lies in (0, 1] while P is positive definite.
   */
  update(r: F64Buffer, e: F64Buffer): number {
    const where = 'RecursiveLeastSquares.update';
    const rPtr = requireBuffer(F64Buffer, r, this.#rt.arena, where, 'r');
    const ePtr = requireBuffer(F64Buffer, e, this.#rt.arena, where, 'e');
    if (r.length !== this.n) throw new RangeError(`${where}: r has length ${r.length}, expected n = ${this.n}`);
    if (e.length !== this.m) throw new RangeError(`${where}: e has length ${e.length}, expected m = ${this.m}`);
    return this.updateRaw(rPtr, ePtr);
  }

  /** `update` on raw pointers without checks, for training loops. */
  updateRaw(rPtr: number, ePtr: number): number {
    this.updates++;
    const c = this.#rt.core.rls_update_f64(this.n, this.m, this.#p.ptr, rPtr, this.#w.ptr, ePtr, this.#spare.ptr, this.#pending.ptr,
      this.#pendingC, this.weightStep === 'normalised' ? 1 : 0);
    [this.#pending, this.#spare] = [this.#spare, this.#pending];
    this.#pendingC = c;
    return c;
  }

  /** Applies the pending rank-one update to P. */
  #flush(): void {
    if (this.#pendingC === 0) return;
    this.#rt.core.rls_rank1_rows_f64(this.n, 0, this.n, this.#p.ptr, this.#pending.ptr, this.#pendingC);
    this.#pendingC = 0;
  }

  /** The weights W (m×n row-major) in WASM memory: read with view(); owned by this object. */
  get weights(): F64Buffer {
    return this.#w;
  }

  /** A copy of P (n×n, exactly symmetric). */
  covariance(): Float64Array {
    this.#flush();
    return this.#p.toArray();
  }

  /**
   * The first non-finite entry of W or P (row-major index), or null.
   */
  firstNonFinite(): { matrix: 'P' | 'W'; index: number } | null {
    this.#flush();
    const { core } = this.#rt;
    const inW = core.vec_first_beyond_f64(this.m * this.n, this.#w.ptr, Infinity);
    if (inW >= 0) return { matrix: 'W', index: inW };
    const inP = core.vec_first_beyond_f64(this.n * this.n, this.#p.ptr, Infinity);
    return inP >= 0 ? { matrix: 'P', index: inP } : null;
  }

  dispose(): void {
    disposeAll([this.#p, this.#w, this.#pending, this.#spare]);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
