/** Elementwise nonlinearities φ of rate networks, applied in WASM (assembly/kernels/activation.ts). */
import type { Runtime } from '../runtime.js';
import { F64Buffer } from '../wasm/arena.js';
import { requireOneOf } from '../validate.js';

/** φ: tanh (default), logistic sigmoid, relu = max(x, 0), erf (the error function itself, φ′(0) = 2/√π), linear. */
export const NONLINEARITIES = ['tanh', 'sigmoid', 'relu', 'erf', 'linear'] as const;
export type NonlinearityName = (typeof NONLINEARITIES)[number];


/** out[i] = φ(x[i]) on raw pointers (no checks): for capability modules' inner loops. */
export function applyNonlinearityRaw(rt: Runtime, name: NonlinearityName, xPtr: number, yPtr: number, n: number): void {
  switch (name) {
    case 'tanh': rt.core.act_tanh_f64(xPtr, yPtr, n); break;
    case 'sigmoid': rt.core.act_sigmoid_f64(xPtr, yPtr, n); break;
    case 'relu': rt.core.act_relu_f64(xPtr, yPtr, n); break;
    case 'erf': rt.core.act_erf_f64(xPtr, yPtr, n); break;
    case 'linear': if (yPtr !== xPtr) rt.core.rate_stage_f64(n, xPtr, xPtr, 0, yPtr); break;
  }
}

/** Checks name, x and out (same length; allocated when omitted): returns the pointers and out. */
function elementwiseOperands(rt: Runtime, where: string, name: NonlinearityName, x: F64Buffer, out?: F64Buffer) {
  requireOneOf(where, 'name', name, NONLINEARITIES);
  const xPtr = x.requireOwner(rt.arena, where, 'x');
  if (out !== undefined && out.length !== x.length) {
    throw new RangeError(`${where}: out has length ${out.length}, expected ${x.length}`);
  }
  const y = out ?? new F64Buffer(rt.arena, x.length, where);
  return { xPtr, y, yPtr: y.requireOwner(rt.arena, where, 'out') };
}

/** out[i] = φ(x[i]); `out` may be `x` (in place) and is allocated when omitted. */
export function applyNonlinearity(rt: Runtime, name: NonlinearityName, x: F64Buffer, out?: F64Buffer): F64Buffer {
  const { xPtr, y, yPtr } = elementwiseOperands(rt, 'applyNonlinearity', name, x, out);
  applyNonlinearityRaw(rt, name, xPtr, yPtr, x.length);
  return y;
}

/**
 * out[i] = φ′(x[i]) on raw pointers (no checks; relu′(0) = 0, NaN propagates): the gains of the
 * Jacobian −I + J·diag(φ′(x)) of dx/dt = −x + J·φ(x) (act_<φ>_deriv_f64 kernels).
 */
export function applyNonlinearityDerivativeRaw(rt: Runtime, name: NonlinearityName, xPtr: number, yPtr: number, n: number): void {
  switch (name) {
    case 'tanh': rt.core.act_tanh_deriv_f64(xPtr, yPtr, n); break;
    case 'sigmoid': rt.core.act_sigmoid_deriv_f64(xPtr, yPtr, n); break;
    case 'relu': rt.core.act_relu_deriv_f64(xPtr, yPtr, n); break;
    case 'erf': rt.core.act_erf_deriv_f64(xPtr, yPtr, n); break;
    case 'linear': rt.core.act_linear_deriv_f64(xPtr, yPtr, n); break;
  }
}

/** out[i] = φ′(x[i]) (relu′(0) = 0); `out` may be `x` and is allocated when omitted. */
export function applyNonlinearityDerivative(rt: Runtime, name: NonlinearityName, x: F64Buffer, out?: F64Buffer): F64Buffer {
  const { xPtr, y, yPtr } = elementwiseOperands(rt, 'applyNonlinearityDerivative', name, x, out);
  applyNonlinearityDerivativeRaw(rt, name, xPtr, yPtr, x.length);
  return y;
}
