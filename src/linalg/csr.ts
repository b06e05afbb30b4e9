/**
 * A sparse matrix in compressed sparse row form, owned in WASM memory: rowPtr i32[nRows+1],
 * colIdx i32[nnz], values f64[nnz]. Row i holds the entries A[i, colIdx[k]] = values[k] for
 * rowPtr[i] ≤ k < rowPtr[i+1], at most one entry per (row, column); columns need not be sorted.
 * (A duplicate would be summed by products but counted twice by degree statistics, so `rt.csr`
 * refuses it; the file readers and `csrFromTriplets` sum duplicates into one entry.)
 */
import type { CoreExports } from '../wasm/abi.js';
import { type Arena, disposeAll, F64Buffer, I32Buffer } from '../wasm/arena.js';
import { requireFiniteArray, requireInt, requireIntArray } from '../validate.js';
import type { LinearOperator } from './operator.js';
import { productOperands, requireLive, rowsOperands } from './product-args.js';

export interface CsrArrays {
  nRows: number;
  nCols: number;
  rowPtr: ArrayLike<number>;
  colIdx: ArrayLike<number>;
  values: ArrayLike<number>;
}

const I32_MAX = 2 ** 31 - 1;

/** Row-major dense copy of CSR arrays (duplicate entries add up, as in the product). */
export function denseOfCsrArrays({ nRows, nCols, rowPtr, colIdx, values }: CsrArrays): Float64Array {
  const out = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) out[i * nCols + colIdx[k]] += values[k];
  return out;
}

/** CSR arrays of the nonzero entries of a dense row-major nRows×nCols matrix. */
export function csrArraysOfDense(nRows: number, nCols: number, values: ArrayLike<number>): CsrArrays {
  const rowPtr = new Int32Array(nRows + 1);
  const colIdx: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) {
      if (values[i * nCols + j] !== 0) {
        colIdx.push(j);
        kept.push(values[i * nCols + j]);
      }
    }
    rowPtr[i + 1] = colIdx.length;
  }
  return { nRows, nCols, rowPtr, colIdx, values: kept };
}

/** Checks the CSR invariants; throws a RangeError naming the first violated one. */
export function validateCsr(where: string, { nRows, nCols, rowPtr, colIdx, values }: CsrArrays): number {
  requireInt(where, 'nRows', nRows, 1, I32_MAX - 1);
  requireInt(where, 'nCols', nCols, 1, I32_MAX);
  requireIntArray(where, 'rowPtr', rowPtr, 0, I32_MAX);
  if (rowPtr.length !== nRows + 1) {
    throw new RangeError(`${where}: rowPtr has length ${rowPtr.length}, expected nRows + 1 = ${nRows + 1}`);
  }
  if (rowPtr[0] !== 0) throw new RangeError(`${where}: rowPtr[0] must be 0 (got ${rowPtr[0]})`);
  for (let i = 0; i < nRows; i++) {
    if (rowPtr[i + 1] < rowPtr[i]) {
      throw new RangeError(`${where}: rowPtr must be non-decreasing (rowPtr[${i + 1}] = ${rowPtr[i + 1]} < rowPtr[${i}] = ${rowPtr[i]})`);
    }
  }
  const nnz = rowPtr[nRows];
  if (colIdx.length !== nnz) throw new RangeError(`${where}: colIdx has length ${colIdx.length}, expected rowPtr[nRows] = ${nnz}`);
  if (values.length !== nnz) throw new RangeError(`${where}: values has length ${values.length}, expected rowPtr[nRows] = ${nnz}`);
  requireIntArray(where, 'colIdx', colIdx, 0, nCols - 1);
  requireFiniteArray(where, 'values', values);
  requireUniqueColumns(where, rowPtr, colIdx);
  return nnz;
}

