/**
 * CSR16: a CSR matrix whose column indices are coded as u16 deltas, for products at sizes where
 * memory traffic decides (10⁷ entries and more). Row i's entries are sorted by column; entry k stores
 * delta[k] = col[k] − col[k−1] (the row's first entry: col − 0). A delta ≥ ESCAPE16 (0xFFFF) is stored
 * as ESCAPE16 and its full column as the next i32 of `escapes` (entries in order; row i's escapes
 * start at escapeRowPtr[i], so rows without any skip the test), so any column count works. Indices
 * take 2 bytes instead of 4: 10 instead of 12 bytes per entry with f64 values, 6 instead of 8 with f32.
 *
 * Products equal spmv_csr on the matrix with sorted rows bit for bit (same two partial sums per row;
 * a matrix whose rows were sorted already gives the bits of its own product). Not split across
 * threads, no transposed product. Measured (README): at 10⁷ entries within 1.1× of a C loop over
 * i32 indices; at 10⁶ (x and the indices in cache) within noise of plain CSR, which stays the default.
 */
import type { CoreExports } from '../wasm/abi.js';
import { type Arena, disposeAll, F32Buffer, F64Buffer, I32Buffer, U16Buffer } from '../wasm/arena.js';
import { CsrMatrix } from './csr.js';
import { CsrMatrixF32, type Dtype } from './f32.js';
import type { LinearOperator } from './operator.js';
import { productOperands, requireLive, rowsOperands } from './product-args.js';

/** The delta that sends a column to the escape list (assembly/kernels/spmv.ts ESCAPE16). */
export const ESCAPE16 = 0xffff;

/** The CSR arrays of a CSR16 matrix: columns increasing within each row, values f64 or f32. */
export interface Csr16Arrays<D extends Dtype = Dtype> {
  nRows: number;
  nCols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: D extends 'f64' ? Float64Array : Float32Array;
}

/** A CSR matrix with u16 column deltas (and an i32 escape list) in WASM memory; see the module comment. */
export class CsrMatrix16<D extends Dtype = Dtype> implements LinearOperator, Disposable {
  readonly dtype: D;
  readonly nRows: number;
  readonly nCols: number;
  readonly nnz: number;
  readonly rowPtr: I32Buffer;
  /** Column deltas u16[nnz] (ESCAPE16: the column is the next entry of `escapes`). */
  readonly deltas: U16Buffer;
  /** Where each row's escapes start (i32[nRows+1]): row i's are escapes[escapeRowPtr[i] … escapeRowPtr[i+1]). */
  readonly escapeRowPtr: I32Buffer;
  /** Full columns of the escaped entries, in entry order. */
  readonly escapes: I32Buffer;
  /** Values in row order: F64Buffer for dtype 'f64', F32Buffer for 'f32'. */
  readonly values: D extends 'f64' ? F64Buffer : F32Buffer;
  readonly #core: CoreExports;
  readonly #arena: Arena;

  private constructor(core: CoreExports, arena: Arena, dtype: D, nRows: number, nCols: number,
                      buffers: { rowPtr: I32Buffer; deltas: U16Buffer; escapeRowPtr: I32Buffer; escapes: I32Buffer; values: CsrMatrix16<D>['values'] }) {
    this.#core = core;
    this.#arena = arena;
    this.dtype = dtype;
    this.nRows = nRows;
    this.nCols = nCols;
    this.nnz = buffers.deltas.length;
    this.rowPtr = buffers.rowPtr;
    this.deltas = buffers.deltas;
    this.escapeRowPtr = buffers.escapeRowPtr;
    this.escapes = buffers.escapes;
    this.values = buffers.values;
  }

  /**
   * The CSR16 copy of a CsrMatrix (f64 values) or CsrMatrixF32 (f32 values), rows sorted by column
   * where they are not (the source is left as it is). Use `rt.toCsr16(matrix)`.
   */
  static of(core: CoreExports, arena: Arena, matrix: CsrMatrix): CsrMatrix16<'f64'>;
  static of(core: CoreExports, arena: Arena, matrix: CsrMatrixF32): CsrMatrix16<'f32'>;
  static of(core: CoreExports, arena: Arena, matrix: CsrMatrix | CsrMatrixF32): CsrMatrix16;
  static of(core: CoreExports, arena: Arena, matrix: CsrMatrix | CsrMatrixF32): CsrMatrix16 {
    const where = 'toCsr16';
    if (!(matrix instanceof CsrMatrix || matrix instanceof CsrMatrixF32)) {
      const got = matrix === null ? 'null' : typeof matrix === 'object' ? (matrix as object).constructor.name : typeof matrix;
      throw new TypeError(`${where}: matrix must be a CsrMatrix or a CsrMatrixF32 (got ${got})`);
    }
    matrix.values.requireOwner(arena, where, 'matrix');
    const { nRows, nCols, rowPtr, colIdx, values } = matrix.toArrays();
    const sortedValues = sortRows(rowPtr, colIdx, values, nCols);
    const coded = encodeDeltas(rowPtr, colIdx);
    // Allocate all five, then fill them (a view is valid only until the next allocation); a failed
    // allocation (memory beyond what WASM holds) frees the ones already made.
    const made: (I32Buffer | U16Buffer | F64Buffer | F32Buffer)[] = [];
    const make = <B extends I32Buffer | U16Buffer | F64Buffer | F32Buffer>(buffer: () => B): B => {
      const b = buffer();
      made.push(b);
      return b;
    };
    try {
      const buffers = {
        rowPtr: make(() => new I32Buffer(arena, nRows + 1, where)),
        deltas: make(() => new U16Buffer(arena, coded.deltas.length, where)),
        escapeRowPtr: make(() => new I32Buffer(arena, nRows + 1, where)),
        escapes: make(() => new I32Buffer(arena, coded.escapes.length, where)),
        values: make(() => (matrix.dtype === 'f64' ? new F64Buffer(arena, values.length, where) : new F32Buffer(arena, values.length, where))),
      };
      buffers.rowPtr.view().set(rowPtr);
      buffers.deltas.view().set(coded.deltas);
      buffers.escapeRowPtr.view().set(coded.escapeRowPtr);
      buffers.escapes.view().set(coded.escapes);
      buffers.values.view().set(sortedValues);
      return new CsrMatrix16(core, arena, matrix.dtype, nRows, nCols, buffers);
    } catch (error) {
      disposeAll(made);
      throw error;
    }
  }

