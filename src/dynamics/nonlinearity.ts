/** Elementwise nonlinearities φ of rate networks, applied in WASM (assembly/kernels/activation.ts). */
import type { Runtime } from '../runtime.js';
import { F64Buffer } from '../wasm/arena.js';
import { requireOneOf } from '../validate.js';

export const NONLINEARITIES = ['tanh', 'sigmoid', 'relu', 'linear'] as const;
export type NonlinearityName = (typeof NONLINEARITIES)[number];

/** out[i] = φ(x[i]); `out` may be `x` (in place) and is allocated when omitted. */
export function applyNonlinearity(rt: Runtime, name: NonlinearityName, x: F64Buffer, out?: F64Buffer): F64Buffer {
  const where = 'applyNonlinearity';
  requireOneOf(where, 'name', name, NONLINEARITIES);
  const xPtr = x.requireOwner(rt.arena, where, 'x');
  const y = out ?? new F64Buffer(rt.arena, x.length, where);
  const yPtr = y.requireOwner(rt.arena, where, 'out');
  if (y.length !== x.length) throw new RangeError(`${where}: out has length ${y.length}, expected ${x.length}`);
  const n = x.length;
  switch (name) {
    case 'tanh': rt.core.act_tanh_f64(xPtr, yPtr, n); break;
    case 'sigmoid': rt.core.act_sigmoid_f64(xPtr, yPtr, n); break;
    case 'relu': rt.core.act_relu_f64(xPtr, yPtr, n); break;
    case 'linear': if (yPtr !== xPtr) y.view().set(x.view()); break;
  }
  return y;
}