/** Throws when a row lists a column twice; O(nnz), plus a sort of each row that is not increasing. */
function requireUniqueColumns(where: string, rowPtr: ArrayLike<number>, colIdx: ArrayLike<number>): void {
  for (let i = 0; i + 1 < rowPtr.length; i++) {
    const [start, end] = [rowPtr[i], rowPtr[i + 1]];
    let increasing = true;
    for (let k = start + 1; k < end && increasing; k++) increasing = colIdx[k] > colIdx[k - 1];
    if (increasing) continue;
    const columns = Int32Array.from({ length: end - start }, (_, k) => colIdx[start + k]).sort();
    for (let k = 1; k < columns.length; k++) {
      if (columns[k] === columns[k - 1]) {
        const first = Array.from({ length: end - start }, (_, m) => start + m).filter((m) => colIdx[m] === columns[k]);
        throw new RangeError(
          `${where}: row ${i} lists column ${columns[k]} more than once (colIdx[${first.join('], colIdx[')}]): ` +
            'a CSR matrix holds one entry per (row, column); sum duplicates first (csrFromTriplets does)',
        );
      }
    }
  }
}

/** Validates `arrays` and copies them into WASM memory, the values into a buffer from `valueBuffer` (f64 or f32). */
export function copyCsrArrays<V extends { view(): { set(values: ArrayLike<number>): void } } & Disposable>(
  arena: Arena, arrays: CsrArrays, where: string, valueBuffer: (nnz: number) => V,
): { rowPtr: I32Buffer; colIdx: I32Buffer; values: V } {
  return copyValidCsrArrays(arena, arrays, validateCsr(where, arrays), where, valueBuffer);
}

/** copyCsrArrays without the validation, for arrays valid by construction (nnz = rowPtr[nRows]). */
function copyValidCsrArrays<V extends { view(): { set(values: ArrayLike<number>): void } } & Disposable>(
  arena: Arena, arrays: CsrArrays, nnz: number, where: string, valueBuffer: (nnz: number) => V,
): { rowPtr: I32Buffer; colIdx: I32Buffer; values: V } {
  const [rowPtrSource, colIdxSource, valueSource] = [arrays.rowPtr, arrays.colIdx, arrays.values].map((a) => arena.detachSafe(a));
  const rowPtr = new I32Buffer(arena, arrays.nRows + 1, where);
  const colIdx = new I32Buffer(arena, nnz, where);
  const values = valueBuffer(nnz);
  rowPtr.view().set(rowPtrSource);
  colIdx.view().set(colIdxSource);
  values.view().set(valueSource);
  return { rowPtr, colIdx, values };
}

/** inverse[order[i]] = i for a permutation `order` of 0…n−1 (n = order.length); a RangeError naming `order` otherwise. */
export function inversePermutation(order: ArrayLike<number>, where = 'inversePermutation'): Int32Array {
  const n = order.length;
  requireIntArray(where, 'order', order, 0, n - 1);
  const inverse = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (inverse[order[i]] !== -1) throw new RangeError(`${where}: order must be a permutation of 0…${n - 1} (${order[i]} appears twice)`);
    inverse[order[i]] = i;
  }
  return inverse;
}

/** A sparse matrix in CSR form on WASM memory (validated on the way in): y = A·x and Aᵀ·x. */
export class CsrMatrix implements LinearOperator, Disposable {
  readonly dtype = 'f64' as const;
  readonly nRows: number;
  readonly nCols: number;
  readonly nnz: number;
  readonly rowPtr: I32Buffer;
  readonly colIdx: I32Buffer;
  readonly values: F64Buffer;
  readonly #core: CoreExports;
  readonly #arena: Arena;

  /**
   * Takes ownership of buffers that already hold a valid CSR structure (generators that fill
   * them in WASM use this; `rt.csr(...)` validates and copies user arrays first).
   */
  constructor(core: CoreExports, arena: Arena, nRows: number, nCols: number,
              rowPtr: I32Buffer, colIdx: I32Buffer, values: F64Buffer) {
    this.#core = core;
    this.#arena = arena;
    this.nRows = nRows;
    this.nCols = nCols;
    this.nnz = colIdx.length;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
  }

  /** Validates `arrays` and copies them into WASM memory. */
  static fromArrays(core: CoreExports, arena: Arena, arrays: CsrArrays, where = 'rt.csr'): CsrMatrix {
    const { rowPtr, colIdx, values } = copyCsrArrays(arena, arrays, where, (nnz) => new F64Buffer(arena, nnz, where));
    return new CsrMatrix(core, arena, arrays.nRows, arrays.nCols, rowPtr, colIdx, values);
  }

