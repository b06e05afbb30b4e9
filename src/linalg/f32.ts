/**
 * Matrices with f32 entries: half the bytes of f64 (dense) or 2/3 (CSR with i32 indices), for
 * weight-bound products on networks that outgrow the caches. Vectors, sums and results stay f64:
 * each entry is widened exactly before its product, so a product equals the f64 product of the
 * rounded matrix bit for bit, and differs from the f64 matrix it was made from by at most
 * (u₃₂ + 2·γ_n)·Σ_j|A_ij x_j| per row (u₃₂ = 2⁻²⁴: the rounding of each entry).
 *
 * Use them wherever a LinearOperator is taken (rate simulations, ensembles, Lyapunov exponents,
 * Krylov eigensolvers); routines that read a DenseMatrix's or CsrMatrix's f64 arrays directly
 * (dense eigensolvers, motif and degree statistics) take the f64 matrix.
 */
import type { CoreExports } from '../wasm/abi.js';
import { type Arena, disposeAll, F32Buffer, type F64Buffer, type I32Buffer, requireF32Array } from '../wasm/arena.js';
import { requireInt } from '../validate.js';
import { copyCsrArrays, type CsrArrays, CsrMatrix } from './csr.js';
import { DenseMatrix } from './dense.js';
import type { LinearOperator } from './operator.js';
import { productOperands, requireLive, rowsOperands } from './product-args.js';

export const DTYPES = ['f64', 'f32'] as const;
export type Dtype = (typeof DTYPES)[number];

/** A dense row-major matrix of f32 entries (A_ij at i·nCols + j) in WASM memory. */
export class DenseMatrixF32 implements LinearOperator, Disposable {
  readonly dtype = 'f32' as const;
  readonly nRows: number;
  readonly nCols: number;
  /** Row-major f32 values, nRows·nCols. */
  readonly data: F32Buffer;
  readonly #core: CoreExports;
  readonly #arena: Arena;

  /** Zero matrix, or `values` (row-major, finite, within the f32 range) rounded to f32. Use `rt.denseF32(...)`. */
  constructor(core: CoreExports, arena: Arena, nRows: number, nCols: number, values?: ArrayLike<number>) {
    const where = 'rt.denseF32';
    requireInt(where, 'nRows', nRows, 1);
    requireInt(where, 'nCols', nCols, 1);
    if (values !== undefined) {
      requireF32Array(where, 'values', values);
      if (values.length !== nRows * nCols) {
        throw new RangeError(`${where}: values has ${values.length} entries, expected nRows·nCols = ${nRows * nCols}`);
      }
    }
    const source = values === undefined ? undefined : arena.detachSafe(values);
    this.nRows = nRows;
    this.nCols = nCols;
    this.#core = core;
    this.#arena = arena;
    this.data = new F32Buffer(arena, nRows * nCols, where);
    if (source !== undefined) this.data.view().set(source);
  }

