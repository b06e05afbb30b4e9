import type { F64Buffer } from '../wasm/arena.js';

/**
 * Anything that computes y = A·x on WASM buffers: dense and CSR matrices, and later the
 * matrix-free operators (Jacobians, low-rank connectivity) that iterative solvers share.
 */
export interface LinearOperator {
  readonly nRows: number;
  readonly nCols: number;
  /** y = A·x; x has nCols entries, y has nRows (allocated when omitted); y must not be x. */
  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer;
  /**
   * Optional: y_a = A·x_a for the m rows of x (m·nCols entries) into the m rows of y (m·nRows), in
   * one pass over A where the operator can (dense matrices). Row for row it equals `multiply`.
   * Callers use `multiplyRows(op, …)` from operators.ts, which falls back to m products.
   */
  multiplyRows?: ((x: F64Buffer, m: number, y: F64Buffer) => F64Buffer) | undefined;
}
