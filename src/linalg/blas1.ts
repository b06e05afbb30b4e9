/** BLAS-1 on WASM buffers: dot, axpy, scale, norm (kernels in assembly/kernels/blas1.ts). */
import type { Runtime } from '../runtime.js';
import { F64Buffer, requireBuffer } from '../wasm/arena.js';
import { requireFinite } from '../validate.js';

function sameLength(where: string, x: F64Buffer, y: F64Buffer): void {
  if (x.length !== y.length) throw new RangeError(`${where}: x and y differ in length (${x.length} vs ${y.length})`);
}

/** Σ x_i y_i. */
export function dot(rt: Runtime, x: F64Buffer, y: F64Buffer): number {
  const xPtr = requireBuffer(F64Buffer, x, rt.arena, 'dot', 'x');
  const yPtr = requireBuffer(F64Buffer, y, rt.arena, 'dot', 'y');
  sameLength('dot', x, y);
  return rt.core.blas1_dot_f64(xPtr, yPtr, x.length);
}

/** y ← y + α·x (in place on y; returns y). */
export function axpy(rt: Runtime, alpha: number, x: F64Buffer, y: F64Buffer): F64Buffer {
  requireFinite('axpy', 'alpha', alpha);
  const xPtr = requireBuffer(F64Buffer, x, rt.arena, 'axpy', 'x');
  const yPtr = requireBuffer(F64Buffer, y, rt.arena, 'axpy', 'y');
  sameLength('axpy', x, y);
  rt.core.blas1_axpy_f64(alpha, xPtr, yPtr, x.length);
  return y;
}

/** x ← α·x (in place; returns x). */
export function scale(rt: Runtime, alpha: number, x: F64Buffer): F64Buffer {
  requireFinite('scale', 'alpha', alpha);
  rt.core.blas1_scal_f64(alpha, requireBuffer(F64Buffer, x, rt.arena, 'scale', 'x'), x.length);
  return x;
}

/** ‖x‖₂, without spurious overflow or underflow. */
export function norm(rt: Runtime, x: F64Buffer): number {
  return rt.core.blas1_nrm2_f64(requireBuffer(F64Buffer, x, rt.arena, 'norm', 'x'), x.length);
}
