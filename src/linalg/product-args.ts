import { type Arena, F64Buffer, requireBuffer } from '../wasm/arena.js';

/**
 * Checks the operands of y = A·x — x (length nx) and y (length ny): live, same runtime, right
 * sizes, y not x — and allocates y when it is omitted (only after the checks pass).
 */
export function productOperands(
  arena: Arena, where: string, x: F64Buffer, nx: number, y: F64Buffer | undefined, ny: number,
): { xPtr: number; out: F64Buffer; yPtr: number } {
  const xPtr = requireBuffer(F64Buffer, x, arena, where, 'x');
  if (x.length !== nx) throw new RangeError(`${where}: x has length ${x.length}, expected ${nx}`);
  if (y === undefined) {
    const out = new F64Buffer(arena, ny, where);
    return { xPtr, out, yPtr: out.ptr };
  }
  const yPtr = requireBuffer(F64Buffer, y, arena, where, 'y');
  if (y.length !== ny) throw new RangeError(`${where}: y has length ${y.length}, expected ${ny}`);
  if (xPtr === yPtr) throw new RangeError(`${where}: y must not be the same buffer as x`);
  return { xPtr, out: y, yPtr };
}

/** Checks the operands of Y = A·Xᵀ for m vectors stored as rows: x has m·nx entries, y m·ny, y not x. */
export function rowsOperands(
  arena: Arena, where: string, x: F64Buffer, nx: number, m: number, y: F64Buffer, ny: number,
): { xPtr: number; yPtr: number } {
  const xPtr = x.requireOwner(arena, where, 'x');
  const yPtr = y.requireOwner(arena, where, 'y');
  if (!Number.isInteger(m) || m < 0) throw new RangeError(`${where}: m must be an integer ≥ 0 (got ${m})`);
  if (x.length !== m * nx) throw new RangeError(`${where}: x has length ${x.length}, expected m·nCols = ${m * nx}`);
  if (y.length !== m * ny) throw new RangeError(`${where}: y has length ${y.length}, expected m·nRows = ${m * ny}`);
  if (xPtr === yPtr && m > 0) throw new RangeError(`${where}: y must not be the same buffer as x`);
  return { xPtr, yPtr };
}

/** Throws the standard use-after-dispose error for a matrix. */
export function requireLive(disposed: boolean, where: string): void {
  if (disposed) throw new Error(`${where}: matrix used after dispose()`);
}
