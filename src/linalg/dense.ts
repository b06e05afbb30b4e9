/** A dense row-major f64 matrix owned in WASM memory (A_ij at i·nCols + j). */
import type { CoreExports } from '../wasm/abi.js';
import { type Arena, F64Buffer } from '../wasm/arena.js';
import { requireFiniteArray, requireInt } from '../validate.js';
import type { LinearOperator } from './operator.js';
import { productOperands, requireLive, rowsOperands } from './product-args.js';

/** A row-major dense matrix on WASM memory: y = A·x, Aᵀ·x and products with many vectors. */
export class DenseMatrix implements LinearOperator, Disposable {
  readonly dtype = 'f64' as const;
  readonly nRows: number;
  readonly nCols: number;
  /** Row-major values, nRows·nCols. */
  readonly data: F64Buffer;
  readonly #core: CoreExports;
  readonly #arena: Arena;

  /** Zero matrix, or a copy of `values` (row-major, finite). Use `rt.dense(...)`. */
  constructor(core: CoreExports, arena: Arena, nRows: number, nCols: number, values?: ArrayLike<number>) {
    requireInt('rt.dense', 'nRows', nRows, 1);
    requireInt('rt.dense', 'nCols', nCols, 1);
    if (values !== undefined) {
      requireFiniteArray('rt.dense', 'values', values);
      if (values.length !== nRows * nCols) {
        throw new RangeError(`rt.dense: values has ${values.length} entries, expected nRows·nCols = ${nRows * nCols}`);
      }
    }
    const source = values === undefined ? undefined : arena.detachSafe(values);
    this.nRows = nRows;
    this.nCols = nCols;
    this.#core = core;
    this.#arena = arena;
    this.data = new F64Buffer(arena, nRows * nCols, 'rt.dense');
    if (source !== undefined) this.data.view().set(source);
  }

  /** y = A·x. */
  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'DenseMatrix.multiply');
    const { xPtr, out, yPtr } = productOperands(this.#arena, 'DenseMatrix.multiply', x, this.nCols, y, this.nRows);
    this.#core.gemv_f64(this.data.ptr, this.nRows, this.nCols, xPtr, yPtr);
    return out;
  }

  /**
   * y_a = A·x_a for the m rows of x into the rows of y, in one pass over A (gemm_rows_f64: column
   * blocks of a 4-row panel stay in L1 for all m vectors). Row for row the same bits as multiply.
   */
  multiplyRows(x: F64Buffer, m: number, y: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'DenseMatrix.multiplyRows');
    const { xPtr, yPtr } = rowsOperands(this.#arena, 'DenseMatrix.multiplyRows', x, this.nCols, m, y, this.nRows);
    this.#core.gemm_rows_f64(this.data.ptr, this.nRows, this.nCols, xPtr, m, yPtr);
    return y;
  }

  /** y = Aᵀ·x. */
  multiplyTransposed(x: F64Buffer, y?: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'DenseMatrix.multiplyTransposed');
    const { xPtr, out, yPtr } = productOperands(this.#arena, 'DenseMatrix.multiplyTransposed', x, this.nRows, y, this.nCols);
    this.#core.gemv_t_f64(this.data.ptr, this.nRows, this.nCols, xPtr, yPtr);
    return out;
  }

  /** A copy of the row-major values. */
  toArray(): Float64Array {
    return this.data.toArray();
  }

  get disposed(): boolean {
    return this.data.disposed;
  }

  dispose(): void {
    this.data.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
