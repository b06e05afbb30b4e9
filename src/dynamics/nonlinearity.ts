/** Elementwise nonlinearities φ of rate networks and their derivatives φ′, applied in WASM (assembly/kernels/activation.ts). */
import type { Runtime } from '../runtime.js';
import { F64Buffer } from '../wasm/arena.js';
import { requireOneOf } from '../validate.js';

export const NONLINEARITIES = ['tanh', 'sigmoid', 'relu', 'linear'] as const;
export type NonlinearityName = (typeof NONLINEARITIES)[number];

/** Checks name, x and out (allocated when omitted, same length as x) and returns the pointers. */
function elementwiseOperands(rt: Runtime, where: string, name: NonlinearityName, x: F64Buffer, out?: F64Buffer) {
  requireOneOf(where, 'name', name, NONLINEARITIES);
  const xPtr = x.requireOwner(rt.arena, where, 'x');
  const y = out ?? new F64Buffer(rt.arena, x.length, where);
  const yPtr = y.requireOwner(rt.arena, where, 'out');
  if (y.length !== x.length) throw new RangeError(`${where}: out has length ${y.length}, expected ${x.length}`);
  return { xPtr, y, yPtr, n: x.length };
}

/** out[i] = φ(x[i]); `out` may be `x` (in place) and is allocated when omitted. */
export function applyNonlinearity(rt: Runtime, name: NonlinearityName, x: F64Buffer, out?: F64Buffer): F64Buffer {
  const { xPtr, y, yPtr, n } = elementwiseOperands(rt, 'applyNonlinearity', name, x, out);
  switch (name) {
    case 'tanh': rt.core.act_tanh_f64(xPtr, yPtr, n); break;
    case 'sigmoid': rt.core.act_sigmoid_f64(xPtr, yPtr, n); break;
    case 'relu': rt.core.act_relu_f64(xPtr, yPtr, n); break;
    case 'linear': if (yPtr !== xPtr) y.view().set(x.view()); break;
  }
  return y;
}

/**
 * out[i] = φ′(x[i]) (relu′(0) = 0); `out` may be `x` and is allocated when omitted. These are the
 * gains of the Jacobian −I + J·diag(φ′(x)) of dx/dt = −x + Jφ(x).
 */
export function applyNonlinearityDerivative(rt: Runtime, name: NonlinearityName, x: F64Buffer, out?: F64Buffer): F64Buffer {
  const { xPtr, y, yPtr, n } = elementwiseOperands(rt, 'applyNonlinearityDerivative', name, x, out);
  switch (name) {
    case 'tanh': rt.core.act_tanh_deriv_f64(xPtr, yPtr, n); break;
    case 'sigmoid': rt.core.act_sigmoid_deriv_f64(xPtr, yPtr, n); break;
    case 'relu': rt.core.act_relu_deriv_f64(xPtr, yPtr, n); break;
    case 'linear': rt.core.act_linear_deriv_f64(xPtr, yPtr, n); break;
  }
  return y;
}