  /** y = A·x (gemv_f32). */
  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'DenseMatrixF32.multiply');
    const { xPtr, out, yPtr } = productOperands(this.#arena, 'DenseMatrixF32.multiply', x, this.nCols, y, this.nRows);
    this.#core.gemv_f32(this.data.ptr, this.nRows, this.nCols, xPtr, yPtr);
    return out;
  }

  /** y_a = A·x_a for the m rows of x, in one pass over A (gemm_rows_f32); row for row equal to multiply. */
  multiplyRows(x: F64Buffer, m: number, y: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'DenseMatrixF32.multiplyRows');
    const { xPtr, yPtr } = rowsOperands(this.#arena, 'DenseMatrixF32.multiplyRows', x, this.nCols, m, y, this.nRows);
    this.#core.gemm_rows_f32(this.data.ptr, this.nRows, this.nCols, xPtr, m, yPtr);
    return y;
  }

  /** A copy of the row-major f32 values. */
  toArray(): Float32Array {
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

/** A CSR matrix with f32 values (rowPtr, colIdx i32 as in CsrMatrix) in WASM memory. */
export class CsrMatrixF32 implements LinearOperator, Disposable {
  readonly dtype = 'f32' as const;
  readonly nRows: number;
  readonly nCols: number;
  readonly nnz: number;
  readonly rowPtr: I32Buffer;
  readonly colIdx: I32Buffer;
  readonly values: F32Buffer;
  readonly #core: CoreExports;
  readonly #arena: Arena;

  /** Takes ownership of the three buffers (unchecked: for generators that fill valid CSR in place; else use `rt.csrF32`). */
  constructor(core: CoreExports, arena: Arena, nRows: number, nCols: number, rowPtr: I32Buffer, colIdx: I32Buffer, values: F32Buffer) {
    this.#core = core;
    this.#arena = arena;
    this.nRows = nRows;
    this.nCols = nCols;
    this.nnz = colIdx.length;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
  }

  /** Validates `arrays` (the CSR invariants, values within the f32 range) and copies them, values rounded to f32. */
  static fromArrays(core: CoreExports, arena: Arena, arrays: CsrArrays, where = 'rt.csrF32'): CsrMatrixF32 {
    requireF32Array(where, 'values', arrays.values);
    const { rowPtr, colIdx, values } = copyCsrArrays(arena, arrays, where, (nnz) => new F32Buffer(arena, nnz, where));
    return new CsrMatrixF32(core, arena, arrays.nRows, arrays.nCols, rowPtr, colIdx, values);
  }

  /** y = A·x (spmv_csr_f32). */
  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'CsrMatrixF32.multiply');
    const { xPtr, out, yPtr } = productOperands(this.#arena, 'CsrMatrixF32.multiply', x, this.nCols, y, this.nRows);
    this.#core.spmv_csr_f32(this.rowPtr.ptr, this.colIdx.ptr, this.values.ptr, this.nRows, xPtr, yPtr);
    return out;
  }

  /** y_a = A·x_a for the m rows of x (one spmv per row, no copies). */
  multiplyRows(x: F64Buffer, m: number, y: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'CsrMatrixF32.multiplyRows');
    const { xPtr, yPtr } = rowsOperands(this.#arena, 'CsrMatrixF32.multiplyRows', x, this.nCols, m, y, this.nRows);
    for (let a = 0; a < m; a++) {
      this.#core.spmv_csr_f32(this.rowPtr.ptr, this.colIdx.ptr, this.values.ptr, this.nRows, xPtr + 8 * a * this.nCols, yPtr + 8 * a * this.nRows);
    }
    return y;
  }

  /** Copies of the three arrays (values as f32). */
  toArrays(): { nRows: number; nCols: number; rowPtr: Int32Array; colIdx: Int32Array; values: Float32Array } {
    return { nRows: this.nRows, nCols: this.nCols, rowPtr: this.rowPtr.toArray(), colIdx: this.colIdx.toArray(), values: this.values.toArray() };
  }

  get disposed(): boolean {
    return this.values.disposed;
  }

  dispose(): void {
    disposeAll([this.rowPtr, this.colIdx, this.values]);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/**
 * An f32 copy of a dense or CSR matrix (entries rounded to nearest f32; the f64 matrix is left as
 * it is, so dispose it when only the copy is needed). Refuses entries beyond the f32 range.
 */
export function toF32(core: CoreExports, arena: Arena, matrix: DenseMatrix): DenseMatrixF32;
export function toF32(core: CoreExports, arena: Arena, matrix: CsrMatrix): CsrMatrixF32;
export function toF32(core: CoreExports, arena: Arena, matrix: DenseMatrix | CsrMatrix): DenseMatrixF32 | CsrMatrixF32;
export function toF32(core: CoreExports, arena: Arena, matrix: DenseMatrix | CsrMatrix): DenseMatrixF32 | CsrMatrixF32 {
  if (matrix instanceof DenseMatrix) return new DenseMatrixF32(core, arena, matrix.nRows, matrix.nCols, matrix.data.view());
  if (matrix instanceof CsrMatrix) return CsrMatrixF32.fromArrays(core, arena, matrix.toArrays(), 'toF32');
  throw new TypeError('toF32: matrix must be a DenseMatrix or a CsrMatrix');
}