  /** y = A·x (spmv_csr16_f64 / spmv_csr16_f32). */
  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'CsrMatrix16.multiply');
    const { xPtr, out, yPtr } = productOperands(this.#arena, 'CsrMatrix16.multiply', x, this.nCols, y, this.nRows);
    this.#product(xPtr, yPtr);
    return out;
  }

  /** y_a = A·x_a for the m rows of x (one product per row, no copies). */
  multiplyRows(x: F64Buffer, m: number, y: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'CsrMatrix16.multiplyRows');
    const { xPtr, yPtr } = rowsOperands(this.#arena, 'CsrMatrix16.multiplyRows', x, this.nCols, m, y, this.nRows);
    for (let a = 0; a < m; a++) this.#product(xPtr + 8 * a * this.nCols, yPtr + 8 * a * this.nRows);
    return y;
  }

  #product(xPtr: number, yPtr: number): void {
    const kernel = this.dtype === 'f64' ? this.#core.spmv_csr16_f64 : this.#core.spmv_csr16_f32;
    kernel(this.rowPtr.ptr, this.deltas.ptr, this.escapeRowPtr.ptr, this.escapes.ptr, this.values.ptr, this.nRows, xPtr, yPtr);
  }

  /** The decoded CSR arrays (rows sorted by column), values in this matrix's dtype: `rt.csr` / `rt.csrF32` take them back. */
  toArrays(): Csr16Arrays<D> {
    const [rowPtr, deltas, escapes] = [this.rowPtr.toArray(), this.deltas.view(), this.escapes.view()];
    const colIdx = new Int32Array(this.nnz);
    let nextEscape = 0;
    for (let i = 0; i < this.nRows; i++) {
      let column = 0;
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        column = deltas[k] === ESCAPE16 ? escapes[nextEscape++] : column + deltas[k];
        colIdx[k] = column;
      }
    }
    return { nRows: this.nRows, nCols: this.nCols, rowPtr, colIdx, values: this.values.toArray() as Csr16Arrays<D>['values'] };
  }

  get disposed(): boolean {
    return this.values.disposed;
  }

  dispose(): void {
    disposeAll([this.rowPtr, this.deltas, this.escapeRowPtr, this.escapes, this.values]);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

/**
 * Sorts each row of (colIdx, values) by column in place of colIdx and returns the values in the new
 * order (`values` itself when every row was sorted). Columns are unique within a row (a CsrMatrix
 * invariant), so a column → position table (`at`, nCols entries) carries each value along.
 */
function sortRows<V extends Float64Array | Float32Array>(rowPtr: Int32Array, colIdx: Int32Array, values: V, nCols: number): V {
  let sorted: V | undefined;
  let at: Int32Array | undefined;
  for (let i = 0; i + 1 < rowPtr.length; i++) {
    const [start, end] = [rowPtr[i], rowPtr[i + 1]];
    let increasing = true;
    for (let k = start + 1; k < end && increasing; k++) increasing = colIdx[k] > colIdx[k - 1];
    if (increasing) continue;
    sorted ??= values.slice() as V;
    at ??= new Int32Array(nCols);
    for (let k = start; k < end; k++) at[colIdx[k]] = k;
    const row = colIdx.subarray(start, end).sort();
    for (let k = start; k < end; k++) sorted[k] = values[at[row[k - start]]];
  }
  return sorted ?? values;
}

/** u16 deltas of sorted rows, escaping every delta ≥ ESCAPE16 to its full column (see the module comment). */
function encodeDeltas(rowPtr: Int32Array, colIdx: Int32Array): { deltas: Uint16Array; escapeRowPtr: Int32Array; escapes: Int32Array } {
  const deltas = new Uint16Array(colIdx.length);
  const escapeRowPtr = new Int32Array(rowPtr.length);
  const escapes: number[] = [];
  for (let i = 0; i + 1 < rowPtr.length; i++) {
    let previous = 0;
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const delta = colIdx[k] - previous;
      if (delta >= ESCAPE16) escapes.push(colIdx[k]);
      deltas[k] = Math.min(delta, ESCAPE16);
      previous = colIdx[k];
    }
    escapeRowPtr[i + 1] = escapes.length;
  }
  return { deltas, escapeRowPtr, escapes: Int32Array.from(escapes) };
}
