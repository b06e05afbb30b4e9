/** φ and φ′ of the nonlinearity table applied to WASM buffers, with the API's checks. */
import type { Runtime } from '../runtime.js';
import { F64Buffer, requireBuffer } from '../wasm/arena.js';
import { requireOneOf } from '../validate.js';
import { type ElementwiseKernel, NONLINEARITIES, type Nonlinearity, type NonlinearityName, nonlinearity } from './nonlinearity.js';

/** Checks name, x and out (same length; allocated when omitted), then runs the kernel. */
function applyKernel(rt: Runtime, where: string, name: NonlinearityName, pick: (entry: Nonlinearity) => ElementwiseKernel,
                     x: F64Buffer, out?: F64Buffer): F64Buffer {
  const entry = nonlinearity(requireOneOf(where, 'name', name, NONLINEARITIES));
  const xPtr = requireBuffer(F64Buffer, x, rt.arena, where, 'x');
  if (out !== undefined && out.length !== x.length) {
    throw new RangeError(`${where}: out has length ${out.length}, expected ${x.length}`);
  }
  const y = out ?? new F64Buffer(rt.arena, x.length, where);
  pick(entry)(rt.core, xPtr, requireBuffer(F64Buffer, y, rt.arena, where, 'out'), x.length);
  return y;
}

/** out[i] = φ(x[i]); `out` may be `x` (in place) and is allocated when omitted. */
export function applyNonlinearity(rt: Runtime, name: NonlinearityName, x: F64Buffer, out?: F64Buffer): F64Buffer {
  return applyKernel(rt, 'applyNonlinearity', name, (e) => e.kernel, x, out);
}

/** out[i] = φ′(x[i]) (relu′(0) = 0); `out` may be `x` and is allocated when omitted. */
export function applyNonlinearityDerivative(rt: Runtime, name: NonlinearityName, x: F64Buffer, out?: F64Buffer): F64Buffer {
  return applyKernel(rt, 'applyNonlinearityDerivative', name, (e) => e.derivativeKernel, x, out);
}
