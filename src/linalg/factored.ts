/**
 * A matrix kept in factor form, A = Σ_a s_a u_a v_aᵀ = Uᵀ diag(s) V with U, V stored as rows
 * (rank × n, row a = u_a or v_a). The product is matrix-free, y = Uᵀ (s ∘ (V x)), in
 * O(rank·n) instead of O(n²): random-mode and low-rank connectivity use it as their operator.
 */
import type { CoreExports } from '../wasm/abi.js';
import { type Arena, F64Buffer } from '../wasm/arena.js';
import { DenseMatrix } from './dense.js';
import type { LinearOperator } from './operator.js';
import { productOperands, requireLive } from './product-args.js';

/** A matrix in factor form Σ_a s_a u_a v_aᵀ, applied in O(rank·n) without forming it. */
export class FactoredOperator implements LinearOperator, Disposable {
  readonly nRows: number;
  readonly nCols: number;
  readonly rank: number;
  /** Output modes as rows: u_a = u[a·n … (a+1)·n). */
  readonly u: F64Buffer;
  /** Mode strengths s_a. */
  readonly s: F64Buffer;
  /** Input modes as rows: v_a = v[a·n … (a+1)·n). */
  readonly v: F64Buffer;
  readonly #core: CoreExports;
  readonly #arena: Arena;
  /** Scratch for V·x (rank entries). */
  readonly #projection: F64Buffer;

  /** Takes ownership of u, v (f64[rank·n]) and s (f64[rank]). */
  constructor(core: CoreExports, arena: Arena, n: number, u: F64Buffer, s: F64Buffer, v: F64Buffer) {
    if (u.length !== s.length * n || v.length !== s.length * n) {
      throw new RangeError(`FactoredOperator: u and v need rank·n = ${s.length * n} entries (got ${u.length}, ${v.length})`);
    }
    this.#core = core;
    this.#arena = arena;
    this.nRows = n;
    this.nCols = n;
    this.rank = s.length;
    this.u = u;
    this.s = s;
    this.v = v;
    this.#projection = new F64Buffer(arena, Math.max(this.rank, 1), 'FactoredOperator');
  }

  /** y = Σ_a s_a u_a (v_a · x). */
  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'FactoredOperator.multiply');
    const { xPtr, out, yPtr } = productOperands(this.#arena, 'FactoredOperator.multiply', x, this.nCols, y, this.nRows);
    const { rank, nCols } = this;
    if (rank === 0) return out.fill(0);
    this.#core.gemv_f64(this.v.ptr, rank, nCols, xPtr, this.#projection.ptr);
    const projection = this.#projection.view();
    const s = this.s.view();
    for (let a = 0; a < rank; a++) projection[a] *= s[a];
    this.#core.gemv_t_f64(this.u.ptr, rank, nCols, this.#projection.ptr, yPtr);
    return out;
  }

  /** target ← target + Σ_a s_a u_a v_aᵀ (target n×n). */
  addTo(target: DenseMatrix): DenseMatrix {
    requireLive(this.disposed, 'FactoredOperator.addTo');
    if (target.nRows !== this.nRows || target.nCols !== this.nCols) {
      throw new RangeError(`FactoredOperator.addTo: target is ${target.nRows}×${target.nCols}, expected ${this.nRows}×${this.nCols}`);
    }
    this.#core.factored_add_dense_f64(this.u.ptr, this.s.ptr, this.v.ptr, this.rank, this.nRows, target.data.ptr);
    return target;
  }

  /** The dense n×n matrix Σ_a s_a u_a v_aᵀ. */
  toDense(): DenseMatrix {
    const dense = new DenseMatrix(this.#core, this.#arena, this.nRows, this.nCols);
    try {
      return this.addTo(dense);
    } catch (error) {
      dense.dispose();
      throw error;
    }
  }

  get disposed(): boolean {
    return this.s.disposed;
  }

  dispose(): void {
    for (const b of [this.u, this.s, this.v, this.#projection]) b.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