  /** y = A·x. */
  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'CsrMatrix.multiply');
    const { xPtr, out, yPtr } = productOperands(this.#arena, 'CsrMatrix.multiply', x, this.nCols, y, this.nRows);
    this.#core.spmv_csr_f64(this.rowPtr.ptr, this.colIdx.ptr, this.values.ptr, this.nRows, xPtr, yPtr);
    return out;
  }

  /** y_a = A·x_a for the m rows of x into the rows of y (one spmv per row, no copies). */
  multiplyRows(x: F64Buffer, m: number, y: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'CsrMatrix.multiplyRows');
    const { xPtr, yPtr } = rowsOperands(this.#arena, 'CsrMatrix.multiplyRows', x, this.nCols, m, y, this.nRows);
    for (let a = 0; a < m; a++) {
      this.#core.spmv_csr_f64(this.rowPtr.ptr, this.colIdx.ptr, this.values.ptr, this.nRows, xPtr + 8 * a * this.nCols, yPtr + 8 * a * this.nRows);
    }
    return y;
  }

  /** y = Aᵀ·x. */
  multiplyTransposed(x: F64Buffer, y?: F64Buffer): F64Buffer {
    requireLive(this.disposed, 'CsrMatrix.multiplyTransposed');
    const { xPtr, out, yPtr } = productOperands(this.#arena, 'CsrMatrix.multiplyTransposed', x, this.nRows, y, this.nCols);
    this.#core.spmv_csr_t_f64(this.rowPtr.ptr, this.colIdx.ptr, this.values.ptr, this.nRows, this.nCols, xPtr, yPtr);
    return out;
  }

  /**
   * The matrix with its units relabelled, P A Pᵀ: entry (i, j) is A[order[i], order[j]] (square
   * matrices; order a permutation of 0…n−1, order[new] = old — see `localityOrder`). Each row keeps
   * its entries in their original order, so the product of the new matrix with x[order] equals
   * (A·x)[order] bit for bit. A new matrix (the caller disposes it).
   */
  permuted(order: ArrayLike<number>): CsrMatrix {
    const where = 'CsrMatrix.permuted';
    requireLive(this.disposed, where);
    if (this.nRows !== this.nCols) throw new RangeError(`${where}: the matrix must be square (got ${this.nRows}×${this.nCols})`);
    const n = this.nRows;
    if (order.length !== n) throw new RangeError(`${where}: order has length ${order.length}, expected n = ${n}`);
    const inverse = inversePermutation(order, where);
    const [oldPtr, oldCols, oldValues] = [this.rowPtr.view(), this.colIdx.view(), this.values.view()];
    const rowPtr = new Int32Array(n + 1);
    const colIdx = new Int32Array(this.nnz);
    const values = new Float64Array(this.nnz);
    for (let i = 0; i < n; i++) {
      const [start, end] = [oldPtr[order[i]], oldPtr[order[i] + 1]];
      const to = rowPtr[i];
      for (let k = start; k < end; k++) {
        colIdx[to + k - start] = inverse[oldCols[k]];
        values[to + k - start] = oldValues[k];
      }
      rowPtr[i + 1] = to + end - start;
    }
    // A relabelling of a valid matrix is valid: copied without validateCsr's O(nnz log K) duplicate check.
    const copied = copyValidCsrArrays(this.#arena, { nRows: n, nCols: n, rowPtr, colIdx, values }, this.nnz, where,
      (nnz) => new F64Buffer(this.#arena, nnz, where));
    return new CsrMatrix(this.#core, this.#arena, n, n, copied.rowPtr, copied.colIdx, copied.values);
  }

  /** Copies of the three arrays. */
  toArrays(): CsrArrays & { rowPtr: Int32Array; colIdx: Int32Array; values: Float64Array } {
    return {
      nRows: this.nRows,
      nCols: this.nCols,
      rowPtr: this.rowPtr.toArray(),
      colIdx: this.colIdx.toArray(),
      values: this.values.toArray(),
    };
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
