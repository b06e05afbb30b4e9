/**
 * Matrix-free operators y = A·x over any LinearOperator: the symmetric part of a matrix and user
 * callbacks (the Jacobian of a rate network lives in dynamics/jacobian.ts). Each owns its scratch buffers in WASM
 * memory (dispose() frees them; the wrapped operator stays the caller's).
 */
import type { Runtime } from '../runtime.js';
import { F64Buffer } from '../wasm/arena.js';
import { requireFiniteArray, requireInt } from '../validate.js';
import type { LinearOperator } from './operator.js';
import { productOperands } from './product-args.js';

/** An operator that also computes y = Aᵀ·x (DenseMatrix and CsrMatrix are). */
export interface TransposableOperator extends LinearOperator {
  multiplyTransposed(x: F64Buffer, y?: F64Buffer): F64Buffer;
}

export function requireSquare(where: string, name: string, op: LinearOperator): number {
  if (op.nRows !== op.nCols) throw new RangeError(`${where}: ${name} must be square (got ${op.nRows}×${op.nCols})`);
  return op.nRows;
}

/** Row-sized scratch for multiplyRows' fallback (x: nCols, y: nRows), for callers on a hot path. */
export interface RowScratch {
  x: F64Buffer;
  y: F64Buffer;
}

/**
 * y_a = A·x_a for the m rows of x (m·nCols) into the rows of y (m·nRows): the operator's own
 * one-pass product when it has one, otherwise m products through row-sized scratch buffers
 * (`scratch`, or buffers allocated for this call).
 */
export function multiplyRows(rt: Runtime, op: LinearOperator, x: F64Buffer, m: number, y: F64Buffer, scratch?: RowScratch): F64Buffer {
  if (op.multiplyRows) return op.multiplyRows(x, m, y);
  const where = 'multiplyRows';
  if (x.length !== m * op.nCols) throw new RangeError(`${where}: x has length ${x.length}, expected m·nCols = ${m * op.nCols}`);
  if (y.length !== m * op.nRows) throw new RangeError(`${where}: y has length ${y.length}, expected m·nRows = ${m * op.nRows}`);
  using own = scratch === undefined ? rowScratch(rt, op) : undefined;
  const { x: xa, y: ya } = scratch ?? (own as RowScratch & Disposable);
  for (let a = 0; a < m; a++) {
    xa.view().set(x.view().subarray(a * op.nCols, (a + 1) * op.nCols));
    op.multiply(xa, ya);
    y.view().set(ya.view(), a * op.nRows);
  }
  return y;
}

/** Scratch for multiplyRows on `op` (dispose it, or `using`). */
export function rowScratch(rt: Runtime, op: LinearOperator): RowScratch & Disposable {
  const x = new F64Buffer(rt.arena, op.nCols, 'rowScratch');
  const y = new F64Buffer(rt.arena, op.nRows, 'rowScratch');
  return { x, y, [Symbol.dispose]: () => { x.dispose(); y.dispose(); } };
}

/** Base for the operators here: a square n×n operator that owns some scratch buffers. */
export abstract class OwningOperator implements LinearOperator, Disposable {
  readonly nRows: number;
  readonly nCols: number;
  protected readonly rt: Runtime;
  readonly #owned: F64Buffer[];

  protected constructor(rt: Runtime, n: number, owned: F64Buffer[]) {
    this.rt = rt;
    this.nRows = n;
    this.nCols = n;
    this.#owned = owned;
  }

  abstract multiply(x: F64Buffer, y?: F64Buffer): F64Buffer;

  get disposed(): boolean {
    return this.#owned.some((b) => b.disposed);
  }

  dispose(): void {
    for (const b of this.#owned) b.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Operands of y = A·x (allocating y when omitted), after the use-after-dispose check. */
  protected operands(where: string, x: F64Buffer, y?: F64Buffer) {
    if (this.disposed) throw new Error(`${where}: operator used after dispose()`);
    return productOperands(this.rt.arena, where, x, this.nCols, y, this.nRows);
  }
}

/** A = (J + Jᵀ)/2, from J's products with x and with its transpose. */
export class SymmetricPartOperator extends OwningOperator {
  readonly matrix: TransposableOperator;
  readonly #transposed: F64Buffer;

  constructor(rt: Runtime, matrix: TransposableOperator) {
    const n = requireSquare('symmetricPartOperator', 'matrix', matrix);
    if (typeof matrix.multiplyTransposed !== 'function') {
      throw new TypeError('symmetricPartOperator: matrix must provide multiplyTransposed(x, y) (DenseMatrix and CsrMatrix do)');
    }
    const transposed = rt.f64(n);
    super(rt, n, [transposed]);
    this.matrix = matrix;
    this.#transposed = transposed;
  }

  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    const { out, yPtr } = this.operands('SymmetricPartOperator.multiply', x, y);
    this.matrix.multiply(x, out);
    this.matrix.multiplyTransposed(x, this.#transposed);
    const { core } = this.rt;
    core.blas1_axpy_f64(1, this.#transposed.ptr, yPtr, this.nRows);
    core.blas1_scal_f64(0.5, yPtr, this.nRows);
    return out;
  }
}

/** y = f(x) for a JavaScript function on copies (x is a fresh Float64Array each call). */
export class CallbackOperator extends OwningOperator {
  readonly #fn: (x: Float64Array) => ArrayLike<number>;

  constructor(rt: Runtime, n: number, fn: (x: Float64Array) => ArrayLike<number>) {
    requireInt('callbackOperator', 'n', n, 1);
    if (typeof fn !== 'function') throw new TypeError('callbackOperator: fn must be a function (x: Float64Array) => ArrayLike<number>');
    super(rt, n, []);
    this.#fn = fn;
  }

  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    const where = 'CallbackOperator.multiply';
    const { out } = this.operands(where, x, y);
    const result = this.#fn(x.toArray());
    requireFiniteArray(where, 'the callback result', result);
    if (result.length !== this.nRows) {
      throw new RangeError(`${where}: the callback returned ${result.length} values, expected n = ${this.nRows}`);
    }
    out.view().set(this.rt.arena.detachSafe(result));
    return out;
  }
}

/** The symmetric part (J + Jᵀ)/2 of a dense or CSR matrix (anything with multiplyTransposed). */
export function symmetricPartOperator(rt: Runtime, matrix: TransposableOperator): SymmetricPartOperator {
  return new SymmetricPartOperator(rt, matrix);
}

/** A user function (x: Float64Array) => y as an n×n operator; results are checked (length n, finite). */
export function callbackOperator(rt: Runtime, n: number, fn: (x: Float64Array) => ArrayLike<number>): CallbackOperator {
  return new CallbackOperator(rt, n, fn);
}

/** The n×n matrix of a square operator, column by column (n products): for full spectra of small operators. */
export function denseFromOperator(rt: Runtime, op: LinearOperator): Float64Array {
  const n = requireSquare('denseFromOperator', 'operator', op);
  const out = new Float64Array(n * n);
  rt.scope(() => {
    const e = rt.f64(n);
    const column = rt.f64(n);
    for (let j = 0; j < n; j++) {
      const unit = e.view();
      unit.fill(0);
      unit[j] = 1;
      const values = op.multiply(e, column).view();
      for (let i = 0; i < n; i++) out[i * n + j] = values[i];
    }
  });
  return out;
}
